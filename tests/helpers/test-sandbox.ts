/**
 * The real sandboxed runner (main/core/runner/sandbox.ts) for tests, working in a temporary
 * folder of its own; `dispose` removes it. Tests never run code any other way.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSandbox, type Sandbox } from '../../main/core/runner/sandbox.js';

export interface TestSandbox {
  sandbox: Sandbox;
  dispose(): void;
}

export function createTestSandbox(maxConcurrent = 2): TestSandbox {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-test-runner-'));
  const sandbox = createSandbox({ execPath: process.execPath, tempRoot: path.join(root, 'runner'), maxConcurrent });
  return { sandbox, dispose: () => fs.rmSync(root, { recursive: true, force: true }) };
}
