/**
 * Layer 1 of the runner: the one place untrusted code runs (pack references, candidates' code).
 * Language-agnostic: it runs one JavaScript entry file in a separate OS process and reports what
 * happened; harnesses (./harness) build that entry for each language and kind of test.
 *
 *   const sandbox = createSandbox({ execPath: process.execPath, tempRoot });
 *   const result = await sandbox.run({ files: { 'main.js': code }, entry: 'main.js', collect: ['out.json'] });
 *
 * Each run gets:
 * - a fresh workspace folder (tempRoot/run-<pid>-…) holding `files`, removed afterwards; folders left
 *   by a crash are swept when a sandbox is created;
 * - a child process of `execPath` (Node for the bridge and tests; the Electron binary with
 *   ELECTRON_RUN_AS_NODE=1 in the desktop app, because utilityProcess ignores --permission) with an
 *   empty environment, cwd = the workspace, and Node's permission model: reads limited to the
 *   workspace, the runtime folder and `readPaths`; writes to the workspace; no child processes,
 *   workers, addons, inspector or WASI; --max-old-space-size = heapMb; eval and new Function off
 *   unless `allowCodeGeneration` (Pyodide may need it);
 * - runtime/bootstrap.cjs first, which refuses to run anything if the permission model is not in
 *   force ("sandbox_unavailable"), blocks sockets except 127.0.0.1:`loopbackPort`, and blocks
 *   signals to other processes;
 * - a wall-clock limit enforced by killing the process (group), an output cap (stdout + stderr;
 *   the process is stopped when it is reached) and, on Linux, a resident-memory cap of
 *   heapMb + RSS_HEADROOM_MB (memory outside the JS heap: Buffers, WebAssembly).
 *
 * `collect` names workspace files to read back after the process ends, whatever the status (so a
 * harness can stream results to a file and a killed run still reports the tests it finished).
 *
 * `doneMarker`: a harness that prints this line on stdout has finished its work; the run ends
 * there ('ok', outputs read back) and the process is killed, instead of waiting for it to tear
 * itself down (a process holding Pyodide's WebAssembly memory takes 50–100 ms to exit, more than
 * a warm run's own work). The workspace is removed, and the concurrency slot freed, once it is gone.
 *
 * Over 300 lines: The security boundary is kept in one file on purpose, so it can be read and
 * reviewed as a whole.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { watchMemory } from './memory-watch.js';
import {
  CANCELLED_MESSAGE,
  couldNotStartMessage,
  memoryMessage,
  outputCutNote,
  outputLimitMessage,
  timeoutMessage,
} from './messages.js';
import { defaultRuntimeDir } from './runtime-dir.js';
import { createWorkspace, readBack, removeWorkspace, sweepWorkspaces, writeFiles } from './workspace.js';

export interface RunLimits {
  wallMs: number;
  heapMb: number;
  outputBytes: number;
}

export const DEFAULT_LIMITS: RunLimits = { wallMs: 10_000, heapMb: 256, outputBytes: 1024 * 1024 };
/** Resident memory allowed above the heap cap: Node itself, Buffers, WebAssembly memory. */
export const RSS_HEADROOM_MB = 256;
const COLLECT_MAX_BYTES = 8 * 1024 * 1024;
/** How a bootstrap says it refuses to run anything (also system-python.py's). */
export const SANDBOX_UNAVAILABLE_EXIT = 87;
export const UNAVAILABLE_MARK = '\u0000sandbox-unavailable:';

export interface SandboxRequest {
  /** Written into a fresh workspace folder (relative paths, no '..', no absolute). */
  files: Record<string, string>;
  /** The file in `files` the bootstrap loads (.js/.cjs as CommonJS; .mjs/.ts/.mts as an ES module). */
  entry: string;
  /**
   * A promise lets the process start (and load a runtime such as Pyodide) before its input is
   * known: a "warm" process. The wall clock still runs from the start; a caller that keeps a
   * process waiting sets wallMs for the wait too, and stops it through `signal`.
   */
  stdin?: string | Promise<string>;
  limits?: Partial<RunLimits>;
  /** Extra read-only folders or files the code may read (e.g. the Pyodide package), absolute paths. */
  readPaths?: string[];
  /** The one port on 127.0.0.1 the code may connect to (a round's mock API). */
  loopbackPort?: number;
  /** eval / new Function; off by default. */
  allowCodeGeneration?: boolean;
  /** A line the entry prints on stdout once its work is done: the run ends there (see above). */
  doneMarker?: string;
  signal?: AbortSignal;
}

export type SandboxStatus = 'ok' | 'error' | 'timeout' | 'memory' | 'output_limit' | 'aborted' | 'sandbox_unavailable';

export interface SandboxResult {
  status: SandboxStatus;
  exitCode: number | null;
  /** Capped at outputBytes (stdout and stderr together), with a note when cut. */
  stdout: string;
  stderr: string;
  durationMs: number;
  /** A sentence a user can act on, for every status but 'ok'. */
  message?: string;
  /** Files the caller asked to read back (absent when the code did not write them). */
  outputs?: Record<string, string>;
}

export interface Sandbox {
  run(request: SandboxRequest & { collect?: string[] }): Promise<SandboxResult>;
  readonly tempRoot: string;
  /** The folder of bootstrap.cjs and the harness files, readable by every run. */
  readonly runtimeDir: string;
  /** Resolves once every process ended at a done marker has exited and its workspace is removed. */
  settled(): Promise<void>;
}

export interface SandboxOptions {
  /** The runtime binary: Node, or the Electron binary with runAsNode. */
  execPath: string;
  runAsNode?: boolean;
  /** Workspaces live here (the data folder's runner/ in the app). */
  tempRoot: string;
  /** Folder holding bootstrap.cjs and the harness files; default: ./runtime next to this module. */
  runtimeDir?: string;
  /** Processes running at once; later runs wait for a slot. */
  maxConcurrent?: number;
  log?: (message: string) => void;
}

export function createSandbox(options: SandboxOptions): Sandbox {
  const runtimeDir = options.runtimeDir ?? defaultRuntimeDir();
  const log = options.log ?? (() => {});
  const swept = sweepWorkspaces(options.tempRoot);
  if (swept > 0) log(`removed ${swept} runner folder(s) left by an earlier crash`);

  const maxConcurrent = Math.max(1, options.maxConcurrent ?? 2);
  let running = 0;
  const waiting: (() => void)[] = [];
  const acquire = async () => {
    if (running >= maxConcurrent) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
  };
  const release = () => {
    running--;
    waiting.shift()?.();
  };

  const exiting = new Set<Promise<void>>();
  return {
    tempRoot: options.tempRoot,
    runtimeDir,
    async run(request) {
      await acquire();
      let gone: Promise<void> = Promise.resolve();
      try {
        const { result, exited } = await runOnce(options, runtimeDir, request);
        gone = exited;
        return result;
      } finally {
        // A run that ended at its done marker holds its slot until the process is gone.
        const done = gone.then(release);
        exiting.add(done);
        void done.then(() => exiting.delete(done));
      }
    },
    async settled() {
      await Promise.all([...exiting]);
    },
  };
}

function limitsOf(request: SandboxRequest): RunLimits {
  return { ...DEFAULT_LIMITS, ...request.limits };
}

async function runOnce(
  options: SandboxOptions,
  runtimeDir: string,
  request: SandboxRequest & { collect?: string[] },
): Promise<{ result: SandboxResult; exited: Promise<void> }> {
  const limits = limitsOf(request);
  const started = Date.now();
  const finish = (status: SandboxStatus, rest: Partial<SandboxResult> = {}): SandboxResult => ({
    status,
    exitCode: null,
    stdout: '',
    stderr: '',
    durationMs: Date.now() - started,
    ...rest,
  });
  const now = (result: SandboxResult) => ({ result, exited: Promise.resolve() });
  if (request.signal?.aborted) return now(finish('aborted', { message: CANCELLED_MESSAGE }));
  if (!(request.entry in request.files)) throw new TypeError(`sandbox entry "${request.entry}" is not in files`);

  const workspace = createWorkspace(options.tempRoot);
  const probe = path.join(path.dirname(workspace), `probe-${process.pid}-${randomBytes(6).toString('hex')}`);
  const cleanUp = () => {
    removeWorkspace(workspace);
    // Only there if the permission model let a write through; the run was refused anyway.
    fs.rmSync(probe, { force: true });
  };
  let exited: Promise<void> | null = null;
  try {
    writeFiles(workspace, request.files);
    const bootstrap = path.join(runtimeDir, 'bootstrap.cjs');
    const args = [
      '--permission',
      `--allow-fs-read=${workspace}`,
      `--allow-fs-read=${runtimeDir}`,
      ...(request.readPaths ?? []).map((p) => `--allow-fs-read=${path.resolve(p)}`),
      `--allow-fs-write=${workspace}`,
      `--max-old-space-size=${Math.max(16, Math.round(limits.heapMb))}`,
      ...(request.allowCodeGeneration ? [] : ['--disallow-code-generation-from-strings']),
      '--disable-warning=ExperimentalWarning',
      bootstrap,
      JSON.stringify({
        entry: path.join(workspace, ...request.entry.split('/')),
        probe,
        loopbackPort: request.loopbackPort ?? 0,
      }),
    ];
    const env: Record<string, string> = {};
    if (options.runAsNode) env.ELECTRON_RUN_AS_NODE = '1';
    // Windows needs these two to start any process; they name system folders, nothing personal.
    for (const key of ['SystemRoot', 'windir']) if (process.env[key]) env[key] = process.env[key];
    const spawned = spawnLimited(
      { command: options.execPath, args, cwd: workspace, env, classify: classifyExit },
      limits,
      request,
    );
    const outcome = await spawned.outcome;
    const outputs = request.collect ? readBack(workspace, request.collect, COLLECT_MAX_BYTES) : undefined;
    exited = spawned.exited.then(cleanUp, cleanUp);
    return { result: { ...outcome, durationMs: Date.now() - started, ...(outputs ? { outputs } : {}) }, exited };
  } finally {
    if (!exited) cleanUp();
  }
}

export type Outcome = Omit<SandboxResult, 'durationMs' | 'outputs'>;

/** How a process that ended by itself (no limit reached) is reported. */
export type ClassifyExit = (
  base: { exitCode: number | null; stdout: string; stderr: string },
  code: number | null,
  signal: NodeJS.Signals | null,
  limits: RunLimits,
) => Outcome;

/** One process to start under the limits below: the Node sandbox's, or system python3's. */
export interface ProcessSpec {
  command: string;
  args: string[];
  cwd: string;
  /** The whole environment of the process: nothing is inherited. */
  env: Record<string, string>;
  classify: ClassifyExit;
}

/**
 * Starts a process in its own group and holds it to `limits`: the wall clock, the output cap,
 * the resident-memory watch (Linux) and the caller's abort, each ending it with a kill of the
 * whole group and the sentence of ./messages.ts. Exported for system python3, which adds its own
 * confinement inside the process (system-python/).
 */
export function spawnLimited(
  spec: ProcessSpec,
  limits: RunLimits,
  request: Pick<SandboxRequest, 'stdin' | 'doneMarker' | 'signal'>,
): { outcome: Promise<Outcome>; exited: Promise<void> } {
  let markExited!: () => void;
  const exited = new Promise<void>((resolve) => (markExited = resolve));
  const outcome = new Promise<Outcome>((resolve) => {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      // Its own process group, so a kill takes everything it may have left behind.
      detached: process.platform !== 'win32',
      windowsHide: true,
    });

    let stopped: { status: SandboxStatus; message: string } | null = null;
    /** Set when the done marker was seen: the outcome is already out, the process is being killed. */
    let ended = false;
    const stop = (status: SandboxStatus, message: string) => {
      if (stopped || ended) return;
      stopped = { status, message };
      killTree(child.pid, () => child.kill('SIGKILL'));
    };

    const chunks: { stdout: Buffer[]; stderr: Buffer[] } = { stdout: [], stderr: [] };
    let total = 0;
    const marker = request.doneMarker ? `${request.doneMarker}\n` : null;
    let tail = '';
    const take = (stream: 'stdout' | 'stderr') => (data: Buffer) => {
      if (ended) return;
      const room = limits.outputBytes - total;
      if (room > 0) chunks[stream].push(room >= data.length ? data : data.subarray(0, room));
      total += data.length;
      if (total > limits.outputBytes) {
        stop('output_limit', outputLimitMessage(limits.outputBytes));
      }
      if (marker && stream === 'stdout' && !stopped) {
        // latin1 keeps one character per byte, so a marker split across chunks is still found.
        tail = (tail + data.toString('latin1')).slice(-(marker.length + data.length));
        if (tail.includes(marker)) endAtMarker();
        else tail = tail.slice(-marker.length);
      }
    };
    child.stdout.on('data', take('stdout'));
    child.stderr.on('data', take('stderr'));
    child.stdin.on('error', () => {}); // the code may exit without reading its input
    if (typeof request.stdin === 'string' || request.stdin === undefined) child.stdin.end(request.stdin ?? '');
    else {
      request.stdin.then(
        (input) => {
          if (!stopped && child.exitCode === null && !child.stdin.destroyed) child.stdin.end(input);
        },
        () => stop('aborted', CANCELLED_MESSAGE),
      );
    }

    const timer = setTimeout(() => stop('timeout', timeoutMessage(limits.wallMs)), limits.wallMs);
    const stopWatching =
      child.pid === undefined
        ? () => {}
        : watchMemory(child.pid, (limits.heapMb + RSS_HEADROOM_MB) * 1024 * 1024, () =>
            stop('memory', memoryMessage(limits.heapMb)),
          );
    const onAbort = () => stop('aborted', CANCELLED_MESSAGE);
    request.signal?.addEventListener('abort', onAbort, { once: true });

    const settle = () => {
      clearTimeout(timer);
      stopWatching();
      request.signal?.removeEventListener('abort', onAbort);
    };
    const printed = () => {
      const cut = total > limits.outputBytes ? outputCutNote(limits.outputBytes) : '';
      let stdout = Buffer.concat(chunks.stdout).toString('utf8');
      let stderr = Buffer.concat(chunks.stderr).toString('utf8');
      if (cut) {
        if (chunks.stderr.length > 0 && chunks.stdout.length === 0) stderr += cut;
        else stdout += cut;
      }
      return { stdout, stderr };
    };
    function endAtMarker() {
      ended = true;
      settle();
      const { stdout, stderr } = printed();
      // The harness's work is over and its results are written: kill rather than wait for its exit.
      resolve({ exitCode: null, stdout: stdout.replace(marker!, ''), stderr, status: 'ok' });
      killTree(child.pid, () => child.kill('SIGKILL'));
    }

    let spawnError: Error | null = null;
    child.on('error', (error) => {
      spawnError = error;
    });
    child.on('close', (code, signal) => {
      markExited();
      if (ended) return;
      settle();
      const base = { exitCode: code, ...printed() };
      if (spawnError) {
        resolve({
          ...base,
          status: 'sandbox_unavailable',
          message: couldNotStartMessage(spec.command, (spawnError as NodeJS.ErrnoException).code ?? spawnError.message),
        });
        return;
      }
      if (stopped) {
        resolve({ ...base, status: stopped.status, message: stopped.message });
        return;
      }
      resolve(spec.classify(base, code, signal, limits));
    });
  });
  return { outcome, exited };
}

const classifyExit: ClassifyExit = (base, code, signal, limits) => {
  const unavailable = unavailableReason(base.stderr, code);
  if (unavailable !== null) {
    return {
      ...base,
      stderr: base.stderr.replace(new RegExp(`${UNAVAILABLE_MARK}.*\\n?`), ''),
      status: 'sandbox_unavailable',
      message: `The code was not run: the sandbox is not available here (${unavailable}). Update the app, or run it with Node.js 22.18 or newer.`,
    };
  }
  if (/Reached heap limit|JavaScript heap out of memory|Fatal process out of memory/.test(base.stderr)) {
    return { ...base, status: 'memory', message: memoryMessage(limits.heapMb) };
  }
  if (code === 0) return { ...base, status: 'ok' };
  return exitedWith(base, code, signal);
};

/** A process that ended badly on its own (no limit reached). */
export function exitedWith(base: Omit<Outcome, 'status'>, code: number | null, signal: NodeJS.Signals | null): Outcome {
  const how = signal ? `was stopped by ${signal}` : `exited with status ${code}`;
  return { ...base, status: 'error', message: `The code ${how}.` };
}

export function unavailableReason(stderr: string, code: number | null): string | null {
  const at = stderr.indexOf(UNAVAILABLE_MARK);
  if (code === SANDBOX_UNAVAILABLE_EXIT && at >= 0) {
    return stderr.slice(at + UNAVAILABLE_MARK.length).split('\n')[0] ?? 'unknown reason';
  }
  // Node before 22.13 calls the flag --experimental-permission and refuses this one (exit 9).
  if (code === 9 && /bad option: --permission|--allow-fs/.test(stderr)) return 'this runtime has no --permission flag';
  return null;
}

function killTree(pid: number | undefined, fallback: () => void): void {
  if (pid !== undefined && process.platform !== 'win32') {
    try {
      process.kill(-pid, 'SIGKILL');
      return;
    } catch {
      // Already gone, or not a group leader: kill the process itself.
    }
  }
  fallback();
}
