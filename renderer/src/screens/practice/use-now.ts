/**
 * The local time for count-downs, ticking every 250 ms while at least one running clock is on
 * screen. A shared external store: one interval however many clocks, none while all are idle.
 */
import { useSyncExternalStore } from 'react';

const TICK_MS = 250;
let now = Date.now();
let timer: number | null = null;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    now = Date.now();
    timer = window.setInterval(() => {
      now = Date.now();
      listeners.forEach((l) => l());
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      window.clearInterval(timer);
      timer = null;
    }
  };
}

const idle = () => () => undefined;
const snapshot = () => now;

/** Local time in ms, re-rendering the caller on every tick while `running`. */
export function useNow(running: boolean): number {
  return useSyncExternalStore(running ? subscribe : idle, snapshot);
}
