/**
 * Whether a process with this id is running: signal 0 checks without sending anything. EPERM
 * means it exists but belongs to someone else, which still counts as alive (its files are not
 * ours to sweep).
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
