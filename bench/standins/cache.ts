/**
 * Where benchmark stand-in models are kept: generated on demand, reproducible from a seed,
 * never committed. REHEARSAL_STANDINS_DIR overrides the folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function standinsDir(): string {
  const dir =
    process.env.REHEARSAL_STANDINS_DIR ??
    path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'interview-rehearsal', 'standins');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** The test fixtures (../shared/fixtures next to the project unless FIXTURES_DIR says otherwise). */
export const FIXTURES_DIR =
  process.env.FIXTURES_DIR ?? path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures');
