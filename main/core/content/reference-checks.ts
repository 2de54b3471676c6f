/**
 * The app's side of reference checks: what each pack's status is (from the cache by SHA-256, or
 * a check running now), and starting a check in the background. A check is only ever started by
 * an explicit action (importing a pack, "Check references"); loading the library never starts one.
 */
import type { ReferenceStatus } from '../../contract/services/content.js';
import type { Sandbox } from '../runner/sandbox.js';
import { codingCount, defaultReferenceStatus, type LoadedRole } from './library.js';
import { formatPath } from './parse-pack.js';
import type { ReferenceCache } from './reference-cache.js';
import { runReferences } from './reference-run.js';

export interface ReferenceChecks {
  status(loaded: LoadedRole): ReferenceStatus;
  /** Starts a check unless one for this content is running; resolves with its final status. */
  start(loaded: LoadedRole): Promise<ReferenceStatus>;
  /** Resolves when no check is running (tests, shutdown). */
  idle(): Promise<void>;
  close(): void;
}

export function createReferenceChecks(options: {
  sandbox: () => Sandbox;
  cache: ReferenceCache;
  onStatus: (loaded: LoadedRole, status: ReferenceStatus) => void;
  log?: (message: string) => void;
  now?: () => number;
}): ReferenceChecks {
  const now = options.now ?? Date.now;
  /** One check per pack content at a time; a second request for it joins the first. */
  const running = new Map<string, Promise<ReferenceStatus>>();
  const controller = new AbortController();
  /** Results that could not be cached (no hash: a pack built in code) or runner unavailability. */
  const transient = new Map<string, ReferenceStatus>();

  const cached = (loaded: LoadedRole): ReferenceStatus | undefined => {
    if (!loaded.sha256) return undefined;
    const entry = options.cache.get(loaded.sha256);
    if (!entry) return undefined;
    if (entry.failures.length === 0 && entry.passing === entry.coding) {
      return { state: 'pass', coding: entry.coding, checkedAt: entry.checkedAt };
    }
    const failing = entry.coding - entry.passing;
    return { state: 'fail', coding: entry.coding, failing, checkedAt: entry.checkedAt, failures: entry.failures };
  };
  const keyOf = (loaded: LoadedRole) => loaded.sha256 ?? `${loaded.source}:${loaded.file}`;

  const check = async (loaded: LoadedRole): Promise<ReferenceStatus> => {
    const coding = codingCount(loaded.role);
    const report = await runReferences(options.sandbox(), loaded.role, { signal: controller.signal });
    if (report.notRun !== undefined) return { state: 'unavailable', coding, message: report.notRun };
    const entry = {
      checkedAt: now(),
      coding,
      passing: report.passing,
      failures: report.failures.map((f) => ({
        questionId: f.questionId,
        path: formatPath(f.path),
        message: f.message,
      })),
    };
    if (loaded.sha256) options.cache.set(loaded.sha256, entry);
    options.log?.(
      `references of ${loaded.file}: ${report.passing}/${coding} pass (${report.durationMs} ms, ${report.processes} process${report.processes === 1 ? '' : 'es'})`,
    );
    return entry.failures.length === 0 && entry.passing === coding
      ? { state: 'pass', coding, checkedAt: entry.checkedAt }
      : {
          state: 'fail',
          coding,
          failing: coding - entry.passing,
          checkedAt: entry.checkedAt,
          failures: entry.failures,
        };
  };

  return {
    status(loaded) {
      const key = keyOf(loaded);
      if (codingCount(loaded.role) === 0) return { state: 'no_code' };
      if (running.has(key)) return { state: 'checking', coding: codingCount(loaded.role) };
      return cached(loaded) ?? transient.get(key) ?? defaultReferenceStatus(loaded);
    },
    start(loaded) {
      const key = keyOf(loaded);
      const existing = running.get(key);
      if (existing) return existing;
      const coding = codingCount(loaded.role);
      if (coding === 0) return Promise.resolve({ state: 'no_code' });
      options.onStatus(loaded, { state: 'checking', coding });
      const job = check(loaded)
        .catch((error: unknown): ReferenceStatus => {
          options.log?.(`reference check of ${loaded.file} failed: ${(error as Error).message}`);
          return { state: 'unavailable', coding, message: `The check could not run: ${(error as Error).message}` };
        })
        .then((status) => {
          running.delete(key);
          if (status.state === 'unavailable' || !loaded.sha256) transient.set(key, status);
          else transient.delete(key);
          options.onStatus(loaded, status);
          return status;
        });
      running.set(key, job);
      return job;
    },
    async idle() {
      await Promise.all([...running.values()]);
    },
    close() {
      controller.abort();
    },
  };
}
