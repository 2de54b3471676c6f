/**
 * The model's notes on a coding answer's final code: naming, structure, edge cases handled or
 * missed, the tests the candidate wrote. Commentary beside the test results, never a score (code
 * is judged by its tests). Generated through a JSON-schema grammar; every note must quote lines
 * that really are in the code (found again here, with their line number), or it is dropped.
 */
import { CODE_NOTE_ASPECTS, type CodeNote, type CodeNoteAspect } from '../../contract/services/feedback.js';
import type { JsonSchema, LlmJsonGenerator } from '../llm/types.js';
import {
  DEFAULT_JUDGE_OPTIONS,
  FAILURE_NOTES,
  failed,
  generate,
  isRecord,
  senseless,
  text,
  type JudgeOptions,
  type JudgeOutcome,
} from './llm-judge.js';

export const MAX_CODE_NOTES = 5;
const MAX_QUOTE_LINES = 3;
/** A piece of a line counts as a quote only when it is at least this long (else the whole line). */
const MIN_PARTIAL_QUOTE = 8;
/** Longer files are cut for the prompt (the notes can only quote what the model saw). */
const MAX_PROMPT_LINES = 250;

/** The candidate's final code for one question, and what it started from. */
export interface CodeEvidence {
  language: string;
  solution: string;
  tests: string;
  starter: { solution: string; tests: string };
  /** Test results per part, in words ("Part 1 (Totals): passed, 6/6 hidden tests"). */
  results: string[];
}

/** Worth a model's notes: the candidate changed the starter solution. */
export function codeToJudge(code: CodeEvidence | null): code is CodeEvidence {
  return code !== null && code.solution.trim() !== '' && code.solution.trim() !== code.starter.solution.trim();
}

export const CODE_NOTES_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    notes: {
      type: 'array',
      maxItems: MAX_CODE_NOTES,
      items: {
        type: 'object',
        properties: {
          aspect: { enum: [...CODE_NOTE_ASPECTS] },
          file: { enum: ['solution', 'tests'] },
          quote: { type: 'string', maxLength: 240 },
          note: { type: 'string', maxLength: 200 },
        },
      },
    },
  },
};

export const CODE_SYSTEM_PROMPT =
  'You are an experienced engineer reviewing code a candidate wrote in a practice coding interview. ' +
  'Be specific, fair and brief. Quote code only by copying lines exactly as they appear. Reply with JSON only.';

function numbered(source: string): string {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const shown = lines.slice(0, MAX_PROMPT_LINES).map((l, i) => `${String(i + 1).padStart(3)}| ${l}`);
  if (lines.length > MAX_PROMPT_LINES) shown.push(`   | … ${lines.length - MAX_PROMPT_LINES} more lines`);
  return shown.join('\n');
}

export interface CodeJudgeInput {
  roleTitle: string;
  prompt: string;
  code: CodeEvidence;
}

export function codeNotesPrompt(input: CodeJudgeInput): string {
  const { code } = input;
  const ownTests = code.tests.trim() !== code.starter.tests.trim();
  return [
    `Role: ${input.roleTitle}. Coding question: ${input.prompt}`,
    `Test results (these decide correctness, not you):\n${code.results.map((r) => `- ${r}`).join('\n') || '- none run'}`,
    `Final solution (${code.language}), with line numbers:\n${numbered(code.solution)}`,
    ownTests
      ? `The candidate's own tests, with line numbers:\n${numbered(code.tests)}`
      : 'The candidate wrote no tests of their own.',
    `Write up to ${MAX_CODE_NOTES} short notes on the code itself: naming, structure, edge cases handled or missed, and the tests the candidate wrote. ` +
      'Each note names its aspect (naming, structure, edge_cases or tests), the file (solution or tests), quotes one to three lines copied exactly from that file ' +
      '(without the line numbers), and says in one sentence what those lines show. Do not grade the code and do not write a solution.',
  ].join('\n\n');
}

const normalise = (line: string) => line.replace(/\s+/g, ' ').trim();
/** A model often copies the prompt's line numbers along with the code. */
const withoutNumber = (line: string) => line.replace(/^\s*\d+\s?\|\s?/, '');

/** Where quoted lines are in a file, and those lines as the file has them; null when they are not. */
export function locateCodeQuote(quote: string, source: string): { line: number; text: string } | null {
  const wanted = quote
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => normalise(withoutNumber(l)))
    .filter(Boolean);
  if (wanted.length === 0 || wanted.length > MAX_QUOTE_LINES) return null;
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const code = lines.map(normalise);
  const fits = (have: string, want: string) =>
    have === want || (want.length >= MIN_PARTIAL_QUOTE && have.includes(want));
  for (let start = 0; start + wanted.length <= code.length; start++) {
    if (!wanted.every((w, k) => fits(code[start + k]!, w))) continue;
    const found = lines.slice(start, start + wanted.length).map((l) => l.trimEnd());
    const indent = Math.min(...found.map((l) => l.length - l.trimStart().length));
    return { line: start + 1, text: found.map((l) => l.slice(indent)).join('\n') };
  }
  return null;
}

export function validateCodeNotes(value: unknown, code: CodeEvidence): { notes: CodeNote[]; problems: string[] } {
  const problems: string[] = [];
  if (!isRecord(value)) return { notes: [], problems: ['not a JSON object'] };
  const notes: CodeNote[] = [];
  for (const item of Array.isArray(value.notes) ? value.notes : []) {
    if (!isRecord(item)) continue;
    const aspect = (CODE_NOTE_ASPECTS as readonly unknown[]).includes(item.aspect)
      ? (item.aspect as CodeNoteAspect)
      : null;
    const quote = typeof item.quote === 'string' ? item.quote : '';
    const note = text(item.note, 200);
    if (!aspect || !note) {
      problems.push(`code note without an aspect or a note, dropped: ${JSON.stringify(quote.slice(0, 80))}`);
      continue;
    }
    // The file the model named first; a quote from the other file is accepted with its real place.
    const order: CodeNote['file'][] = item.file === 'tests' ? ['tests', 'solution'] : ['solution', 'tests'];
    const found = order.map((file) => ({ file, at: locateCodeQuote(quote, code[file]) })).find((f) => f.at !== null);
    if (!found?.at) {
      problems.push(`code quote not in the code, dropped: ${JSON.stringify(quote.slice(0, 120))}`);
      continue;
    }
    if (notes.some((n) => n.file === found.file && n.line === found.at!.line && n.aspect === aspect)) continue;
    notes.push({ aspect, file: found.file, line: found.at.line, quote: found.at.text, note });
  }
  return { notes: notes.slice(0, MAX_CODE_NOTES), problems };
}

export async function judgeCode(
  generator: LlmJsonGenerator,
  input: CodeJudgeInput,
  options: JudgeOptions = DEFAULT_JUDGE_OPTIONS,
): Promise<JudgeOutcome<CodeNote[]>> {
  const result = await generate(generator, codeNotesPrompt(input), CODE_NOTES_SCHEMA, options, CODE_SYSTEM_PROMPT);
  if (result.value === null) return failed(result);
  const { notes, problems } = validateCodeNotes(result.value, input.code);
  const nonsense = senseless(notes.map((n) => n.note));
  if (nonsense && notes.length > 0)
    return { ok: false, failure: 'nonsense', note: FAILURE_NOTES.nonsense, problems: [...problems, nonsense] };
  return { ok: true, value: notes, problems };
}
