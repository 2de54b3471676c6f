/**
 * The bridge's gatekeeping as pure functions: which WebSocket upgrades are let through,
 * and which static paths may be served. Unit-tested without opening a socket.
 */
import { timingSafeEqual } from 'node:crypto';

export function tokensMatch(expected: string, given: string | null | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isLoopbackHostHeader(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
  return LOOPBACK_HOSTS.has((name ?? '').toLowerCase());
}

/** "host:port" of a Host header, or null when it has no explicit port. */
function portOf(host: string): string | null {
  const match = /:(\d+)$/.exec(host);
  return match?.[1] ?? null;
}

/**
 * Only the server's own origin: http, the host the page was loaded from (the Host header) and
 * the server's port. Another local page (a dev server on another port, a file:// page) is
 * refused even though it is on this machine. Browsers always send Origin on WebSocket upgrades;
 * non-browser clients (tests, tools) may not, and still need the token.
 */
export function isAllowedOrigin(origin: string | undefined, host: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  if (!host || !isLoopbackHostHeader(host) || portOf(host) !== String(port)) return false;
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' && url.host.toLowerCase() === host.toLowerCase() && url.port === String(port);
  } catch {
    return false;
  }
}

export type UpgradeDecision = { ok: true } | { ok: false; status: 401 | 403; reason: string };

export function checkUpgrade(
  request: { url: string | undefined; origin: string | undefined; host: string | undefined },
  token: string,
  port: number,
): UpgradeDecision {
  if (!isLoopbackHostHeader(request.host)) return { ok: false, status: 403, reason: 'host is not loopback' };
  if (!isAllowedOrigin(request.origin, request.host, port)) {
    return { ok: false, status: 403, reason: `origin ${request.origin ?? ''} is not this server's own` };
  }
  const given = new URL(request.url ?? '/', 'http://127.0.0.1').searchParams.get('token');
  if (!tokensMatch(token, given)) return { ok: false, status: 401, reason: 'missing or wrong token' };
  return { ok: true };
}
