/**
 * What the LLM interviewer is told. The system prompt is fixed for the whole round (so the KV
 * cache of every earlier turn stays valid); everything about the current question travels in
 * the user message of the turn that first meets it. Outlines, pitfalls, STAR notes and coding
 * solutions are never included: the model cannot give away what it was never shown.
 */
import type { Question, Role, Round } from '../../../../../content/schema.js';
import { notesText } from '../../../board/notes-text.js';
import { describeLook } from '../../../workspace/interviewer-look.js';
import { constraintLines } from '../constraints.js';
import { designProgress } from '../design-follow-up.js';
import { isPhaseTimed, timeLeftWords } from '../timing.js';
import type { BoardLook, DecisionContext } from '../types.js';

const ROUND_KIND_WORDS: Record<Round['kind'], string> = {
  coding: 'coding',
  system_design: 'system design',
  behavioral: 'behavioral',
  hiring_manager: 'hiring manager',
  debugging: 'debugging',
  product_sense: 'product sense',
  technical_deep_dive: 'technical deep-dive',
  ml_design: 'machine learning design',
  data_modeling: 'data modeling',
  execution: 'execution',
  leadership: 'leadership',
  recruiter_screen: 'recruiter screen',
};

/** Answers longer than this are cut (keeping their start, so a growing draft keeps its prefix). */
export const MAX_ANSWER_CHARS = 8000;

export function systemPrompt(role: Role, round: Round, earlier: readonly string[] = []): string {
  const where = role.company ? ` at ${role.company}` : '';
  const lines = [
    `You are an experienced interviewer running a ${ROUND_KIND_WORDS[round.kind]} interview ("${round.title}") for the role ${role.title} (${role.level})${where}.`,
    'You speak out loud to the candidate, so use short, natural spoken sentences: no lists, no markdown, no code.',
    'Ask one question at a time. Never give away the answer, never hint at a solution, never lecture and never grade the candidate out loud.',
    'A good follow-up probes what the answer left out or kept vague (use the rubric points), or asks for specifics: numbers, trade-offs, failure cases, what the candidate personally did. Keep it under 30 words.',
    '',
    'Each candidate answer comes with the question it belongs to. Reply with JSON only:',
    '{"followUp": "<your spoken follow-up>", "coveredRubricIds": [...]} to ask one follow-up,',
    '{"action": "next_question", "coveredRubricIds": [...]} when the answer is complete enough to move on',
    '(at the end of the round this is {"action": "wrap_up", ...} instead).',
    'coveredRubricIds lists the ids of the rubric points that the answers to the current question have clearly covered so far.',
    'When the candidate asks a clarifying question instead, reply in one or two plain spoken sentences without JSON, and without giving away the answer.',
  ];
  const phases = round.phases ?? [];
  if (phases.length > 0) {
    lines.push(
      '',
      `This round explores one problem for the whole round, phase by phase: ${phases.map((p) => `${p.title} (${p.minutes} min)`).join(', ')}.`,
      'Each answer comes with the round time and the current phase: ask about what that phase has not covered yet, or what the answers kept vague. Keep asking follow-ups until the time is up; the wrap-up comes when the clock says so.',
    );
  }
  if (earlier.length > 0) lines.push('', 'Earlier in this interview (summary):', ...earlier.map((line) => `- ${line}`));
  return lines.join('\n');
}

function clip(text: string): string {
  const trimmed = text.trim();
  return trimmed.length <= MAX_ANSWER_CHARS ? trimmed : `${trimmed.slice(0, MAX_ANSWER_CHARS)} [the answer goes on]`;
}

/** `followUpsLeft`: null in a phase-timed round, where the clock paces the follow-ups instead of a count. */
export function questionHeader(question: Question, followUpsLeft: number | null): string {
  return [
    `Question: ${question.prompt}`,
    'Rubric points for this question (id: point):',
    ...question.rubric.map((r) => `- ${r.id}: ${r.point}`),
    ...constraintLines(question),
    followUpsLeft === null
      ? 'Ask follow-ups on it phase by phase until the round time is up.'
      : `You may ask up to ${followUpsLeft} follow-up${followUpsLeft === 1 ? '' : 's'} on it.`,
  ].join('\n');
}

type PhaseContext = Pick<
  DecisionContext,
  'round' | 'question' | 'board' | 'answers' | 'askedFollowUps' | 'designPhase' | 'roundElapsedMs' | 'roundRemainingMs'
>;

/**
 * A design round's turn: the round time (whole minutes, so a draft's pre-evaluation and the
 * decision usually agree) and the phase with what it has not covered. Empty in other rounds.
 */
export function phaseLine(context: PhaseContext): string {
  const progress = designProgress(context);
  if (!progress) return '';
  const { position, open } = progress;
  const phases = context.round.phases ?? [];
  const usedMinutes = Math.floor((context.roundElapsedMs ?? 0) / 60_000);
  const gaps = position.phase.checklist
    .filter((id) => open.has(id))
    .map((id) => context.round.checklist?.find((c) => c.id === id)?.label ?? id);
  const lines = [
    `Round time: ${usedMinutes} minutes used, ${timeLeftWords(context.roundRemainingMs)} left.`,
    `Current phase: ${position.phase.title} (${position.index + 1} of ${phases.length}, time box ${position.phase.minutes} minutes).`,
    gaps.length > 0
      ? `Not yet covered in this phase: ${gaps.join('; ')}.`
      : 'This phase has no checklist gaps left: probe deeper on what the answers kept vague.',
  ];
  return lines.join('\n');
}

/**
 * The user message for the newest answer. `knowsQuestion` is whether this chat already saw the
 * question (then only the answer is new); otherwise the question and any earlier exchange on it
 * come first, so a chat created mid-question (app restarted, model changed) is not lost.
 */
export function answerMessage(
  context: Pick<
    DecisionContext,
    'question' | 'answers' | 'askedFollowUps' | 'maxFollowUps' | 'followUpsAsked' | 'workspace' | 'board'
  > &
    Partial<PhaseContext>,
  knowsQuestion: boolean,
): string {
  const latest = context.answers.at(-1) ?? '';
  const parts: string[] = [];
  const { round, roundRemainingMs } = context;
  const phased = round && roundRemainingMs !== undefined && isPhaseTimed(round) ? { round, roundRemainingMs } : null;
  if (!knowsQuestion) {
    const left = phased ? null : Math.max(0, context.maxFollowUps - context.followUpsAsked);
    parts.push(questionHeader(context.question, left));
    const earlier = context.answers.slice(0, -1);
    earlier.forEach((answer, i) => {
      parts.push(`Candidate: ${clip(answer)}`);
      const asked = context.askedFollowUps[i];
      if (asked) parts.push(`You asked: ${asked}`);
    });
  }
  parts.push(`Candidate's answer:\n${clip(latest)}`);
  if (context.workspace) {
    parts.push(
      `${describeLook(context.workspace)}\nAsk about the code as a practical-coding interviewer would: its complexity, an edge case their tests do not cover yet, why this data structure, what would change for the next requirement. Never give the solution or write code for them.`,
    );
  }
  if (context.board) parts.push(boardMessage(context.board));
  // Last, so the answer's tokens stay a shared prefix with the draft pre-evaluated before it.
  if (phased) parts.push(phaseLine({ ...context, ...phased }));
  return parts.join('\n\n');
}

export function clarifyMessage(question: Question, candidateQuestion: string, knowsQuestion: boolean): string {
  const parts = knowsQuestion ? [] : [[`Question: ${question.prompt}`, ...constraintLines(question)].join('\n')];
  parts.push(
    `The candidate asks a clarifying question (reply in plain spoken sentences, no JSON):\n${clip(candidateQuestion)}`,
  );
  return parts.join('\n\n');
}

/** One line per finished question, for the summary that replaces old turns when the context fills. */
export function summaryLine(question: Question, coveredRubricIds: readonly string[]): string {
  const covered =
    coveredRubricIds.length > 0 ? `covered ${coveredRubricIds.join(', ')}` : 'covered no rubric point clearly';
  return `"${question.prompt.slice(0, 160)}" — ${covered}.`;
}

/** The whiteboard as the model reads it: what changed since its last look, and the notes pane. */
export function boardMessage(board: BoardLook): string {
  const lines = [`The candidate's whiteboard (you may ask about what is on it):\n${board.update}`];
  const notes = notesText(board.notes);
  if (notes) lines.push(`Their notes:\n${clip(notes).slice(0, 1500)}`);
  return lines.join('\n\n');
}
