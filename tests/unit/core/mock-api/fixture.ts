import { mockApiSchema, type MockApi } from '../../../../content/schema/mock-api.js';
import type { MockRequest } from '../../../../main/core/mock-api/handler.js';

/** A small API: 25 invoices, refunds that can be created (and send a webhook), one queued event. */
export function testApi(changes: Record<string, unknown> = {}): MockApi {
  const invoices = Array.from({ length: 25 }, (_, i) => ({
    id: `in_${String(i + 1).padStart(4, '0')}`,
    amount_due: 1000 + i,
    currency: 'usd',
    status: i % 5 === 0 ? 'void' : 'paid',
    created: 1_700_000_000 + i,
  }));
  return mockApiSchema.parse({
    name: 'Test API',
    auth: { key: 'sk_test_123456' },
    rateLimit: { perSecond: 1000, burst: 1000 },
    seed: 7,
    resources: [
      { name: 'invoices', idPrefix: 'in_', operations: ['list', 'retrieve'], filters: ['status'], records: invoices },
      {
        name: 'refunds',
        idPrefix: 're_',
        operations: ['list', 'create', 'retrieve'],
        create: {
          fields: { invoice: 'string', amount: 'integer', reason: 'string' },
          required: ['invoice', 'amount'],
          defaults: { status: 'succeeded' },
          references: { invoice: 'invoices' },
        },
        emits: { create: 'refund.created' },
      },
    ],
    webhooks: {
      secret: 'whsec_test_secret',
      events: [{ id: 'evt_seed', type: 'invoice.paid', resource: 'invoices', record: 'in_0002' }],
    },
    ...changes,
  });
}

export const AUTH = { authorization: 'Bearer sk_test_123456' };

export function request(
  method: string,
  pathAndQuery: string,
  options: { headers?: Record<string, string>; body?: unknown; nowMs?: number } = {},
): MockRequest {
  const url = new URL(pathAndQuery, 'http://x');
  return {
    method,
    path: url.pathname,
    query: url.searchParams,
    headers: { ...AUTH, ...options.headers },
    body:
      options.body === undefined ? '' : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
    nowMs: options.nowMs ?? 0,
  };
}
