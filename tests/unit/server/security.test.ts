import { describe, expect, it } from 'vitest';
import { decodeBinaryRequest, encodeBinaryRequest, parseRequest } from '../../../main/contract/wire.js';
import { checkUpgrade, isAllowedOrigin, isLoopbackHostHeader, tokensMatch } from '../../../main/server/security.js';

const TOKEN = 'k3Y-abcdefghijklmnopqrstuvwx';
const PORT = 41234;
const HOST = `127.0.0.1:${PORT}`;
const withToken = (token: string) => `/?token=${encodeURIComponent(token)}`;

describe('checkUpgrade', () => {
  it('lets a request with the right token and no Origin through', () => {
    expect(checkUpgrade({ url: withToken(TOKEN), origin: undefined, host: HOST }, TOKEN, PORT)).toEqual({ ok: true });
  });

  it.each([
    [`http://127.0.0.1:${PORT}`, HOST],
    [`http://localhost:${PORT}`, `localhost:${PORT}`],
    [`http://LOCALHOST:${PORT}`, `localhost:${PORT}`],
  ])("lets a request from the server's own page %s through", (origin, host) => {
    expect(checkUpgrade({ url: withToken(TOKEN), origin, host }, TOKEN, PORT)).toEqual({ ok: true });
  });

  it.each([
    ['another local port', `http://127.0.0.1:3000`, HOST],
    ['another loopback name than the page used', `http://localhost:${PORT}`, HOST],
    ['no port', 'http://127.0.0.1', HOST],
    ['a Host header with another port', `http://127.0.0.1:3000`, '127.0.0.1:3000'],
    ['a Host header without a port', 'http://127.0.0.1', '127.0.0.1'],
  ])("refuses %s with 403 (only the server's own origin)", (_label, origin, host) => {
    expect(checkUpgrade({ url: withToken(TOKEN), origin, host }, TOKEN, PORT)).toMatchObject({
      ok: false,
      status: 403,
    });
  });

  it.each([
    ['missing token', '/'],
    ['empty token', '/?token='],
    ['no url at all', undefined],
    ['wrong token of the same length', withToken(TOKEN.slice(0, -1) + 'y')],
    ['a shorter token', withToken(TOKEN.slice(0, 5))],
    ['a longer token', withToken(TOKEN + 'x')],
    ['the token in the path, not the query', `/${TOKEN}`],
  ])('refuses %s with 401', (_label, url) => {
    const decision = checkUpgrade({ url, origin: undefined, host: HOST }, TOKEN, PORT);
    expect(decision).toMatchObject({ ok: false, status: 401 });
  });

  it.each([
    'http://evil.example',
    'https://127.0.0.1.evil.example',
    'http://127.0.0.1.evil.example',
    'null',
    'file://',
    `https://127.0.0.1:${PORT}`,
    `ws://127.0.0.1:${PORT}`,
    'not a url',
    '',
  ])('refuses the foreign Origin %s with 403, even with the right token', (origin) => {
    const decision = checkUpgrade({ url: withToken(TOKEN), origin, host: HOST }, TOKEN, PORT);
    expect(decision).toMatchObject({ ok: false, status: 403 });
  });

  it.each([
    undefined,
    '',
    'evil.example',
    `evil.example:${PORT}`,
    `127.0.0.1.evil.example:${PORT}`,
    '10.0.0.5',
    '0.0.0.0',
  ])('refuses the non-loopback Host %s with 403', (host) => {
    const decision = checkUpgrade({ url: withToken(TOKEN), origin: undefined, host }, TOKEN, PORT);
    expect(decision).toMatchObject({ ok: false, status: 403 });
  });
});

describe('security helpers', () => {
  it('tokensMatch compares exactly', () => {
    expect(tokensMatch(TOKEN, TOKEN)).toBe(true);
    expect(tokensMatch(TOKEN, TOKEN.toUpperCase())).toBe(false);
    expect(tokensMatch(TOKEN, null)).toBe(false);
    expect(tokensMatch(TOKEN, undefined)).toBe(false);
    expect(tokensMatch(TOKEN, '')).toBe(false);
  });

  it('isLoopbackHostHeader accepts the loopback names with or without a port', () => {
    for (const host of ['127.0.0.1', `127.0.0.1:${PORT}`, 'localhost', `LOCALHOST:${PORT}`, '[::1]', `[::1]:${PORT}`]) {
      expect(isLoopbackHostHeader(host)).toBe(true);
    }
    expect(isLoopbackHostHeader('[::2]:80')).toBe(false);
  });

  it('isAllowedOrigin treats an absent Origin as a non-browser client', () => {
    expect(isAllowedOrigin(undefined, HOST, PORT)).toBe(true);
    expect(isAllowedOrigin('null', HOST, PORT)).toBe(false);
  });
});

describe('wire format', () => {
  it('round-trips a binary request: header and bytes', () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 255, 128]);
    const frame = encodeBinaryRequest(
      { id: 12, channel: 'speech:chunk', input: { turnId: 't1', seq: 3 }, binaryKey: 'pcm' },
      bytes,
    );
    const decoded = decodeBinaryRequest(frame);
    expect(decoded).not.toBeNull();
    expect(decoded?.id).toBe(12);
    expect(decoded?.channel).toBe('speech:chunk');
    expect(decoded?.binaryKey).toBe('pcm');
    const input = decoded?.input as { turnId: string; seq: number; pcm: Uint8Array };
    expect(input.turnId).toBe('t1');
    expect(input.seq).toBe(3);
    expect(Array.from(input.pcm)).toEqual(Array.from(bytes));
  });

  it('decodes a frame that sits inside a larger buffer (non-zero byteOffset)', () => {
    const frame = encodeBinaryRequest({ id: 1, channel: 'a:b', binaryKey: 'x' }, new Uint8Array([9, 8, 7]));
    const big = new Uint8Array(frame.length + 10);
    big.set(frame, 5);
    const decoded = decodeBinaryRequest(big.subarray(5, 5 + frame.length));
    expect(Array.from((decoded?.input as { x: Uint8Array }).x)).toEqual([9, 8, 7]);
  });

  it('round-trips an empty payload and an input without fields', () => {
    const decoded = decodeBinaryRequest(
      encodeBinaryRequest({ id: 2, channel: 'a:b', binaryKey: 'x' }, new Uint8Array()),
    );
    expect(decoded?.input).toEqual({ x: new Uint8Array() });
  });

  it('returns null for truncated or malformed frames', () => {
    const frame = encodeBinaryRequest({ id: 3, channel: 'a:b', binaryKey: 'x' }, new Uint8Array([1, 2, 3]));
    const headerLength = new DataView(frame.buffer).getUint32(0, true);
    expect(decodeBinaryRequest(new Uint8Array())).toBeNull();
    expect(decodeBinaryRequest(frame.subarray(0, 3))).toBeNull();
    expect(decodeBinaryRequest(frame.subarray(0, 4))).toBeNull();
    // Cut inside the JSON header.
    expect(decodeBinaryRequest(frame.subarray(0, 4 + headerLength - 1))).toBeNull();
    // A header length larger than the frame.
    const lying = frame.slice();
    new DataView(lying.buffer).setUint32(0, frame.length, true);
    expect(decodeBinaryRequest(lying)).toBeNull();
  });

  it('returns null for a binary frame whose header lacks binaryKey', () => {
    const json = new TextEncoder().encode(JSON.stringify({ id: 1, channel: 'a:b' }));
    const frame = new Uint8Array(4 + json.length + 2);
    new DataView(frame.buffer).setUint32(0, json.length, true);
    frame.set(json, 4);
    expect(decodeBinaryRequest(frame)).toBeNull();
  });

  it('parseRequest accepts {id, channel} and rejects anything else', () => {
    expect(parseRequest('{"id":1,"channel":"app:info"}')).toEqual({ id: 1, channel: 'app:info' });
    for (const text of [
      '',
      'not json',
      'null',
      '42',
      '[]',
      '{"id":"1","channel":"app:info"}',
      '{"id":1.5,"channel":"x"}',
      '{"id":1}',
      '{"channel":"x"}',
    ]) {
      expect(parseRequest(text)).toBeNull();
    }
  });
});
