/**
 * Full-text search over questions, answers, transcript segments and notes (FTS5, see
 * migrations/002-search.ts). Whatever the candidate types is searched as plain words: FTS
 * syntax (AND, OR, NEAR, quotes, *, parentheses, column filters) has no meaning here and can
 * never make the query fail.
 */
import type { RoundKind } from '../../../content/schema.js';
import type { SearchHit, SearchHitKind, SearchResults, SnippetPart } from '../../contract/services/sessions.js';
import type { Db } from '../storage/database.js';

// Private-use characters mark the matched words in snippet() output: they cannot come from
// the tokenizer's output and, unlike HTML tags, need no escaping of the text around them.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const SNIPPET_TOKENS = 16;
/** Prefix search on the last word only from this length, so "a" does not expand to every word. */
const MIN_PREFIX_CHARS = 3;

export interface MatchQuery {
  /** The FTS5 MATCH expression, or null when nothing searchable is left. */
  match: string | null;
  terms: string[];
}

/**
 * Every word becomes a quoted FTS5 string (inner quotes doubled), so operators and special
 * characters are only ever text. Words are ANDed; the last one also matches as a prefix, which
 * suits typing and finds "idempotent" from "idempot". Words with no letter or digit (emoji,
 * punctuation) are dropped: the tokenizer would drop them too, leaving an empty phrase.
 */
export function buildMatchQuery(input: string): MatchQuery {
  const terms = input
    .normalize('NFC')
    .split(/[\s\u3000]+/u)
    .map((w) => w.trim())
    .filter((w) => /[\p{L}\p{N}]/u.test(w))
    .slice(0, 16);
  if (terms.length === 0) return { match: null, terms: [] };
  const quoted = terms.map((term, i) => {
    const phrase = `"${term.replace(/"/g, '""')}"`;
    const last = i === terms.length - 1;
    return last && [...term].length >= MIN_PREFIX_CHARS && /[\p{L}\p{N}]$/u.test(term) ? `${phrase}*` : phrase;
  });
  return { match: quoted.join(' '), terms };
}

export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let rest = snippet;
  while (rest.length > 0) {
    const open = rest.indexOf(OPEN);
    if (open === -1) {
      parts.push({ text: rest, match: false });
      break;
    }
    if (open > 0) parts.push({ text: rest.slice(0, open), match: false });
    const close = rest.indexOf(CLOSE, open + 1);
    const end = close === -1 ? rest.length : close;
    parts.push({ text: rest.slice(open + 1, end), match: true });
    rest = close === -1 ? '' : rest.slice(close + 1);
  }
  return parts.filter((p) => p.text.length > 0);
}

const hasMatch = (snippet: string | null): snippet is string => snippet !== null && snippet.includes(OPEN);

interface HitRow {
  session_id: string;
  role_title: string;
  created_at: number;
  kind: string;
  title: string;
  seq: number | null;
  start_ms: number | null;
  snip: string | null;
  snip2?: string | null;
}

const snip = (table: string, column: number) => `snippet(${table}, ${column}, '${OPEN}', '${CLOSE}', '…', ${SNIPPET_TOKENS})`;

export function searchSessions(db: Db, query: string, limit: number): SearchResults {
  const { match, terms } = buildMatchQuery(query);
  if (match === null) return { terms, hits: [], hasMore: false };
  const perTable = limit + 1;

  // Each source is read newest-indexed first straight from the index (ORDER BY rowid needs no
  // sort), so a search costs about the same however many sessions match.
  const turnRows = db
    .prepare(
      `SELECT s.id AS session_id, s.role_title, s.created_at, r.kind, r.title, t.seq, NULL AS start_ms,
              ${snip('turns_fts', 1)} AS snip, ${snip('turns_fts', 0)} AS snip2
       FROM turns_fts JOIN turns t ON t.rowid = turns_fts.rowid JOIN rounds r ON r.id = t.round_id JOIN sessions s ON s.id = r.session_id
       WHERE turns_fts MATCH ? ORDER BY turns_fts.rowid DESC LIMIT ?`,
    )
    .all(match, perTable) as HitRow[];
  const segmentRows = db
    .prepare(
      `SELECT s.id AS session_id, s.role_title, s.created_at, r.kind, r.title, t.seq, sg.start_ms, ${snip('segments_fts', 0)} AS snip
       FROM segments_fts JOIN segments sg ON sg.id = segments_fts.rowid JOIN turns t ON t.id = sg.turn_id
         JOIN rounds r ON r.id = t.round_id JOIN sessions s ON s.id = r.session_id
       WHERE segments_fts MATCH ? ORDER BY segments_fts.rowid DESC LIMIT ?`,
    )
    .all(match, perTable) as HitRow[];
  const noteRows = db
    .prepare(
      `SELECT s.id AS session_id, s.role_title, s.created_at, r.kind, r.title, NULL AS seq, NULL AS start_ms, ${snip('notes_fts', 0)} AS snip
       FROM notes_fts JOIN sessions s ON s.rowid = notes_fts.rowid JOIN rounds r ON r.session_id = s.id
       WHERE notes_fts MATCH ? ORDER BY notes_fts.rowid DESC LIMIT ?`,
    )
    .all(match, perTable) as HitRow[];

  const hit = (row: HitRow, kind: SearchHitKind, text: string): SearchHit => ({
    sessionId: row.session_id,
    roleTitle: row.role_title,
    roundTitle: row.title,
    roundKind: row.kind as RoundKind,
    createdAt: row.created_at,
    kind,
    turnSeq: row.seq,
    startMs: row.start_ms,
    snippet: snippetParts(text),
  });

  const transcriptTurns = new Set(segmentRows.map((r) => `${r.session_id}:${r.seq}`));
  const hits: SearchHit[] = [];
  for (const row of turnRows) {
    // Answer text is the segments joined: a moment in the recording is the better result.
    if (hasMatch(row.snip) && !transcriptTurns.has(`${row.session_id}:${row.seq}`)) hits.push(hit(row, 'answer', row.snip));
    else if (hasMatch(row.snip2 ?? null)) hits.push(hit(row, 'question', row.snip2 ?? ''));
  }
  for (const row of segmentRows) if (row.snip !== null) hits.push(hit(row, 'transcript', row.snip));
  for (const row of noteRows) if (row.snip !== null) hits.push(hit(row, 'notes', row.snip));

  hits.sort((a, b) => b.createdAt - a.createdAt || a.sessionId.localeCompare(b.sessionId) || (a.turnSeq ?? 0) - (b.turnSeq ?? 0) || (a.startMs ?? 0) - (b.startMs ?? 0));
  const more = turnRows.length > limit || segmentRows.length > limit || noteRows.length > limit || hits.length > limit;
  return { terms, hits: hits.slice(0, limit), hasMore: more };
}
