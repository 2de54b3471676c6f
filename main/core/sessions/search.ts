/**
 * Full-text search over questions, answers, transcript segments, notes and code (FTS5, see
 * migrations/002-search.ts, 004-workspace.ts and 007-project-search.ts). Whatever the candidate
 * types is searched as plain words: FTS syntax (AND, OR, NEAR, quotes, *, parentheses, column
 * filters) has no meaning here and can never make the query fail.
 */
import type { RoundKind } from '../../../content/schema.js';
import type { SearchHit, SearchHitKind, SearchResults, SnippetPart } from '../../contract/services/sessions.js';
import type { Db } from '../storage/database.js';

// Private-use characters mark the matched words in snippet() output: they cannot come from
// the tokenizer's output and, unlike HTML tags, need no escaping of the text around them.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const SNIPPET_TOKENS = 16;
/** The last word is tried as a prefix only from this length, so "a" does not expand to every word. */
const MIN_PREFIX_CHARS = 3;
/** Scripts written without spaces are indexed as runs: a prefix finds a word at a run's start. */
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;

export interface MatchQuery {
  /** The FTS5 MATCH expression for the words as typed, or null when nothing searchable is left. */
  match: string | null;
  /** The words before the last one, quoted, for a prefix search on the last word; null when the last word is too short. */
  prefix: { before: string[]; last: string } | null;
  terms: string[];
}

const quote = (term: string) => `"${term.replace(/"/g, '""')}"`;

/**
 * Every word becomes a quoted FTS5 string (inner quotes doubled), so operators and special
 * characters are only ever text. Words are ANDed. Words with no letter or digit (emoji,
 * punctuation) are dropped: the tokenizer would drop them too, leaving an empty phrase.
 */
export function buildMatchQuery(input: string): MatchQuery {
  const terms = input
    .normalize('NFC')
    .split(/[\s\u3000]+/u)
    .map((w) => w.trim())
    .filter((w) => /[\p{L}\p{N}]/u.test(w))
    .slice(0, 16);
  if (terms.length === 0) return { match: null, prefix: null, terms: [] };
  const quoted = terms.map(quote);
  const last = terms[terms.length - 1] ?? '';
  const prefixable =
    ([...last].length >= MIN_PREFIX_CHARS || UNSPACED_SCRIPT.test(last)) && /[\p{L}\p{N}]$/u.test(last);
  return { match: quoted.join(' '), prefix: prefixable ? { before: quoted.slice(0, -1), last } : null, terms };
}

/** A word as the unicode61 tokenizer (remove_diacritics 2) stores it, when it is one token. */
export function foldToken(word: string): string | null {
  const folded = word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().normalize('NFC');
  return /^[\p{L}\p{N}]+$/u.test(folded) ? folded : null;
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

const snip = (table: string, column: number) =>
  `snippet(${table}, ${column}, '${OPEN}', '${CLOSE}', '…', ${SNIPPET_TOKENS})`;

/**
 * Whole words first: a word's postings are read newest first and reading stops at the limit,
 * so the cost does not grow with the history. Only when that leaves the page short is the
 * last word also tried as a prefix (a word still being typed, or "migrat" for "migration").
 */
export function searchSessions(db: Db, query: string, limit: number): SearchResults {
  const { match, prefix, terms } = buildMatchQuery(query);
  if (match === null) return { terms, hits: [], hasMore: false };
  const exact = runSearch(db, () => match, limit);
  if (exact.hits.length >= limit || prefix === null) return { terms, ...exact };
  const prefixed = runSearch(db, (table) => prefixMatch(db, table, prefix), limit);
  const key = (h: SearchHit) => `${h.kind}:${h.sessionId}:${h.turnSeq ?? ''}:${h.startMs ?? ''}`;
  const seen = new Set(exact.hits.map(key));
  const merged = [...exact.hits, ...prefixed.hits.filter((h) => !seen.has(key(h)))];
  merged.sort(byRecency);
  return { terms, hits: merged.slice(0, limit), hasMore: exact.hasMore || prefixed.hasMore || merged.length > limit };
}

type FtsTable = 'turns_fts' | 'segments_fts' | 'notes_fts' | 'board_fts' | 'snapshots_fts' | 'project_snapshots_fts';
/** More words than this sharing the prefix: FTS5's own prefix query is used instead. */
const MAX_EXPANSION = 24;

/**
 * The last word as a prefix. FTS5 answers "word"* by merging the postings of every word with
 * that prefix before returning anything, which grows with the history; looking the words up
 * in the index's vocabulary (fts5vocab, sorted by word) and asking for them by name, ORed,
 * lets the answer stream newest first like any whole-word search.
 */
function prefixMatch(db: Db, table: FtsTable, prefix: { before: string[]; last: string }): string | null {
  const folded = foldToken(prefix.last);
  const fallback = [...prefix.before, `${quote(prefix.last)}*`].join(' ');
  if (folded === null) return fallback;
  const words = (
    db
      .prepare(`SELECT term FROM ${table}_vocab WHERE term >= ? AND term < ? LIMIT ${MAX_EXPANSION + 1}`)
      .all(folded, `${folded}\u{10FFFF}`) as { term: string }[]
  ).map((r) => r.term);
  if (words.length === 0) return null;
  if (words.length > MAX_EXPANSION) return fallback;
  // An explicit AND: FTS5 accepts implicit AND between phrases only, not before a bracket.
  return [...prefix.before, `(${words.map(quote).join(' OR ')})`].join(' AND ');
}

function byRecency(a: SearchHit, b: SearchHit): number {
  return (
    b.createdAt - a.createdAt ||
    a.sessionId.localeCompare(b.sessionId) ||
    (a.turnSeq ?? 0) - (b.turnSeq ?? 0) ||
    (a.startMs ?? 0) - (b.startMs ?? 0)
  );
}

function runSearch(
  db: Db,
  matchFor: (table: FtsTable) => string | null,
  limit: number,
): { hits: SearchHit[]; hasMore: boolean } {
  const perTable = limit + 1;
  const rowsOf = (table: FtsTable, sql: string): HitRow[] => {
    const match = matchFor(table);
    return match === null ? [] : (db.prepare(sql).all(match, perTable) as HitRow[]);
  };

  // Each source is read newest-indexed first straight from the index (ORDER BY rowid needs no
  // sort), so a search costs about the same however many sessions match.
  const turnRows = rowsOf(
    'turns_fts',
    `SELECT s.id AS session_id, s.role_title, s.created_at, r.kind, r.title, t.seq, NULL AS start_ms,
              ${snip('turns_fts', 1)} AS snip, ${snip('turns_fts', 0)} AS snip2
       FROM turns_fts JOIN turns t ON t.rowid = turns_fts.rowid JOIN rounds r ON r.id = t.round_id JOIN sessions s ON s.id = r.session_id
       WHERE turns_fts MATCH ? ORDER BY turns_fts.rowid DESC LIMIT ?`,
  );
  const segmentRows = rowsOf(
    'segments_fts',
    `SELECT s.id AS session_id, s.role_title, s.created_at, r.kind, r.title, t.seq, sg.start_ms, ${snip('segments_fts', 0)} AS snip
       FROM segments_fts JOIN segments sg ON sg.id = segments_fts.rowid JOIN turns t ON t.id = sg.turn_id
         JOIN rounds r ON r.id = t.round_id JOIN sessions s ON s.id = r.session_id
       WHERE segments_fts MATCH ? ORDER BY segments_fts.rowid DESC LIMIT ?`,
  );
  const noteRows = rowsOf(
    'notes_fts',
    `SELECT s.id AS session_id, s.role_title, s.created_at, r.kind, r.title, NULL AS seq, NULL AS start_ms, ${snip('notes_fts', 0)} AS snip
       FROM notes_fts JOIN sessions s ON s.rowid = notes_fts.rowid JOIN rounds r ON r.session_id = s.id
       WHERE notes_fts MATCH ? ORDER BY notes_fts.rowid DESC LIMIT ?`,
  );

  // Code: every snapshot of a file is indexed; one hit per session (its newest matching snapshot).
  const codeRows = rowsOf(
    'snapshots_fts',
    `SELECT s.id AS session_id, s.role_title, s.created_at, r.kind, r.title, NULL AS seq, NULL AS start_ms, ${snip('snapshots_fts', 0)} AS snip
       FROM snapshots_fts JOIN workspace_snapshots w ON w.id = snapshots_fts.rowid JOIN sessions s ON s.id = w.session_id
         JOIN rounds r ON r.session_id = s.id
       WHERE snapshots_fts MATCH ? ORDER BY snapshots_fts.rowid DESC LIMIT ?`,
  );
  // Bug-bash and integration projects: every file of every snapshot (migrations/007-project-search.ts).
  const projectRows = rowsOf(
    'project_snapshots_fts',
    `SELECT s.id AS session_id, s.role_title, s.created_at, r.kind, r.title, NULL AS seq, NULL AS start_ms, ${snip('project_snapshots_fts', 0)} AS snip
       FROM project_snapshots_fts JOIN project_snapshots p ON p.id = project_snapshots_fts.rowid JOIN sessions s ON s.id = p.session_id
         JOIN rounds r ON r.session_id = s.id
       WHERE project_snapshots_fts MATCH ? ORDER BY project_snapshots_fts.rowid DESC LIMIT ?`,
  );
  // The whiteboard: labels, arrows, notes on the board and the notes pane, per snapshot.
  const boardRows = rowsOf(
    'board_fts',
    `SELECT s.id AS session_id, s.role_title, s.created_at, r.kind, r.title, b.turn_seq AS seq, NULL AS start_ms, ${snip('board_fts', 0)} AS snip
       FROM board_fts JOIN board_snapshots b ON b.rowid = board_fts.rowid JOIN sessions s ON s.id = b.session_id JOIN rounds r ON r.session_id = s.id
       WHERE board_fts MATCH ? ORDER BY board_fts.rowid DESC LIMIT ?`,
  );

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
    if (hasMatch(row.snip) && !transcriptTurns.has(`${row.session_id}:${row.seq}`))
      hits.push(hit(row, 'answer', row.snip));
    else if (hasMatch(row.snip2 ?? null)) hits.push(hit(row, 'question', row.snip2 ?? ''));
  }
  for (const row of segmentRows) if (row.snip !== null) hits.push(hit(row, 'transcript', row.snip));
  for (const row of noteRows) if (row.snip !== null) hits.push(hit(row, 'notes', row.snip));
  const codeSessions = new Set<string>();
  for (const row of [...codeRows, ...projectRows]) {
    if (row.snip === null || codeSessions.has(row.session_id)) continue;
    codeSessions.add(row.session_id);
    hits.push(hit(row, 'code', row.snip));
  }
  // A board keeps its words from turn to turn: one hit per session, its latest snapshot.
  const boards = new Set<string>();
  for (const row of boardRows) {
    if (row.snip === null || boards.has(row.session_id)) continue;
    boards.add(row.session_id);
    hits.push(hit(row, 'board', row.snip));
  }

  hits.sort(byRecency);
  const more =
    turnRows.length > limit ||
    segmentRows.length > limit ||
    noteRows.length > limit ||
    codeRows.length > limit ||
    projectRows.length > limit ||
    boardRows.length > limit ||
    hits.length > limit;
  return { hits: hits.slice(0, limit), hasMore: more };
}
