import { z } from 'zod';
import type { RoundKind } from '../../../content/schema.js';
import { method } from '../define.js';
import type { RoundRecord } from '../format.js';
import type { RubricCoverageView } from './interview.js';

/** Where a piece of feedback came from: deterministic rules, or the local language model. */
export type FeedbackSource = 'rules' | 'llm';

export const FILLER_KIND_NAMES = [
  'um',
  'uh',
  'er',
  'like',
  'you know',
  'sort of',
  'kind of',
  'i mean',
  'basically',
  'actually',
  'literally',
  'right?',
] as const;

/** Answers the rules cannot judge fairly; the UI says so and the model is not asked to score them. */
export type AnswerFlag = 'empty' | 'too_short' | 'not_english' | 'mostly_fillers' | 'keyword_list';

/**
 * Deterministic delivery metrics for one answer. Spoken answers (with timed transcript
 * segments) get pace, pauses and time to first word; typed answers only the text metrics.
 */
export interface AnswerMetrics {
  mode: 'spoken' | 'typed';
  words: number;
  /** Sum of the speech segments' durations (spoken only). */
  speechMs: number | null;
  /** How long the answer took, silences included. */
  wallMs: number | null;
  wpmSpeech: number | null;
  wpmWall: number | null;
  fillers: {
    total: number;
    /** Words taken by fillers ("you know" is two). */
    words: number;
    /** Per minute of speech (spoken only). */
    perMinute: number | null;
    per100Words: number;
    byKind: { kind: (typeof FILLER_KIND_NAMES)[number]; count: number }[];
    /** Each filler as it appears in the text, in order. */
    hits: { kind: (typeof FILLER_KIND_NAMES)[number]; text: string }[];
  };
  /** Silences between speech segments longer than 2.5 s (spoken only). */
  pauses: {
    count: number;
    longestMs: number | null;
    totalMs: number;
    list: { atMs: number; durationMs: number; after: string }[];
  } | null;
  timeToFirstWordMs: number | null;
  length: { usedMs: number | null; budgetMs: number | null; ratio: number | null };
  hedges: { total: number; byPhrase: { phrase: string; count: number }[] };
  repeats: { phrases: { phrase: string; count: number }[]; stutters: number };
  flags: AnswerFlag[];
}

/** One metric as the UI shows it: value, what it means, and what a good value looks like. */
export interface MetricView {
  id: 'pace_speech' | 'pace_wall' | 'fillers' | 'pauses' | 'first_word' | 'length' | 'hedges' | 'repeats';
  label: string;
  value: string;
  meaning: string;
  goodRange: string;
  status: 'good' | 'watch';
  details: string[];
}

export interface ChecklistCoverageView {
  id: string;
  label: string;
  covered: boolean;
  /** Quotes; in design rounds prefixed with where they are ("on the board: …", "in your notes: …"). */
  evidence: string[];
}

export type StarPartName = 'situation' | 'task' | 'action' | 'result';

export interface StarView {
  parts: { part: StarPartName; present: boolean; evidence: string | null }[];
  /** The result has a number, a percentage or a time saved in it. */
  resultQuantified: boolean;
  quantity: string | null;
  /** Actions told as "I did…" versus "we did…": interviewers want to hear the candidate's part. */
  iActions: number;
  weActions: number;
}

/** A span of an answer to highlight, as character offsets into that answer's text. */
export interface Highlight {
  start: number;
  end: number;
  kind: 'rubric' | 'quote';
  /** What it evidences: a rubric point, or the model's note on the quote. */
  note: string;
}

export interface AnswerFeedback {
  turnSeq: number;
  kind: 'question' | 'follow_up';
  prompt: string;
  text: string;
  metrics: AnswerMetrics;
  metricViews: MetricView[];
  highlights: Highlight[];
}

export const JUDGE_DIMENSIONS = ['content', 'depth', 'structure', 'communication'] as const;
export type JudgeDimension = (typeof JUDGE_DIMENSIONS)[number];

export interface LlmQuestionJudgement {
  scores: { dimension: JudgeDimension; label: string; score: 1 | 2 | 3 | 4; justification: string }[];
  /** Mean of the scores, one decimal. */
  overall: number;
  /** Quotes that appear verbatim in the answers (others were dropped). */
  evidence: { quote: string; note: string }[];
  droppedQuotes: number;
  strengths: string[];
  improvement: string;
  betterAnswer: string[];
}

export const CODE_NOTE_ASPECTS = ['naming', 'structure', 'edge_cases', 'tests'] as const;
export type CodeNoteAspect = (typeof CODE_NOTE_ASPECTS)[number];

/** How the feedback card and the exports name a note's aspect and file. */
export const CODE_NOTE_ASPECT_LABELS: Record<CodeNoteAspect, string> = {
  naming: 'Naming',
  structure: 'Structure',
  edge_cases: 'Edge cases',
  tests: 'Tests',
};
export const CODE_NOTE_FILE_LABELS: Record<CodeNote['file'], string> = { solution: 'Solution', tests: 'Your tests' };

/**
 * The model's note on one line of the candidate's final code (commentary, never a score: code is
 * judged by its tests). The quote is the line as it is in the file; notes quoting lines that are
 * not in the code were dropped.
 */
export interface CodeNote {
  aspect: CodeNoteAspect;
  file: 'solution' | 'tests';
  /** 1-based line in that file. */
  line: number;
  quote: string;
  note: string;
}

/** Background generation for one question: none without a model, or where the answer cannot be judged. */
export type JudgementStatus = 'unavailable' | 'skipped' | 'pending' | 'running' | 'done' | 'failed';

export interface QuestionFeedback {
  questionId: string;
  prompt: string;
  skipped: boolean;
  answers: AnswerFeedback[];
  coverage: RubricCoverageView[];
  /** The round's checklist (system design and similar rounds). */
  checklist: ChecklistCoverageView[] | null;
  /** STAR structure (behavioral and similar rounds). */
  star: StarView | null;
  outline: string[];
  pitfalls: string[];
  flags: AnswerFlag[];
  /**
   * Rubric points mentioned in a sentence (counts for the model's prompt and for tests: the UI shows
   * which points were mentioned, with quotes, and no "n of m" score without a model).
   */
  rules: { covered: number; total: number; improvement: string | null };
  /** Design rounds: what the board shows that nobody talked about ("Drew a cache … — no eviction mentioned."). */
  boardObservations?: string[];
  llm: LlmQuestionJudgement | null;
  llmStatus: JudgementStatus;
  /** Why there is no model judgement, in words for the candidate. */
  llmNote: string | null;
  /** Coding questions judged by a model: notes on the final code; empty otherwise. */
  codeNotes: CodeNote[];
}

export const HIRE_SIGNALS = ['strong_no', 'no', 'lean_yes', 'yes', 'strong_yes'] as const;
export type HireSignal = (typeof HIRE_SIGNALS)[number];

export interface RoundFeedback {
  rules: { covered: number; total: number; answered: number; questions: number; practiceNext: string[] };
  /** Answered of planned questions, and whether the round was ended early. */
  record: RoundRecord;
  llm: { summary: string; hireSignal: HireSignal; reasons: string[]; practiceNext: string[] } | null;
  llmStatus: JudgementStatus;
  llmNote: string | null;
}

export interface GenerationStatus {
  /** 'rules_only': no model is active, so only rule-based feedback exists. */
  state: 'rules_only' | 'working' | 'done' | 'failed';
  done: number;
  total: number;
}

export interface SessionFeedbackView {
  sessionId: string;
  roundKind: RoundKind;
  questions: QuestionFeedback[];
  round: RoundFeedback;
  generation: GenerationStatus;
}

export const feedbackContract = {
  /** Rule-based feedback at once, plus the model's judgement where it is ready. A pure read. */
  forSession: method(z.object({ sessionId: z.string().min(1).max(100) })).returns<SessionFeedbackView>(),
  /**
   * Starts what is missing: stores changed rule feedback and queues the model's judgements not
   * made yet (e.g. for a session from before a model was chosen, or after a restart).
   */
  request: method(z.object({ sessionId: z.string().min(1).max(100) })).returns<{ queued: number }>(),
};
