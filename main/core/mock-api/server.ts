/**
 * Serves a pack's mock API on 127.0.0.1 at a random port for one round (or one hidden test
 * run). Flooding it costs little: bodies over 1 MB are refused, connections are capped, and
 * the rate limit answers 429 before any work is done.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MockApi, MockFaults } from '../../../content/schema/mock-api.js';
import { MockApiHandler, type MockState } from './handler.js';

const MAX_BODY_BYTES = 1024 * 1024;
const MAX_CONNECTIONS = 64;

export interface RunningMockApi {
  port: number;
  /** "http://127.0.0.1:<port>/v1": what the candidate's code gets as API_BASE_URL. */
  baseUrl: string;
  /** The environment a run gets: API_BASE_URL, API_KEY and (with webhooks) WEBHOOK_SECRET. */
  env: Record<string, string>;
  state(): MockState;
  stop(): Promise<void>;
}

export async function startMockApi(api: MockApi, options: { faults?: MockFaults } = {}): Promise<RunningMockApi> {
  const handler = new MockApiHandler(api, options.faults);
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    readBody(req).then(
      (body) => respond(handler, req, res, body, timers),
      () =>
        send(
          res,
          413,
          {},
          {
            error: { type: 'invalid_request_error', code: 'body_too_large', message: 'The request body is over 1 MB.' },
          },
        ),
    );
  });
  server.maxConnections = MAX_CONNECTIONS;
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}${api.basePath}`;
  return {
    port,
    baseUrl,
    env: {
      API_BASE_URL: baseUrl,
      API_KEY: api.auth.key,
      ...(api.webhooks ? { WEBHOOK_SECRET: api.webhooks.secret } : {}),
    },
    state: () => handler.state(),
    stop: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.pause();
        reject(new Error('too large'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function respond(
  handler: MockApiHandler,
  req: IncomingMessage,
  res: ServerResponse,
  body: string,
  timers: Set<NodeJS.Timeout>,
) {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  const outcome = handler.handle({
    method: req.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    headers,
    body,
    nowMs: Date.now(),
  });
  if (outcome.kind === 'drop') {
    // No answer at all: the client sees a reset connection, as after a network blip.
    req.socket.destroy();
    return;
  }
  const finish = () => send(res, outcome.reply.status, outcome.reply.headers ?? {}, outcome.reply.body);
  if (outcome.delayMs <= 0) return finish();
  const timer = setTimeout(() => {
    timers.delete(timer);
    finish();
  }, outcome.delayMs);
  timers.add(timer);
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: unknown) {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
