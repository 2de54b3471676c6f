/**
 * Evidence quotes from the model must be the candidate's own words. A quote is kept only if it
 * appears in one of the answers — up to case, whitespace, quote marks and dashes, and without
 * surrounding quote marks, ellipses or end punctuation — and is then replaced by the answer's
 * exact text, so what is shown (and highlighted) is what the candidate actually said.
 */

/** Shorter than this (in letters and digits) and a "quote" proves nothing ("the", "we"). */
export const MIN_QUOTE_CHARS = 4;

interface Normalized {
  text: string;
  /** For each character of `text`, where it came from in the original. */
  from: number[];
}

function normalizeChar(c: string): string {
  if (/[‘’`´]/.test(c)) return "'";
  if (/[“”„]/.test(c)) return '"';
  if (/[‐‑‒–—―]/.test(c)) return '-';
  return c.toLowerCase();
}

function normalize(original: string): Normalized {
  let text = '';
  const from: number[] = [];
  let lastSpace = true;
  for (let i = 0; i < original.length; i++) {
    const c = original[i]!;
    if (/\s/.test(c)) {
      if (!lastSpace) {
        text += ' ';
        from.push(i);
      }
      lastSpace = true;
      continue;
    }
    const n = normalizeChar(c);
    for (const ch of n) {
      text += ch;
      from.push(i);
    }
    lastSpace = false;
  }
  return { text, from };
}

/** Trims what models wrap quotes in: quote marks, ellipses, end punctuation, whitespace. */
export function cleanQuote(quote: string): string {
  return quote
    .trim()
    .replace(/^(?:["'“”‘’«»]|\.{3}|…|\s)+/u, '')
    .replace(/(?:["'“”‘’«»]|\.{3}|…|[.,;:!?]|\s)+$/u, '');
}

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}]/u.test(c);
}

export interface LocatedQuote {
  /** Which answer it was found in. */
  answer: number;
  start: number;
  end: number;
  /** The answer's own text for the quote. */
  text: string;
}

export function locateQuote(quote: string, answers: readonly string[]): LocatedQuote | null {
  const cleaned = cleanQuote(quote);
  if (cleaned.replace(/[^\p{L}\p{N}]/gu, '').length < MIN_QUOTE_CHARS) return null;
  const needle = normalize(cleaned).text.trim();
  for (let a = 0; a < answers.length; a++) {
    const original = answers[a]!;
    const hay = normalize(original);
    // Whole words only: "ache in fro" is in "cache in front" but is not a quote of it.
    for (let at = hay.text.indexOf(needle); at >= 0; at = hay.text.indexOf(needle, at + 1)) {
      const start = hay.from[at]!;
      const end = hay.from[at + needle.length - 1]! + 1;
      if (isWordChar(original[start - 1]) && isWordChar(original[start])) continue;
      if (isWordChar(original[end - 1]) && isWordChar(original[end])) continue;
      return { answer: a, start, end, text: original.slice(start, end) };
    }
  }
  return null;
}
