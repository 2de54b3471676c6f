/**
 * One request in, one outcome out: the mock API's behaviour (auth, rate limit, faults,
 * idempotency, routing) with no sockets involved, so every rule is testable on its own.
 * server.ts turns outcomes into HTTP (a delay, a reply or a dropped connection).
 *
 * Order per API request: count it; check the key (401); refuse it while an earlier 429's
 * Retry-After has not passed, or when the bucket is empty or a 429 burst is on (429); answer
 * some with 500 before doing anything; do the work; drop some connections after the work is
 * done (so a create may have happened even though no answer came); slow some answers down.
 */
import type { MockApi, MockFaults } from '../../../content/schema/mock-api.js';
import { mulberry32 } from '../interview/plan.js';
import { apiError, type ApiReply } from './errors.js';
import { createTokenBucket, type TokenBucket } from './rate-limit.js';
import {
  createRecord,
  createResourceStore,
  listRecords,
  retrieveRecord,
  snapshotRecords,
  type ResourceStore,
} from './resources.js';
import { WebhookQueue, type WebhookStats } from './webhooks.js';

export interface MockRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  body: string;
  nowMs: number;
}

export type Outcome = { kind: 'reply'; reply: ApiReply; delayMs: number } | { kind: 'drop' };

export interface MockStats {
  requests: number;
  byStatus: Record<string, number>;
  created: number;
  createdWithoutKey: number;
  replayed: number;
  idempotencyConflicts: number;
  rateLimited: number;
  /** Requests sent before an earlier 429's Retry-After had passed. */
  earlyRetries: number;
  dropped: number;
  serverErrors: number;
  slow: number;
}

export interface MockState {
  resources: ReturnType<typeof snapshotRecords>;
  stats: MockStats;
  webhooks: WebhookStats;
}

export const CONTROL_PREFIX = '/_mock';
export const NO_FAULTS: MockFaults = {
  dropRate: 0,
  errorRate: 0,
  slowRate: 0,
  slowMs: 0,
  duplicateWebhooks: 0,
  reorderWebhooks: false,
};

interface StoredReply {
  fingerprint: string;
  reply: ApiReply;
}

export class MockApiHandler {
  private readonly store: ResourceStore;
  private readonly bucket: TokenBucket;
  private readonly random: () => number;
  private readonly webhooks: WebhookQueue;
  private readonly keys = new Map<string, StoredReply>();
  private retryNotBefore = 0;
  private faults: MockFaults;
  private stats: MockStats = {
    requests: 0,
    byStatus: {},
    created: 0,
    createdWithoutKey: 0,
    replayed: 0,
    idempotencyConflicts: 0,
    rateLimited: 0,
    earlyRetries: 0,
    dropped: 0,
    serverErrors: 0,
    slow: 0,
  };

  /** `faults` replace the pack's everyday noise for this run (hidden test runs switch them on). */
  constructor(
    private readonly api: MockApi,
    faults?: MockFaults,
    now: () => number = () => Date.now(),
  ) {
    this.store = createResourceStore(api);
    this.bucket = createTokenBucket(api.rateLimit.perSecond, api.rateLimit.burst);
    this.random = mulberry32(api.seed);
    this.faults = faults ?? { ...NO_FAULTS, ...api.noise };
    this.webhooks = new WebhookQueue(api.webhooks, this.random, this.faults, now);
    for (const event of api.webhooks?.events ?? []) {
      const record = this.store.get(event.resource)?.byId.get(event.record);
      if (record) this.webhooks.emit(event.type, record, event.id);
    }
  }

  state(): MockState {
    return {
      resources: snapshotRecords(this.store),
      stats: structuredClone(this.stats),
      webhooks: this.webhooks.stats(),
    };
  }

  handle(req: MockRequest): Outcome {
    if (req.path === CONTROL_PREFIX || req.path.startsWith(`${CONTROL_PREFIX}/`)) {
      return { kind: 'reply', reply: this.control(req), delayMs: 0 };
    }
    const outcome = this.handleApi(req);
    if (outcome.kind === 'reply') {
      const status = String(outcome.reply.status);
      this.stats.byStatus[status] = (this.stats.byStatus[status] ?? 0) + 1;
    }
    return outcome;
  }

  private handleApi(req: MockRequest): Outcome {
    this.stats.requests++;
    const reply = (r: ApiReply, delayMs = 0): Outcome => ({ kind: 'reply', reply: r, delayMs });

    const { auth } = this.api;
    const expected = auth.scheme ? `${auth.scheme} ${auth.key}` : auth.key;
    if (req.headers[auth.header.toLowerCase()] !== expected) {
      const how = auth.scheme ? `"${auth.header}: ${auth.scheme} <your key>"` : `"${auth.header}: <your key>"`;
      return reply(apiError(401, 'authentication_error', 'unauthorized', `Missing or wrong API key. Send ${how}.`));
    }

    if (req.nowMs < this.retryNotBefore) {
      this.stats.earlyRetries++;
      return reply(this.tooManyRequests(Math.ceil((this.retryNotBefore - req.nowMs) / 1000), req.nowMs));
    }
    const burst = this.faults.burst429;
    const inBurst =
      burst !== undefined && this.stats.requests > burst.after && this.stats.requests <= burst.after + burst.count;
    if (inBurst) return reply(this.tooManyRequests(this.api.rateLimit.retryAfterSeconds, req.nowMs));
    if (!this.bucket.take(req.nowMs)) {
      const wait = Math.max(this.api.rateLimit.retryAfterSeconds, this.bucket.secondsUntilToken(req.nowMs));
      return reply(this.tooManyRequests(wait, req.nowMs));
    }

    if (this.random() < this.faults.errorRate) {
      this.stats.serverErrors++;
      return reply(
        apiError(
          500,
          'api_error',
          'internal_error',
          'Something went wrong on our side. It is safe to retry the request.',
        ),
      );
    }

    const result = this.route(req);
    if (this.random() < this.faults.dropRate) {
      this.stats.dropped++;
      return { kind: 'drop' };
    }
    let delayMs = 0;
    if (this.random() < this.faults.slowRate) {
      this.stats.slow++;
      delayMs = this.faults.slowMs;
    }
    return reply(result, delayMs);
  }

  private tooManyRequests(seconds: number, nowMs: number): ApiReply {
    this.stats.rateLimited++;
    this.retryNotBefore = Math.max(this.retryNotBefore, nowMs + seconds * 1000);
    const r = apiError(
      429,
      'rate_limit_error',
      'rate_limited',
      `Too many requests. Wait ${seconds} s (see the Retry-After header) before retrying.`,
    );
    return { ...r, headers: { 'retry-after': String(seconds) } };
  }

  private route(req: MockRequest): ApiReply {
    const base = this.api.basePath;
    if (!req.path.startsWith(`${base}/`)) {
      return apiError(
        404,
        'invalid_request_error',
        'route_unknown',
        `Unknown path ${req.path}. Every endpoint is under ${base}/.`,
      );
    }
    const [name, id, ...rest] = req.path.slice(base.length + 1).split('/');
    const state = name ? this.store.get(name) : undefined;
    if (!state || rest.length > 0 || id === '') {
      return apiError(404, 'invalid_request_error', 'route_unknown', `Unknown path ${req.path}.`);
    }
    const ops = state.spec.operations;
    if (req.method === 'GET' && id === undefined && ops.includes('list'))
      return listRecords(this.api, state, req.query);
    if (req.method === 'GET' && id !== undefined && ops.includes('retrieve'))
      return retrieveRecord(state, decodeURIComponent(id));
    if (req.method === 'POST' && id === undefined && ops.includes('create')) return this.create(req, state.spec.name);
    return apiError(405, 'invalid_request_error', 'method_not_allowed', `${req.method} ${req.path} is not supported.`);
  }

  private create(req: MockRequest, resource: string): ApiReply {
    const state = this.store.get(resource)!;
    let body: unknown;
    try {
      body = req.body.trim() === '' ? {} : JSON.parse(req.body);
    } catch {
      return apiError(400, 'invalid_request_error', 'body_invalid', 'The request body is not valid JSON.');
    }
    const key = req.headers[this.api.idempotency.header.toLowerCase()];
    const fingerprint = `${req.path}\n${canonicalJson(body)}`;
    if (key !== undefined) {
      const stored = this.keys.get(key);
      if (stored && stored.fingerprint !== fingerprint) {
        this.stats.idempotencyConflicts++;
        return apiError(
          409,
          'invalid_request_error',
          'idempotency_key_reused',
          `This ${this.api.idempotency.header} was already used with a different request. Use a new key for a new request.`,
        );
      }
      if (stored) {
        this.stats.replayed++;
        return { ...stored.reply, headers: { ...stored.reply.headers, 'idempotent-replayed': 'true' } };
      }
    }
    const { reply, record } = createRecord(this.store, state, body);
    if (record) {
      this.stats.created++;
      if (key === undefined) this.stats.createdWithoutKey++;
      if (state.spec.emits?.create) this.webhooks.emit(state.spec.emits.create, record);
    }
    if (key !== undefined) this.keys.set(key, { fingerprint, reply });
    return reply;
  }

  private control(req: MockRequest): ApiReply {
    const path = req.path.slice(CONTROL_PREFIX.length);
    if (req.method === 'GET' && path === '/state') return { status: 200, body: this.state() };
    if (req.method === 'POST' && path === '/webhooks/next') {
      const max = Number(parseObject(req.body).max ?? 10);
      return { status: 200, body: { deliveries: this.webhooks.next(Number.isInteger(max) ? max : 10) } };
    }
    const result = /^\/webhooks\/([A-Za-z0-9_]+)\/result$/.exec(path);
    if (req.method === 'POST' && result) {
      const known = this.webhooks.result(result[1]!, parseObject(req.body).accepted === true);
      return known
        ? { status: 200, body: { ok: true } }
        : apiError(404, 'invalid_request_error', 'resource_missing', 'No such delivery in flight.');
    }
    return apiError(404, 'invalid_request_error', 'route_unknown', `Unknown control path ${req.path}.`);
  }
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** JSON with object keys sorted, so {"a":1,"b":2} and {"b":2,"a":1} are the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
