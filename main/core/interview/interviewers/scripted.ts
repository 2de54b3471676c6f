/**
 * The interviewer that needs no model: follow-ups chosen from the content by which rubric
 * points the answer has not evidenced yet (in a design round: by phase and checklist, see
 * design-follow-up.ts), transitions that say the time left as the clock has it, honest answers
 * to the candidate's questions from the role's notes.
 */
import type { Question, Role } from '../../../../content/schema.js';
import { rubricCoverage, findSignal } from '../../rubric/rubric-coverage.js';
import { tokenize } from '../../rubric/tokens.js';
import { constraintAnswer } from './constraints.js';
import { designFollowUp } from './design-follow-up.js';
import { questionFollowUp } from './question-follow-up.js';
import {
  followUpAllowed,
  isPhaseTimed,
  nextQuestionAllowed,
  timeLeftWords,
  WRAP_UP_RESERVE_MS,
  FOLLOW_UP_MIN_MS,
} from './timing.js';
import type { Decision, DecisionContext, Interviewer } from './types.js';

const TRANSITIONS = [
  "Thanks, that's helpful. Let's move on.",
  'Okay, good. Next question.',
  "Got it. Let's switch gears.",
  "Thanks for walking me through that. Here's the next one.",
  "Alright. Let's keep going.",
];

export function pickFollowUp(
  context: DecisionContext,
): Pick<Decision, 'followUp' | 'probes' | 'revealsPart' | 'transition' | 'designPhase'> | null {
  const { question, revealedParts } = context;
  // In the workspace, parts appear when the tests pass (or the candidate moves on), not as follow-ups.
  const parts = context.workspace ? [] : (question.coding?.parts ?? []);
  if (revealedParts < parts.length) {
    return { followUp: parts[revealedParts], revealsPart: true };
  }
  if (isPhaseTimed(context.round)) {
    const design = designFollowUp(context);
    if (!design) return null;
    return {
      followUp: design.followUp,
      ...(design.probes ? { probes: design.probes } : {}),
      ...(design.transition ? { transition: design.transition } : {}),
      ...(design.designPhase ? { designPhase: design.designPhase } : {}),
    };
  }
  return questionFollowUp(context);
}

/**
 * The wrap-up line, with the time left said as the clock has it. Near the end: stop so there is
 * time for the candidate's questions; with time to spare (nothing left to ask): say so.
 */
export function wrapUpLine(
  context: Pick<DecisionContext, 'roundRemainingMs' | 'followUpsAsked' | 'questionsLeft'>,
): string {
  const remaining = context.roundRemainingMs;
  if (remaining <= 0) return "We're at time, so let's stop here. If you have a quick question for me, go ahead.";
  const left = timeLeftWords(remaining);
  if (remaining <= WRAP_UP_RESERVE_MS + FOLLOW_UP_MIN_MS) {
    const lines = [
      `Let's stop there so we have time at the end. We have ${left} left — do you have any questions for me?`,
      `That's all we have time for on my side. With ${left} left, do you have any questions for me?`,
    ];
    return lines[(context.followUpsAsked + context.questionsLeft) % lines.length]!;
  }
  return `That's everything I wanted to ask, and we still have ${left}. Do you have any questions for me?`;
}

/** A spoken line before the next question or the wrap-up, varied by position in the round. */
export function scriptedTransition(context: DecisionContext, action: 'next_question' | 'wrap_up'): string {
  if (action === 'wrap_up') return wrapUpLine(context);
  return TRANSITIONS[(context.followUpsAsked + context.questionsLeft) % TRANSITIONS.length] ?? TRANSITIONS[0]!;
}

export function scriptedDecision(context: DecisionContext): Decision {
  const allAnswers = context.answers.join('\n');
  const coveredRubricIds = rubricCoverage(allAnswers, context.question.rubric)
    .filter((c) => c.covered)
    .map((c) => c.id);

  if (followUpAllowed(context)) {
    const followUp = pickFollowUp(context);
    if (followUp) return { action: 'follow_up', ...followUp, coveredRubricIds };
  }
  if (nextQuestionAllowed(context)) {
    return { action: 'next_question', transition: scriptedTransition(context, 'next_question'), coveredRubricIds };
  }
  return { action: 'wrap_up', transition: scriptedTransition(context, 'wrap_up'), coveredRubricIds };
}

export function scriptedClarification(candidateQuestion: string, question?: Pick<Question, 'design'>): string {
  const stated = question ? constraintAnswer(question, candidateQuestion) : null;
  if (stated) return stated;
  const lower = candidateQuestion.toLowerCase();
  if (/\b(scale|how many|traffic|users|qps|volume|size)\b/.test(lower)) {
    return 'Good question. Pick a realistic number, say it out loud, and design for it — I care more about how your design changes with scale than the exact figure.';
  }
  if (/\b(language|python|javascript|typescript|java)\b/.test(lower)) {
    return 'Use whichever language you are most comfortable in.';
  }
  if (/\b(assume|assumption|can i|should i|is it ok|allowed)\b/.test(lower)) {
    return "That's a reasonable thing to ask. Make the assumption you think is most realistic, state it clearly, and carry on — we can revisit it.";
  }
  return "Good question. I'll leave that open: tell me what you would assume and why, then go ahead.";
}

/** Answers from the role's notes when the question matches one; otherwise an honest decline. */
export function scriptedCandidateAnswer(role: Role, candidateQuestion: string): string {
  const tokens = tokenize(candidateQuestion);
  let best: { score: number; answer: string } | null = null;
  for (const note of role.candidateQuestions) {
    const score = note.signals.filter((s) => findSignal(tokens, candidateQuestion, s) !== null).length;
    if (score > 0 && (!best || score > best.score)) best = { score, answer: note.answer };
  }
  if (best) return best.answer;
  return "That's a good question, and honestly it's not something I can speak to in this practice interview. In a real loop, write it down and ask your recruiter or the hiring manager — it's a great thing to ask.";
}

export const scriptedInterviewer: Interviewer = {
  kind: 'scripted',
  decide: async (context) => scriptedDecision(context),
  clarify: async ({ question, candidateQuestion }) => scriptedClarification(candidateQuestion, question),
  answerCandidateQuestion: async ({ role, candidateQuestion }) => scriptedCandidateAnswer(role, candidateQuestion),
};
