/**
 * The Layer 1 sandbox as the harnesses use it (plan RUNNER.md). The hardening work owns the real
 * implementation in main/core/runner/; the harnesses depend only on this shape.
 *
 * One addition the harnesses need: `stdin` may be a promise, so a process can start (and load
 * Pyodide) before the code to run is known — the "warm" Python runner. The wall-clock limit of
 * such a run is enforced by the caller from the moment it delivers the job (through `signal`).
 */
export interface RunLimits {
  wallMs: number;
  heapMb: number;
  outputBytes: number;
}

export interface SandboxRequest {
  files: Record<string, string>;
  entry: string;
  stdin?: string | Promise<string>;
  limits?: Partial<RunLimits>;
  readPaths?: string[];
  loopbackPort?: number;
  signal?: AbortSignal;
  collect?: string[];
}

export type SandboxStatus = 'ok' | 'error' | 'timeout' | 'memory' | 'output_limit' | 'aborted' | 'sandbox_unavailable';

export interface SandboxResult {
  status: SandboxStatus;
  exitCode: number | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  message?: string;
  outputs?: Record<string, string>;
}

export interface Sandbox {
  run(req: SandboxRequest): Promise<SandboxResult>;
}
