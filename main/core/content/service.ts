/**
 * The content service: the role library as the UI sees it, importing and duplicating packs, and
 * checking a pack's reference solutions on request. Packs are checked for structure in a worker
 * thread (library-state.ts); reference solutions run only in the sandboxed runner, only when
 * asked (import, "Check references"), never while loading the library.
 */
import { mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Document } from 'yaml';
import type { Language, Question, Role } from '../../../content/schema.js';
import type { Services } from '../../contract/index.js';
import { AppError } from '../../contract/result.js';
import type { ReferenceStatus } from '../../contract/services/content.js';
import type { RunnerEnv } from '../runner/harness/run-tests.js';
import { createLibraryState } from './library-state.js';
import {
  claimIds,
  emptyOwners,
  ownerLabel,
  resolvePack,
  toRoleSummary,
  type Library,
  type LoadedRole,
} from './library.js';
import { createPackValidator } from './pack-validator.js';
import { createReferenceCache, type ReferenceCache } from './reference-cache.js';
import { createReferenceChecks } from './reference-checks.js';

export interface ContentServiceOptions {
  bundledDir: string;
  userDir: string;
  /** Called after the library changed (the app forwards it as 'content:changed'). */
  onChanged?: (roles: number, invalid: number) => void;
  /** A reference check started or finished (the app forwards it as 'content:references'). */
  onReferences?: (payload: { roleId: string; file: string; status: ReferenceStatus }) => void;
  /** The runner that reference solutions run in; without one, checks report 'unavailable'. */
  runner?: () => RunnerEnv;
  /** Where results are remembered (reference-checks.json in the data folder); in memory when absent. */
  referenceCacheFile?: string;
  /** Check packs in a worker thread (default) or on this thread. */
  useWorker?: boolean;
  /** How long library() waits for a running check before it answers with the last validated library. */
  staleAfterMs?: number;
  log?: (message: string) => void;
}

/** The packs themselves; what the candidate's history adds (the question bank) is in question-bank.ts. */
export type ContentService = Omit<Services['content'], 'questions' | 'markRevisit'> & {
  /** The full role, rubric and references included, for the session and feedback engines. */
  findRole(id: string): LoadedRole | undefined;
  /** The languages a coding question is offered in: those its references were proven in. */
  languages(loaded: LoadedRole, question: Question): Language[];
  current(): Promise<Library>;
  /** Resolves when no reference check is running. */
  referenceChecksIdle(): Promise<void>;
  close(): Promise<void>;
};

function memoryCache(): ReferenceCache {
  const entries = new Map<string, Parameters<ReferenceCache['set']>[1]>();
  return { get: (sha) => entries.get(sha), set: (sha, entry) => void entries.set(sha, entry) };
}

export function createContentService(options: ContentServiceOptions): ContentService {
  const { bundledDir, userDir, onChanged } = options;
  const log = options.log ?? (() => {});
  const validator = createPackValidator({
    log,
    ...(options.useWorker !== undefined ? { useWorker: options.useWorker } : {}),
  });
  const state = createLibraryState({
    bundledDir,
    userDir,
    validator,
    log,
    ...(options.staleAfterMs !== undefined ? { staleAfterMs: options.staleAfterMs } : {}),
    onUpdated: (library) => onChanged?.(library.roles.length, library.invalid.length),
  });
  const references = createReferenceChecks({
    runner: () => {
      if (!options.runner) throw new Error('no runner is configured');
      return options.runner();
    },
    cache: options.referenceCacheFile ? createReferenceCache(options.referenceCacheFile, log) : memoryCache(),
    onStatus: (loaded, status) => options.onReferences?.({ roleId: loaded.role.id, file: loaded.file, status }),
    log,
  });
  const summary = (loaded: LoadedRole) => toRoleSummary(loaded, references.status(loaded));
  const findRole = (id: string) => state.now().roles.find((r) => r.role.id === id);
  const requireRole = async (id: string) => {
    const found = (await state.current()).roles.find((r) => r.role.id === id);
    if (!found) {
      throw new AppError(
        'NOT_FOUND',
        `There is no role "${id}" in the library. It may have been removed, or its pack has errors (see the library).`,
      );
    }
    return found;
  };

  return {
    findRole,
    languages: (loaded, question) => references.languages(loaded, question),
    current: () => state.current(),
    referenceChecksIdle: () => references.idle(),
    close: async () => {
      references.close();
      await references.idle();
      await validator.close();
    },

    library: async () => {
      const lib = await state.current();
      return { roles: lib.roles.map(summary), invalid: lib.invalid };
    },

    role: async ({ id }) => summary(await requireRole(id)),

    importPack: async ({ fileName, text }) => {
      const label = basename(fileName.replace(/\\/g, '/')) || 'pack.yaml';
      // Saved without a BOM, so the file's hash is the hash of what was checked.
      const clean = text.replace(/^\uFEFF/, '');
      const lib = await state.current();
      // Parsed once, in the worker; the same result is kept for the saved file.
      const [structure] = await validator.check([{ file: label, source: 'user', text: clean }]);
      if (!structure) throw new AppError('INTERNAL', 'The pack could not be checked. Try again.');
      // Re-importing a pack you already imported replaces it, so its own ids are not a clash.
      const replaces = lib.roles.find((r) => r.source === 'user' && r.role.id === structure.parsed?.id);
      const owners = emptyOwners();
      for (const r of lib.roles) {
        if (r !== replaces) claimIds(owners, r.role, ownerLabel(r.source, r.file));
      }
      const checked = resolvePack(structure, owners);
      if (!checked.role) return { problem: { file: label, source: 'user', errors: checked.errors } };

      const target = replaces?.file ?? freeFileName(safeFileName(label, checked.role.id), [bundledDir, userDir]);
      writePack(userDir, target, clean);
      state.remember('user', target, { ...structure, file: target });
      // Refreshing reports the change ('content:changed') through onUpdated.
      const after = await state.refresh();
      const loaded = after.roles.find((r) => r.source === 'user' && r.role.id === checked.role?.id) ?? {
        role: checked.role,
        source: 'user' as const,
        file: target,
        ...(structure.sha256 ? { sha256: structure.sha256 } : {}),
      };
      // Off the request path: the answer says "checking"; 'content:references' brings the result.
      void references.start(loaded);
      return { role: summary(loaded) };
    },

    checkReferences: async ({ roleId }) => {
      const loaded = await requireRole(roleId);
      void references.start(loaded);
      return summary(loaded);
    },

    duplicatePack: async ({ roleId }) => {
      const found = (await state.current()).roles.find((r) => r.role.id === roleId);
      if (!found) throw new AppError('NOT_FOUND', `There is no role "${roleId}" to duplicate.`);
      const copy = withNewIds(found.role);
      const doc = new Document(copy);
      doc.commentBefore =
        ` Your copy of "${found.role.title}" (from ${found.file}).\n` +
        ` Ids start with "my-" so they do not clash with the original. Edit freely, then import it.`;
      return { fileName: `my-${roleId}.yaml`, text: doc.toString({ lineWidth: 0 }) };
    },
  };
}

export function withNewIds(role: Role): Role {
  const copy = structuredClone(role);
  copy.id = `my-${role.id}`;
  for (const round of copy.rounds) {
    round.id = `my-${round.id}`;
    for (const q of round.questions) q.id = `my-${q.id}`;
  }
  return copy;
}

/** "My Pack (2).YML" -> "my-pack-2.yaml": nothing that could climb out of the folder or surprise a shell. */
export function safeFileName(name: string, fallback: string): string {
  const stem = name
    .replace(/\.ya?ml$/i, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${stem || fallback}.yaml`;
}

/** Never overwrites another pack (a bundled one or a different user pack); adds -2, -3, ... instead. */
function freeFileName(name: string, dirs: string[]): string {
  const stem = name.replace(/\.yaml$/, '');
  const taken = (n: string) => dirs.some((d) => exists(join(d, n)) || exists(join(d, n.replace(/\.yaml$/, '.yml'))));
  let candidate = name;
  for (let i = 2; taken(candidate); i++) candidate = `${stem}-${i}.yaml`;
  return candidate;
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function writePack(dir: string, name: string, text: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    // Write then rename, so a crash never leaves half a pack that would show up as invalid.
    const tmp = join(dir, `.${name}.${process.pid}.tmp`);
    writeFileSync(tmp, text, 'utf8');
    renameSync(tmp, join(dir, name));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = e instanceof Error ? e.message : String(e);
    if (code === 'ENOSPC') {
      throw new AppError(
        'DISK_FULL',
        'The disk is full, so the pack could not be saved. Free some space and try again.',
        {
          cause: e,
        },
      );
    }
    throw new AppError('IMPORT_FAILED', `The pack is valid but could not be saved to ${dir}: ${why}`, { cause: e });
  }
}
