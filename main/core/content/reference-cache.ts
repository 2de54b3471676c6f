/**
 * Remembers, per pack file content (SHA-256), what its reference check found, in the data
 * folder (reference-checks.json), so a result survives restarts and is never recomputed on load.
 * A changed file has a new hash and starts "not checked".
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { LANGUAGES } from '../../../content/schema.js';

/** Bump when the way references are run changes, so older results are not trusted. */
export const REFERENCE_CHECK_VERSION = 2;
const MAX_ENTRIES = 500;

const entrySchema = z.object({
  checkedAt: z.number(),
  coding: z.number().int().min(0),
  passing: z.number().int().min(0),
  failures: z.array(z.object({ questionId: z.string(), path: z.string(), message: z.string() })).max(1000),
  /** Per coding question, the languages its references were proven in: the languages it is offered in. */
  proofs: z.array(z.object({ questionId: z.string(), languages: z.array(z.enum(LANGUAGES)) })).max(5000),
});
const fileSchema = z.object({
  version: z.literal(REFERENCE_CHECK_VERSION),
  entries: z.record(z.string().regex(/^[0-9a-f]{64}$/), entrySchema),
});

export type CachedCheck = z.infer<typeof entrySchema>;

export interface ReferenceCache {
  get(sha256: string): CachedCheck | undefined;
  set(sha256: string, entry: CachedCheck): void;
}

export function createReferenceCache(file: string, log: (message: string) => void = () => {}): ReferenceCache {
  let entries: Record<string, CachedCheck> | undefined;
  const load = (): Record<string, CachedCheck> => {
    if (entries) return entries;
    try {
      const parsed = fileSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
      entries = parsed.success ? parsed.data.entries : {};
      if (!parsed.success) log(`${file} is not in the expected format; reference checks start afresh`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        log(`could not read ${file}: ${(error as Error).message}`);
      entries = {};
    }
    return entries;
  };
  return {
    get: (sha256) => load()[sha256],
    set(sha256, entry) {
      const all = load();
      all[sha256] = entry;
      const keys = Object.keys(all);
      if (keys.length > MAX_ENTRIES) {
        keys.sort((a, b) => (all[a]?.checkedAt ?? 0) - (all[b]?.checkedAt ?? 0));
        for (const key of keys.slice(0, keys.length - MAX_ENTRIES)) delete all[key];
      }
      try {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        const tmp = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, JSON.stringify({ version: REFERENCE_CHECK_VERSION, entries: all }));
        fs.renameSync(tmp, file);
      } catch (error) {
        // The result still shows for this session; it is only not remembered.
        log(`could not save reference checks to ${file}: ${(error as Error).message}`);
      }
    },
  };
}
