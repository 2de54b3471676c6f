import { describe, it, expect, afterEach } from 'vitest';
import { NO_FAULTS } from '../../../main/core/mock-api/handler.js';
import { startMockApi, type RunningMockApi } from '../../../main/core/mock-api/server.js';
import { testApi } from '../../unit/core/mock-api/fixture.js';

let running: RunningMockApi | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

const auth = { authorization: 'Bearer sk_test_123456' };

describe('mock API server', () => {
  it('serves on 127.0.0.1 at a random port and gives the run its environment', async () => {
    running = await startMockApi(testApi());
    expect(running.baseUrl).toBe(`http://127.0.0.1:${running.port}/v1`);
    expect(running.env).toEqual({
      API_BASE_URL: running.baseUrl,
      API_KEY: 'sk_test_123456',
      WEBHOOK_SECRET: 'whsec_test_secret',
    });
    const res = await fetch(`${running.baseUrl}/invoices?limit=2`, { headers: auth });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(((await res.json()) as { data: unknown[] }).data).toHaveLength(2);
  });

  it('sends Retry-After on a 429', async () => {
    running = await startMockApi(testApi(), { faults: { ...NO_FAULTS, burst429: { after: 0, count: 1 } } });
    const res = await fetch(`${running.baseUrl}/invoices`, { headers: auth });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('1');
  });

  it('a dropped connection reaches the client as a network error, after the write happened', async () => {
    running = await startMockApi(testApi(), { faults: { ...NO_FAULTS, dropRate: 0.5 } });
    let failures = 0;
    for (let i = 0; i < 10; i++) {
      try {
        await fetch(`${running.baseUrl}/refunds`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({ invoice: 'in_0001', amount: 1 }),
        });
      } catch (e) {
        expect((e as Error).message).toBe('fetch failed');
        failures++;
      }
    }
    expect(failures).toBeGreaterThan(0);
    expect(running.state().resources.refunds).toHaveLength(10);
    expect(running.state().stats.dropped).toBe(failures);
  });

  it('delays a slow answer by slowMs', async () => {
    running = await startMockApi(testApi(), { faults: { ...NO_FAULTS, slowRate: 1, slowMs: 300 } });
    const started = performance.now();
    const res = await fetch(`${running.baseUrl}/invoices/in_0001`, { headers: auth });
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('refuses a body over 1 MB, and a flood is rate limited without failing', async () => {
    running = await startMockApi(testApi({ rateLimit: { perSecond: 5, burst: 5 } }));
    const big = await fetch(`${running.baseUrl}/refunds`, {
      method: 'POST',
      headers: auth,
      body: 'x'.repeat(1_100_000),
    });
    expect(big.status).toBe(413);
    const statuses = await Promise.all(
      Array.from({ length: 200 }, () =>
        fetch(`${running!.baseUrl}/invoices/in_0001`, { headers: auth }).then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(6);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(194);
  });

  it('stops: the port no longer answers', async () => {
    const api = await startMockApi(testApi());
    await api.stop();
    await expect(fetch(`${api.baseUrl}/invoices`, { headers: auth })).rejects.toThrow();
  });
});
