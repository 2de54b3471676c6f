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

/** Browsers always send Origin on WebSocket upgrades; non-browser clients (tests, tools) may not. */
export function isAllowedOrigin(origin: string | undefined): boolean {
  if (origin === undefined) return true;
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname.toLowerCase().replace(/^(::1)$/, '[::1]'));
  } catch {
    return false;
  }
}

export type UpgradeDecision = { ok: true } | { ok: false; status: 401 | 403; reason: string };

export function checkUpgrade(
  request: { url: string | undefined; origin: string | undefined; host: string | undefined },
  token: string,
): UpgradeDecision {
  if (!isLoopbackHostHeader(request.host)) return { ok: false, status: 403, reason: 'host is not loopback' };
  if (!isAllowedOrigin(request.origin)) return { ok: false, status: 403, reason: 'origin is not local' };
  const given = new URL(request.url ?? '/', 'http://127.0.0.1').searchParams.get('token');
  if (!tokensMatch(token, given)) return { ok: false, status: 401, reason: 'missing or wrong token' };
  return { ok: true };
}
