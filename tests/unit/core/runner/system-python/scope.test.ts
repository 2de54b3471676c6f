import { describe, expect, it } from 'vitest';
import type { PythonRuntime, SystemPythonInfo } from '../../../../../main/contract/services/settings.js';
import { pythonRuntimeFor, type PythonCode } from '../../../../../main/core/runner/system-python/scope.js';

const CODES: PythonCode[] = ['coding_solution', 'coding_own_tests', 'pack_reference', 'bug_bash', 'integration'];
const CHOICES: PythonRuntime[] = ['pyodide', 'system'];
const STATES: SystemPythonInfo['state'][] = ['found', 'missing', 'unsupported'];

describe('which Python runs a piece of code', () => {
  it('the system python3 runs only the candidate’s own code, only when chosen and found', () => {
    const system: string[] = [];
    for (const code of CODES)
      for (const chosen of CHOICES)
        for (const systemPython of STATES)
          if (pythonRuntimeFor({ code, chosen, systemPython }) === 'system')
            system.push(`${code}/${chosen}/${systemPython}`);
    expect(system).toEqual(['coding_solution/system/found', 'coding_own_tests/system/found']);
  });

  it.each(['pack_reference', 'bug_bash', 'integration'] as const)(
    'pack-supplied code (%s) stays on Pyodide whatever the setting',
    (code) => {
      expect(pythonRuntimeFor({ code, chosen: 'system', systemPython: 'found' })).toBe('pyodide');
    },
  );

  it('falls back to Pyodide when python3 is missing or the platform is not offered', () => {
    expect(pythonRuntimeFor({ code: 'coding_solution', chosen: 'system', systemPython: 'missing' })).toBe('pyodide');
    expect(pythonRuntimeFor({ code: 'coding_own_tests', chosen: 'system', systemPython: 'unsupported' })).toBe(
      'pyodide',
    );
  });
});
