/**
 * Bytes of one role-pack file in, a validated Role (or line-numbered errors) out.
 * Pack authors fix errors in a text editor, so every message points at a line:
 * "<file>:<line> <path>: <message>".
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { ROUND_KINDS, roleSchema, type Role } from '../../../content/schema.js';

export const MAX_PACK_BYTES = 2 * 1024 * 1024;

export type PathSegment = string | number;
/** 1-based source line of the deepest node of `path` that exists in the document. */
export type Locate = (path: readonly PathSegment[]) => number;

export interface ParsedPack {
  role?: Role;
  errors: string[];
  /** Present whenever the YAML itself parsed, so later checks can point at lines too. */
  locate?: Locate;
}

/** "rounds[1].questions[3].rubric"; "(root)" for the document itself. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    // Keys that are not plain words (file paths in an exercise's files map) are quoted.
    else if (!/^[A-Za-z_$][\w$-]*$/.test(seg)) out += `[${JSON.stringify(seg)}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out === '' ? '(root)' : out;
}

export function formatError(file: string, line: number, path: string, message: string): string {
  return `${file}:${line} ${path}: ${message}`;
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

  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    return {
      errors: doc.errors.map((e) => formatError(file, e.linePos?.[0]?.line ?? 1, '(yaml)', yamlMessage(e.message))),
    };
  }
  const locate = makeLocator(doc, lineCounter);

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // Alias bombs and similar: the document is well-formed but cannot be turned into data.
    return { errors: [formatError(file, 1, '(yaml)', e instanceof Error ? e.message : String(e))], locate };
  }

  const parsed = roleSchema.safeParse(data);
  if (parsed.success) return { role: parsed.data, errors: [], locate };
  const errors = parsed.error.issues.flatMap((issue) => issueMessages(issue, data, file, locate));
  return { errors, locate };
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

/** prettyErrors appends "at line L, column C:" and a source excerpt; the line is already in our prefix. */
function yamlMessage(message: string): string {
  const first = message.split('\n')[0] ?? message;
  return first.replace(/ at line \d+, column \d+:?\s*$/, '').trim();
}

function makeLocator(doc: Document, lineCounter: LineCounter): Locate {
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;
  return (path) => {
    let node: unknown = doc.contents;
    let offset = startOf(node) ?? 0;
    for (const seg of path) {
      if (isAlias(node)) node = node.resolve(doc);
      if (isMap(node)) {
        const pair = node.items.find((p) => keyName(p.key) === String(seg));
        if (!pair) break;
        // A key's own line reads best: "rubric:" rather than the first line of the list under it.
        offset = startOf(pair.key) ?? offset;
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number') {
        const item: unknown = node.items[seg];
        if (item === undefined) break;
        offset = startOf(item) ?? offset;
        node = item;
      } else {
        break;
      }
    }
    return lineAt(offset);
  };
}

function startOf(node: unknown): number | undefined {
  const range = (node as Partial<Node> | null | undefined)?.range;
  return Array.isArray(range) ? range[0] : undefined;
}

function keyName(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
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

function issueMessages(issue: z.core.$ZodIssue, data: unknown, file: string, locate: Locate): string[] {
  const path = issue.path.map((seg) => (typeof seg === 'number' ? seg : String(seg)));
  const at = (p: PathSegment[], message: string) => formatError(file, locate(p), formatPath(p), message);

  switch (issue.code) {
    case 'unrecognized_keys':
      // One message per key, on the key's own line, so a typo is easy to find.
      return issue.keys.map((key) => at([...path, key], `unknown field "${key}" (check the spelling)`));
    case 'invalid_type': {
      const value = valueAt(data, path);
      if (value === undefined) return [at(path, `required field is missing (expected ${issue.expected})`)];
      return [at(path, `expected ${issue.expected}, got ${describeType(value)}`)];
    }
    case 'invalid_value': {
      const value = show(valueAt(data, path));
      const allowed = issue.values.map((v) => String(v)).join(', ');
      if (path.at(-1) === 'kind' && path.at(-3) === 'rounds') {
        return [at(path, `unknown round kind ${value}; allowed kinds: ${ROUND_KINDS.join(', ')}`)];
      }
      return [at(path, `${value} is not allowed; expected one of: ${allowed}`)];
    }
    case 'invalid_key':
      // A record key (an exercise's file path) that breaks its rule: say which rule.
      return [at(path, `invalid name: ${issue.issues[0]?.message ?? issue.message}`)];
    default:
      return [at(path, issue.message)];
  }
}

function describeType(value: unknown): string {
  if (value === null) return 'null (an empty value)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${show(value)}`;
}
