import { afterAll, describe, expect, it } from 'vitest';
import { runSuite } from '../../../main/core/runner/suites/run-suite.js';
import { findTestFiles } from '../../../main/core/runner/suites/test-files.js';
import { createTestSandbox } from '../../helpers/test-sandbox.js';

const runner = createTestSandbox();
afterAll(() => runner.dispose());
const { sandbox } = runner;

const project = {
  'package.json': '{ "type": "module" }\n',
  'src/price.js': [
    'export function total(items) {',
    '  return items.reduce((sum, i) => sum + i.cents, 0);',
    '}',
    '',
  ].join('\n'),
  'test/price.test.js': [
    "import { describe, test } from 'node:test';",
    "import assert from 'node:assert/strict';",
    "import { total } from '../src/price.js';",
    '',
    "describe('total', () => {",
    "  test('adds cents', () => {",
    '    assert.equal(total([{ cents: 1 }, { cents: 2 }]), 3);',
    '  });',
    "  test('rejects nothing', () => {",
    '    assert.equal(total([{ cents: 1 }]), 2);',
    '  });',
    '});',
    "test('throws inside the code', () => {",
    '  total(null);',
    '});',
    '',
  ].join('\n'),
};

function run(files: Record<string, string>, extra: Partial<Parameters<typeof runSuite>[0]> = {}) {
  return runSuite({
    sandbox,
    language: 'javascript',
    files,
    testFiles: findTestFiles('javascript', Object.keys(files)),
    ...extra,
  });
}

describe('runSuite (node:test)', () => {
  it('reports each test with its suite, and failures located in the workspace', async () => {
    const result = await run(project);
    expect(result.status).toBe('failed');
    expect(result.tests.map((t) => [t.id, t.passed])).toEqual([
      ['test/price.test.js > total > adds cents', true],
      ['test/price.test.js > total > rejects nothing', false],
      ['test/price.test.js > throws inside the code', false],
    ]);
    const [, assertion, thrown] = result.tests;
    expect(assertion!.error).toMatch(/1 !== 2/);
    expect(assertion!.at).toEqual({ file: 'test/price.test.js', line: 10, column: expect.any(Number) });
    expect(assertion!.stack).not.toMatch(/node:internal|_rehearsal|\/tmp\//);
    // An error thrown inside the code points at the code, not at the test.
    expect(thrown!.at).toMatchObject({ file: 'src/price.js', line: 2 });
    expect(thrown!.stack).toMatch(/src\/price\.js:2:\d+/);
    expect([result.passed, result.failed]).toEqual([1, 2]);
  });

  it('passes when every test passes, and sets the environment it is given', async () => {
    const files = {
      'package.json': '{ "type": "module" }\n',
      'env.test.js':
        "import test from 'node:test';\nimport assert from 'node:assert';\ntest('env', () => assert.equal(process.env.API_BASE_URL, 'http://127.0.0.1:9'));\n",
    };
    const result = await run(files, { env: { API_BASE_URL: 'http://127.0.0.1:9' } });
    expect(result.status).toBe('passed');
    expect(result.tests).toHaveLength(1);
  });

  it('points a syntax error at its file and line', async () => {
    const files = {
      ...project,
      'src/price.js': 'export function total(items) {\n  return items.reduce((s, i) => s + , 0);\n}\n',
    };
    const result = await run(files);
    expect(result.status).toBe('failed');
    expect(result.tests).toHaveLength(1);
    expect(result.tests[0]).toMatchObject({
      loadError: true,
      name: '(loading the file)',
      at: { file: 'src/price.js', line: 2 },
    });
    expect(result.tests[0]!.error).toMatch(/src\/price\.js:2/);
  });

  it('says which test was running when a run is stopped on its time limit', async () => {
    const files = {
      'package.json': '{ "type": "module" }\n',
      'loop.test.js':
        "import test from 'node:test';\ntest('quick', () => {});\ntest('spins', () => { for (;;) {} });\n",
    };
    const result = await run(files, { limits: { wallMs: 3000 } });
    expect(result.status).toBe('timeout');
    expect(result.tests.map((t) => t.name)).toEqual(['quick']);
    expect(result.unfinished).toBe('loop.test.js > spins');
    expect(result.message).toMatch(/It was running "loop\.test\.js > spins"/);
  });

  it('reports a run that exits early instead of pretending it passed', async () => {
    const files = {
      'package.json': '{ "type": "module" }\n',
      'exit.test.js': "import test from 'node:test';\ntest('leaves', () => { process.exit(0); });\n",
    };
    const result = await run(files);
    expect(result.status).toBe('error');
    expect(result.message).toMatch(/ended early while "exit\.test\.js > leaves" was running/);
  });

  it('says how to name tests when there are none', async () => {
    const result = await run({ 'src/a.js': 'export const a = 1;\n' });
    expect(result.status).toBe('error');
    expect(result.message).toMatch(/No tests found: name test files \*\.test\.js/);
  });
});
