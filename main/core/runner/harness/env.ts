/**
 * The runner as the rest of core gets it: a sandbox plus the Python runner on top of it. The one
 * place that chooses the Layer 1 implementation (the stand-in until the hardening branch's
 * createSandbox lands; then that).
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PythonRunner } from './python-runner.js';
import type { RunnerEnv } from './run-tests.js';
import { pyodideDir } from './runtime-files.js';
import { createStandInSandbox } from './stand-in-sandbox.js';

export interface RunnerEnvOptions {
  /** Where run workspaces are made (a folder of the app's own). */
  tempRoot?: string;
  /** Keep a Python process loaded in the background for the next run. */
  keepWarm?: boolean;
  /** The Node binary for sandboxed runs (Electron's own binary runs as Node in the desktop app). */
  execPath?: string;
  runAsNode?: boolean;
}

export interface Runner extends RunnerEnv {
  close(): void;
}

export function createRunnerEnv(options: RunnerEnvOptions = {}): Runner {
  const sandbox = createStandInSandbox({
    execPath: options.execPath ?? process.execPath,
    tempRoot: options.tempRoot ?? join(tmpdir(), 'interview-rehearsal-runs'),
    ...(options.runAsNode ? { runAsNode: true } : {}),
  });
  const dir = pyodideDir();
  const python = dir ? new PythonRunner(sandbox, dir, { keepWarm: options.keepWarm ?? false }) : null;
  return { sandbox, python, close: () => python?.close() };
}
