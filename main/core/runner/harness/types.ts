/**
 * Layer 2 of the runner: tests as language-neutral data, results compared after a JSON
 * round-trip. Each run of tests is one sandbox process (Layer 1), whatever the number of tests.
 */
import type { RunLimits, SandboxResult, SandboxStatus } from '../sandbox.js';

export type TestCase =
  | { kind: 'call'; name?: string; args: unknown[]; expected: unknown }
  | {
      kind: 'methods';
      name?: string;
      className: string;
      steps: [string, ...unknown[]][];
      expected: unknown[];
    }
  | { kind: 'stdio'; name?: string; stdin: string; expected: string };

export interface TestResult {
  index: number;
  name: string;
  passed: boolean;
  got?: unknown;
  expected: unknown;
  /** Why the test did not pass when it is not a wrong value: a thrown error, a time-out, not run. */
  error?: string;
  ms: number;
  stdout?: string;
}

export type Language = 'javascript' | 'typescript' | 'python';

export interface RunTestsRequest {
  language: Language;
  /** The candidate's or the pack's files (relative paths). */
  files: Record<string, string>;
  entryFile: string;
  functionName?: string;
  tests: TestCase[];
  limits?: Partial<RunLimits>;
  signal?: AbortSignal;
}

export interface RunTestsResult {
  /** The sandbox's verdict on the process as a whole. */
  status: SandboxStatus;
  /** Set when the status is not 'ok', or the code could not be loaded. */
  message?: string;
  /** The code did not load (syntax error, no such function): no test ran. */
  loadError?: string;
  results: TestResult[];
  stdout: string;
  stderr: string;
  durationMs: number;
}

export type SandboxOutcome = Pick<SandboxResult, 'status' | 'message' | 'stdout' | 'stderr' | 'durationMs'>;
