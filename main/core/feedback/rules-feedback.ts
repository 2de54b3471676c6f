/**
 * Rule-based feedback for a question and a round: rubric coverage, checklist, STAR structure
 * and delivery metrics, with the single most important thing to improve. Pure; it is what the
 * candidate sees without a language model, and what the model's judgement is checked against.
 */
import type { ChecklistItem, RoundKind } from '../../../content/schema.js';
import type { BoardDescription, DesignNotes } from '../../contract/services/board.js';
import type {
  AnswerFeedback,
  AnswerFlag,
  ChecklistCoverageView,
  Highlight,
  QuestionFeedback,
  RoundFeedback,
  StarView,
} from '../../contract/services/feedback.js';
import { designChecklistCoverage } from '../board/coverage.js';
import { notesText } from '../board/notes-text.js';
import { boardObservations } from '../board/observations.js';
import type { PlannedQuestion, TurnRecord } from '../interview/engine.js';
import { rubricCoverage } from '../rubric/rubric-coverage.js';
import { isKeywordList } from '../rubric/sentences.js';
import { checklistCoverage } from './checklist.js';
import { describeMetrics, GOOD } from './describe-metrics.js';
import { FLAG_MESSAGES } from './metrics/answer-checks.js';
import { deliveryMetrics } from './metrics/delivery.js';
import type { TimedSegment } from './metrics/transcript.js';
import { starStructure } from './star.js';

/** Rounds whose answers are stories, so STAR structure applies. */
const STAR_ROUNDS: readonly string[] = ['behavioral', 'hiring_manager', 'leadership'] satisfies RoundKind[];

export function usesStar(roundKind: string, question?: { star?: unknown }): boolean {
  return question?.star !== undefined || STAR_ROUNDS.includes(roundKind);
}

export type RulesQuestionFeedback = Omit<QuestionFeedback, 'llm' | 'llmStatus' | 'llmNote' | 'codeNotes'>;

export interface QuestionInput {
  question: PlannedQuestion;
  /** Every turn of this question, in order (main question, then follow-ups). */
  turns: readonly TurnRecord[];
  /** Transcript segments by turn seq; a typed answer has none. */
  segments: ReadonlyMap<number, readonly TimedSegment[]>;
  roundKind: string;
  checklist: readonly ChecklistItem[] | null;
  /** The role pack gives this question a STAR guide. */
  starGuide: boolean;
  /** Design rounds: the whiteboard and notes at the question's last answer. */
  board?: { description: BoardDescription; notes: DesignNotes } | null;
}

const SOURCE_WORDS = { transcript: '', notes: 'in your notes: ', board: 'on the board: ' } as const;

function checklistFor(q: QuestionInput, allText: string): ChecklistCoverageView[] | null {
  if (!q.checklist || q.checklist.length === 0) return null;
  if (!q.board) return checklistCoverage(allText, q.checklist);
  return designChecklistCoverage(q.checklist, {
    transcript: allText,
    notes: q.board.notes,
    board: q.board.description,
  }).map((c) => ({
    id: c.id,
    label: c.label,
    covered: c.mentioned,
    evidence: c.evidence.map((e) => (e.source === 'transcript' ? e.quote : `${SOURCE_WORDS[e.source]}“${e.quote}”`)),
  }));
}

/** Every place a piece of evidence appears in a text, as highlights that never overlap. */
export function highlightsFor(
  text: string,
  items: readonly { quote: string; kind: Highlight['kind']; note: string }[],
): Highlight[] {
  const spans: Highlight[] = [];
  for (const item of items) {
    if (!item.quote) continue;
    const at = text.indexOf(item.quote);
    if (at < 0) continue;
    const span = { start: at, end: at + item.quote.length, kind: item.kind, note: item.note };
    if (spans.some((s) => s.start < span.end && span.start < s.end)) continue;
    spans.push(span);
  }
  return spans.sort((a, b) => a.start - b.start);
}

function answered(turns: readonly TurnRecord[]): TurnRecord[] {
  return turns.filter((t) => t.status === 'answered' && (t.answer ?? '').trim().length > 0);
}

/** The flags of the question as a whole: the main answer's, unless the follow-ups make up for it. */
function questionFlags(answers: readonly AnswerFeedback[], allText: string): AnswerFlag[] {
  if (answers.length === 0) return [];
  const words = answers.reduce((sum, a) => sum + a.metrics.words, 0);
  const fillerWords = answers.reduce((sum, a) => sum + a.metrics.fillers.words, 0);
  const flags = new Set<AnswerFlag>();
  if (words < 5) flags.add('too_short');
  if (answers.every((a) => a.metrics.flags.includes('not_english'))) flags.add('not_english');
  if (fillerWords * 2 >= words && words > 0) flags.add('mostly_fillers');
  // A keyword list is English words without sentences: say that, not "not English".
  if (!flags.has('too_short') && isKeywordList(allText))
    return ['keyword_list', ...[...flags].filter((f) => f !== 'not_english')];
  return [...flags];
}

/** Fillers per 100 words from which they are the answer's biggest problem, whatever else is missing. */
const SEVERE_FILLERS_PER_100 = 8;
/** Hedges in one question's answers from which they are its biggest problem. */
const SEVERE_HEDGES = 4;

function fillerRate(answers: readonly AnswerFeedback[]): number {
  const words = answers.reduce((n, a) => n + a.metrics.words, 0);
  const fillers = answers.reduce((n, a) => n + a.metrics.fillers.total, 0);
  return words === 0 ? 0 : (fillers / words) * 100;
}

const hedgeCount = (answers: readonly AnswerFeedback[]) => answers.reduce((n, a) => n + a.metrics.hedges.total, 0);

/** Delivery so poor it outweighs content: the number is in the advice, so it is not vague. */
function deliveryProblem(answers: readonly AnswerFeedback[]): string | null {
  const rate = fillerRate(answers);
  const hedges = hedgeCount(answers);
  if (rate >= SEVERE_FILLERS_PER_100)
    return `Cut the filler words: ${Math.round(rate)} per 100 words in this answer${hedges >= SEVERE_HEDGES ? `, and ${hedges} hedges` : ''}. Pause silently where you would say "um" or "like".`;
  if (hedges >= SEVERE_HEDGES)
    return `Drop the hedges: ${hedges} in this answer ("I think", "maybe", "sort of"). Say what you would do and why.`;
  return null;
}

/**
 * How weak a question's answers look to the rules, for ordering "practice next": a flag, then
 * delivery (fillers and hedges), then the share of rubric points not mentioned.
 */
export function weakness(feedback: RulesQuestionFeedback): number {
  if (feedback.skipped) return 0;
  const flagged = feedback.flags.length > 0 ? 100 : 0;
  const missing =
    feedback.rules.total === 0 ? 0 : (feedback.rules.total - feedback.rules.covered) / feedback.rules.total;
  return flagged + fillerRate(feedback.answers) * 2 + hedgeCount(feedback.answers) * 3 + missing * 20;
}

function mostImportantImprovement(q: QuestionInput, feedback: RulesQuestionFeedback): string | null {
  if (feedback.answers.length === 0)
    return 'Give it a try next time: even a rough outline out loud is better practice than skipping.';
  const flag = feedback.flags[0];
  if (flag) return FLAG_MESSAGES[flag];
  const delivery = deliveryProblem(feedback.answers);
  if (delivery) return delivery;
  const star = feedback.star;
  if (star) {
    const missing = star.parts.filter((p) => !p.present).map((p) => p.part);
    if (missing.includes('result'))
      return 'End with the result: what changed because of what you did, ideally with a number.';
    if (missing.includes('action'))
      return 'Say what you did, step by step, in the first person: the actions are what the interviewer scores.';
    if (!star.resultQuantified)
      return 'Put a number on the result (time saved, percentage, incidents avoided): it makes the story credible.';
    if (star.weActions > star.iActions && star.weActions >= 2)
      return 'Most actions were told as "we". Say what you yourself did: "I proposed…", "I wrote…".';
  }
  const point = feedback.coverage.find((c) => !c.covered);
  if (point) {
    const why = q.question.rubric.find((r) => r.id === point.id)?.why;
    return `Cover this next time: ${point.point}${why ? ` — ${why}` : ''}`;
  }
  const observation = feedback.boardObservations?.[0];
  if (observation) return observation;
  const item = feedback.checklist?.find((c) => !c.covered);
  if (item) return `Cover this next time: ${item.label}.`;
  const main = feedback.answers[0]?.metrics;
  if (
    main?.fillers.perMinute !== null &&
    main?.fillers.perMinute !== undefined &&
    main.fillers.perMinute > GOOD.fillersPerMinute
  ) {
    return 'Cut the filler words: pause silently where you would say "um" or "like".';
  }
  if (main?.length.ratio && main.length.ratio > GOOD.length[1])
    return 'Lead with the main point and keep to the time budget.';
  return null;
}

export function rulesForQuestion(q: QuestionInput): RulesQuestionFeedback {
  const done = answered(q.turns);
  const allText = done.map((t) => t.answer ?? '').join('\n');
  const coverage = rubricCoverage(allText, q.question.rubric);
  const checklist = checklistFor(q, allText);
  const observations = q.board ? boardObservations(q.board.description, [allText, notesText(q.board.notes)]) : [];
  const star: StarView | null =
    usesStar(q.roundKind, q.starGuide ? { star: true } : undefined) && done.length > 0 ? starStructure(allText) : null;
  const evidence = [
    ...coverage.flatMap((c) => c.evidence.map((e) => ({ quote: e, kind: 'rubric' as const, note: c.point }))),
    ...(checklist ?? []).flatMap((c) => c.evidence.map((e) => ({ quote: e, kind: 'rubric' as const, note: c.label }))),
  ];
  const answers: AnswerFeedback[] = done.map((t) => {
    const metrics = deliveryMetrics({
      text: t.answer ?? '',
      segments: q.segments.get(t.seq) ?? [],
      wallMs: t.elapsedMs,
      budgetMs: t.budgetMs,
    });
    return {
      turnSeq: t.seq,
      kind: t.kind,
      prompt: t.prompt,
      text: t.answer ?? '',
      metrics,
      metricViews: describeMetrics(metrics),
      highlights: highlightsFor(t.answer ?? '', evidence),
    };
  });
  const feedback: RulesQuestionFeedback = {
    questionId: q.question.id,
    prompt: q.question.prompt,
    skipped: done.length === 0,
    answers,
    coverage,
    checklist,
    star,
    outline: q.question.outline,
    pitfalls: q.question.pitfalls,
    flags: questionFlags(answers, allText),
    rules: { covered: coverage.filter((c) => c.covered).length, total: coverage.length, improvement: null },
    ...(observations.length > 0 ? { boardObservations: observations } : {}),
  };
  feedback.rules.improvement = mostImportantImprovement(q, feedback);
  return feedback;
}

/** The three things to practice next, from what the rules saw across the round. */
export function rulesForRound(questions: readonly RulesQuestionFeedback[]): RoundFeedback['rules'] {
  const answeredQuestions = questions.filter((q) => !q.skipped);
  const ideas: string[] = [];
  const add = (idea: string) => {
    if (!ideas.includes(idea)) ideas.push(idea);
  };
  // The weakest answer's biggest problem leads, not the strong answer's one missed point.
  const weakestFirst = [...answeredQuestions].sort((a, b) => weakness(b) - weakness(a));
  for (const q of weakestFirst) if (q.rules.improvement) add(q.rules.improvement);
  const spoken = answeredQuestions
    .flatMap((q) => q.answers)
    .map((a) => a.metrics)
    .filter((m) => m.mode === 'spoken');
  const fillerRate = spoken.length ? spoken.reduce((s, m) => s + (m.fillers.perMinute ?? 0), 0) / spoken.length : 0;
  if (fillerRate > GOOD.fillersPerMinute)
    add('Cut the filler words: pause silently where you would say "um" or "like".');
  const over = answeredQuestions.filter((q) => (q.answers[0]?.metrics.length.ratio ?? 0) > GOOD.length[1]).length;
  if (over > 0) add('Keep answers inside their time: open with the headline, then the detail.');
  const skipped = questions.length - answeredQuestions.length;
  if (skipped > 0)
    add(`Practice the question${skipped === 1 ? '' : 's'} you skipped: a rough answer out loud is still practice.`);
  return {
    covered: questions.reduce((s, q) => s + q.rules.covered, 0),
    total: questions.reduce((s, q) => s + q.rules.total, 0),
    answered: answeredQuestions.length,
    questions: questions.length,
    practiceNext: ideas.slice(0, 3),
  };
}
