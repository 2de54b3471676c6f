/**
 * The export format: a manifest, then one folder per session holding its database rows as
 * JSON (session.json) and its files (recordings), under the same relative paths the data
 * folder uses. The same layout is a zip archive or a plain folder.
 *
 *   manifest.json
 *   sessions/<sessionId>/session.json
 *   sessions/<sessionId>/<recordings…>
 */
import { z } from 'zod';

export const ARCHIVE_FORMAT = 'interview-rehearsal-export';
export const ARCHIVE_FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
export const SESSION_FILE = 'session.json';

export const manifestSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  formatVersion: z.number().int().min(1),
  exportedAt: z.number(),
  schemaVersion: z.number().int(),
  sessionIds: z.array(z.string()),
});
export type Manifest = z.infer<typeof manifestSchema>;

const id = z.string().min(1).max(200);
const ms = z.number().int();

// Rows as the database holds them. Unknown extra columns (from a newer app) are ignored.
export const sessionRow = z.object({
  id: z.string().min(1).max(100),
  role_id: id,
  role_title: z.string().max(500),
  company: z.string().max(500).nullable(),
  status: z.enum(['in_progress', 'completed', 'abandoned']),
  interviewer: z.string().max(50),
  notes: z.string(),
  created_at: ms,
  updated_at: ms,
  ended_at: ms.nullable(),
});
export const roundRow = z.object({
  id,
  session_id: id,
  round_id: id,
  kind: z.string().max(100),
  title: z.string().max(500),
  budget_ms: ms,
  state_json: z.string(),
  started_at: ms,
  ended_at: ms.nullable(),
});
export const turnRow = z.object({
  id,
  round_id: id,
  seq: z.number().int().min(1),
  kind: z.string().max(50),
  question_id: z.string().max(200).nullable(),
  prompt_text: z.string(),
  answer_text: z.string().nullable(),
  raw_transcript: z.string().nullable(),
  draft_text: z.string(),
  status: z.string().max(50),
  budget_ms: ms.nullable(),
  asked_at: ms,
  answer_started_at: ms.nullable(),
  answer_ended_at: ms.nullable(),
});
export const segmentRow = z.object({
  turn_id: id,
  start_ms: ms,
  end_ms: ms,
  text: z.string(),
  status: z.string().max(50),
  created_at: ms,
});
export const recordingRow = z.object({
  id,
  turn_id: id,
  /** Relative to the sessions folder: <sessionId>/… */
  path: z.string().min(1).max(1000),
  sample_rate: z.number().int(),
  duration_ms: ms.nullable(),
  status: z.string().max(50),
  created_at: ms,
});
export const feedbackRow = z.object({
  turn_id: id.nullable(),
  round_id: id.nullable(),
  source: z.enum(['rules', 'llm']),
  body_json: z.string(),
  created_at: ms,
});

// Coding workspaces (files, progress, snapshots). Absent in exports made before them.
export const workspaceFileRow = z.object({
  question_id: id,
  language: z.string().max(50),
  file: z.enum(['solution', 'tests']),
  text: z.string(),
  updated_at: ms,
});
export const workspaceProgressRow = z.object({ question_id: id, state_json: z.string(), updated_at: ms });
export const workspaceSnapshotRow = z.object({
  question_id: id,
  at: ms,
  reason: z.string().max(50),
  part: z.number().int().min(0),
  language: z.string().max(50),
  files_json: z.string(),
  results_json: z.string().nullable(),
  code_text: z.string(),
});

export const sessionBundleSchema = z.object({
  session: sessionRow,
  rounds: z.array(roundRow).min(1),
  turns: z.array(turnRow),
  segments: z.array(segmentRow),
  recordings: z.array(recordingRow),
  feedback: z.array(feedbackRow),
  workspaceFiles: z.array(workspaceFileRow).default([]),
  workspaceProgress: z.array(workspaceProgressRow).default([]),
  workspaceSnapshots: z.array(workspaceSnapshotRow).default([]),
});
export type SessionBundle = z.infer<typeof sessionBundleSchema>;
