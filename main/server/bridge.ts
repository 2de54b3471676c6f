/**
 * The same core services over HTTP + WebSocket on 127.0.0.1, guarded by a per-run token.
 * Serves the built renderer so the real UI runs in any browser (development, end-to-end tests).
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { decodeBinaryRequest, parseRequest, type WireMessage } from '../contract/wire.js';
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

  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const decision = checkUpgrade({ url: req.url, origin: req.headers.origin, host: req.headers.host }, options.token);
    if (!decision.ok) {
      log(`refused a connection: ${decision.reason}`);
      socket.end(
        `HTTP/1.1 ${decision.status} ${decision.status === 401 ? 'Unauthorized' : 'Forbidden'}\r\nConnection: close\r\n\r\n`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveClient(ws, options.core));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

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

function serveClient(ws: WebSocket, core: Core): void {
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
