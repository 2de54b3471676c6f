/**
 * Role packs are checked in a worker thread: while three 2 MB packs are checked, the app's other
 * calls keep answering.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPackValidator } from '../../../main/core/content/pack-validator.js';
import { createCore, type Core } from '../../../main/core/create-core.js';
import { manyQuestionsPack } from '../../unit/core/content/fixtures/large-pack.js';

let root: string;
let core: Core;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-worker-'));
});
afterEach(async () => {
  await core?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('pack checks off the main thread', () => {
  it('app:info answers before the library has finished checking large packs', async () => {
    const roles = path.join(root, 'data', 'roles');
    fs.mkdirSync(roles, { recursive: true });
    const { text } = manyQuestionsPack();
    for (const name of ['a', 'b', 'c'])
      fs.writeFileSync(path.join(roles, `${name}.yaml`), text.replace(/big-role/g, `big-${name}`));
    const bundled = path.join(root, 'bundled');
    fs.mkdirSync(bundled);
    core = createCore({
      dataDir: path.join(root, 'data'),
      bundledRolesDir: bundled,
      transport: 'bridge',
      version: 'test',
    });

    const order: string[] = [];
    const library = core.dispatch('content:library', undefined).then((r) => {
      order.push('library');
      return r;
    });
    // Asked a moment later, as the UI would: a check on this thread would hold it until the end.
    const info = new Promise((resolve) => setTimeout(resolve, 20))
      .then(() => core.dispatch('app:info', undefined))
      .then((r) => {
        order.push('info');
        return r;
      });
    const [lib] = await Promise.all([library, info]);
    expect(order).toEqual(['info', 'library']);
    expect(lib.ok && (lib.value as { roles: unknown[] }).roles).toHaveLength(3);
  });

  it('the worker gives the same answers as a check on this thread', async () => {
    const input = [{ file: 'x.yaml', source: 'user' as const, text: 'id: [' }];
    const inWorker = createPackValidator();
    const here = createPackValidator({ useWorker: false });
    expect(await inWorker.check(input)).toEqual(await here.check(input));
    await inWorker.close();
  });
});
