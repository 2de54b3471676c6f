/**
 * The layering rules are enforced by the linter: code placed where it may not run is an error.
 * The fixtures are linted as if they were files in those folders (nothing is written there).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const FIXTURES = {
  coreElectron: ['main/core/boundary-fixture.ts', "import { app } from 'electron';\nexport const a = app;\n"],
  coreBridgeAndUi: [
    'main/core/boundary-fixture.ts',
    "import { startBridge } from '../server/bridge.js';\nimport { App } from '../../renderer/src/App.js';\nexport const a = [startBridge, App];\n",
  ],
  rendererCore: [
    'renderer/src/boundary-fixture.ts',
    "import { createCore } from '../../main/core/create-core.js';\nexport const a = createCore;\n",
  ],
  contractCore: [
    'main/contract/boundary-fixture.ts',
    "import { readSettings } from '../core/settings/settings-store.js';\nexport const a = readSettings;\n",
  ],
  rendererContract: [
    'renderer/src/boundary-fixture.ts',
    "import { contract } from '../../main/contract/index.js';\nexport const a = contract;\n",
  ],
  coreContract: [
    'main/core/boundary-fixture.ts',
    "import { contract } from '../contract/index.js';\nexport const a = contract;\n",
  ],
} as const;

let found: Record<keyof typeof FIXTURES, string[]>;

beforeAll(() => {
  const names = Object.keys(FIXTURES) as (keyof typeof FIXTURES)[];
  const input = JSON.stringify(names.map((name) => ({ file: FIXTURES[name][0], code: FIXTURES[name][1] })));
  const run = spawnSync(process.execPath, [path.join(import.meta.dirname, 'lint-text.mjs')], {
    input,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`lint-text failed: ${run.stderr}`);
  const results = JSON.parse(run.stdout) as { message: string; fatal?: boolean }[][];
  found = Object.fromEntries(
    names.map((name, i) => {
      const messages = results[i] ?? [];
      const fatal = messages.find((m) => m.fatal);
      if (fatal) throw new Error(`fixture ${name} did not parse: ${fatal.message}`);
      return [name, messages.map((m) => m.message)];
    }),
  ) as typeof found;
}, 120_000);

describe('layer boundaries', () => {
  it('main/core may not import electron', () => {
    expect(found.coreElectron.join('\n')).toMatch(/only main\/electron may import Electron/);
  });

  it('main/core may not import the bridge or the UI', () => {
    expect(found.coreBridgeAndUi).toHaveLength(2);
    expect(found.coreBridgeAndUi.join('\n')).toMatch(/core is plain Node/);
  });

  it('the renderer may not import main/core', () => {
    expect(found.rendererCore.join('\n')).toMatch(/only through the contract/);
  });

  it('the contract may not import core', () => {
    expect(found.contractCore.join('\n')).toMatch(/types and schemas only/);
  });

  it('the renderer and core may both import the contract', () => {
    expect(found.rendererContract).toEqual([]);
    expect(found.coreContract).toEqual([]);
  });
});
