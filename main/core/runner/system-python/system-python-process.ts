/**
 * One run on the system python3: a fresh workspace folder (removed afterwards), the executable
 * found by detect.ts started directly, not through a shell, as `python3 -I -B -X utf8` (isolated:
 * no PYTHON* variables, no user site-packages, no script folder on sys.path) with an almost
 * empty environment, stdin closed, and the Node sandbox's own wall clock, output cap, memory
 * watch and group kill (sandbox.ts spawnLimited), so a stopped run reads the same as there.
 * Inside, runtime/system-python.py sets OS resource limits and a best-effort audit hook before
 * the shared harness (runtime/harness.py) runs the candidate's code.
 */
import path from 'node:path';
import { RESULTS_FILE, type PythonJob, type PythonLimits, type PythonRunOutcome } from '../harness/python-runner.js';
import { runtimeSource } from '../harness/runtime-files.js';
import { CANCELLED_MESSAGE, memoryMessage, timeoutMessage } from '../messages.js';
import {
  exitedWith,
  spawnLimited,
  unavailableReason,
  UNAVAILABLE_MARK,
  type ClassifyExit,
  type RunLimits,
  type SandboxResult,
} from '../sandbox.js';
import { createWorkspace, readBack, removeWorkspace, writeFiles } from '../workspace.js';

/** Time allowed for python3 itself to start, on top of the run's own wall clock. */
export const STARTUP_MS = 1000;
/** Largest file the code may write (RLIMIT_FSIZE). */
export const FILE_BYTES = 16 * 1024 * 1024;
const COLLECT_MAX_BYTES = 8 * 1024 * 1024;

/** The whole environment of the process: enough to run, nothing of the user's. */
export const SCRUBBED_ENV: Readonly<Record<string, string>> = Object.freeze({ PATH: '/usr/bin:/bin', LANG: 'C.UTF-8' });

export function pythonArgs(workspace: string): string[] {
  return ['-I', '-B', '-X', 'utf8', path.join(workspace, 'system-python.py')];
}

/** How a python3 that ended by itself is reported (limits reached in the app are handled before). */
export function classifyPythonExit(pythonMb: number): ClassifyExit {
  return (base, code, signal, limits) => {
    const unavailable = unavailableReason(base.stderr, code);
    if (unavailable !== null) {
      return {
        ...base,
        stderr: base.stderr.replace(new RegExp(`${UNAVAILABLE_MARK}.*\\n?`), ''),
        status: 'sandbox_unavailable',
        message: `The code was not run: the system python3 cannot be confined here (${unavailable}). Choose the built-in Python in Settings → Coding rounds.`,
      };
    }
    // RLIMIT_CPU, the backstop behind the wall clock.
    if (signal === 'SIGXCPU') return { ...base, status: 'timeout', message: timeoutMessage(limits.wallMs) };
    if (code !== 0 && /\bMemoryError\b|Cannot allocate memory|out of memory/.test(base.stderr)) {
      return { ...base, status: 'memory', message: memoryMessage(pythonMb) };
    }
    if (code === 0) return { ...base, status: 'ok' };
    if (signal === 'SIGSEGV') {
      // CPython 3.11 and older overflow the C stack instead of raising RecursionError.
      return {
        ...base,
        status: 'error',
        message: 'Python crashed (SIGSEGV): very deep recursion after raising sys.setrecursionlimit?',
      };
    }
    return exitedWith(base, code, signal);
  };
}

export async function runSystemPython(input: {
  executable: string;
  tempRoot: string;
  runtimeDir: string;
  job: PythonJob;
  limits: PythonLimits;
  signal?: AbortSignal | undefined;
}): Promise<PythonRunOutcome> {
  const { limits } = input;
  const started = Date.now();
  if (input.signal?.aborted) {
    const sandbox: SandboxResult = {
      status: 'aborted',
      exitCode: null,
      stdout: '',
      stderr: '',
      durationMs: 0,
      message: CANCELLED_MESSAGE,
    };
    return { sandbox, records: undefined, runMs: 0, warm: false };
  }
  const workspace = createWorkspace(input.tempRoot);
  try {
    const wallMs = limits.wallMs + STARTUP_MS;
    writeFiles(workspace, {
      'system-python.py': runtimeSource(input.runtimeDir, 'system-python.py'),
      '_harness.py': runtimeSource(input.runtimeDir, 'harness.py'),
      'job.json': JSON.stringify(input.job),
      'config.json': JSON.stringify({
        results: RESULTS_FILE,
        memoryBytes: limits.pythonMb * 1024 * 1024,
        cpuSeconds: Math.ceil(wallMs / 1000) + 1,
        fileBytes: FILE_BYTES,
      }),
    });
    const processLimits: RunLimits = { wallMs, heapMb: limits.pythonMb, outputBytes: limits.outputBytes };
    const spawned = spawnLimited(
      {
        command: input.executable,
        args: pythonArgs(workspace),
        cwd: workspace,
        env: { ...SCRUBBED_ENV },
        classify: classifyPythonExit(limits.pythonMb),
      },
      processLimits,
      input.signal ? { signal: input.signal } : {},
    );
    const outcome = await spawned.outcome;
    await spawned.exited;
    const outputs = readBack(workspace, [RESULTS_FILE], COLLECT_MAX_BYTES);
    const runMs = Date.now() - started;
    return {
      sandbox: { ...outcome, durationMs: runMs, outputs },
      records: outputs[RESULTS_FILE],
      runMs,
      warm: false,
    };
  } finally {
    removeWorkspace(workspace);
  }
}
