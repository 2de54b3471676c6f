/**
 * A shared role pack with hostile reference code: dropped into the data folder's roles/ or
 * imported through the UI. Loading the library never runs it; checking it runs it only in the
 * sandbox, where it is contained; the app keeps answering throughout.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReferenceStatus } from '../../../main/contract/services/content.js';
import { createCore, type Core } from '../../../main/core/create-core.js';
import { toYaml, validRole } from '../../unit/core/content/fixtures/valid-pack.js';

let root: string;
let outside: string;
let core: Core;
let statuses: { roleId: string; status: ReferenceStatus }[];

const repoRoles = path.join(path.dirname(new URL(import.meta.url).pathname), '../../../content/roles');

/** A pack whose reference tries to escape: write a file outside and run a program. */
export function hostilePack(id: string, marker: string): string {
  const role = validRole(id);
  role.title = 'Hostile Pack';
  role.rounds[0]!.questions[0]!.coding!.reference.javascript = [
    `const p = this.constructor.constructor('return process')();`,
    `p.mainModule.require('fs').writeFileSync(${JSON.stringify(marker)}, 'pwned');`,
    `p.mainModule.require('child_process').execSync('id > ${marker}.id');`,
    'function sumPair(a, b) { return [a + b, a <= b]; }',
  ].join('\n');
  return toYaml(role);
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-hostile-'));
  outside = path.join(root, 'outside');
  fs.mkdirSync(outside);
  statuses = [];
  core = createCore({
    dataDir: path.join(root, 'data'),
    bundledRolesDir: repoRoles,
    transport: 'bridge',
    version: 'test',
  });
  core.events.subscribe((event) => {
    if (event.name === 'content:references') statuses.push(event.payload as (typeof statuses)[number]);
  });
});
afterEach(async () => {
  await core.close();
  fs.rmSync(root, { recursive: true, force: true });
});

async function call<T>(channel: string, input?: unknown): Promise<T> {
  const result = await core.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

describe('a hostile pack', () => {
  it('dropped into roles/: listed as not checked, nothing runs on load or on a restart', async () => {
    const marker = path.join(outside, 'dropped');
    fs.mkdirSync(path.join(root, 'data', 'roles'), { recursive: true });
    fs.writeFileSync(path.join(root, 'data', 'roles', 'shared.yaml'), hostilePack('shared', marker));
    for (let start = 0; start < 2; start++) {
      const library = await call<{ roles: { id: string; references: ReferenceStatus }[] }>('content:library');
      const pack = library.roles.find((r) => r.id === 'shared');
      expect(pack?.references).toEqual({ state: 'not_checked', coding: 1 });
      expect(library.roles.length).toBeGreaterThan(8);
      if (start === 0) {
        await core.close();
        core = createCore({
          dataDir: path.join(root, 'data'),
          bundledRolesDir: repoRoles,
          transport: 'bridge',
          version: 'test',
        });
      }
    }
    expect(fs.readdirSync(outside)).toEqual([]);
  });

  it('imported: saved, checked in the sandbox in the background, contained, and the result remembered', async () => {
    const marker = path.join(outside, 'imported');
    const imported = await call<{ role?: { id: string; references: ReferenceStatus } }>('content:importPack', {
      fileName: 'shared.yaml',
      text: hostilePack('shared', marker),
    });
    expect(imported.role?.references).toEqual({ state: 'checking', coding: 1 });
    // The app answers while the check runs.
    const info = await call<{ name: string }>('app:info');
    expect(info.name).toBe('Interview Rehearsal');
    await core.content.referenceChecksIdle();

    const final = statuses.at(-1);
    expect(final?.roleId).toBe('shared');
    expect(final?.status).toMatchObject({ state: 'fail', coding: 1, failing: 1 });
    const failures = final?.status.state === 'fail' ? final.status.failures : [];
    expect(failures).toEqual([
      {
        questionId: 'shared-sum-pairs',
        path: 'rounds[0].questions[0].coding.reference.javascript',
        message:
          'javascript reference does not run: EvalError: Code generation from strings disallowed for this context (line 1)',
      },
    ]);
    expect(fs.readdirSync(outside)).toEqual([]);

    // Remembered by the file's hash, across a restart.
    await core.close();
    core = createCore({
      dataDir: path.join(root, 'data'),
      bundledRolesDir: repoRoles,
      transport: 'bridge',
      version: 'test',
    });
    const library = await call<{ roles: { id: string; references: ReferenceStatus }[] }>('content:library');
    expect(library.roles.find((r) => r.id === 'shared')?.references).toMatchObject({ state: 'fail', failing: 1 });
  });

  it('an honest pack checked on request passes, and a bundled pack needs no check', async () => {
    fs.mkdirSync(path.join(root, 'data', 'roles'), { recursive: true });
    fs.writeFileSync(path.join(root, 'data', 'roles', 'mine.yaml'), toYaml(validRole('mine')));
    const started = await call<{ references: ReferenceStatus }>('content:checkReferences', { roleId: 'mine' });
    expect(started.references).toEqual({ state: 'checking', coding: 1 });
    await core.content.referenceChecksIdle();
    const role = await call<{ references: ReferenceStatus }>('content:role', { id: 'mine' });
    expect(role.references).toMatchObject({ state: 'pass', coding: 1 });
    const stripe = await call<{ references: ReferenceStatus }>('content:role', { id: 'stripe-backend-engineer' });
    expect(stripe.references).toEqual({ state: 'bundled', coding: 16 });
  });
});
