/**
 * Which files of a workspace are its tests, by each tool's own convention, so "Run tests" runs
 * what `node --test` or `python -m unittest discover` would: a test file the candidate adds is
 * picked up without any configuration.
 */
import { TEST_FRAMEWORK, type WorkspaceLanguage } from '../../../../content/schema/workspace-exercise.js';
import { DRIVER_DIR } from './node-test-driver.js';

const JS_EXT = /\.(c|m)?(js|ts)$/;

/** node --test's default patterns (Node 22): *.test.*, *-test.*, *_test.*, test-*.*, test.*, test/**. */
export function isNodeTestFile(path: string): boolean {
  if (!JS_EXT.test(path) || path.endsWith('.d.ts')) return false;
  const parts = path.split('/');
  if (parts.includes('node_modules') || parts[0] === DRIVER_DIR) return false;
  const base = parts.at(-1)!.replace(JS_EXT, '');
  if (/[.\-_]test$/.test(base) || /^test-/.test(base) || base === 'test') return true;
  return parts.slice(0, -1).includes('test');
}

/** unittest discover's default pattern: test*.py, in any folder that is not hidden. */
export function isUnittestFile(path: string): boolean {
  const parts = path.split('/');
  if (parts.some((p) => p.startsWith('.') || p === '__pycache__') || parts[0] === DRIVER_DIR) return false;
  return /^test[^/]*\.py$/.test(parts.at(-1)!);
}

export function isTestFile(language: WorkspaceLanguage, path: string): boolean {
  return TEST_FRAMEWORK[language] === 'unittest' ? isUnittestFile(path) : isNodeTestFile(path);
}

/** The workspace's test files, sorted so runs list them in the same order every time. */
export function findTestFiles(language: WorkspaceLanguage, paths: Iterable<string>): string[] {
  return [...paths].filter((p) => isTestFile(language, p)).sort();
}

/** Source files a syntax error could be in (JavaScript and TypeScript workspaces). */
export function findSourceFiles(paths: Iterable<string>): string[] {
  return [...paths].filter((p) => JS_EXT.test(p) && !p.split('/').includes('node_modules')).sort();
}
