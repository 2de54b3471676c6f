/**
 * Free disk space, so a download or an import can refuse before it starts rather than fill
 * the disk half-way.
 */
import fs from 'node:fs';
import path from 'node:path';
import { formatBytes } from '../../contract/format.js';
import { AppError } from '../../contract/result.js';

export type FreeSpace = (dir: string) => Promise<number>;

/** Room left over after a model lands, for the database, recordings and the OS. */
export const DISK_RESERVE_BYTES = 200e6;

/** Bytes available to this user on the disk that holds `dir` (or its nearest existing parent). */
export const freeSpace: FreeSpace = async (dir) => {
  let at = path.resolve(dir);
  for (;;) {
    try {
      const s = await fs.promises.statfs(at);
      return s.bavail * s.bsize;
    } catch (error) {
      const parent = path.dirname(at);
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || parent === at) throw error;
      at = parent;
    }
  }
};

export async function ensureFreeSpace(
  dir: string,
  neededBytes: number,
  what: string,
  free: FreeSpace = freeSpace,
): Promise<void> {
  const available = await free(dir);
  if (available < neededBytes + DISK_RESERVE_BYTES) {
    throw new AppError(
      'DISK_FULL',
      `${what} needs ${formatBytes(neededBytes + DISK_RESERVE_BYTES)} of free space on the disk that holds ${dir}, and only ${formatBytes(available)} is free. Free some space (or delete models you no longer use) and try again.`,
    );
  }
}

/** True for the errors a full disk (or a full quota) raises. */
export function isDiskFullError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}
