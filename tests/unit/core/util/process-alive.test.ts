import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isProcessAlive } from '../../../../main/core/util/process-alive.js';

describe('isProcessAlive', () => {
  it('is true for a running process and false once it has exited', () => {
    expect(isProcessAlive(process.pid)).toBe(true);
    const child = spawnSync(process.execPath, ['-e', '0']);
    expect(child.status).toBe(0);
    expect(isProcessAlive(child.pid)).toBe(false);
  });
});
