/**
 * Search over an indexed documentation folder: every word of the query must appear in a
 * document's title, path or text; titles count most, then paths, then how often the words occur,
 * with a bonus for the whole query as a phrase. Pure.
 */
import type { DocsHit } from '../../contract/services/docs.js';
import type { IndexedDoc } from './folder-index.js';

const MAX_TERMS = 8;
const SNIPPET_BEFORE = 60;
const SNIPPET_LENGTH = 200;

export function queryTerms(query: string): string[] {
  const words = query.toLowerCase().match(/[\p{L}\p{N}_$]+/gu) ?? [];
  return [...new Set(words)].slice(0, MAX_TERMS);
}

function occurrences(haystack: string, needle: string, cap: number): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1 && count < cap; at = haystack.indexOf(needle, at + needle.length))
    count++;
  return count;
}

/** A whole-word match counts more than a match inside a longer word. */
function wholeWord(haystack: string, needle: string): boolean {
  const word = /[\p{L}\p{N}_$]/u;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
    const before = at === 0 ? '' : haystack[at - 1]!;
    const after = haystack[at + needle.length] ?? '';
    if (!word.test(before) && !word.test(after)) return true;
  }
  return false;
}

export function scoreDoc(doc: IndexedDoc, terms: readonly string[], phrase: string): number {
  let score = 0;
  for (const term of terms) {
    const inTitle = doc.lower.title.includes(term);
    const inPath = doc.lower.path.includes(term);
    const count = occurrences(doc.lower.text, term, 200);
    if (!inTitle && !inPath && count === 0) return 0;
    if (inTitle) score += wholeWord(doc.lower.title, term) ? 10 : 6;
    if (inPath) score += 3;
    if (count > 0) score += 1 + Math.log2(1 + count);
  }
  if (terms.length > 1 && phrase) {
    if (doc.lower.title.includes(phrase)) score += 8;
    else if (doc.lower.text.includes(phrase)) score += 4;
  }
  return score;
}

/** A snippet reads as text: Markdown's heading marks, backticks and bold stars are left out. */
function readable(raw: string, format: IndexedDoc['format']): string {
  const text = format === 'markdown' ? raw.replace(/^#{1,6}\s+/gm, '').replace(/`+|\*\*/g, '') : raw;
  return text.replace(/\s+/g, ' ').trim();
}

/** The text around the first match (the phrase if it occurs), with the query's words marked. */
export function snippetOf(
  doc: IndexedDoc,
  terms: readonly string[],
  phrase: string,
): Pick<DocsHit, 'snippet' | 'marks'> {
  const lower = doc.lower.text;
  let at = phrase && terms.length > 1 ? lower.indexOf(phrase) : -1;
  if (at === -1) {
    const positions = terms.map((t) => lower.indexOf(t)).filter((p) => p !== -1);
    at = positions.length > 0 ? Math.min(...positions) : 0;
  }
  const start = Math.max(0, at - SNIPPET_BEFORE);
  const raw = doc.text.slice(start, start + SNIPPET_LENGTH);
  const body = readable(raw, doc.format);
  const snippet = `${start > 0 ? '…' : ''}${body}${start + SNIPPET_LENGTH < doc.text.length ? '…' : ''}`;
  const marks: [number, number][] = [];
  const snippetLower = snippet.toLowerCase();
  for (const term of terms) {
    for (let p = snippetLower.indexOf(term); p !== -1; p = snippetLower.indexOf(term, p + term.length))
      marks.push([p, p + term.length]);
  }
  marks.sort((a, b) => a[0] - b[0]);
  // Overlapping marks (one term inside another) become one.
  const merged: [number, number][] = [];
  for (const m of marks) {
    const last = merged[merged.length - 1];
    if (last && m[0] <= last[1]) last[1] = Math.max(last[1], m[1]);
    else merged.push([m[0], m[1]]);
  }
  return { snippet, marks: merged };
}

export function searchDocs(
  docs: readonly IndexedDoc[],
  query: string,
  limit: number,
): { hits: DocsHit[]; total: number } {
  const terms = queryTerms(query);
  if (terms.length === 0) return { hits: [], total: 0 };
  const phrase = query.toLowerCase().replace(/\s+/g, ' ').trim();
  const scored = docs
    .map((doc) => ({ doc, score: scoreDoc(doc, terms, phrase) }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.doc.path.localeCompare(b.doc.path));
  return {
    total: scored.length,
    hits: scored
      .slice(0, limit)
      .map(({ doc }) => ({ path: doc.path, title: doc.title, ...snippetOf(doc, terms, phrase) })),
  };
}
