/**
 * The mock API's records: list with cursor pagination and filters, retrieve, and create with
 * the field rules the pack declares. Everything here is synchronous and in memory; the HTTP
 * layer (server.ts) and the faults (handler.ts) sit on top.
 */
import { isDeepStrictEqual } from 'node:util';
import type { MockApi, MockRecord, MockResource } from '../../../content/schema/mock-api.js';
import { apiError, type ApiReply } from './errors.js';

/** Seconds since 1970 of the first record a round creates, when the pack's records have none. */
const FIRST_CREATED = 1_717_200_000;

export interface ResourceState {
  spec: MockResource;
  records: MockRecord[];
  byId: Map<string, MockRecord>;
  nextNumber: number;
}

export type ResourceStore = Map<string, ResourceState>;

export function createResourceStore(api: MockApi): ResourceStore {
  const store: ResourceStore = new Map();
  for (const spec of api.resources) {
    // Deep copies: a round must never change the pack's own data.
    const records = spec.records.map((r) => structuredClone(r));
    store.set(spec.name, {
      spec,
      records,
      byId: new Map(records.map((r) => [String(r.id), r])),
      nextNumber: records.length + 1,
    });
  }
  return store;
}

export function snapshotRecords(store: ResourceStore): Record<string, MockRecord[]> {
  return Object.fromEntries([...store].map(([name, state]) => [name, state.records.map((r) => structuredClone(r))]));
}

function encodeCursor(id: string): string {
  return Buffer.from(JSON.stringify({ after: id })).toString('base64url');
}

function decodeCursor(cursor: string): string | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    return typeof parsed.after === 'string' ? parsed.after : undefined;
  } catch {
    return undefined;
  }
}

export function listRecords(api: MockApi, state: ResourceState, query: URLSearchParams): ApiReply {
  const { spec } = state;
  const known = new Set(['limit', 'cursor', ...spec.filters]);
  for (const key of query.keys()) {
    if (!known.has(key)) {
      const allowed = [...known].join(', ');
      return apiError(
        400,
        'invalid_request_error',
        'parameter_unknown',
        `Unknown query parameter "${key}". This list accepts: ${allowed}.`,
        key,
      );
    }
  }
  const limitText = query.get('limit');
  const limit = limitText === null ? api.pagination.defaultLimit : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > api.pagination.maxLimit) {
    return apiError(
      400,
      'invalid_request_error',
      'parameter_invalid',
      `limit must be a whole number from 1 to ${api.pagination.maxLimit}.`,
      'limit',
    );
  }
  let matching = state.records;
  for (const field of spec.filters) {
    const wanted = query.get(field);
    if (wanted !== null) matching = matching.filter((r) => String(r[field]) === wanted);
  }
  let start = 0;
  const cursor = query.get('cursor');
  if (cursor !== null) {
    const after = decodeCursor(cursor);
    const index = after === undefined ? -1 : matching.findIndex((r) => r.id === after);
    if (index < 0) {
      return apiError(
        400,
        'invalid_request_error',
        'cursor_invalid',
        'This cursor is not valid for this list. Pass back next_cursor from the previous page unchanged, with the same filters.',
        'cursor',
      );
    }
    start = index + 1;
  }
  const data = matching.slice(start, start + limit);
  const hasMore = start + limit < matching.length;
  const last = data.at(-1);
  return {
    status: 200,
    body: {
      object: 'list',
      data,
      has_more: hasMore,
      next_cursor: hasMore && last ? encodeCursor(String(last.id)) : null,
    },
  };
}

export function retrieveRecord(state: ResourceState, id: string): ApiReply {
  const record = state.byId.get(id);
  if (!record) {
    return apiError(
      404,
      'invalid_request_error',
      'resource_missing',
      `No such ${singular(state.spec.name)}: "${id}".`,
      'id',
    );
  }
  return { status: 200, body: record };
}

/** Validates `body` against the resource's create rules; on success the record is stored. */
export function createRecord(
  store: ResourceStore,
  state: ResourceState,
  body: unknown,
): { reply: ApiReply; record?: MockRecord } {
  const rules = state.spec.create;
  if (!rules)
    return {
      reply: apiError(
        405,
        'invalid_request_error',
        'method_not_allowed',
        `${state.spec.name} cannot be created through the API.`,
      ),
    };
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { reply: apiError(400, 'invalid_request_error', 'body_invalid', 'The request body must be a JSON object.') };
  }
  const input = body as Record<string, unknown>;
  for (const [field, value] of Object.entries(input)) {
    const type = rules.fields[field];
    if (!type) {
      const allowed = Object.keys(rules.fields).join(', ');
      return {
        reply: apiError(
          400,
          'invalid_request_error',
          'parameter_unknown',
          `Unknown parameter "${field}". Allowed: ${allowed}.`,
          field,
        ),
      };
    }
    if (!hasType(value, type)) {
      return {
        reply: apiError(
          400,
          'invalid_request_error',
          'parameter_invalid',
          `"${field}" must be ${article(type)}.`,
          field,
        ),
      };
    }
  }
  for (const field of rules.required) {
    if (input[field] === undefined) {
      return {
        reply: apiError(
          400,
          'invalid_request_error',
          'parameter_missing',
          `Missing required parameter "${field}".`,
          field,
        ),
      };
    }
  }
  for (const [field, target] of Object.entries(rules.references)) {
    // Fields are type-checked above, so a reference is a string, a number or a boolean here.
    const value = input[field] as string | number | boolean | undefined;
    if (value !== undefined && !store.get(target)?.byId.has(String(value))) {
      return {
        reply: apiError(
          400,
          'invalid_request_error',
          'resource_missing',
          `"${field}" names ${singular(target)} "${String(value)}", which does not exist.`,
          field,
        ),
      };
    }
  }
  const rejected = rules.rejects.find((r) => Object.entries(r.when).every(([f, v]) => isDeepStrictEqual(input[f], v)));
  if (rejected) {
    const type = rejected.status === 402 ? 'card_error' : 'invalid_request_error';
    return { reply: apiError(rejected.status, type, rejected.code, rejected.message) };
  }
  const id = `${state.spec.idPrefix}${String(state.nextNumber++).padStart(4, '0')}`;
  const record: MockRecord = {
    id,
    ...structuredClone(rules.defaults),
    ...structuredClone(input),
    created: nextCreated(state),
  };
  state.records.push(record);
  state.byId.set(id, record);
  return { reply: { status: 200, body: record }, record };
}

function nextCreated(state: ResourceState): number {
  const times = state.records.map((r) => r.created).filter((t): t is number => typeof t === 'number');
  return times.length === 0 ? FIRST_CREATED : Math.max(...times) + 1;
}

function hasType(value: unknown, type: 'string' | 'integer' | 'boolean'): boolean {
  if (type === 'integer') return Number.isSafeInteger(value);
  return typeof value === type;
}

function article(type: string): string {
  return type === 'integer' ? 'an integer' : `a ${type}`;
}

/** "invoices" -> "invoice", for messages. */
export function singular(name: string): string {
  return name.endsWith('ies') ? `${name.slice(0, -3)}y` : name.endsWith('s') ? name.slice(0, -1) : name;
}
