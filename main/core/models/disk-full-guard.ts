/**
 * node-llama-cpp's downloader (ipull) writes chunks without awaiting them, so a full disk
 * surfaces twice: as the rejection of `download()`, which the download job handles, and as an
 * unhandled rejection of the write itself, which would end the whole process. While a download
 * runs, this listener absorbs exactly those disk-full rejections and nothing else.
 */
import { isDiskFullError } from './disk.js';

let holders = 0;

function onUnhandledRejection(reason: unknown): void {
  if (isDiskFullError(reason)) return;
  // Not ours: keep Node's default (crash with the error) unless someone else is listening too.
  if (process.listenerCount('unhandledRejection') === 1) throw reason;
}

/** Installs the listener until the returned function is called (reference-counted). */
export function holdDiskFullGuard(): () => void {
  if (holders++ === 0) process.on('unhandledRejection', onUnhandledRejection);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--holders === 0) process.off('unhandledRejection', onUnhandledRejection);
  };
}
