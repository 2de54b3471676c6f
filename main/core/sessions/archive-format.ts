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
import { workspacePathSchema } from '../../../content/schema/workspace-exercise.js';
import { LANGUAGES } from '../../../content/schema.js';
import { MAX_PROJECT_FILE_CHARS } from '../../contract/services/project.js';

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
  kind: z.enum(['question', 'follow_up']),
  question_id: z.string().max(200).nullable(),
  prompt_text: z.string(),
  answer_text: z.string().nullable(),
  raw_transcript: z.string().nullable(),
  draft_text: z.string(),
  status: z.enum(['asked', 'answering', 'answered', 'skipped']),
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
  status: z.enum(['pending', 'transcribing', 'done', 'failed']),
  created_at: ms,
});
export const recordingRow = z.object({
  id,
  turn_id: id,
  /** Relative to the sessions folder: <sessionId>/… */
  path: z.string().min(1).max(1000),
  sample_rate: z.number().int().min(1).max(384_000),
  duration_ms: ms.nullable(),
  status: z.enum(['recording', 'done', 'recovered']),
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
  language: z.enum(LANGUAGES),
  file: z.enum(['solution', 'tests']),
  text: z.string(),
  updated_at: ms,
});
export const workspaceProgressRow = z.object({ question_id: id, state_json: z.string(), updated_at: ms });
export const workspaceSnapshotRow = z.object({
  question_id: id,
  at: ms,
  reason: z.enum(['run', 'own', 'submit', 'turn', 'move_on', 'finish']),
  part: z.number().int().min(0),
  language: z.enum(LANGUAGES),
  files_json: z.string(),
  results_json: z.string().nullable(),
  code_text: z.string(),
});
// Bug-bash and integration workspaces (migration 005). Absent in exports made before them. A
// file's text is bounded as the app bounds a save; a snapshot's files are checked when imported.
export const projectFileRow = z.object({
  question_id: id,
  path: workspacePathSchema,
  text: z.string().max(MAX_PROJECT_FILE_CHARS).nullable(),
  updated_at: ms,
});
export const projectProgressRow = z.object({ question_id: id, state_json: z.string(), updated_at: ms });
export const projectSnapshotRow = z.object({
  question_id: id,
  at: ms,
  reason: z.enum(['run', 'check', 'reset', 'finish']),
  files_json: z.string(),
  run_json: z.string().nullable(),
});
/** A project snapshot's files, as checked on import. */
export const projectSnapshotFiles = z.record(workspacePathSchema, z.string().max(MAX_PROJECT_FILE_CHARS));
/** The live whiteboard of a design session (exports made before it existed have none). */
export const boardRow = z.object({
  scene: z.string().nullable(),
  notes_json: z.string(),
  updated_at: ms,
});
/** A whiteboard snapshot; its PNG travels as base64. */
export const boardSnapshotRow = z.object({
  turn_seq: z.number().int().min(0),
  created_at: ms,
  scene: z.string(),
  notes_json: z.string(),
  description: z.string(),
  update_text: z.string(),
  board_text: z.string(),
  svg: z.string().nullable(),
  png_base64: z.string().nullable(),
});

export const sessionBundleSchema = z.object({
  session: sessionRow,
  rounds: z.array(roundRow).min(1),
  turns: z.array(turnRow),
  segments: z.array(segmentRow),
  recordings: z.array(recordingRow),
  feedback: z.array(feedbackRow),
  boards: z.array(boardRow).max(1).default([]),
  boardSnapshots: z.array(boardSnapshotRow).default([]),
  workspaceFiles: z.array(workspaceFileRow).default([]),
  workspaceProgress: z.array(workspaceProgressRow).default([]),
  workspaceSnapshots: z.array(workspaceSnapshotRow).default([]),
  projectFiles: z.array(projectFileRow).default([]),
  projectProgress: z.array(projectProgressRow).default([]),
  projectSnapshots: z.array(projectSnapshotRow).default([]),
});
export type SessionBundle = z.infer<typeof sessionBundleSchema>;
