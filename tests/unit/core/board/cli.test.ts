import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallDesign } from './scenes.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
let dir: string;

function board(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'main/core/board/cli.ts', ...args], {
    cwd: repo,
    encoding: 'utf8',
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ir-board-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run board', () => {
  it('describes a scene file as text, and as JSON with --json', () => {
    const file = join(dir, 'small.excalidraw');
    writeFileSync(file, JSON.stringify(smallDesign()));
    const text = board('describe', file);
    expect(text.code).toBe(0);
    expect(text.out).toContain('- "Clients" → "Payments API": "HTTPS"\n');
    const json = board('describe', file, '--json');
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.out) as { components: unknown[]; edges: { label: string }[]; groups: unknown[] };
    expect(parsed.components).toHaveLength(3);
    expect(parsed.edges.map((e) => e.label)).toEqual(['HTTPS', 'SQL writes']);
    expect(parsed.groups).toEqual([]);
  });

  it('exits 2 with a reason for a file that is not a scene', () => {
    const file = join(dir, 'lib.excalidrawlib');
    writeFileSync(file, JSON.stringify({ type: 'excalidrawlib', libraryItems: [] }));
    const run = board('describe', file);
    expect(run.code).toBe(2);
    expect(run.err).toContain('its "type" is "excalidrawlib", expected "excalidraw"');
    expect(board('draw', file).code).toBe(2);
  });
});
