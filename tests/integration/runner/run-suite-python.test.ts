import { afterAll, describe, expect, it } from 'vitest';
import { bundledPythonRuntime } from '../../../main/core/runner/suites/python-runtime.js';
import { runSuite } from '../../../main/core/runner/suites/run-suite.js';
import { findTestFiles } from '../../../main/core/runner/suites/test-files.js';
import { createTestSandbox } from '../../helpers/test-sandbox.js';

const runner = createTestSandbox();
afterAll(() => runner.dispose());
const { sandbox } = runner;
const python = bundledPythonRuntime();

function run(files: Record<string, string>, extra: Partial<Parameters<typeof runSuite>[0]> = {}) {
  return runSuite({
    sandbox,
    language: 'python',
    files,
    testFiles: findTestFiles('python', Object.keys(files)),
    python,
    limits: { wallMs: 60_000 },
    ...extra,
  });
}

const project = {
  'shop/__init__.py': '',
  'shop/price.py': 'def total(items):\n    return sum(item["cents"] for item in items)\n',
  'tests/test_price.py': [
    'import os',
    'import unittest',
    'from shop.price import total',
    '',
    '',
    'class TotalTest(unittest.TestCase):',
    '    def test_adds(self):',
    '        self.assertEqual(total([{"cents": 1}, {"cents": 2}]), 3)',
    '',
    '    def test_wrong(self):',
    '        self.assertEqual(total([{"cents": 1}]), 2)',
    '',
    '    def test_raises_in_code(self):',
    '        total([{"amount": 1}])',
    '',
    '    def test_env(self):',
    '        self.assertEqual(os.environ.get("API_BASE_URL"), "http://127.0.0.1:9/v1")',
    '',
    '',
    'class AsyncTest(unittest.IsolatedAsyncioTestCase):',
    '    async def asyncSetUp(self):',
    '        self.ready = True',
    '',
    '    async def test_awaits(self):',
    '        import asyncio',
    '        await asyncio.sleep(0.01)',
    '        self.assertTrue(self.ready)',
    '',
  ].join('\n'),
};

describe('runSuite (unittest in Pyodide)', () => {
  it('reports each test, locates failures in the workspace, runs async tests and sees the environment', async () => {
    const result = await run(project, { env: { API_BASE_URL: 'http://127.0.0.1:9/v1' } });
    expect(result.message).toBeUndefined();
    expect(result.status).toBe('failed');
    const byName = Object.fromEntries(result.tests.map((t) => [t.name, t]));
    expect(result.tests.map((t) => t.id).sort()).toEqual([
      'tests/test_price.py > AsyncTest > test_awaits',
      'tests/test_price.py > TotalTest > test_adds',
      'tests/test_price.py > TotalTest > test_env',
      'tests/test_price.py > TotalTest > test_raises_in_code',
      'tests/test_price.py > TotalTest > test_wrong',
    ]);
    expect(byName.test_adds!.passed).toBe(true);
    expect(byName.test_env!.passed).toBe(true);
    expect(byName.test_awaits!.passed).toBe(true);
    expect(byName.test_wrong!).toMatchObject({
      passed: false,
      error: 'AssertionError: 1 != 2',
      at: { file: 'tests/test_price.py', line: 11 },
      line: 10,
    });
    expect(byName.test_wrong!.stack).toMatch(/File "tests\/test_price\.py", line 11, in test_wrong/);
    expect(byName.test_wrong!.stack).not.toMatch(/unittest\/case\.py|\/ws\//);
    // An error raised inside the code points at the code.
    expect(byName.test_raises_in_code!).toMatchObject({
      passed: false,
      error: "KeyError: 'cents'",
      at: { file: 'shop/price.py', line: 2 },
    });
  });

  it('points a syntax error at its file and line', async () => {
    const files = {
      ...project,
      'shop/price.py': 'def total(items):\n    return sum(item["cents"] for item in items\n',
    };
    const result = await run(files);
    expect(result.tests).toHaveLength(1);
    expect(result.tests[0]).toMatchObject({
      loadError: true,
      name: '(loading the file)',
      at: { file: 'shop/price.py', line: 2 },
    });
  });

  it('stops a test that never returns and says which one', { timeout: 120_000 }, async () => {
    const files = {
      'test_loop.py':
        'import unittest\n\n\nclass LoopTest(unittest.TestCase):\n    def test_a_quick(self):\n        pass\n\n    def test_b_spins(self):\n        while True:\n            pass\n',
    };
    // The run's limit is this plus the allowance for loading Pyodide.
    const result = await run(files, { limits: { wallMs: 2_000 } });
    expect(result.status).toBe('timeout');
    expect(result.tests.map((t) => t.name)).toEqual(['test_a_quick']);
    expect(result.unfinished).toBe('test_loop.py > LoopTest > test_b_spins');
  });
});
