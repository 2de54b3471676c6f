/**
 * The runner as the rest of core gets it: the sandbox (Layer 1, runner/sandbox.ts) plus the
 * Python runner on top of it. Every run, in every language, goes through that one sandbox.
 */
import type { Sandbox } from '../sandbox.js';
import { PythonRunner } from './python-runner.js';
import type { RunnerEnv } from './run-tests.js';
import { pyodideDir } from './runtime-files.js';

export interface RunnerEnvOptions {
  /** Keep a Python process loaded in the background for the next run. */
  keepWarm?: boolean;
}

export interface Runner extends RunnerEnv {
  /** Ends a waiting warm process; resolves once it and every finished run's process are gone. */
  close(): Promise<void>;
}

export function createRunnerEnv(sandbox: Sandbox, options: RunnerEnvOptions = {}): Runner {
  const dir = pyodideDir();
  const python = dir ? new PythonRunner(sandbox, dir, { keepWarm: options.keepWarm ?? false }) : null;
  return {
    sandbox,
    python,
    close: async () => {
      await python?.close();
      await sandbox.settled();
    },
  };
}
