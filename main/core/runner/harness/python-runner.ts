/**
 * Python through Pyodide inside the sandboxed process. Loading Pyodide takes seconds, so a "warm"
 * process can be started in the background: it loads Pyodide and waits for its job on stdin. A
 * warm process serves exactly one run and is then discarded (nothing of one run can leak into
 * the next); the next one starts after the run ends.
 */
import { randomBytes } from 'node:crypto';
import type { RunLimits, Sandbox, SandboxResult } from '../sandbox.js';
import { runtimeSource } from './runtime-files.js';

export const RESULTS_FILE = 'results.jsonl';

export interface PythonJob {
  mode: 'tests' | 'own';
  source: string;
  testSource?: string;
  functionName?: string;
  tests: unknown[];
  stdoutCap: number;
  outputLimit?: number;
  recursionLimit?: number;
  /** A batch: several solutions, one after another (the top-level source and tests are unused). */
  suites?: { source: string; functionName?: string | undefined; tests: unknown[] }[];
}

export interface PythonLimits extends RunLimits {
  /** Python's own memory (WebAssembly), in MB. */
  pythonMb: number;
  /** Extra time allowed for loading Pyodide when the process was not warm yet. */
  loadMs: number;
}

/**
 * Python's memory (WebAssembly) is capped at 512 MB, and so is the process's JavaScript heap:
 * the sandbox's resident-memory watch (heap + 256 MB) then stays above what Python may use, so a
 * huge allocation is Python's own MemoryError, not a killed process.
 */
export const DEFAULT_PYTHON_LIMITS: PythonLimits = {
  wallMs: 5000,
  heapMb: 512,
  outputBytes: 1_000_000,
  pythonMb: 512,
  loadMs: 20_000,
};

/**
 * Run (with its results discarded) by a process started in the background, after loading Pyodide
 * and before it says it is ready: a fresh process runs CPython's WebAssembly and Pyodide's glue
 * unoptimised at first, and this first pass (compiling and loading a module, calls, JSON both
 * ways) is what V8 then tiers up, off the candidate's clock. Fixed code of ours; nothing of the
 * candidate's exists yet, and the harness resets its state for every job.
 */
export const WARM_UP_JOB: PythonJob = {
  mode: 'tests',
  source: [
    'def warm_up(rows, key):',
    '    totals = {}',
    '    for row in rows:',
    '        totals[row[key]] = totals.get(row[key], 0) + row["amount"]',
    '    return sorted(totals.items())',
    '',
  ].join('\n'),
  functionName: 'warm_up',
  tests: [
    {
      kind: 'call',
      args: [
        [
          { id: 'a', amount: 1 },
          { id: 'b', amount: 2 },
          { id: 'a', amount: 3 },
        ],
        'id',
      ],
      expected: [],
    },
    { kind: 'call', args: [[], 'id'], expected: [] },
  ],
  stdoutCap: 8192,
};

interface Started {
  startedAt: number;
  deliver: (job: string) => void;
  abort: AbortController;
  result: Promise<SandboxResult>;
  limits: PythonLimits;
}

export interface PythonRunOutcome {
  sandbox: SandboxResult;
  records: string | undefined;
  /** Time from delivering the job to the process's end. */
  runMs: number;
  warm: boolean;
}

export class PythonRunner {
  private warm: Started | null = null;
  private closed = false;

  constructor(
    private readonly sandbox: Sandbox,
    private readonly pyodideDir: string,
    private readonly options: { keepWarm: boolean } = { keepWarm: false },
  ) {}

  /** Starts a warm process now (if none is waiting), so the next run skips loading Pyodide. */
  prepare(limits: Partial<PythonLimits> = {}): void {
    if (this.closed || this.warm) return;
    this.warm = this.start({ ...DEFAULT_PYTHON_LIMITS, ...limits }, true);
  }

  /** `background`: nobody waits for this process yet, so it warms up before its job (WARM_UP_JOB). */
  private start(limits: PythonLimits, background: boolean): Started {
    let deliver!: (job: string) => void;
    const stdin = new Promise<string>((resolve) => (deliver = resolve));
    const abort = new AbortController();
    const doneMarker = `done-${randomBytes(12).toString('hex')}`;
    const result = this.sandbox.run({
      files: {
        'py-harness.cjs': runtimeSource(this.sandbox.runtimeDir, 'py-harness.cjs'),
        'harness.py': runtimeSource(this.sandbox.runtimeDir, 'harness.py'),
        'config.json': JSON.stringify({
          pyodide: this.pyodideDir,
          results: RESULTS_FILE,
          memoryMb: limits.pythonMb,
          doneMarker,
          ...(background ? { warmUp: JSON.stringify(WARM_UP_JOB) } : {}),
        }),
      },
      entry: 'py-harness.cjs',
      doneMarker,
      stdin,
      readPaths: [this.pyodideDir],
      // The wall clock of the run itself is kept by run(); this only bounds an idle warm process.
      limits: { wallMs: 30 * 60_000, heapMb: limits.heapMb, outputBytes: limits.outputBytes },
      signal: abort.signal,
      collect: [RESULTS_FILE],
    });
    // A warm process that dies unused (or is closed) must not be an unhandled rejection.
    result.catch(() => undefined);
    return { startedAt: Date.now(), deliver, abort, result, limits };
  }

  async run(job: PythonJob, limits: Partial<PythonLimits> = {}, signal?: AbortSignal): Promise<PythonRunOutcome> {
    const wanted = { ...DEFAULT_PYTHON_LIMITS, ...limits };
    const reused =
      this.warm !== null && this.warm.limits.pythonMb === wanted.pythonMb && this.warm.limits.heapMb === wanted.heapMb;
    const proc = reused ? this.warm! : this.start(wanted, false);
    if (reused) this.warm = null;
    else if (this.warm) {
      this.warm.abort.abort();
      this.warm = null;
    }
    const age = Date.now() - proc.startedAt;
    const budget = wanted.wallMs + Math.max(0, wanted.loadMs - age);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      proc.abort.abort();
    }, budget);
    const onAbort = () => proc.abort.abort();
    signal?.addEventListener('abort', onAbort);
    const delivered = Date.now();
    // One line: the harness starts on its newline, without waiting for stdin to close.
    proc.deliver(`${JSON.stringify(job)}\n`);
    let sandbox: SandboxResult;
    try {
      sandbox = await proc.result;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
    if (timedOut && sandbox.status === 'aborted') sandbox = { ...sandbox, status: 'timeout' };
    const runMs = Date.now() - delivered;
    // The next warm process starts after this result is handed back, not before.
    if (this.options.keepWarm && !this.closed) setImmediate(() => this.prepare(limits));
    return { sandbox, records: sandbox.outputs?.[RESULTS_FILE], runMs, warm: reused && age >= 0 };
  }

  /** Ends the waiting warm process; later runs start cold. */
  /** Resolves once that process has ended and its workspace is gone. */
  async close(): Promise<void> {
    this.closed = true;
    const warm = this.warm;
    this.warm = null;
    if (!warm) return;
    warm.abort.abort();
    await warm.result.catch(() => undefined);
  }
}
