/**
 * The question's own follow-ups from the pack: first one that probes a rubric point the answers
 * have not evidenced yet, then one that is always asked; never one asked before.
 */
import { rubricCoverage } from '../../rubric/rubric-coverage.js';
import type { Decision, DecisionContext } from './types.js';

export function questionFollowUp(
  context: Pick<DecisionContext, 'question' | 'answers' | 'askedFollowUps'>,
): Pick<Decision, 'followUp' | 'probes'> | null {
  const { question, askedFollowUps } = context;
  const covered = new Set(
    rubricCoverage(context.answers.join('\n'), question.rubric)
      .filter((c) => c.covered)
      .map((c) => c.id),
  );
  const notAsked = question.followUps.filter((f) => !askedFollowUps.includes(f.prompt));
  const probing = notAsked.find((f) => f.probes !== undefined && !covered.has(f.probes));
  if (probing) return { followUp: probing.prompt, probes: probing.probes };
  const always = notAsked.find((f) => f.probes === undefined);
  if (always) return { followUp: always.prompt };
  return null;
}
