/**
 * The media route (GET /media/<session>/<turn>.wav on the bridge, app:// in the desktop app) and
 * the audio call resolve real paths: a symbolic link planted in sessions/, as a recording or as
 * a whole session folder, never serves a file from outside it.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/core/create-core.js';
import { startBridge, type Bridge } from '../../main/server/bridge.js';

const TOKEN = 'media-token-0123456789abcdef';
let dir: string;
let core: Core;
let bridge: Bridge;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-media-'));
  const staticDir = path.join(dir, 'static');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  const outside = path.join(dir, 'outside');
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(outside, '1.wav'), 'SECRET OUTSIDE THE SESSIONS FOLDER');
  const sessions = path.join(dir, 'data', 'sessions');
  fs.mkdirSync(path.join(sessions, 'real'), { recursive: true });
  fs.writeFileSync(path.join(sessions, 'real', '1.wav'), 'RIFF a real recording');
  fs.symlinkSync(path.join(outside, '1.wav'), path.join(sessions, 'real', '2.wav'));
  fs.symlinkSync(outside, path.join(sessions, 'linked'));
  core = createCore({
    dataDir: path.join(dir, 'data'),
    bundledRolesDir: path.join(dir, 'none'),
    transport: 'bridge',
    version: '1',
    log: () => {},
  });
  bridge = await startBridge({ core, token: TOKEN, staticDir });
});
afterAll(async () => {
  await bridge?.close();
  await core?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function get(urlPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(`http://127.0.0.1:${bridge.port}${urlPath}?token=${TOKEN}`, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

describe('media route and links', () => {
  it('serves a real recording', async () => {
    expect(await get('/media/real/1.wav')).toEqual({ status: 200, body: 'RIFF a real recording' });
  });

  it('refuses a recording that is a link to a file outside', async () => {
    expect(await get('/media/real/2.wav')).toEqual({ status: 404, body: 'No such recording.' });
    expect(core.mediaFile('/media/real/2.wav')).toBeNull();
  });

  it('refuses a session folder that is a link to a folder outside', async () => {
    expect(await get('/media/linked/1.wav')).toEqual({ status: 404, body: 'No such recording.' });
    expect(core.mediaFile('/media/linked/1.wav')).toBeNull();
  });

  it('the audio call refuses a recording row that points through a link', async () => {
    const db = core.db!;
    db.prepare(
      `INSERT INTO sessions (id, role_id, role_title, status, created_at, updated_at) VALUES ('linked', 'r', 'R', 'completed', 1, 1)`,
    ).run();
    db.prepare(
      `INSERT INTO rounds (id, session_id, round_id, kind, title, budget_ms, state_json, started_at) VALUES ('linked:r1', 'linked', 'x', 'behavioral', 'B', 1, '{}', 1)`,
    ).run();
    db.prepare(
      `INSERT INTO turns (id, round_id, seq, kind, prompt_text, status, asked_at) VALUES ('linked:t1', 'linked:r1', 1, 'question', 'P', 'answered', 1)`,
    ).run();
    db.prepare(
      `INSERT INTO recordings (id, turn_id, path, sample_rate, status, created_at) VALUES ('rec-linked', 'linked:t1', 'linked/1.wav', 16000, 'done', 1)`,
    ).run();
    const result = await core.dispatch('sessions:audio', { recordingId: 'rec-linked' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('NOT_FOUND');
  });
});
