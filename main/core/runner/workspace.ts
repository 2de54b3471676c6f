/**
 * The temporary folder each sandboxed run works in: created fresh, filled with the request's
 * files, read back for the files the caller collects, and removed afterwards. Folders left by a
 * crash (their owning process is gone) are swept when a sandbox is created.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isProcessAlive } from '../util/process-alive.js';

const PREFIX = 'run-';
/** Workspaces of this process still in use, so a second sandbox in the same process never sweeps them. */
const active = new Set<string>();

/** Relative, inside the folder, no "..", no absolute or drive paths, no NUL: anything else is a caller bug. */
export function isSafeRelativePath(name: string): boolean {
  if (name === '' || name.includes('\0') || name.includes('\\') || name.startsWith('/') || /^[A-Za-z]:/.test(name)) {
    return false;
  }
  return name.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

export function createWorkspace(tempRoot: string): string {
  fs.mkdirSync(tempRoot, { recursive: true });
  // The real path: the permission model compares resolved paths (macOS's /var is /private/var).
  const dir = fs.mkdtempSync(path.join(fs.realpathSync(tempRoot), `${PREFIX}${process.pid}-`));
  active.add(dir);
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    if (!isSafeRelativePath(name)) throw new TypeError(`sandbox file name "${name}" is not a plain relative path`);
    const target = path.join(dir, ...name.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text, 'utf8');
  }
}

/** Regular files only (never a link the code planted), each cut at `maxBytes`. */
export function readBack(dir: string, names: readonly string[], maxBytes: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    if (!isSafeRelativePath(name)) continue;
    const file = path.join(dir, ...name.split('/'));
    let fd: number | undefined;
    try {
      if (!fs.lstatSync(file).isFile()) continue;
      fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
      const buffer = Buffer.alloc(Math.min(maxBytes, fs.fstatSync(fd).size));
      const read = fs.readSync(fd, buffer, 0, buffer.length, 0);
      out[name] = buffer.subarray(0, read).toString('utf8');
    } catch {
      // Missing or unreadable: the caller sees it absent.
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  }
  return out;
}

export function removeWorkspace(dir: string): void {
  active.delete(dir);
  // rm never follows symbolic links, so a link planted in the workspace cannot take anything outside with it.
  fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}

/** Removes workspaces and probe files whose process is gone (or that this process does not know). */
export function sweepWorkspaces(tempRoot: string): number {
  let root: string;
  let names: string[];
  try {
    root = fs.realpathSync(tempRoot);
    names = fs.readdirSync(root);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const match = /^(?:run|probe)-(\d+)-/.exec(name);
    if (!match) continue;
    const pid = Number(match[1]);
    const full = path.join(root, name);
    if (active.has(full) || (pid !== process.pid && isProcessAlive(pid))) continue;
    if (pid === process.pid && name.startsWith('probe-')) continue;
    fs.rmSync(full, { recursive: true, force: true });
    removed++;
  }
  return removed;
}
