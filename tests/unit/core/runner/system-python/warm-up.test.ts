import { describe, expect, it } from 'vitest';
import type { PythonRuntime, SystemPythonInfo } from '../../../../../main/contract/services/settings.js';
import type { PythonRunner } from '../../../../../main/core/runner/harness/python-runner.js';
import { warmCandidatePython, type RunnerEnv } from '../../../../../main/core/runner/harness/run-tests.js';
import type { Sandbox } from '../../../../../main/core/runner/sandbox.js';
import { SystemPython } from '../../../../../main/core/runner/system-python/system-python.js';

const FOUND: SystemPythonInfo = { state: 'found', version: '3.11.7', executable: '/usr/bin/python3' };
const MISSING: SystemPythonInfo = { state: 'missing', message: 'No python3 was found.' };

/** A runner env whose Pyodide only counts warm-ups. */
function env(chosen: PythonRuntime, found: SystemPythonInfo) {
  let warmed = 0;
  const python = { prepare: () => (warmed += 1) } as unknown as PythonRunner;
  const systemPython = new SystemPython({
    chosen: () => chosen,
    tempRoot: '/nonexistent',
    runtimeDir: '/nonexistent',
    detect: async () => found,
  });
  const runner: RunnerEnv = { sandbox: {} as Sandbox, python, systemPython };
  return { runner, warmed: () => warmed };
}

describe('getting ready for the candidate’s Python', () => {
  it('warms Pyodide when it will run their code', async () => {
    for (const [chosen, found] of [
      ['pyodide', FOUND],
      ['system', MISSING],
    ] as const) {
      const { runner, warmed } = env(chosen, found);
      await warmCandidatePython(runner);
      expect(warmed()).toBe(1);
    }
  });

  it('leaves Pyodide cold when the system python3 runs their code', async () => {
    const { runner, warmed } = env('system', FOUND);
    await warmCandidatePython(runner);
    expect(warmed()).toBe(0);
  });
});
