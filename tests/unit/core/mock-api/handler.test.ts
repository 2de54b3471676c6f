import { createHmac } from 'node:crypto';
import { describe, it, expect } from 'vitest';
import { MockApiHandler, NO_FAULTS, type Outcome } from '../../../../main/core/mock-api/handler.js';
import { request, testApi } from './fixture.js';

/** The fields these tests read from answers (each answer has some of them). */
interface ReplyBody {
  [key: string]: unknown;
  error: { type: string; code: string; message: string; param?: string };
  data: { id: string }[];
  has_more: boolean;
  next_cursor: string | null;
  amount_due: number;
  deliveries: { delivery_id: string; event_id: string; body: string; headers: Record<string, string> }[];
}

function reply(outcome: Outcome) {
  if (outcome.kind !== 'reply') throw new Error('expected a reply, got a dropped connection');
  return outcome.reply as { status: number; headers?: Record<string, string>; body: ReplyBody };
}

describe('mock API: auth', () => {
  it('answers 401 with how to send the key', () => {
    const api = new MockApiHandler(testApi());
    const r = reply(api.handle(request('GET', '/v1/invoices', { headers: { authorization: 'Bearer wrong' } })));
    expect(r.status).toBe(401);
    expect(r.body.error).toMatchObject({
      type: 'authentication_error',
      message: expect.stringContaining('Authorization: Bearer <your key>'),
    });
  });
});

describe('mock API: cursor pagination', () => {
  it('pages through every record once, oldest first, with has_more and next_cursor', () => {
    const api = new MockApiHandler(testApi());
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r = reply(api.handle(request('GET', `/v1/invoices?limit=10${cursor ? `&cursor=${cursor}` : ''}`)));
      expect(r.status).toBe(200);
      seen.push(...r.body.data.map((x: { id: string }) => x.id));
      expect(r.body.has_more).toBe(r.body.next_cursor !== null);
      cursor = r.body.next_cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect(seen[0]).toBe('in_0001');
  });

  it('uses the default page size and applies declared filters across pages', () => {
    const api = new MockApiHandler(testApi());
    const first = reply(api.handle(request('GET', '/v1/invoices')));
    expect(first.body.data).toHaveLength(10);
    const voids = reply(api.handle(request('GET', '/v1/invoices?status=void&limit=3')));
    expect(voids.body.data.map((x: { id: string }) => x.id)).toEqual(['in_0001', 'in_0006', 'in_0011']);
    const rest = reply(api.handle(request('GET', `/v1/invoices?status=void&limit=3&cursor=${voids.body.next_cursor}`)));
    expect(rest.body.data.map((x: { id: string }) => x.id)).toEqual(['in_0016', 'in_0021']);
    expect(rest.body).toMatchObject({ has_more: false, next_cursor: null });
  });

  it('refuses bad limits, made-up cursors and unknown parameters with the parameter named', () => {
    const api = new MockApiHandler(testApi());
    expect(reply(api.handle(request('GET', '/v1/invoices?limit=0'))).body.error).toMatchObject({ param: 'limit' });
    expect(reply(api.handle(request('GET', '/v1/invoices?limit=101'))).status).toBe(400);
    expect(reply(api.handle(request('GET', '/v1/invoices?cursor=abc'))).body.error.code).toBe('cursor_invalid');
    expect(reply(api.handle(request('GET', '/v1/invoices?starting_after=in_0001'))).body.error).toMatchObject({
      code: 'parameter_unknown',
      message: expect.stringContaining('limit, cursor, status'),
    });
  });

  it('retrieves one record, and says which id is missing', () => {
    const api = new MockApiHandler(testApi());
    expect(reply(api.handle(request('GET', '/v1/invoices/in_0003'))).body.amount_due).toBe(1002);
    const missing = reply(api.handle(request('GET', '/v1/invoices/in_9999')));
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe('No such invoice: "in_9999".');
  });
});

describe('mock API: creating and idempotency keys', () => {
  const refund = { invoice: 'in_0004', amount: 500 };

  it('creates with defaults, and a replayed key returns the same record without creating another', () => {
    const api = new MockApiHandler(testApi());
    const first = reply(
      api.handle(request('POST', '/v1/refunds', { body: refund, headers: { 'idempotency-key': 'k1' } })),
    );
    expect(first.body).toMatchObject({ id: 're_0001', status: 'succeeded', amount: 500 });
    const again = reply(
      api.handle(
        request('POST', '/v1/refunds', {
          body: { amount: 500, invoice: 'in_0004' },
          headers: { 'idempotency-key': 'k1' },
        }),
      ),
    );
    expect(again.body).toEqual(first.body);
    expect(again.headers).toMatchObject({ 'idempotent-replayed': 'true' });
    expect(api.state().resources.refunds).toHaveLength(1);
    expect(api.state().stats).toMatchObject({ created: 1, replayed: 1 });
  });

  it('refuses a key reused with a different body (409), and counts creates without a key', () => {
    const api = new MockApiHandler(testApi());
    api.handle(request('POST', '/v1/refunds', { body: refund, headers: { 'idempotency-key': 'k1' } }));
    const conflict = reply(
      api.handle(
        request('POST', '/v1/refunds', { body: { ...refund, amount: 1 }, headers: { 'idempotency-key': 'k1' } }),
      ),
    );
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe('idempotency_key_reused');
    api.handle(request('POST', '/v1/refunds', { body: refund }));
    api.handle(request('POST', '/v1/refunds', { body: refund }));
    expect(api.state().stats).toMatchObject({ created: 3, createdWithoutKey: 2, idempotencyConflicts: 1 });
  });

  it('validates fields: unknown, wrong type, missing, and references to records that do not exist', () => {
    const api = new MockApiHandler(testApi());
    const post = (body: unknown) => reply(api.handle(request('POST', '/v1/refunds', { body }))).body.error;
    expect(post({ ...refund, note: 'x' })).toMatchObject({ code: 'parameter_unknown', param: 'note' });
    expect(post({ ...refund, amount: 5.5 })).toMatchObject({
      code: 'parameter_invalid',
      message: '"amount" must be an integer.',
    });
    expect(post({ invoice: 'in_0004' })).toMatchObject({ code: 'parameter_missing', param: 'amount' });
    expect(post({ invoice: 'in_9999', amount: 1 })).toMatchObject({ code: 'resource_missing', param: 'invoice' });
    expect(post('[1, 2]')).toMatchObject({ code: 'body_invalid' });
    expect(reply(api.handle(request('POST', '/v1/refunds', { body: '{not json' }))).body.error.code).toBe(
      'body_invalid',
    );
    expect(api.state().resources.refunds).toHaveLength(0);
  });

  it('never changes the pack data it was built from', () => {
    const spec = testApi();
    const api = new MockApiHandler(spec);
    api.handle(request('POST', '/v1/refunds', { body: refund }));
    expect(spec.resources[1]!.records).toEqual([]);
    expect(new MockApiHandler(spec).state().resources.refunds).toEqual([]);
  });
});

describe('mock API: rate limit (429 with Retry-After)', () => {
  it('empties the bucket, answers 429 with Retry-After, and counts retries sent too early', () => {
    const api = new MockApiHandler(testApi({ rateLimit: { perSecond: 2, burst: 3, retryAfterSeconds: 1 } }));
    const at = (nowMs: number) => reply(api.handle(request('GET', '/v1/invoices/in_0001', { nowMs })));
    expect([at(0).status, at(0).status, at(0).status]).toEqual([200, 200, 200]);
    const limited = at(0);
    expect(limited.status).toBe(429);
    expect(limited.headers).toEqual({ 'retry-after': '1' });
    expect(limited.body.error.type).toBe('rate_limit_error');
    const early = at(400); // before Retry-After passed: told to wait again (whole seconds, rounded up)
    expect([early.status, early.headers]).toEqual([429, { 'retry-after': '1' }]);
    expect(at(1400).status).toBe(200);
    expect(api.state().stats).toMatchObject({ rateLimited: 2, earlyRetries: 1 });
  });

  it('a burst fault answers 429 to a run of requests whatever the bucket holds', () => {
    const api = new MockApiHandler(testApi(), { ...NO_FAULTS, burst429: { after: 2, count: 2 } });
    const statuses: number[] = [];
    let now = 0;
    for (let i = 0; i < 5; i++) {
      const r = reply(api.handle(request('GET', '/v1/invoices/in_0001', { nowMs: now })));
      statuses.push(r.status);
      if (r.status === 429) now += Number(r.headers!['retry-after']) * 1000; // a client that waits
    }
    expect(statuses).toEqual([200, 200, 429, 429, 200]);
    expect(api.state().stats.earlyRetries).toBe(0);
  });
});

describe('mock API: 500s, slow answers and dropped connections', () => {
  it('answers some requests 500 before doing any work, from a seeded generator', () => {
    const run = () => {
      const api = new MockApiHandler(testApi(), { ...NO_FAULTS, errorRate: 0.3 });
      const statuses = Array.from(
        { length: 40 },
        () => reply(api.handle(request('POST', '/v1/refunds', { body: { invoice: 'in_0001', amount: 1 } }))).status,
      );
      return { statuses, created: api.state().resources.refunds!.length };
    };
    const a = run();
    expect(a.statuses.filter((s) => s === 500).length).toBeGreaterThan(4);
    expect(a.created).toBe(a.statuses.filter((s) => s === 200).length);
    expect(run()).toEqual(a); // same seed, same answers
  });

  it('slows some answers by slowMs', () => {
    const api = new MockApiHandler(testApi(), { ...NO_FAULTS, slowRate: 1, slowMs: 250 });
    const outcome = api.handle(request('GET', '/v1/invoices'));
    expect(outcome).toMatchObject({ kind: 'reply', delayMs: 250 });
    expect(api.state().stats.slow).toBe(1);
  });

  it('drops a create only after it happened, so only a retry with the same key is safe', () => {
    const api = new MockApiHandler(testApi(), { ...NO_FAULTS, dropRate: 0.5 });
    let dropped = 0;
    for (let i = 0; i < 20; i++) {
      const key = `refund-${i}`;
      for (;;) {
        const outcome = api.handle(
          request('POST', '/v1/refunds', {
            body: { invoice: 'in_0001', amount: 1 },
            headers: { 'idempotency-key': key },
          }),
        );
        if (outcome.kind === 'reply') break;
        dropped++;
      }
    }
    expect(dropped).toBeGreaterThan(3);
    expect(api.state().resources.refunds).toHaveLength(20);
    expect(api.state().stats.dropped).toBe(dropped);
  });
});

describe('mock API: webhooks', () => {
  const control = (api: MockApiHandler, path: string, body?: unknown) =>
    reply(api.handle(request(body === undefined ? 'GET' : 'POST', `/_mock${path}`, { body }))).body;

  it('delivers queued and created events, signed with the secret over "<t>.<body>"', () => {
    const api = new MockApiHandler(testApi());
    api.handle(request('POST', '/v1/refunds', { body: { invoice: 'in_0004', amount: 300 } }));
    const { deliveries } = control(api, '/webhooks/next', { max: 10 });
    expect(deliveries.map((d: { event_id: string }) => d.event_id)).toEqual(['evt_seed', 'evt_0001']);
    const second = deliveries[1]!;
    const created: unknown = JSON.parse(second.body);
    expect(created).toMatchObject({ type: 'refund.created', data: { object: { id: 're_0001', amount: 300 } } });
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(second.headers['webhook-signature']!)!;
    expect(v1).toBe(createHmac('sha256', 'whsec_test_secret').update(`${t}.${second.body}`).digest('hex'));
  });

  it('delivers a rejected event again, up to maxAttempts, then gives up', () => {
    const api = new MockApiHandler(testApi());
    let attempts = 0;
    for (;;) {
      const { deliveries } = control(api, '/webhooks/next', { max: 10 });
      if (deliveries.length === 0) break;
      for (const d of deliveries) {
        attempts++;
        control(api, `/webhooks/${d.delivery_id}/result`, { accepted: false });
      }
    }
    expect(attempts).toBe(3);
    expect(api.state().webhooks).toMatchObject({ delivered: 3, rejected: 3, gaveUp: 1, pending: 0 });
  });

  it('with faults on, sends some events twice and shuffles the order', () => {
    const api = new MockApiHandler(testApi(), { ...NO_FAULTS, duplicateWebhooks: 1, reorderWebhooks: true });
    for (let i = 0; i < 6; i++)
      api.handle(request('POST', '/v1/refunds', { body: { invoice: 'in_0001', amount: i + 1 } }));
    const ids: string[] = [];
    for (;;) {
      const { deliveries } = control(api, '/webhooks/next', { max: 3 });
      if (deliveries.length === 0) break;
      for (const d of deliveries) {
        ids.push(d.event_id);
        control(api, `/webhooks/${d.delivery_id}/result`, { accepted: true });
      }
    }
    expect(ids).toHaveLength(14); // 7 events, each twice
    expect(new Set(ids).size).toBe(7);
    expect(ids.slice(0, 7)).not.toEqual([...ids.slice(0, 7)].sort());
    expect(api.state().webhooks.duplicatesSent).toBe(7);
  });

  it('control requests are not counted and never hit by faults', () => {
    const api = new MockApiHandler(testApi(), { ...NO_FAULTS, errorRate: 0.5, dropRate: 0.5 });
    for (let i = 0; i < 20; i++) expect(api.handle(request('GET', '/_mock/state')).kind).toBe('reply');
    expect(api.state().stats.requests).toBe(0);
  });
});

describe('mock API: declared rejections', () => {
  it('refuses a valid create that matches a rule (402 card_declined), creates nothing, and replays it for the same key', () => {
    const spec = testApi();
    spec.resources[1]!.create!.rejects = [
      { when: { invoice: 'in_0007' }, status: 402, code: 'card_declined', message: 'The card was declined.' },
    ];
    const api = new MockApiHandler(spec);
    const post = (invoice: string) =>
      reply(
        api.handle(
          request('POST', '/v1/refunds', { body: { invoice, amount: 5 }, headers: { 'idempotency-key': invoice } }),
        ),
      );
    const declined = post('in_0007');
    expect(declined.status).toBe(402);
    expect(declined.body.error).toEqual({
      type: 'card_error',
      code: 'card_declined',
      message: 'The card was declined.',
    });
    expect(post('in_0007').headers).toMatchObject({ 'idempotent-replayed': 'true' });
    expect(post('in_0008').status).toBe(200);
    expect(api.state().resources.refunds!.map((r) => r.invoice)).toEqual(['in_0008']);
  });
});
