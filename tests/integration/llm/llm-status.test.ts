/**
 * The interviewer model's state as the Models and practice screens see it: core pushes each
 * change (loading with progress, ready, failed with the reason) through `onStatus`, so the UI
 * never polls. Real loading of the tiny random-weights fixture; a broken file for the failure.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LlmStatus } from '../../../main/contract/services/models.js';
import { createLlmService, type LlmService } from '../../../main/core/llm/llm-service.js';
import { fixturePath } from '../../helpers/fixtures.js';

let fixture: string;
let tmp: string;
const services: LlmService[] = [];

beforeAll(async () => {
  fixture = await fixturePath('llama-2-tiny-random.gguf');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-llm-status-'));
});

afterAll(async () => {
  for (const service of services) await service.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

function watched(modelPath: string): { service: LlmService; seen: LlmStatus[] } {
  const seen: LlmStatus[] = [];
  const service = createLlmService({
    modelPath: () => modelPath,
    threads: 1,
    gpu: false,
    onStatus: (status) => seen.push(status),
  });
  services.push(service);
  return { service, seen };
}

describe('interviewer model status pushes', () => {
  it('reports loading with progress, then ready with where it runs', async () => {
    const { service, seen } = watched(fixture);
    await service.ready();

    const states = seen.map((s) => s.state);
    expect(states[0]).toBe('loading');
    expect(states.at(-1)).toBe('ready');
    const loading = seen.filter((s) => s.state === 'loading');
    for (const s of loading) {
      expect(s.progress).not.toBeNull();
      expect(s.progress).toBeGreaterThanOrEqual(0);
      expect(s.progress).toBeLessThanOrEqual(1);
    }
    // Progress only moves forward, and the last loading push is near the end of the file.
    const values = loading.map((s) => s.progress ?? 0);
    expect([...values].sort((a, b) => a - b)).toEqual(values);
    expect(values.at(-1)).toBeGreaterThan(0.5);
    const ready = seen.at(-1)!;
    expect(ready.progress).toBeNull();
    expect(ready.message).toMatch(/runs on the CPU/);
    expect(service.status()).toEqual(ready);
  });

  it('reports a file that cannot load as failed, with the reason', async () => {
    const broken = path.join(tmp, 'broken.gguf');
    fs.writeFileSync(broken, Buffer.alloc(4096, 7));
    const { service, seen } = watched(broken);
    await expect(service.ready()).rejects.toThrow();

    expect(seen[0]?.state).toBe('loading');
    const last = seen.at(-1)!;
    expect(last.state).toBe('failed');
    expect(last.message.length).toBeGreaterThan(10);
    expect(last.progress).toBeNull();
  });
});
