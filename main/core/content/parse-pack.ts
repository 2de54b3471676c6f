/**
 * Bytes of one role-pack file in, a validated Role (or line-numbered errors) out.
 * Pack authors fix errors in a text editor, so every message points at a line:
 * "<file>:<line> <path>: <message>".
 *
 * Linear in the size of the pack, because a pack is untrusted input (a 2 MB file may hold
 * 58,000 keys): the YAML is read once with every key's line noted (yaml-lines.ts), duplicate
 * keys are found with a set per mapping, and errors stop being formatted after MAX_ERRORS.
 */
import type { z } from 'zod';
import { ROUND_KINDS, roleSchema, type Role } from '../../../content/schema.js';
import { MAX_PACK_BYTES } from '../../contract/services/content.js';
import { loadYaml, YamlSyntaxError, type Locate, type PathSegment } from './yaml-lines.js';

export type { Locate, PathSegment } from './yaml-lines.js';

export { MAX_PACK_BYTES } from '../../contract/services/content.js';
/** Errors reported per pack; past this, one line says how many more there are. */
export const MAX_ERRORS = 50;

export interface ParsedPack {
  role?: Role;
  errors: string[];
  /** Present whenever the YAML itself parsed, so later checks can point at lines too. */
  locate?: Locate;
}

/** "rounds[1].questions[3].rubric"; "(root)" for the document itself. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out === '' ? seg : `.${seg}`;
  return out === '' ? '(root)' : out;
}

export function formatError(file: string, line: number, path: string, message: string): string {
  return `${file}:${line} ${path}: ${message}`;
}

/** Collects errors, keeping the first MAX_ERRORS and counting the rest. */
export class ErrorList {
  readonly kept: string[] = [];
  private extra = 0;

  get count(): number {
    return this.kept.length + this.extra;
  }

  /** True while more errors are still worth formatting. */
  get open(): boolean {
    return this.kept.length < MAX_ERRORS;
  }

  add(message: string): void {
    if (this.open) this.kept.push(message);
    else this.extra++;
  }

  /** Counts errors without formatting them (only once the list is full). */
  skip(n: number): void {
    this.extra += n;
  }

  list(): string[] {
    return this.extra > 0 ? [...this.kept, moreErrors(this.extra)] : [...this.kept];
  }
}

export function moreErrors(n: number): string {
  return `… and ${n} more problem${n === 1 ? '' : 's'} (fix the ones above first)`;
}

export function tooLargeError(file: string, size: number): string {
  const mb = (size / (1024 * 1024)).toFixed(1);
  return formatError(file, 1, '(file)', `file is ${mb} MB; a role pack may be at most 2 MB`);
}

export function parsePack(bytes: Buffer | string, file: string): ParsedPack {
  const size = typeof bytes === 'string' ? Buffer.byteLength(bytes, 'utf8') : bytes.length;
  // Checked before parsing: a huge file is almost certainly not a pack, and parsing it would stall the app.
  if (size > MAX_PACK_BYTES) return { errors: [tooLargeError(file, size)] };

  const decoded = typeof bytes === 'string' ? { text: bytes } : decodeUtf8(bytes, file);
  if ('error' in decoded) return { errors: [decoded.error] };
  // The decoder already drops a BOM; strings from the UI may still carry one. CR is normalised
  // so no "\r" ever ends up inside a prompt; line numbers are unaffected.
  const text = decoded.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');

  let loaded: ReturnType<typeof loadYaml>;
  try {
    loaded = loadYaml(text);
  } catch (e) {
    if (e instanceof YamlSyntaxError) return { errors: [formatError(file, e.line, '(yaml)', e.message)] };
    // Anything else (nesting deep enough to exhaust the stack) is still this file's problem, not the app's.
    return {
      errors: [formatError(file, 1, '(yaml)', `could not be read: ${e instanceof Error ? e.message : String(e)}`)],
    };
  }
  const { data, locate, duplicates } = loaded;
  const errors = new ErrorList();
  for (const d of duplicates) {
    errors.add(
      formatError(
        file,
        d.line,
        formatPath(d.path),
        `duplicate key "${String(d.path.at(-1))}" (first at line ${d.firstLine})`,
      ),
    );
  }
  if (errors.count > 0) return { errors: errors.list(), locate };

  const parsed = roleSchema.safeParse(data);
  if (parsed.success) return { role: parsed.data, errors: [], locate };
  for (const issue of parsed.error.issues) issueMessages(issue, data, file, locate, errors);
  return { errors: errors.list(), locate };
}

function decodeUtf8(bytes: Buffer, file: string): { text: string } | { error: string } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const at = firstBadByte(bytes);
    const line = countNewlines(bytes, at) + 1;
    const hex = (bytes[at] ?? 0).toString(16).padStart(2, '0');
    return {
      error: formatError(file, line, '(file)', `not valid UTF-8 (byte 0x${hex}); save the file with UTF-8 encoding`),
    };
  }
}

/** Offset where the first invalid byte sequence starts. */
function firstBadByte(bytes: Buffer): number {
  const decodes = (end: number, stream: boolean) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end), { stream });
      return true;
    } catch {
      return false;
    }
  };
  // Binary search for the shortest prefix that fails; streaming mode tolerates a cut-off final character.
  let lo = 0;
  let hi = bytes.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (decodes(mid, true)) lo = mid;
    else hi = mid;
  }
  // The failure shows at the byte that breaks a sequence, which may be a newline after a stray
  // lead byte; the sequence itself starts where the last complete prefix ends (at most 3 back).
  for (let start = hi - 1; start >= Math.max(0, hi - 4); start--) if (decodes(start, false)) return start;
  return Math.max(0, hi - 1);
}

function countNewlines(bytes: Buffer, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (bytes[i] === 0x0a) n++;
  return n;
}

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let v = data;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

function show(value: unknown): string {
  const s = JSON.stringify(value);
  return s === undefined ? String(value) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function issueMessages(issue: z.core.$ZodIssue, data: unknown, file: string, locate: Locate, errors: ErrorList): void {
  const path = issue.path.map((seg) => (typeof seg === 'number' ? seg : String(seg)));
  const at = (p: PathSegment[], message: string) => errors.add(formatError(file, locate(p), formatPath(p), message));

  switch (issue.code) {
    case 'unrecognized_keys':
      // One message per key, on the key's own line, so a typo is easy to find.
      for (const key of issue.keys) {
        if (!errors.open) {
          errors.skip(issue.keys.length - issue.keys.indexOf(key));
          break;
        }
        at([...path, key], `unknown field "${key}" (check the spelling)`);
      }
      return;
    case 'invalid_type': {
      const value = valueAt(data, path);
      if (value === undefined) at(path, `required field is missing (expected ${issue.expected})`);
      else at(path, `expected ${issue.expected}, got ${describeType(value)}`);
      return;
    }
    case 'invalid_value': {
      const value = show(valueAt(data, path));
      const allowed = issue.values.map((v) => String(v)).join(', ');
      if (path.at(-1) === 'kind' && path.at(-3) === 'rounds') {
        at(path, `unknown round kind ${value}; allowed kinds: ${ROUND_KINDS.join(', ')}`);
      } else {
        at(path, `${value} is not allowed; expected one of: ${allowed}`);
      }
      return;
    }
    default:
      at(path, issue.message);
  }
}

function describeType(value: unknown): string {
  if (value === null) return 'null (an empty value)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${show(value)}`;
}
