/**
 * Layer 1 of the runner as RUNNER.md specifies it (owned by the hardening issue, in
 * main/core/runner/sandbox.ts). Until that lands on main, the suite runner is written against
 * these declarations; when it does, this file re-exports the real ones instead.
 */
export interface RunLimits {
  wallMs: number;
  heapMb: number;
  outputBytes: number;
}

export interface SandboxRequest {
  /** Written into a fresh temporary workspace folder (relative paths, no '..', no absolute). */
  files: Record<string, string>;
  /** The file in `files` the runner's bootstrap loads (ESM or CJS JavaScript). */
  entry: string;
  stdin?: string;
  limits?: Partial<RunLimits>;
  /** Extra read-only folders the code may read (e.g. the Pyodide package), absolute paths. */
  readPaths?: string[];
  /** The one loopback port the code may connect to (the round's mock API). */
  loopbackPort?: number;
  signal?: AbortSignal;
}

export type SandboxStatus = 'ok' | 'error' | 'timeout' | 'memory' | 'output_limit' | 'aborted' | 'sandbox_unavailable';

export interface SandboxResult {
  status: SandboxStatus;
  exitCode: number | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  /** A sentence a user can act on. */
  message?: string;
  /** Files the code wrote in its workspace that the caller asked to read back. */
  outputs?: Record<string, string>;
}

export interface Sandbox {
  run(req: SandboxRequest & { collect?: string[] }): Promise<SandboxResult>;
}
