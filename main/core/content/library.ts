/**
 * The role library: every pack in the bundled and user folders, checked one by one. A bad pack
 * never takes the library down; it becomes a PackProblem the UI can show next to the good ones.
 *
 * Checking is structure only (YAML, schema, ids, cross-references): no code from a pack runs
 * here. Reference solutions are run by the runner, on request (reference-checks.ts). The
 * per-file part (checkStructure) is what the worker thread does; the cross-file part (ids
 * claimed by earlier packs) is cheap and runs where the library is kept.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Question, Role } from '../../../content/schema.js';
import type { PackProblem, ReferenceStatus, RoleSummary } from '../../contract/services/content.js';
import { ErrorList, formatError, formatPath, MAX_PACK_BYTES, parsePack, tooLargeError } from './parse-pack.js';
import { checkSemantics } from './semantic-rules.js';

export type PackSource = 'bundled' | 'user';

export interface LoadedRole {
  role: Role;
  source: PackSource;
  /** As shown to people: the file name within its folder. */
  file: string;
  /** SHA-256 of the file's bytes: reference-check results are cached under it. */
  sha256?: string;
}

export interface Library {
  roles: LoadedRole[];
  invalid: PackProblem[];
}

/** One pack file as read from disk (or handed over by the UI): its content, or why there is none. */
export interface PackFile {
  file: string;
  source: PackSource;
  bytes?: Buffer | string;
  /** A complete, already formatted error (the file could not be read, or is too large to read). */
  error?: string;
}

/** What checking one file alone finds (plain data: it crosses from the worker thread). */
export interface PackStructure {
  file: string;
  source: PackSource;
  sha256: string | null;
  /** The schema-valid role, even when other checks failed (content:check reports on it). */
  parsed?: Role;
  errors: string[];
  /** Coding questions, whose reference solutions the runner can check. */
  coding: number;
  /** Lines of the ids that may clash with other packs: the role's, and each question's [round][question]. */
  idLines?: { role: number; questions: number[][] };
}

export interface CheckedPack extends PackStructure {
  /** Present only when the pack has no errors at all. */
  role?: Role;
}

/** Which file owns each role and question id; progress and history are keyed by these ids. */
export interface IdOwners {
  roles: Map<string, string>;
  questions: Map<string, string>;
}

export function emptyOwners(): IdOwners {
  return { roles: new Map(), questions: new Map() };
}

/** How a clash message names the pack that already owns an id. */
export function ownerLabel(source: PackSource, file: string): string {
  return source === 'bundled' ? `bundled pack ${file}` : `your pack ${file}`;
}

export function claimIds(owners: IdOwners, role: Role, file: string): void {
  owners.roles.set(role.id, file);
  for (const round of role.rounds) for (const q of round.questions) owners.questions.set(q.id, file);
}

export function collisionErrors(
  role: Role,
  file: string,
  idLines: PackStructure['idLines'],
  owners: IdOwners,
): string[] {
  const errors: string[] = [];
  const roleOwner = owners.roles.get(role.id);
  if (roleOwner !== undefined) {
    errors.push(formatError(file, idLines?.role ?? 1, 'id', `role id "${role.id}" is already used by ${roleOwner}`));
  }
  role.rounds.forEach((round, r) => {
    round.questions.forEach((q, i) => {
      const owner = owners.questions.get(q.id);
      if (owner === undefined) return;
      const path = formatPath(['rounds', r, 'questions', i, 'id']);
      const line = idLines?.questions[r]?.[i] ?? 1;
      errors.push(formatError(file, line, path, `question id "${q.id}" is already used by ${owner}`));
    });
  });
  return errors;
}

export function sha256Of(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Everything one file can be checked for on its own. Runs no code from the pack. */
export function checkStructure(pack: PackFile): PackStructure {
  const base = { file: pack.file, source: pack.source, coding: 0 };
  if (pack.error !== undefined || pack.bytes === undefined) {
    return { ...base, sha256: null, errors: [pack.error ?? formatError(pack.file, 1, '(file)', 'no content')] };
  }
  const sha256 = sha256Of(pack.bytes);
  const parsed = parsePack(pack.bytes, pack.file);
  if (!parsed.role) return { ...base, sha256, errors: parsed.errors };
  const locate = parsed.locate ?? (() => 1);
  const role = parsed.role;
  const semantic = checkSemantics(role, pack.file, locate);
  const errors = new ErrorList();
  for (const e of semantic.errors) errors.add(e);
  return {
    ...base,
    sha256,
    parsed: role,
    coding: semantic.coding,
    errors: errors.list(),
    idLines: {
      role: locate(['id']),
      questions: role.rounds.map((round, r) =>
        round.questions.map((_, i) => locate(['rounds', r, 'questions', i, 'id'])),
      ),
    },
  };
}

/**
 * Adds the cross-file check to one file's result: a pack without errors claims its ids, so
 * earlier packs (bundled ones come first) win every clash.
 */
export function resolvePack(structure: PackStructure, owners: IdOwners): CheckedPack {
  if (!structure.parsed || structure.errors.length > 0) return structure;
  const clashes = collisionErrors(structure.parsed, structure.file, structure.idLines, owners);
  if (clashes.length > 0) {
    const errors = new ErrorList();
    for (const e of clashes) errors.add(e);
    return { ...structure, errors: errors.list() };
  }
  claimIds(owners, structure.parsed, ownerLabel(structure.source, structure.file));
  return { ...structure, role: structure.parsed };
}

export function checkPack(pack: PackFile, owners: IdOwners): CheckedPack {
  return resolvePack(checkStructure(pack), owners);
}

export function checkPacks(packs: readonly PackFile[], owners: IdOwners = emptyOwners()): CheckedPack[] {
  return packs.map((pack) => checkPack(pack, owners));
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** A pack to check: a file to read (path) or text handed over by the UI. */
export interface PackInput {
  file: string;
  source: PackSource;
  path?: string;
  text?: string;
}

export function checkInputs(packs: readonly PackInput[]): PackStructure[] {
  return packs.map((p) =>
    checkStructure(
      p.path !== undefined
        ? readPackFile(p.path, p.file, p.source)
        : { file: p.file, source: p.source, bytes: p.text ?? '' },
    ),
  );
}

/** Reads one file without throwing; `file` is the label used in messages. */
export function readPackFile(path: string, file: string, source: PackSource): PackFile {
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return { file, source, error: formatError(file, 1, '(file)', 'not a regular file') };
    // Never read a huge file into memory just to reject it.
    if (stat.size > MAX_PACK_BYTES) return { file, source, error: tooLargeError(file, stat.size) };
    return { file, source, bytes: readFileSync(path) };
  } catch (e) {
    return { file, source, error: formatError(file, 1, '(file)', `could not read the file: ${errorMessage(e)}`) };
  }
}

export function isPackFileName(name: string): boolean {
  return /\.ya?ml$/i.test(name) && !name.startsWith('.');
}

/** Every pack in `dir`, sorted by name so clashes resolve the same way on every machine. */
export function readPackDir(dir: string, source: PackSource, label: (name: string) => string = (n) => n): PackFile[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter(isPackFileName).sort();
  } catch (e) {
    // The user folder does not exist until the first import; that is not a problem.
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    const file = label('.');
    return [{ file, source, error: formatError(file, 1, '(folder)', `could not read the folder: ${errorMessage(e)}`) }];
  }
  return names.map((name) => readPackFile(join(dir, name), label(name), source));
}

export function splitChecked(checked: readonly CheckedPack[]): Library {
  const roles: LoadedRole[] = [];
  const invalid: PackProblem[] = [];
  for (const c of checked) {
    if (c.role) roles.push({ role: c.role, source: c.source, file: c.file, ...(c.sha256 ? { sha256: c.sha256 } : {}) });
    else invalid.push({ file: c.file, source: c.source, errors: c.errors });
  }
  return { roles, invalid };
}

export function loadLibrary({ bundledDir, userDir }: { bundledDir: string; userDir: string }): Library {
  const packs = [...readPackDir(bundledDir, 'bundled'), ...readPackDir(userDir, 'user')];
  return splitChecked(checkPacks(packs));
}

/** A single-function coding question or a multi-part exercise: code, tests and references. */
export function isCodingQuestion(question: Question): boolean {
  return question.coding !== undefined || question.exercise !== undefined;
}

/** Coding questions in a role: the reference solutions there are to check. */
export function codingCount(role: Role): number {
  return role.rounds.reduce((n, round) => n + round.questions.filter(isCodingQuestion).length, 0);
}

/**
 * What the library lists: structure and descriptions only, never rubrics or reference answers.
 * Without a known reference status, bundled packs count as checked (the project's tests run every
 * bundled reference through the runner) and others as not checked.
 */
export function toRoleSummary(loaded: LoadedRole, references?: ReferenceStatus): RoleSummary {
  const { role } = loaded;
  return {
    id: role.id,
    title: role.title,
    ...(role.company !== undefined ? { company: role.company } : {}),
    level: role.level,
    summary: role.summary,
    topics: [...role.topics],
    process: role.process.map((s) => ({ name: s.name, description: s.description })),
    rounds: role.rounds.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      minutes: r.minutes,
      questionsPerSession: r.questionsPerSession,
      questionCount: r.questions.length,
    })),
    source: loaded.source,
    file: loaded.file,
    references: references ?? defaultReferenceStatus(loaded),
  };
}

export function defaultReferenceStatus(loaded: LoadedRole): ReferenceStatus {
  const coding = codingCount(loaded.role);
  if (coding === 0) return { state: 'no_code' };
  return loaded.source === 'bundled' ? { state: 'bundled', coding } : { state: 'not_checked', coding };
}
