import type { EventEnvelope } from '../../../main/contract/events.js';
import type { Result } from '../../../main/contract/result.js';
import { encodeBinaryRequest, MAX_FRAME_BYTES, type WireMessage } from '../../../main/contract/wire.js';
import type { Transport } from './transport.js';

const TOKEN_KEY = 'rehearsal.bridgeToken';

/** Reads the token from ?token=… once, keeps it for reloads, and removes it from the address bar. */
function takeToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.toString());
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/** The page's bridge token, for URLs the browser fetches by itself (a recording in an <audio> element). */
export function bridgeToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

/**
 * The WebSocket client. Requests wait for the socket to open; a dropped socket fails the
 * pending calls with a TRANSPORT error and reconnects on the next call.
 */
export function bridgeTransport(): Transport {
  const token = takeToken();
  const listeners = new Set<(event: EventEnvelope) => void>();
  const pending = new Map<number, (result: Result<unknown>) => void>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let opened: Promise<WebSocket> | null = null;

  const fail = (message: string): Result<unknown> => ({ ok: false, error: { code: 'TRANSPORT', message } });

  function connect(): Promise<WebSocket> {
    if (opened && socket && socket.readyState <= WebSocket.OPEN) return opened;
    opened = new Promise((resolve, reject) => {
      const ws = new WebSocket(
        `${window.location.origin.replace(/^http/, 'ws')}/rpc?token=${encodeURIComponent(token ?? '')}`,
      );
      ws.binaryType = 'arraybuffer';
      socket = ws;
      ws.onopen = () => resolve(ws);
      ws.onerror = () => reject(new Error('socket error'));
      ws.onclose = () => {
        for (const [, settle] of pending)
          settle(
            fail('Lost the connection to the app server. Check that "npm run web" is still running, then try again.'),
          );
        pending.clear();
        socket = null;
        opened = null;
      };
      ws.onmessage = (message) => {
        const data = JSON.parse(String(message.data)) as WireMessage;
        if ('event' in data) {
          for (const listener of listeners) listener(data.event);
        } else {
          pending.get(data.id)?.(data.result);
          pending.delete(data.id);
        }
      };
    });
    return opened;
  }

  return {
    kind: 'bridge',
    async call(channel, input) {
      if (!token)
        return fail('This page was opened without its access token. Open the address printed by "npm run web".');
      let ws: WebSocket;
      try {
        ws = await connect();
      } catch {
        return fail(
          'Could not reach the app server. Check that "npm run web" is running and open the address it printed.',
        );
      }
      const id = nextId++;
      const binaryKey = findBinaryKey(input);
      let message: Uint8Array | string;
      if (binaryKey) {
        const { [binaryKey]: bytes, ...rest } = input as Record<string, Uint8Array>;
        message = encodeBinaryRequest({ id, channel, input: rest, binaryKey }, bytes as Uint8Array);
      } else {
        message = JSON.stringify({ id, channel, input });
      }
      // The server closes a connection that sends more; say so here instead, and keep the connection.
      const size =
        typeof message !== 'string'
          ? message.length
          : message.length * 3 <= MAX_FRAME_BYTES
            ? 0 // at most 3 bytes per UTF-16 unit: small enough without counting
            : new TextEncoder().encode(message).length;
      if (size > MAX_FRAME_BYTES) {
        const mb = (size / (1024 * 1024)).toFixed(1);
        return {
          ok: false,
          error: {
            code: 'VALIDATION',
            message: `This is too large to send to the app server (${mb} MB; the limit is ${MAX_FRAME_BYTES / (1024 * 1024)} MB).`,
          },
        };
      }
      return new Promise((resolve) => {
        pending.set(id, resolve);
        ws.send(message);
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      if (token) void connect().catch(() => undefined);
      return () => listeners.delete(listener);
    },
  };
}

function findBinaryKey(input: unknown): string | null {
  if (!input || typeof input !== 'object') return null;
  for (const [key, value] of Object.entries(input)) if (value instanceof Uint8Array) return key;
  return null;
}
