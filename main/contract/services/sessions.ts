/**
 * Past sessions: history, detail and replay, search, progress over time, export/import, delete.
 *
 * Over 300 lines: One service's contract: its inputs and views are read together.
 */
import { z } from 'zod';
import type { Language, RoundKind } from '../../../content/schema.js';
import { method } from '../define.js';
import type { RoundRecord } from '../format.js';
import type { ConversationMessage, RoundSummaryView } from './interview.js';
import type { ProjectReview } from './project.js';
import type { ExerciseFeedback } from './workspace.js';

export type SessionStatus = 'in_progress' | 'completed' | 'abandoned';

export interface SessionListItem {
  sessionId: string;
  roleId: string;
  roleTitle: string;
  company: string | null;
  roundTitle: string;
  roundKind: RoundKind;
  status: SessionStatus;
  createdAt: number;
  endedAt: number | null;
  /** Round clock time: pauses and downtime excluded. */
  durationMs: number;
  questionsAsked: number;
  questionsAnswered: number;
  /** Answered of planned questions, and whether the round was ended early. */
  record: RoundRecord;
  /**
   * The mean of the model's scores over the session, 0–100; null when no model judged it. Rule
   * feedback gives no score: it lists what the answers mentioned, with the sentences.
   */
  modelScorePct: number | null;
  hasAudio: boolean;
}

/** A session left out of a list, a chart or an export because its stored data cannot be read. */
export interface DamagedSession {
  sessionId: string;
  reason: string;
}

export interface SessionPage {
  items: SessionListItem[];
  hasMore: boolean;
  /** Sessions of this page that could not be read (the rest of the page is still there). */
  damaged?: DamagedSession[];
}

export interface HistoryFilters {
  roles: { roleId: string; roleTitle: string; company: string | null }[];
  roundKinds: RoundKind[];
  totalSessions: number;
}

export interface SegmentView {
  id: number;
  startMs: number;
  endMs: number;
  text: string;
}

export interface RecordingView {
  id: string;
  durationMs: number | null;
  /** False when the file is gone from disk: the transcript stays, the player is not offered. */
  available: boolean;
}

export interface TurnDetail {
  seq: number;
  kind: 'question' | 'follow_up';
  questionId: string | null;
  prompt: string;
  status: string;
  answer: string | null;
  elapsedMs: number;
  budgetMs: number | null;
  askedAt: number;
  recording: RecordingView | null;
  segments: SegmentView[];
}

export interface FeedbackScore {
  dimension: string;
  /** 0–100. */
  value: number;
}

export interface FeedbackEntry {
  id: number;
  source: 'rules' | 'llm';
  /** The turn it is about, or null for the whole round. */
  turnSeq: number | null;
  createdAt: number;
  scores: FeedbackScore[];
  /** The stored JSON as written by the feedback service. */
  body: unknown;
}

export interface ConversationEntry extends ConversationMessage {
  /** The turn a question, follow-up or answer belongs to. */
  turnSeq: number | null;
}

export interface SessionDetail {
  sessionId: string;
  roleId: string;
  roleTitle: string;
  company: string | null;
  roundId: string;
  roundTitle: string;
  roundKind: RoundKind;
  status: SessionStatus;
  interviewer: 'scripted' | 'llm';
  createdAt: number;
  endedAt: number | null;
  durationMs: number;
  budgetMs: number;
  /** As in the list: the model's mean score, or null without a model's judgement. */
  modelScorePct: number | null;
  notes: string;
  conversation: ConversationEntry[];
  turns: TurnDetail[];
  feedback: FeedbackEntry[];
  /** Rubric coverage per question, shown when there is no feedback yet. */
  summary: RoundSummaryView;
  /** Coding questions worked in the editor: the final files and how each part went. */
  code: SessionCode[];
  /** Bug-bash and integration questions: each step's changes and test counts, and the final files. */
  projects: ProjectReview[];
}

export interface SessionCode {
  questionId: string;
  prompt: string;
  language: Language;
  solution: string;
  tests: string;
  feedback: ExerciseFeedback;
}

export type SearchHitKind = 'question' | 'answer' | 'transcript' | 'notes' | 'board' | 'code';

export interface SnippetPart {
  text: string;
  match: boolean;
}

export interface SearchHit {
  sessionId: string;
  roleTitle: string;
  roundTitle: string;
  roundKind: RoundKind;
  createdAt: number;
  kind: SearchHitKind;
  /** The turn to jump to; null for notes. */
  turnSeq: number | null;
  /** Where in the answer's recording the words were said (transcript hits). */
  startMs: number | null;
  snippet: SnippetPart[];
}

export interface SearchResults {
  /** The words searched for, after dropping what cannot be searched (punctuation, emoji). */
  terms: string[];
  hits: SearchHit[];
  hasMore: boolean;
}

export interface DeliveryMetrics {
  wordsPerMinute: number | null;
  fillersPer100Words: number | null;
}

export interface ProgressPoint {
  sessionId: string;
  createdAt: number;
  roleTitle: string;
  roundTitle: string;
  roundKind: RoundKind;
  /** Dimension id → 0–100 (mean over the session's answers). */
  scores: Record<string, number>;
  delivery: DeliveryMetrics;
}

export interface ProgressDimension {
  id: string;
  label: string;
  /** Every score is a model's judgement; rule feedback gives none. */
  source: 'feedback';
}

export interface RepeatedQuestion {
  questionId: string;
  prompt: string;
  attempts: number;
  lastAt: number;
}

export interface ProgressView {
  points: ProgressPoint[];
  dimensions: ProgressDimension[];
  repeatedQuestions: RepeatedQuestion[];
  damaged?: DamagedSession[];
}

export interface QuestionAttempt {
  sessionId: string;
  createdAt: number;
  roundTitle: string;
  answers: { kind: 'question' | 'follow_up'; prompt: string; text: string }[];
  elapsedMs: number;
  /** Rubric points a sentence of the answers mentioned, and the others (no share is made of them). */
  covered: string[];
  missing: string[];
  delivery: DeliveryMetrics;
}

export interface QuestionAttempts {
  questionId: string;
  prompt: string;
  attempts: QuestionAttempt[];
  damaged?: DamagedSession[];
}

export interface DataInfo {
  dataDir: string;
  totalBytes: number;
  databaseBytes: number;
  /** Recordings and other per-session files. */
  sessionFilesBytes: number;
  modelsBytes: number;
  sessions: number;
}

export interface ImportReport {
  imported: number;
  /** Already in this installation (same session id): left as they are. */
  skipped: number;
  sessionIds: string[];
}

export const MAX_NOTES_CHARS = 20_000;
/** Archives above this go through "import from folder" instead. */
export const MAX_ARCHIVE_BYTES = 1024 * 1024 * 1024;
export const DELETE_ALL_CONFIRMATION = 'delete everything';

const sessionId = z.string().min(1).max(100);
const folder = z.string().min(1).max(4096);
const dateMs = z.number().int().min(0).max(8_640_000_000_000_000);

export const sessionsContract = {
  list: method(
    z
      .object({
        roleId: z.string().min(1).max(200).optional(),
        roundKind: z.string().min(1).max(50).optional(),
        status: z.enum(['in_progress', 'completed', 'abandoned']).optional(),
        /** Sessions started at or after this time (ms). */
        from: dateMs.optional(),
        /** Sessions started before this time (ms). */
        to: dateMs.optional(),
        sort: z.enum(['newest', 'oldest', 'role']).default('newest'),
        limit: z.number().int().min(1).max(100).default(25),
        offset: z.number().int().min(0).max(1_000_000).default(0),
      })
      .default({ sort: 'newest', limit: 25, offset: 0 }),
  ).returns<SessionPage>(),
  filters: method(z.undefined()).returns<HistoryFilters>(),
  detail: method(z.object({ sessionId })).returns<SessionDetail>(),
  setNotes: method(z.object({ sessionId, notes: z.string().max(MAX_NOTES_CHARS) })).returns<{ savedAt: number }>(),
  /** The recording of one answer as WAV bytes (base64), for the replay player. */
  audio: method(z.object({ recordingId: z.string().min(1).max(300) })).returns<{ mimeType: string; base64: string }>(),
  search: method(
    z.object({ query: z.string().max(500), limit: z.number().int().min(1).max(200).default(30) }),
  ).returns<SearchResults>(),
  progress: method(
    z
      .object({ roleId: z.string().min(1).max(200).optional(), roundKind: z.string().min(1).max(50).optional() })
      .default({}),
  ).returns<ProgressView>(),
  attempts: method(z.object({ questionId: z.string().min(1).max(200) })).returns<QuestionAttempts>(),
  exportMarkdown: method(z.object({ sessionId })).returns<{ fileName: string; text: string }>(),
  exportPdf: method(z.object({ sessionId })).returns<{ fileName: string; base64: string }>(),
  /** Every session (rows as JSON, plus audio) as one zip archive. */
  exportArchive: method(z.undefined()).returns<{
    fileName: string;
    base64: string;
    sessions: number;
    /** Sessions left out because their data cannot be read (an import would refuse them). */
    damaged?: DamagedSession[];
  }>(),
  /** The same content as a folder, created inside `folder`. */
  exportToFolder: method(z.object({ folder })).returns<{
    path: string;
    sessions: number;
    files: number;
    damaged?: DamagedSession[];
  }>(),
  importArchive: method(
    z.object({
      bytes: z
        .instanceof(Uint8Array)
        .refine(
          (b) => b.byteLength <= MAX_ARCHIVE_BYTES,
          'The archive is larger than 1 GB; unzip it and import the folder instead.',
        ),
    }),
  ).returns<ImportReport>(),
  importFolder: method(z.object({ folder })).returns<ImportReport>(),
  delete: method(z.object({ sessionId })).returns<{ sessionId: string }>(),
  /** Deletes every session and recording; settings, role packs and models stay. */
  deleteAll: method(z.object({ confirmation: z.literal(DELETE_ALL_CONFIRMATION) })).returns<{ deleted: number }>(),
  dataInfo: method(z.undefined()).returns<DataInfo>(),
};
