import type { RubricPoint } from '../../../content/schema.js';
import { aliasesOf } from './aliases.js';
import { isFunctionWord, isStatement, splitSentences, type Sentence } from './sentences.js';
import { stem } from './stem.js';
import { tokenize, type Token } from './tokens.js';

export interface PointCoverage {
  id: string;
  point: string;
  covered: boolean;
  /** The answer's own words that matched a signal, as written (only from sentences that evidence it). */
  evidence: string[];
  /** The first sentence that mentions the point, as the candidate said it; null when none does. */
  quote: string | null;
}

/** Longest run of answer words tried when a signal is written closed up ("tradeoff" for "trade-off"). */
const MAX_COMPACT_WORDS = 3;

function quote(answerTokens: Token[], answerText: string, from: number, count: number): string | null {
  const first = answerTokens[from];
  const last = answerTokens[from + count - 1];
  return first && last ? answerText.slice(first.start, last.end) : null;
}

/** Word by word: "retried idempotently" evidences "retry" and "idempotent". */
function findByWords(answerTokens: Token[], answerText: string, needle: Token[]): string | null {
  outer: for (let i = 0; i + needle.length <= answerTokens.length; i++) {
    for (let j = 0; j < needle.length; j++) {
      if (answerTokens[i + j]?.stem !== needle[j]?.stem) continue outer;
    }
    return quote(answerTokens, answerText, i, needle.length);
  }
  return null;
}

/**
 * Closed up: "trade-offs" and "trade offs" evidence "tradeoff", "dataset" evidences "data set".
 * Pieces of one letter are not joined, so "a pi" never evidences "api".
 */
function findCompact(answerTokens: Token[], answerText: string, needle: Token[]): string | null {
  const target = stem(needle.map((t) => t.word).join(''));
  if (target.length < 4) return null;
  for (let i = 0; i < answerTokens.length; i++) {
    let joined = '';
    for (let n = 1; n <= MAX_COMPACT_WORDS && i + n <= answerTokens.length; n++) {
      const word = answerTokens[i + n - 1]!.word;
      if (n > 1 && word.length < 2) break;
      joined += word;
      if (n === 1 && needle.length === 1) continue; // the word-by-word match already tried this
      if (stem(joined) === target) return quote(answerTokens, answerText, i, n);
    }
  }
  return null;
}

/**
 * Finds a signal (one or more words) in the answer: case-insensitive, on word boundaries,
 * by stem, so "retried idempotently" evidences "retry" and "idempotent"; written closed up or
 * apart ("tradeoff", "trade-off"); or by a common alias ("k8s" for "Kubernetes").
 */
export function findSignal(answerTokens: Token[], answerText: string, signal: string): string | null {
  for (const variant of [signal, ...aliasesOf(signal)]) {
    const needle = tokenize(variant);
    if (needle.length === 0) continue;
    const found = findByWords(answerTokens, answerText, needle) ?? findCompact(answerTokens, answerText, needle);
    if (found !== null) return found;
  }
  return null;
}

/**
 * Words too common in engineering talk to show, alone, that a point was made: "we had to deploy"
 * says nothing about "narrowed the problem with evidence". They still count beside other evidence.
 */
const COMMON = new Set(
  (
    'deploy deployment test problem issue change system service team data code work time user fix make use ' +
    'need thing way good new process value result check point case step handle call run build help plan ' +
    'move keep start end set get take look state exception error request response database performance ' +
    'customer product business engineer engineering important different question answer solution approach'
  )
    .split(' ')
    .map(stem),
);

/** Topic words of the point itself ("exception", "queue", "trail"), by stem. */
function pointWords(point: string): Set<string> {
  return new Set(
    tokenize(point)
      .filter((t) => t.word.length >= 4 && !isFunctionWord(t.word) && !COMMON.has(t.stem))
      .map((t) => t.stem),
  );
}

/** Letters from which one uncommon word is specific enough to evidence a point alone. */
const SPECIFIC_CHARS = 8;

interface SentenceMatch {
  /** The signals' words as the sentence has them. */
  words: string[];
  quote: string;
}

/**
 * One sentence evidences a point when it makes a statement and names it clearly: a signal phrase
 * of two or more words ("audit trail", "what changed"), a long uncommon word ("prototype"), two
 * different signals, or an uncommon signal together with
 * another word of the point itself. "Simpler to audit" alone does not evidence "an exception queue
 * with an audit trail of resolutions".
 */
function matchSentence(sentence: Sentence, point: RubricPoint, topic: Set<string>): SentenceMatch | null {
  if (!isStatement(sentence)) return null;
  const hits = point.signals.flatMap((signal) => {
    const found = findSignal(sentence.tokens, sentence.text, signal);
    if (found === null) return [];
    const words = tokenize(found).filter((t) => !isFunctionWord(t.word));
    // A phrase ("audit trail", "what changed", or "QPS" for "queries per second") is specific;
    // one word may be said in passing.
    const phrase = tokenize(signal);
    const strong = phrase.length >= 2 && phrase.some((t) => !isFunctionWord(t.word));
    return [{ found, stems: words.map((t) => t.stem), strong }];
  });
  const distinct = hits.filter((h, i) => hits.findIndex((o) => o.found.toLowerCase() === h.found.toLowerCase()) === i);
  if (distinct.length === 0) return null;
  const uncommon = distinct.some((h) => h.stems.some((s) => !COMMON.has(s)));
  // A long, uncommon word names the idea by itself ("prototype", "idempotent"); a short one
  // ("audit", "queue") may be said in passing.
  const specific = distinct.some(
    (h) => h.stems.length === 1 && h.found.length >= SPECIFIC_CHARS && !COMMON.has(h.stems[0]!),
  );
  const matched = new Set(distinct.flatMap((h) => h.stems));
  const alsoPoint = sentence.tokens.some((t) => topic.has(t.stem) && !matched.has(t.stem));
  const evidenced = specific || distinct.some((h) => h.strong) || (uncommon && (distinct.length >= 2 || alsoPoint));
  return evidenced ? { words: distinct.map((h) => h.found), quote: sentence.text } : null;
}

/** Longest quote shown for a sentence; longer ones are cut at a word. */
const MAX_QUOTE_CHARS = 200;

function shortQuote(sentence: string): string {
  if (sentence.length <= MAX_QUOTE_CHARS) return sentence;
  const cut = sentence.slice(0, MAX_QUOTE_CHARS);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), MAX_QUOTE_CHARS / 2))}…`;
}

/**
 * Which rubric points the answer mentions, each with the sentence that does (see matchSentence).
 * An answer that is a keyword list mentions nothing: none of its "sentences" makes a statement.
 */
export function rubricCoverage(answer: string, rubric: readonly RubricPoint[]): PointCoverage[] {
  const sentences = splitSentences(answer);
  return rubric.map((point) => {
    const topic = pointWords(point.point);
    const matches = sentences.map((s) => matchSentence(s, point, topic)).filter((m): m is SentenceMatch => m !== null);
    const evidence = [...new Set(matches.flatMap((m) => m.words))];
    const quote = matches[0] ? shortQuote(matches[0].quote) : null;
    return { id: point.id, point: point.point, covered: matches.length > 0, evidence, quote };
  });
}
