/**
 * The runner as the rest of core gets it: the sandbox (Layer 1, runner/sandbox.ts) plus the
 * Python runner on top of it. Every run, in every language, goes through that one sandbox, except
 * the candidate's own Python when the system python3 is chosen in Settings (system-python/).
 */
import type { PythonRuntime } from '../../../contract/services/settings.js';
import type { Sandbox } from '../sandbox.js';
import { SystemPython } from '../system-python/system-python.js';
import { PythonRunner } from './python-runner.js';
import type { RunnerEnv } from './run-tests.js';
import { pyodideDir } from './runtime-files.js';

export interface RunnerEnvOptions {
  /** Keep a Python process loaded in the background for the next run. */
  keepWarm?: boolean;
  /** The Python runtime chosen in Settings (default: the built-in Pyodide). */
  pythonRuntime?: () => PythonRuntime;
}

export interface Runner extends RunnerEnv {
  systemPython: SystemPython;
  /** Ends a waiting warm process; resolves once it and every finished run's process are gone. */
  close(): Promise<void>;
}

export function createRunnerEnv(sandbox: Sandbox, options: RunnerEnvOptions = {}): Runner {
  const dir = pyodideDir();
  const python = dir ? new PythonRunner(sandbox, dir, { keepWarm: options.keepWarm ?? false }) : null;
  const systemPython = new SystemPython({
    chosen: options.pythonRuntime ?? (() => 'pyodide'),
    tempRoot: sandbox.tempRoot,
    runtimeDir: sandbox.runtimeDir,
  });
  return {
    sandbox,
    python,
    systemPython,
    close: async () => {
      await python?.close();
      await sandbox.settled();
    },
  };
}
