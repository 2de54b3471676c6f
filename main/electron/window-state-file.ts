import fs from 'node:fs';
import path from 'node:path';
import type { WindowState } from './policies.js';

const FILE = 'window-state.json';

export function loadWindowState(dir: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, FILE), 'utf8'));
  } catch {
    return null;
  }
}

export function saveWindowState(dir: string, state: WindowState): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, FILE), JSON.stringify(state));
  } catch {
    // Losing the window position is harmless; never let it break quitting.
  }
}
