/**
 * The content service: the role library as the UI sees it, plus importing and duplicating packs.
 * The folders are the source of truth (people edit packs in a text editor), so the library is
 * re-read whenever a pack file changes on disk.
 */
import { mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Document } from 'yaml';
import type { Role } from '../../../content/schema.js';
import type { Services } from '../../contract/index.js';
import { AppError } from '../../contract/result.js';
import {
  checkPack,
  claimIds,
  emptyOwners,
  isPackFileName,
  loadLibrary,
  ownerLabel,
  toRoleSummary,
  type Library,
  type LoadedRole,
} from './library.js';
import { parsePack } from './parse-pack.js';

export interface ContentServiceOptions {
  bundledDir: string;
  userDir: string;
  /** Called after an import changed the library (the app forwards it as 'content:changed'). */
  onChanged?: (roles: number, invalid: number) => void;
}

/** The packs themselves; what the candidate's history adds (the question bank) is in question-bank.ts. */
export type ContentService = Omit<Services['content'], 'questions' | 'markRevisit'> & {
  /** The full role, rubric and references included, for the session and feedback engines. */
  findRole(id: string): LoadedRole | undefined;
  current(): Library;
};

export function createContentService(options: ContentServiceOptions): ContentService {
  const { bundledDir, userDir, onChanged } = options;
  let cache: { signature: string; library: Library } | undefined;

  const current = (): Library => {
    const signature = folderSignature(bundledDir) + '\n' + folderSignature(userDir);
    if (cache?.signature !== signature) cache = { signature, library: loadLibrary({ bundledDir, userDir }) };
    return cache.library;
  };
  const findRole = (id: string) => current().roles.find((r) => r.role.id === id);

  return {
    findRole,
    current,

    library: () => {
      const lib = current();
      return { roles: lib.roles.map(toRoleSummary), invalid: lib.invalid };
    },

    role: ({ id }) => {
      const found = findRole(id);
      if (!found) {
        throw new AppError(
          'NOT_FOUND',
          `There is no role "${id}" in the library. It may have been removed, or its pack has errors (see the library).`,
        );
      }
      return toRoleSummary(found);
    },

    importPack: ({ fileName, text }) => {
      const label = basename(fileName.replace(/\\/g, '/')) || 'pack.yaml';
      const lib = current();
      const roleId = parsePack(text, label).role?.id;
      // Re-importing a pack you already imported replaces it, so its own ids are not a clash.
      const replaces = lib.roles.find((r) => r.source === 'user' && r.role.id === roleId);
      const owners = emptyOwners();
      for (const r of lib.roles) {
        if (r !== replaces) claimIds(owners, r.role, ownerLabel(r.source, r.file));
      }
      const checked = checkPack({ file: label, source: 'user', bytes: text }, owners);
      if (!checked.role) return { problem: { file: label, source: 'user', errors: checked.errors } };

      const target = replaces?.file ?? freeFileName(safeFileName(label, checked.role.id), [bundledDir, userDir]);
      writePack(userDir, target, text.replace(/^\uFEFF/, ''));
      cache = undefined;
      const after = current();
      onChanged?.(after.roles.length, after.invalid.length);
      const loaded = after.roles.find((r) => r.source === 'user' && r.role.id === checked.role?.id);
      return { role: toRoleSummary(loaded ?? { role: checked.role, source: 'user', file: target }) };
    },

    duplicatePack: ({ roleId }) => {
      const found = findRole(roleId);
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

/** Changes whenever a pack is added, removed or saved; cheap next to re-running every reference. */
function folderSignature(dir: string): string {
  try {
    return readdirSync(dir)
      .filter(isPackFileName)
      .sort()
      .map((name) => {
        try {
          const s = statSync(join(dir, name));
          return `${name}:${s.mtimeMs}:${s.size}`;
        } catch {
          return `${name}:?`;
        }
      })
      .join('|');
  } catch {
    return '-';
  }
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
