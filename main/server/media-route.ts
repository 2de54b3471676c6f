/**
 * GET /media/<sessionId>/<turn>.wav?token=…: an answer's recording for the review player.
 * The token is the bridge's own; the path check (core.mediaFile) allows only recordings inside
 * the sessions folder. Byte ranges are served so the player can seek.
 */
import fs from 'node:fs';
import type http from 'node:http';
import { tokensMatch } from './security.js';

export function isMediaRequest(url: string | undefined): boolean {
  return (url ?? '').startsWith('/media/');
}

/** An inclusive byte range from a Range header, or null to send the whole file. */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'invalid' | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return 'invalid';
  let start: number;
  let end: number;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start > end || start >= size) return 'invalid';
  return { start, end };
}

export function serveMedia(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  token: string,
  resolve: (urlPath: string) => string | null,
): void {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (!tokensMatch(token, url.searchParams.get('token'))) {
    res.writeHead(401, { 'content-type': 'text/plain' }).end('Missing or wrong token.');
    return;
  }
  const file = resolve(url.pathname);
  const stat = file ? fs.statSync(file, { throwIfNoEntry: false }) : undefined;
  if (!file || !stat?.isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('No such recording.');
    return;
  }
  const range = parseRange(req.headers.range, stat.size);
  const headers = {
    'content-type': 'audio/wav',
    'accept-ranges': 'bytes',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  };
  if (range === 'invalid') {
    res.writeHead(416, { ...headers, 'content-range': `bytes */${stat.size}` }).end();
    return;
  }
  const { start, end } = range ?? { start: 0, end: stat.size - 1 };
  res.writeHead(range ? 206 : 200, {
    ...headers,
    'content-length': String(Math.max(0, end - start + 1)),
    ...(range ? { 'content-range': `bytes ${start}-${end}/${stat.size}` } : {}),
  });
  if (req.method === 'HEAD' || stat.size === 0) {
    res.end();
    return;
  }
  fs.createReadStream(file, { start, end })
    .on('error', () => res.destroy())
    .pipe(res);
}
