/**
 * The interviewer that needs no model: follow-ups chosen from the content by which rubric
 * points the answer has not evidenced yet, time-aware transitions, honest answers to the
 * candidate's questions from the role's notes.
 */
import type { Question, Role } from '../../../../content/schema.js';
import { rubricCoverage, findSignal } from '../../rubric/rubric-coverage.js';
import { tokenize } from '../../rubric/tokens.js';
import { constraintAnswer } from './constraints.js';
import { designFollowUp } from './design-follow-up.js';
import { followUpAllowed, nextQuestionAllowed } from './timing.js';
import type { Decision, DecisionContext, Interviewer } from './types.js';

const TRANSITIONS = [
  "Thanks, that's helpful. Let's move on.",
  'Okay, good. Next question.',
  "Got it. Let's switch gears.",
  "Thanks for walking me through that. Here's the next one.",
  "Alright. Let's keep going.",
];

const WRAP_UPS = [
  "That's all I had for questions. We have a few minutes left — do you have any questions for me?",
  "Let's stop there so we have time at the end. What questions do you have for me?",
];

export function pickFollowUp(context: DecisionContext): Pick<Decision, 'followUp' | 'probes' | 'revealsPart'> | null {
  const { question, askedFollowUps, revealedParts } = context;
  const parts = question.coding?.parts ?? [];
  if (revealedParts < parts.length) {
    return { followUp: parts[revealedParts], revealsPart: true };
  }
  const design = designFollowUp(context);
  if (design) return { followUp: design.followUp };
  const allAnswers = context.answers.join('\n');
  const covered = new Set(
    rubricCoverage(allAnswers, question.rubric)
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

/** A spoken line before the next question or the wrap-up, varied by position in the round. */
export function scriptedTransition(context: DecisionContext, action: 'next_question' | 'wrap_up'): string {
  const list = action === 'next_question' ? TRANSITIONS : WRAP_UPS;
  return list[(context.followUpsAsked + context.questionsLeft) % list.length] ?? list[0]!;
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
