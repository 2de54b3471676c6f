/**
 * Checks on a round's design data that the schema cannot see: phases and checklist notes name
 * checklist items that exist, the time boxes fit the round (which asks one question), a reference
 * design is a scene the whiteboard can read.
 */
import type { Round } from '../../../content/schema.js';
import { describeScene } from '../board/describe.js';
import type { PathSegment } from './parse-pack.js';

type At = (path: PathSegment[], message: string) => void;

export function checkDesignRound(round: Round, rp: PathSegment[], at: At): void {
  const ids = new Set((round.checklist ?? []).map((c) => c.id));
  const known = () => (ids.size > 0 ? `checklist ids: ${[...ids].join(', ')}` : 'the round has no checklist');
  if (round.phases) {
    round.phases.forEach((phase, p) => {
      phase.checklist.forEach((id, k) => {
        if (!ids.has(id))
          at([...rp, 'phases', p, 'checklist', k], `"${id}" is not a checklist id of this round (${known()})`);
      });
    });
    // The phases pace one problem across the whole round; a second question would get no time.
    if (round.questionsPerSession !== 1) {
      at([...rp, 'questionsPerSession'], 'must be 1 in a round with phases (one problem explored for the whole round)');
    }
    const total = round.phases.reduce((sum, p) => sum + p.minutes, 0);
    if (total > round.minutes) {
      at([...rp, 'phases'], `the phases add up to ${total} minutes but the round has ${round.minutes}`);
    }
  }
  round.questions.forEach((question, q) => {
    const design = question.design;
    if (!design) return;
    const qp: PathSegment[] = [...rp, 'questions', q, 'design'];
    for (const key of Object.keys(design.notes ?? {})) {
      if (!ids.has(key)) at([...qp, 'notes', key], `"${key}" is not a checklist id of this round (${known()})`);
    }
    const described = describeScene(design.reference);
    if (!described.ok) at([...qp, 'reference'], described.error);
    else if (described.value.components.length === 0) at([...qp, 'reference'], 'the reference design has no shapes');
  });
}
