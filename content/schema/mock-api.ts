/**
 * The integration round's mock HTTP API, as data. Core serves it on 127.0.0.1 for one round
 * (main/core/mock-api/); nothing about an exercise's API is hand-coded, so a pack author writes
 * a new integration exercise in YAML plus files. Everything random (occasional 500s, slow
 * responses, injected faults) comes from a seeded generator, so a run can be repeated exactly.
 */
import { z } from 'zod';

const text = z.string().trim().min(1, 'must not be empty');
/** A share of requests, 0 to `max` (at most 1). */
const rate = (max: number) => z.number().min(0, 'must not be negative').max(max, `must be at most ${max}`);

const headerName = z.string().regex(/^[A-Za-z][A-Za-z0-9-]*$/, 'must be an HTTP header name such as "Idempotency-Key"');
export const resourceNameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'must be lowercase letters, digits and underscores (e.g. "invoices")');
const fieldName = z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be a snake_case field name (e.g. "amount_due")');
export const eventTypeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/, 'must be dotted lowercase words (e.g. "refund.created")');

const jsonValue: z.ZodType<unknown> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValue), z.record(z.string(), jsonValue)]),
);

export const MOCK_OPERATIONS = ['list', 'retrieve', 'create'] as const;
export const FIELD_TYPES = ['string', 'integer', 'boolean'] as const;

/** A record is a flat JSON object with an `id` that starts with its resource's prefix. */
export const mockRecordSchema = z.record(fieldName, jsonValue);

/** A valid create request that is refused anyway when its fields match `when` (all of them). */
export const mockRejectSchema = z
  .object({
    when: z.record(fieldName, jsonValue).refine((w) => Object.keys(w).length > 0, 'name at least 1 field'),
    status: z.number().int().min(400).max(499),
    code: z.string().regex(/^[a-z][a-z_]*$/, 'must be a snake_case error code (e.g. "card_declined")'),
    message: text,
  })
  .strict();

export const mockCreateSchema = z
  .object({
    /** Fields a create request may send, with their type; anything else is answered 400. */
    fields: z.record(fieldName, z.enum(FIELD_TYPES)),
    required: z.array(fieldName).default([]),
    /** Values the new record gets when the request leaves them out (e.g. status: pending). */
    defaults: z.record(fieldName, jsonValue).default({}),
    /** Fields that must name an existing record of another resource (e.g. invoice: invoices). */
    references: z.record(fieldName, resourceNameSchema).default({}),
    /** Requests the API refuses although they are valid, such as a card that declines. */
    rejects: z.array(mockRejectSchema).default([]),
  })
  .strict();

export const mockResourceSchema = z
  .object({
    /** The path segment: /v1/<name>. */
    name: resourceNameSchema,
    idPrefix: z.string().regex(/^[a-z]{2,8}_$/, 'must be 2 to 8 lowercase letters and an underscore (e.g. "in_")'),
    operations: z.array(z.enum(MOCK_OPERATIONS)).min(1, 'at least 1 operation required'),
    /** Query parameters a list accepts; each matches the field of the same name exactly. */
    filters: z.array(fieldName).default([]),
    create: mockCreateSchema.optional(),
    /** Webhook event sent when a record is created through the API. */
    emits: z.object({ create: eventTypeSchema }).strict().optional(),
    /** The records that exist when the round starts, in list order (oldest first). */
    records: z.array(mockRecordSchema).default([]),
  })
  .strict();

/** An event waiting for delivery when the round starts (e.g. a refund made in the dashboard). */
export const mockEventSchema = z
  .object({
    id: z.string().regex(/^evt_[A-Za-z0-9_]+$/, 'must start with "evt_"'),
    type: eventTypeSchema,
    resource: resourceNameSchema,
    record: z.string().min(1),
  })
  .strict();

export const mockWebhooksSchema = z
  .object({
    /** Signs every delivery: HMAC-SHA256 over "<timestamp>.<body>", hex. */
    secret: z.string().min(8, 'must be at least 8 characters'),
    signatureHeader: headerName.default('Webhook-Signature'),
    /** A delivery the handler rejects (throws) is tried again, up to this many times in all. */
    maxAttempts: z.number().int().min(1).max(10).default(3),
    events: z.array(mockEventSchema).default([]),
  })
  .strict();

/** Slow or failing answers that happen now and then in every run, as real APIs do. */
export const mockNoiseSchema = z
  .object({
    errorRate: rate(0.5).default(0),
    slowRate: rate(1).default(0),
    slowMs: z.number().int().min(0).max(5000).default(0),
  })
  .strict();

/**
 * Switches a hidden test run turns on, to see whether the candidate's code survives them.
 * A dropped write is applied before its connection is closed: the client cannot tell whether
 * it happened, which is exactly the case idempotency keys exist for.
 */
export const mockFaultsSchema = z
  .object({
    /** Share of requests whose connection is closed without an answer. */
    dropRate: rate(0.5).default(0),
    /** Share of requests answered 500. */
    errorRate: rate(0.5).default(0),
    slowRate: rate(1).default(0),
    slowMs: z.number().int().min(0).max(5000).default(0),
    /** After `after` requests, the next `count` are answered 429 whatever the rate limit says. */
    burst429: z
      .object({ after: z.number().int().min(0), count: z.number().int().min(1).max(20) })
      .strict()
      .optional(),
    /** Share of webhook events delivered twice (as two deliveries of the same event id). */
    duplicateWebhooks: rate(1).default(0),
    /** Deliver pending webhook events in a shuffled order. */
    reorderWebhooks: z.boolean().default(false),
  })
  .strict();

export const mockApiSchema = z
  .object({
    /** Shown in the docs panel and in error messages ("Ledgerly API"). */
    name: text,
    basePath: z
      .string()
      .regex(/^(\/[a-z0-9_-]+)+$/, 'must be a path such as "/v1"')
      .default('/v1'),
    auth: z
      .object({
        header: headerName.default('Authorization'),
        /** The header's value is "<scheme> <key>"; an empty scheme means the bare key. */
        scheme: z.string().default('Bearer'),
        key: z.string().min(8, 'must be at least 8 characters'),
      })
      .strict(),
    pagination: z
      .object({
        defaultLimit: z.number().int().min(1).max(100).default(10),
        maxLimit: z.number().int().min(1).max(1000).default(100),
      })
      .strict()
      .default({ defaultLimit: 10, maxLimit: 100 }),
    idempotency: z
      .object({ header: headerName.default('Idempotency-Key') })
      .strict()
      .default({ header: 'Idempotency-Key' }),
    /** A token bucket shared by all requests: `burst` at once, refilled at `perSecond`. */
    rateLimit: z
      .object({
        perSecond: z.number().positive().max(1000),
        burst: z.number().int().min(1).max(1000),
        retryAfterSeconds: z.number().int().min(1).max(10).default(1),
      })
      .strict(),
    noise: mockNoiseSchema.default({ errorRate: 0, slowRate: 0, slowMs: 0 }),
    /** Seeds every random choice (noise and faults), so runs repeat exactly. */
    seed: z.number().int().default(1),
    resources: z.array(mockResourceSchema).min(1, 'at least 1 resource required'),
    webhooks: mockWebhooksSchema.optional(),
  })
  .strict();

export type MockApi = z.infer<typeof mockApiSchema>;
export type MockResource = z.infer<typeof mockResourceSchema>;
export type MockRecord = z.infer<typeof mockRecordSchema>;
export type MockReject = z.infer<typeof mockRejectSchema>;
export type MockEvent = z.infer<typeof mockEventSchema>;
export type MockWebhooks = z.infer<typeof mockWebhooksSchema>;
export type MockNoise = z.infer<typeof mockNoiseSchema>;
export type MockFaults = z.infer<typeof mockFaultsSchema>;
export type MockFaultsInput = z.input<typeof mockFaultsSchema>;
