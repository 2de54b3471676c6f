/**
 * The same core services over HTTP + WebSocket on 127.0.0.1, guarded by a per-run token.
 * Serves the built renderer so the real UI runs in any browser (development, end-to-end tests).
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { decodeBinaryRequest, MAX_FRAME_BYTES, parseRequest, type WireMessage } from '../contract/wire.js';
import type { Core } from '../core/create-core.js';
import { contentSecurityPolicy, resolveStaticPath } from '../core/web-security.js';
import { isMediaRequest, serveMedia } from './media-route.js';
import { checkUpgrade, isLoopbackHostHeader } from './security.js';

export interface BridgeOptions {
  core: Core;
  token: string;
  /** Built renderer (dist/renderer). */
  staticDir: string;
  port?: number;
  log?: (message: string) => void;
}

export interface Bridge {
  url: string;
  port: number;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.wav': 'audio/wav',
};

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const log = options.log ?? (() => {});
  let port = 0;

  const server = http.createServer((req, res) => {
    if (!isLoopbackHostHeader(req.headers.host) || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(403).end();
      return;
    }
    if (isMediaRequest(req.url)) {
      serveMedia(req, res, options.token, (urlPath) => options.core.mediaFile(urlPath));
      return;
    }
    const file = resolveStaticPath(options.staticDir, req.url ?? '/');
    const target =
      file && fs.existsSync(file) && fs.statSync(file).isFile() ? file : path.join(options.staticDir, 'index.html');
    fs.readFile(target, (error, body) => {
      if (error) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('The UI is not built. Run "npm run build" first.');
        return;
      }
      res.writeHead(200, {
        'content-type': CONTENT_TYPES[path.extname(target)] ?? 'application/octet-stream',
        'content-security-policy': contentSecurityPolicy({
          connectSources: [`ws://127.0.0.1:${port}`, `ws://localhost:${port}`],
        }),
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    });
  });

  // A malformed request or a connection reset must never reach the process as an unhandled error.
  server.on('clientError', (error, socket) => {
    log(`dropped a malformed request: ${error.message}`);
    socket.destroy();
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  wss.on('error', (error) => log(`websocket server error: ${error.message}`));
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', (error) => log(`connection error during upgrade: ${error.message}`));
    const decision = checkUpgrade(
      { url: req.url, origin: req.headers.origin, host: req.headers.host },
      options.token,
      port,
    );
    if (!decision.ok) {
      log(`refused a connection: ${decision.reason}`);
      socket.end(
        `HTTP/1.1 ${decision.status} ${decision.status === 401 ? 'Unauthorized' : 'Forbidden'}\r\nConnection: close\r\n\r\n`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveClient(ws, options.core, log));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  server.on('error', (error) => log(`server error: ${error.message}`));

  return {
    port,
    url: `http://127.0.0.1:${port}/?token=${encodeURIComponent(options.token)}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
      }),
  };
}

/** Close codes for the protocol errors ws reports (RFC 6455 section 7.4.1). */
function closeCodeFor(code: string | undefined): number {
  if (code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') return 1009;
  if (code === 'WS_ERR_INVALID_UTF8') return 1007;
  return 1002;
}

/** A close reason the other side can act on; at most 123 bytes, as the protocol allows. */
export function closeReason(error: Error & { code?: string }): string {
  const text =
    error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'
      ? `Message too big: the limit is ${MAX_FRAME_BYTES / (1024 * 1024)} MB`
      : error.message.replace(/^Invalid WebSocket frame: /, 'Invalid frame: ');
  return Buffer.from(text).subarray(0, 123).toString();
}

/**
 * A bad frame (invalid UTF-8, reserved opcode, unmasked, RSV1, oversized) ends that connection
 * with a close code and a reason saying what was wrong; every other connection carries on.
 * ws closes with the code alone; this listener runs first (ws's receiver is internal, so it is
 * looked up defensively) to add the reason.
 */
function explainProtocolErrors(ws: WebSocket, log: (message: string) => void): void {
  const receiver = (ws as unknown as { _receiver?: NodeJS.EventEmitter })._receiver;
  receiver?.prependListener('error', (error: Error & { code?: string }) => {
    if (ws.readyState === ws.OPEN) ws.close(closeCodeFor(error.code), closeReason(error));
  });
  ws.on('error', (error: Error & { code?: string }) => log(`closed a connection: ${error.message}`));
}

function serveClient(ws: WebSocket, core: Core, log: (message: string) => void): void {
  explainProtocolErrors(ws, log);
  const send = (message: WireMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const unsubscribe = core.events.subscribe((event) => send({ event }));
  ws.on('close', unsubscribe);
  ws.on('message', (data: RawData, isBinary: boolean) => {
    const request = isBinary ? decodeBinaryRequest(toBytes(data)) : parseRequest(toBytes(data).toString());
    if (!request) {
      send({
        id: -1,
        result: {
          ok: false,
          error: { code: 'VALIDATION', message: 'Malformed message: expected {id, channel, input}.' },
        },
      });
      return;
    }
    void core.dispatch(request.channel, request.input).then((result) => send({ id: request.id, result }));
  });
}

function toBytes(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
