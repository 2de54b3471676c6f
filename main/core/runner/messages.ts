/**
 * The sentences a person sees when the runner stops a process, in one place: the sandboxed Node
 * process (sandbox.ts) and the system python3 process (system-python/) say the same thing for the
 * same limit.
 */

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / (1024 * 1024))} MB` : `${Math.round(n / 1024)} KB`;
}

export const CANCELLED_MESSAGE = 'Stopped: the run was cancelled.';

export function timeoutMessage(wallMs: number): string {
  return `Stopped after ${Math.round(wallMs / 100) / 10} s: the code did not finish (infinite loop?).`;
}

export function memoryMessage(mb: number): string {
  return `Stopped: the code used more than ${mb} MB of memory.`;
}

export function outputLimitMessage(outputBytes: number): string {
  return `Stopped: the code printed more than ${formatBytes(outputBytes)} of output.`;
}

/** Appended to what was kept of the output when the cap was reached. */
export function outputCutNote(outputBytes: number): string {
  return `\n… output cut at ${formatBytes(outputBytes)}`;
}

export function couldNotStartMessage(command: string, reason: string): string {
  return `The code was not run: the runner could not start ${command} (${reason}).`;
}
