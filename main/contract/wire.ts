/**
 * The bridge's wire format, shared by server and browser client. Requests are JSON text
 * frames; a request carrying audio is one binary frame: a 4-byte little-endian header
 * length, the JSON header, then the raw bytes, which land in input[binaryKey].
 */
import type { EventEnvelope } from './events.js';
import type { Result } from './result.js';

/** The largest WebSocket message either side accepts; the server closes a connection that sends more. */
export const MAX_FRAME_BYTES = 16 * 1024 * 1024;

export interface WireRequest {
  id: number;
  channel: string;
  input?: unknown;
  /** Present on binary frames: the input field that receives the bytes. */
  binaryKey?: string;
}

export type WireMessage = { id: number; result: Result<unknown> } | { event: EventEnvelope };

export function encodeBinaryRequest(header: WireRequest, bytes: Uint8Array): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const frame = new Uint8Array(4 + json.length + bytes.length);
  new DataView(frame.buffer).setUint32(0, json.length, true);
  frame.set(json, 4);
  frame.set(bytes, 4 + json.length);
  return frame;
}

export function decodeBinaryRequest(frame: Uint8Array): WireRequest | null {
  if (frame.length < 4) return null;
  const length = new DataView(frame.buffer, frame.byteOffset, frame.byteLength).getUint32(0, true);
  if (length > frame.length - 4) return null;
  const header = parseRequest(new TextDecoder().decode(frame.subarray(4, 4 + length)));
  if (!header || typeof header.binaryKey !== 'string') return null;
  const bytes = frame.slice(4 + length);
  const input = header.input && typeof header.input === 'object' ? { ...header.input } : {};
  (input as Record<string, unknown>)[header.binaryKey] = bytes;
  return { ...header, input };
}

export function parseRequest(text: string): WireRequest | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object') return null;
  const { id, channel } = value as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || typeof channel !== 'string') return null;
  return value as WireRequest;
}
