/**
 * A tiny HTTP file server on 127.0.0.1 for download tests: honours Range requests, can answer
 * with an error status or an HTML page, send slowly, or drop the connection part-way. It logs
 * every request and counts the body bytes it sent, so a test can show what a resume re-fetched.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RouteOptions {
  body: Buffer;
  contentType?: string;
  /** Answer every request with this status and a short text body. */
  status?: number;
  /** Send the body at this many bytes per `tickMs` (default: all at once). */
  bytesPerTick?: number;
  tickMs?: number;
  /** Only ranges starting here are sent slowly (others at full speed); default: all. */
  slowFrom?: number;
  /** Drop the connection after this many body bytes of the first longer ranged response that matches `dropWhen`. */
  dropAfterBytes?: number;
  dropWhen?: (start: number) => boolean;
  /** Ignore Range headers (a server without resume support). */
  noRanges?: boolean;
}

export interface RequestRecord {
  path: string;
  method: string;
  range: string | null;
  /** First byte of the response body within the file. */
  start: number;
}

export interface RangeServer {
  url(pathname: string): string;
  route(pathname: string, options: RouteOptions): void;
  requests: RequestRecord[];
  /** Body bytes sent per path in answer to Range requests (what a resume saves shows here). */
  bytesSent: Map<string, number>;
  close(): Promise<void>;
}

export async function startRangeServer(): Promise<RangeServer> {
  const routes = new Map<string, RouteOptions & { dropped?: boolean }>();
  const requests: RequestRecord[] = [];
  const bytesSent = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();

  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const route = routes.get(pathname);
    const rangeHeader = typeof req.headers.range === 'string' ? req.headers.range : null;
    if (!route) {
      requests.push({ path: pathname, method: req.method ?? 'GET', range: rangeHeader, start: 0 });
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if (route.status) {
      requests.push({ path: pathname, method: req.method ?? 'GET', range: rangeHeader, start: 0 });
      res.writeHead(route.status, { 'content-type': 'text/plain' }).end(`status ${route.status}`);
      return;
    }
    const size = route.body.length;
    let start = 0;
    let end = size - 1;
    const match = route.noRanges ? null : /^bytes=(\d+)-(\d*)$/.exec(rangeHeader ?? '');
    const headers: http.OutgoingHttpHeaders = { 'content-type': route.contentType ?? 'application/octet-stream' };
    if (!route.noRanges) headers['accept-ranges'] = 'bytes';
    if (match) {
      start = Number(match[1]);
      end = match[2] ? Math.min(Number(match[2]), size - 1) : size - 1;
      if (start >= size || start > end) {
        res.writeHead(416, { 'content-range': `bytes */${size}` }).end();
        return;
      }
      res.writeHead(206, {
        ...headers,
        'content-range': `bytes ${start}-${end}/${size}`,
        'content-length': end - start + 1,
      });
    } else {
      res.writeHead(200, { ...headers, 'content-length': size });
    }
    requests.push({ path: pathname, method: req.method ?? 'GET', range: rangeHeader, start });
    if (req.method === 'HEAD') return void res.end();

    const slice = route.body.subarray(start, end + 1);
    const drop =
      route.dropAfterBytes !== undefined &&
      !route.dropped &&
      match !== null &&
      slice.length > route.dropAfterBytes &&
      (route.dropWhen?.(start) ?? true);
    if (drop) route.dropped = true;
    const limit = drop ? Math.min(route.dropAfterBytes ?? 0, slice.length) : slice.length;
    const slow = route.bytesPerTick !== undefined && start >= (route.slowFrom ?? 0);
    const step = slow ? (route.bytesPerTick ?? slice.length) : slice.length;
    let offset = 0;
    const count = (n: number) => {
      if (match) bytesSent.set(pathname, (bytesSent.get(pathname) ?? 0) + n);
    };

    const sendMore = () => {
      if (res.destroyed) return;
      const next = Math.min(offset + step, limit);
      const piece = slice.subarray(offset, next);
      count(piece.length);
      offset = next;
      if (offset >= limit) {
        if (drop) {
          res.write(piece, () => setTimeout(() => req.socket.destroy(), 20));
          return;
        }
        res.end(piece);
        return;
      }
      res.write(piece);
      const timer = setTimeout(() => {
        timers.delete(timer);
        sendMore();
      }, route.tickMs ?? 50);
      timers.add(timer);
    };
    sendMore();
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (pathname) => `http://127.0.0.1:${port}${pathname}`,
    route: (pathname, options) => routes.set(pathname, { ...options }),
    requests,
    bytesSent,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
