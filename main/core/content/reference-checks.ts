/**
 * The app's side of reference checks: what each pack's status is (from the cache by SHA-256, or
 * a check running now), which languages each of its coding questions is offered in, and
 * starting a check in the background. A check is only ever started by an explicit action
 * (importing a pack, "Check references"); loading the library never starts one.
 */
import { LANGUAGES, type Language, type Question } from '../../../content/schema.js';
import type { ReferenceStatus } from '../../contract/services/content.js';
import { exerciseSpec, languagesWithReferences } from '../exercise/spec.js';
import type { RunnerEnv } from '../runner/harness/run-tests.js';
import { codingCount, defaultReferenceStatus, type LoadedRole } from './library.js';
import { formatPath } from './parse-pack.js';
import type { CachedCheck, ReferenceCache } from './reference-cache.js';
import { verifyReferences } from './verify-references.js';

export interface ReferenceChecks {
  status(loaded: LoadedRole): ReferenceStatus;
  /**
   * The languages a coding question may be worked in: those its references were proven in. A
   * bundled pack's references are proven by the project's own tests (every bundled reference
   * runs through the runner there); a user pack's by its last check. Empty before any check.
   */
  languages(loaded: LoadedRole, question: Question): Language[];
  /** Starts a check unless one for this content is running; resolves with its final status. */
  start(loaded: LoadedRole): Promise<ReferenceStatus>;
  /** Resolves when no check is running (tests, shutdown). */
  idle(): Promise<void>;
  close(): void;
}

function statusOf(entry: CachedCheck): ReferenceStatus {
  if (entry.failures.length === 0 && entry.passing === entry.coding) {
    return { state: 'pass', coding: entry.coding, checkedAt: entry.checkedAt };
  }
  const failing = Math.max(1, entry.coding - entry.passing);
  return { state: 'fail', coding: entry.coding, failing, checkedAt: entry.checkedAt, failures: entry.failures };
}

export function createReferenceChecks(options: {
  runner: () => RunnerEnv;
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
  /** Proofs of packs without a hash (built in code), for this session only. */
  const transientProofs = new Map<string, CachedCheck['proofs']>();

  const keyOf = (loaded: LoadedRole) => loaded.sha256 ?? `${loaded.source}:${loaded.file}`;
  const cachedEntry = (loaded: LoadedRole) => (loaded.sha256 ? options.cache.get(loaded.sha256) : undefined);

  const check = async (loaded: LoadedRole): Promise<ReferenceStatus> => {
    const coding = codingCount(loaded.role);
    const report = await verifyReferences(options.runner(), loaded.role, { signal: controller.signal });
    if (report.notRun !== undefined) return { state: 'unavailable', coding, message: report.notRun };
    const entry: CachedCheck = {
      checkedAt: now(),
      coding,
      passing: report.passing,
      failures: report.problems.map((f) => ({
        questionId: f.questionId,
        path: formatPath(f.path),
        message: f.message,
      })),
      proofs: report.proofs,
    };
    if (loaded.sha256) options.cache.set(loaded.sha256, entry);
    else transientProofs.set(keyOf(loaded), report.proofs);
    const missing = Object.entries(report.unavailable).map(([language, why]) => `${language}: ${why}`);
    options.log?.(
      `references of ${loaded.file}: ${report.passing}/${coding} pass, ${report.passed}/${report.runs} runs (${report.durationMs} ms, ${report.processes} process${report.processes === 1 ? '' : 'es'})${missing.length > 0 ? `; not run: ${missing.join('; ')}` : ''}`,
    );
    return statusOf(entry);
  };

  return {
    status(loaded) {
      const key = keyOf(loaded);
      if (codingCount(loaded.role) === 0) return { state: 'no_code' };
      if (running.has(key)) return { state: 'checking', coding: codingCount(loaded.role) };
      const entry = cachedEntry(loaded);
      return (entry ? statusOf(entry) : undefined) ?? transient.get(key) ?? defaultReferenceStatus(loaded);
    },
    languages(loaded, question) {
      const spec = exerciseSpec(question);
      if (!spec) return [];
      if (loaded.source === 'bundled') return languagesWithReferences(spec);
      const proofs = cachedEntry(loaded)?.proofs ?? transientProofs.get(keyOf(loaded)) ?? [];
      const proven = proofs.find((p) => p.questionId === question.id)?.languages ?? [];
      return LANGUAGES.filter((l) => proven.includes(l));
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
