/**
 * Bad WebSocket frames sent by a raw client: each closes that one connection with a close code
 * and a reason, and the server keeps serving everyone else. Before, one such frame ended the
 * whole `npm run web` process (no 'error' handler on the socket).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WireMessage } from '../../main/contract/wire.js';
import { createCore, type Core } from '../../main/core/create-core.js';
import { startBridge, type Bridge } from '../../main/server/bridge.js';

const TOKEN = 'frames-token-0123456789abcdef';
let dir: string;
let core: Core;
let bridge: Bridge;
const log: string[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-frames-'));
  const staticDir = path.join(dir, 'static');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  core = createCore({
    dataDir: path.join(dir, 'data'),
    bundledRolesDir: path.join(dir, 'no-roles'),
    transport: 'bridge',
    version: '1.0.0',
    log: () => {},
  });
  bridge = await startBridge({ core, token: TOKEN, staticDir, log: (m) => log.push(m) });
});
afterAll(async () => {
  await bridge?.close();
  await core?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Opens a raw TCP connection and completes the WebSocket handshake by hand. */
async function rawSocket(): Promise<net.Socket> {
  const socket = net.connect(bridge.port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const key = crypto.randomBytes(16).toString('base64');
  socket.write(
    `GET /rpc?token=${TOKEN} HTTP/1.1\r\nHost: 127.0.0.1:${bridge.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\nOrigin: http://127.0.0.1:${bridge.port}\r\n\r\n`,
  );
  const head = await new Promise<string>((resolve) => socket.once('data', (d: Buffer) => resolve(d.toString())));
  expect(head).toMatch(/^HTTP\/1\.1 101 /);
  return socket;
}

/** A client frame: FIN + opcode (+RSV1), masked unless told otherwise, with a 7/16/64-bit length. */
function frame(
  opcode: number,
  payload: Buffer,
  options: { mask?: boolean; rsv1?: boolean; claimLength?: number } = {},
) {
  const mask = options.mask ?? true;
  const length = options.claimLength ?? payload.length;
  const first = 0x80 | (options.rsv1 ? 0x40 : 0) | opcode;
  let header: Buffer;
  if (length < 126) header = Buffer.from([first, (mask ? 0x80 : 0) | length]);
  else if (length < 65536) {
    header = Buffer.alloc(4);
    header.writeUInt8(first, 0);
    header.writeUInt8((mask ? 0x80 : 0) | 126, 1);
    header.writeUInt16BE(length, 2);
  } else {
    header = Buffer.alloc(10);
    header.writeUInt8(first, 0);
    header.writeUInt8((mask ? 0x80 : 0) | 127, 1);
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  if (!mask) return Buffer.concat([header, payload]);
  const key = crypto.randomBytes(4);
  const body = Buffer.from(payload.map((b, i) => b ^ key[i % 4]!));
  return Buffer.concat([header, key, body]);
}

/** Sends bytes and reads the server's close frame: its code and reason. */
async function closeAfter(bytes: Buffer): Promise<{ code: number; reason: string }> {
  const socket = await rawSocket();
  const reply = new Promise<Buffer>((resolve) => {
    const chunks: Buffer[] = [];
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('close', () => resolve(Buffer.concat(chunks)));
    socket.on('error', () => resolve(Buffer.concat(chunks)));
  });
  socket.write(bytes);
  const data = await reply;
  expect(data[0]! & 0x0f).toBe(0x8);
  const length = data[1]! & 0x7f;
  return { code: data.readUInt16BE(2), reason: data.subarray(4, 2 + length).toString() };
}

async function stillServes(): Promise<void> {
  const ws = new WebSocket(`ws://127.0.0.1:${bridge.port}/rpc?token=${TOKEN}`);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const reply = new Promise<Extract<WireMessage, { id: number }>>((resolve) =>
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as WireMessage;
      if ('id' in message) resolve(message);
    }),
  );
  ws.send(JSON.stringify({ id: 1, channel: 'app:info' }));
  expect((await reply).result).toMatchObject({ ok: true, value: { version: '1.0.0' } });
  ws.close();
}

describe('bad frames close one connection, not the server', () => {
  it.each([
    [
      'invalid UTF-8 in a text frame',
      frame(0x1, Buffer.from([0xc3, 0x28])),
      1007,
      'Invalid frame: invalid UTF-8 sequence',
    ],
    ['a reserved opcode', frame(0x3, Buffer.from('x')), 1002, 'Invalid frame: invalid opcode 3'],
    ['an unmasked frame', frame(0x1, Buffer.from('{}'), { mask: false }), 1002, 'Invalid frame: MASK must be set'],
    [
      'RSV1 without compression',
      frame(0x1, Buffer.from('{}'), { rsv1: true }),
      1002,
      'Invalid frame: RSV1 must be clear',
    ],
    [
      'a frame over 16 MiB',
      frame(0x2, Buffer.alloc(0), { claimLength: 16 * 1024 * 1024 + 1 }),
      1009,
      'Message too big: the limit is 16 MB',
    ],
  ])('%s', async (_label, bytes, code, reason) => {
    expect(await closeAfter(bytes)).toEqual({ code, reason });
    await stillServes();
  });

  it('an oversized message actually sent in full', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${bridge.port}/rpc?token=${TOKEN}`);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const closed = new Promise<[number, string]>((resolve) => ws.once('close', (c, r) => resolve([c, r.toString()])));
    ws.on('error', () => {});
    ws.send(Buffer.alloc(17 * 1024 * 1024, 1));
    expect(await closed).toEqual([1009, 'Message too big: the limit is 16 MB']);
    await stillServes();
    expect(log.some((m) => m.startsWith('closed a connection: Max payload size exceeded'))).toBe(true);
  });

  it('a connection reset mid-handshake and a malformed HTTP request', async () => {
    const socket = net.connect(bridge.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(`GET /rpc?token=${TOKEN} HTTP/1.1\r\nHost: 127.0.0.1:${bridge.port}\r\nUpgrade: websocket\r\n`);
    socket.resetAndDestroy();
    const garbage = net.connect(bridge.port, '127.0.0.1');
    await new Promise((resolve) => garbage.once('connect', resolve));
    garbage.write('\u0000\u0001 not http at all\r\n\r\n');
    await new Promise((resolve) => garbage.once('close', resolve));
    await stillServes();
  });
});
