/**
 * The role library: every pack in the bundled and user folders, checked one by one. A bad pack
 * never takes the library down; it becomes a PackProblem the UI can show next to the good ones.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Role } from '../../../content/schema.js';
import type { PackProblem, RoleSummary } from '../../contract/services/content.js';
import { formatError, formatPath, MAX_PACK_BYTES, parsePack, tooLargeError, type Locate } from './parse-pack.js';
import { checkSemantics } from './semantic-rules.js';

export type PackSource = 'bundled' | 'user';

export interface LoadedRole {
  role: Role;
  source: PackSource;
  /** As shown to people: the file name within its folder. */
  file: string;
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

export interface CheckedPack {
  file: string;
  source: PackSource;
  /** Present only when the pack has no errors at all. */
  role?: Role;
  /** The schema-valid role even when other checks failed, for reports such as content:check. */
  parsed?: Role;
  errors: string[];
  coding: number;
  referencesPassed: number;
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

export function collisionErrors(role: Role, file: string, locate: Locate, owners: IdOwners): string[] {
  const errors: string[] = [];
  const roleOwner = owners.roles.get(role.id);
  if (roleOwner !== undefined) {
    errors.push(formatError(file, locate(['id']), 'id', `role id "${role.id}" is already used by ${roleOwner}`));
  }
  role.rounds.forEach((round, r) => {
    round.questions.forEach((q, i) => {
      const owner = owners.questions.get(q.id);
      if (owner === undefined) return;
      const path = ['rounds', r, 'questions', i, 'id'];
      errors.push(
        formatError(file, locate(path), formatPath(path), `question id "${q.id}" is already used by ${owner}`),
      );
    });
  });
  return errors;
}

/**
 * Checks one pack against everything already accepted in `owners`; a valid pack claims its ids,
 * so earlier packs (bundled ones come first) win every clash.
 */
export function checkPack(pack: PackFile, owners: IdOwners): CheckedPack {
  const base = { file: pack.file, source: pack.source, coding: 0, referencesPassed: 0 };
  if (pack.error !== undefined || pack.bytes === undefined) {
    return { ...base, errors: [pack.error ?? formatError(pack.file, 1, '(file)', 'no content')] };
  }
  const parsed = parsePack(pack.bytes, pack.file);
  if (!parsed.role) return { ...base, errors: parsed.errors };
  const locate = parsed.locate ?? (() => 1);
  const semantic = checkSemantics(parsed.role, pack.file, locate);
  const errors = [...semantic.errors, ...collisionErrors(parsed.role, pack.file, locate, owners)];
  const result = {
    ...base,
    parsed: parsed.role,
    coding: semantic.coding,
    referencesPassed: semantic.referencesPassed,
    errors,
  };
  if (errors.length > 0) return result;
  claimIds(owners, parsed.role, ownerLabel(pack.source, pack.file));
  return { ...result, role: parsed.role };
}

export function checkPacks(packs: readonly PackFile[], owners: IdOwners = emptyOwners()): CheckedPack[] {
  return packs.map((pack) => checkPack(pack, owners));
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
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
    if (c.role) roles.push({ role: c.role, source: c.source, file: c.file });
    else invalid.push({ file: c.file, source: c.source, errors: c.errors });
  }
  return { roles, invalid };
}

export function loadLibrary({ bundledDir, userDir }: { bundledDir: string; userDir: string }): Library {
  const packs = [...readPackDir(bundledDir, 'bundled'), ...readPackDir(userDir, 'user')];
  return splitChecked(checkPacks(packs));
}

/** What the library lists: structure and descriptions only, never rubrics or reference answers. */
export function toRoleSummary(loaded: LoadedRole): RoleSummary {
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
  };
}
