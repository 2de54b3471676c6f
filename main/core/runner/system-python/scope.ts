/**
 * Which Python runs a piece of code: the one decision, so no caller can widen it by accident.
 *
 * The system python3 is confined less tightly than Pyodide in the sandboxed runner (OS resource
 * limits plus a best-effort audit hook, no permission model), so it only ever runs code whose
 * every line is the candidate's own plus this app's harness. Code a role pack supplies
 * (reference solutions, bug-bash codebases and their tests, integration rounds) always runs in
 * Pyodide, whatever the setting.
 */
import type { PythonRuntime, SystemPythonInfo } from '../../../contract/services/settings.js';

export type PythonCode =
  /** A coding-round solution against the question's language-neutral JSON tests. */
  | 'coding_solution'
  /** A coding-round solution with the candidate's own unittest file. */
  | 'coding_own_tests'
  /** A pack's reference solution (content checks). */
  | 'pack_reference'
  /** A bug-bash round: the pack's codebase and test files. */
  | 'bug_bash'
  /** An integration round: the pack's codebase, tests and mock API. */
  | 'integration';

const CANDIDATE_ONLY: ReadonlySet<PythonCode> = new Set(['coding_solution', 'coding_own_tests']);

export function pythonRuntimeFor(input: {
  code: PythonCode;
  chosen: PythonRuntime;
  systemPython: SystemPythonInfo['state'];
}): PythonRuntime {
  if (input.chosen !== 'system' || !CANDIDATE_ONLY.has(input.code)) return 'pyodide';
  // Missing or not offered on this platform: the built-in Python still runs it (Settings says so).
  return input.systemPython === 'found' ? 'system' : 'pyodide';
}
