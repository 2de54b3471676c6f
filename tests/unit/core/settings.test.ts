import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SETTINGS_DEFAULTS, type Settings } from '../../../main/contract/services/settings.js';
import { createCore, type Core } from '../../../main/core/create-core.js';
import { readSettings, writeSettings } from '../../../main/core/settings/settings-store.js';
import { migrate } from '../../../main/core/storage/migrate.js';
import { MIGRATIONS } from '../../../main/core/storage/migrations/index.js';

const bundledRolesDir = path.resolve(import.meta.dirname, '../../../content/roles');

const DEFAULTS: Settings = {
  theme: 'system',
  readAloud: false,
  voiceName: null,
  autoEndSilenceSeconds: 0,
  submitOnAutoEnd: false,
  holdToTalk: false,
  activeLlmModel: null,
  activeWhisperModel: null,
  whisperThreads: 0,
  inputDeviceId: null,
  codingLanguage: 'python',
  docsFolder: null,
  pythonRuntime: 'pyodide',
};

function memoryDb() {
  const db = new Database(':memory:');
  migrate(db, MIGRATIONS);
  return db;
}

describe('settings store', () => {
  it('gives the defaults with no database and with an empty one', () => {
    expect(readSettings(null)).toEqual(DEFAULTS);
    expect(readSettings(memoryDb())).toEqual(DEFAULTS);
    // The test's list of defaults matches the contract's (a new setting must be added here).
    expect(SETTINGS_DEFAULTS).toEqual(DEFAULTS);
  });

  it('writes only the given keys and reads them back', () => {
    const db = memoryDb();
    writeSettings(db, { theme: 'dark', whisperThreads: 4 });
    expect(readSettings(db)).toEqual({ ...DEFAULTS, theme: 'dark', whisperThreads: 4 });
    writeSettings(db, { readAloud: true, voiceName: 'Samantha' });
    expect(readSettings(db)).toEqual({
      ...DEFAULTS,
      theme: 'dark',
      whisperThreads: 4,
      readAloud: true,
      voiceName: 'Samantha',
    });
    // Setting back to null is a real value, not "leave unchanged".
    writeSettings(db, { voiceName: null, theme: undefined });
    expect(readSettings(db)).toMatchObject({ voiceName: null, theme: 'dark' });
    expect(db.prepare('SELECT COUNT(*) AS n FROM settings').get()).toEqual({ n: 4 });
  });

  it('resets only the damaged value and ignores unknown stored keys', () => {
    const db = memoryDb();
    writeSettings(db, {
      theme: 'dark',
      readAloud: true,
      whisperThreads: 8,
      holdToTalk: true,
      autoEndSilenceSeconds: 5,
    });
    const set = db.prepare('UPDATE settings SET value_json = ? WHERE key = ?');
    set.run('{not json', 'theme'); // unparseable
    set.run('"yes"', 'readAloud'); // wrong type
    set.run('1000', 'whisperThreads'); // out of range
    db.prepare('INSERT INTO settings (key, value_json) VALUES (?, ?)').run('retiredSetting', '"x"');
    db.prepare('INSERT INTO settings (key, value_json) VALUES (?, ?)').run('__proto__', '{"polluted":true}');

    const settings = readSettings(db);
    expect(settings).toEqual({ ...DEFAULTS, holdToTalk: true, autoEndSilenceSeconds: 5 });
    expect(Object.keys(settings).sort()).toEqual(Object.keys(DEFAULTS).sort());
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('settings through core', () => {
  let dir: string;
  let core: Core | undefined;
  const open = () =>
    createCore({ dataDir: dir, bundledRolesDir, transport: 'bridge', version: '0.0.0-test', log: () => {} });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-settings-'));
  });
  afterEach(async () => {
    await core?.close();
    core = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('settings.get answers the defaults on a fresh data folder', async () => {
    core = open();
    await expect(core.dispatch('settings:get', undefined)).resolves.toEqual({ ok: true, value: DEFAULTS });
  });

  it('settings.update returns the new settings and they survive a restart', async () => {
    core = open();
    const updated = await core.dispatch('settings:update', {
      theme: 'light',
      autoEndSilenceSeconds: 2.5,
      activeLlmModel: 'llm/x.gguf',
    });
    const expected = { ...DEFAULTS, theme: 'light', autoEndSilenceSeconds: 2.5, activeLlmModel: 'llm/x.gguf' };
    expect(updated).toEqual({ ok: true, value: expected });
    await core.close();

    core = open();
    await expect(core.dispatch('settings:get', undefined)).resolves.toEqual({ ok: true, value: expected });
    // models.status reads the same stored choice.
    await expect(core.dispatch('models:status', undefined)).resolves.toMatchObject({
      ok: true,
      value: { activeLlm: 'llm/x.gguf' },
    });
  });

  it('changing one setting at a time never moves another one (through the dispatcher and SQLite)', async () => {
    core = open();
    // A non-default value for every setting, changed in sequence as a person would in the app.
    const changes: Settings = {
      theme: 'dark',
      readAloud: true,
      voiceName: 'Daniel',
      autoEndSilenceSeconds: 4,
      submitOnAutoEnd: true,
      holdToTalk: true,
      activeLlmModel: '/models/interviewer.gguf',
      activeWhisperModel: '/models/whisper.bin',
      whisperThreads: 3,
      inputDeviceId: 'usb-mic',
      codingLanguage: 'typescript',
      docsFolder: '/home/me/docs',
      pythonRuntime: 'system',
    };
    let expected: Settings = { ...DEFAULTS };
    for (const key of Object.keys(changes) as (keyof Settings)[]) {
      const patch = { [key]: changes[key] };
      const result = await core.dispatch('settings:update', patch);
      expected = { ...expected, ...patch };
      expect(result, `after changing ${key}`).toEqual({ ok: true, value: expected });
    }
    // And back again, one at a time, in the opposite order.
    for (const key of (Object.keys(changes) as (keyof Settings)[]).reverse()) {
      const patch = { [key]: DEFAULTS[key] };
      const result = await core.dispatch('settings:update', patch);
      expected = { ...expected, ...patch };
      expect(result, `after resetting ${key}`).toEqual({ ok: true, value: expected });
    }
    await core.close();
    core = open();
    await expect(core.dispatch('settings:get', undefined)).resolves.toEqual({ ok: true, value: DEFAULTS });
  });

  it('choosing the system python3 changes that setting only, and Settings can ask what was found', async () => {
    core = open();
    const others = { theme: 'dark', codingLanguage: 'typescript', docsFolder: '/docs', whisperThreads: 2 } as const;
    await core.dispatch('settings:update', others);
    const chosen = await core.dispatch('settings:update', { pythonRuntime: 'system' });
    expect(chosen).toEqual({ ok: true, value: { ...DEFAULTS, ...others, pythonRuntime: 'system' } });
    const back = await core.dispatch('settings:update', { pythonRuntime: 'pyodide' });
    expect(back).toEqual({ ok: true, value: { ...DEFAULTS, ...others } });
    const found = await core.dispatch('settings:systemPython', undefined);
    expect(found).toMatchObject({ ok: true, value: { state: expect.stringMatching(/^(found|missing|unsupported)$/) } });
    await expect(core.dispatch('settings:update', { pythonRuntime: 'python2' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });

  it.each([
    ['an unknown key', { colour: 'blue' }],
    ['an unknown key next to a valid one', { theme: 'dark', colour: 'blue' }],
    ['a wrong type', { readAloud: 'yes' }],
    ['a value outside the enum', { theme: 'purple' }],
    ['a number out of range', { autoEndSilenceSeconds: 61 }],
    ['a fractional thread count', { whisperThreads: 1.5 }],
    ['no object', 'dark'],
    ['undefined', undefined],
  ])('settings.update refuses %s with VALIDATION and stores nothing', async (_label, input) => {
    core = open();
    const result = await core.dispatch('settings:update', input);
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    await expect(core.dispatch('settings:get', undefined)).resolves.toEqual({ ok: true, value: DEFAULTS });
    expect(core.db?.prepare('SELECT COUNT(*) AS n FROM settings').get()).toEqual({ n: 0 });
  });
});
