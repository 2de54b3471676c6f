/**
 * Stack traces and tracebacks as the candidate should see them: paths relative to the
 * workspace, the runner's own frames (Node internals, the test driver, unittest's machinery)
 * removed, and the place in the workspace where the failure happened, for the editor's link.
 */
import type { SourceLocation } from '../../../contract/suite-results.js';
import { DRIVER_DIR } from './node-test-driver.js';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Makes every path under `cwd` relative, whether written as a path or a file:// URL. */
export function relativizePaths(text: string, cwd: string): string {
  const root = cwd.replace(/\/+$/, '');
  const url = `file://${encodeURI(root)}/`;
  return text.replace(new RegExp(escapeRegExp(url), 'g'), '').replace(new RegExp(escapeRegExp(`${root}/`), 'g'), '');
}

const JS_FRAME = /^\s+at (?:.*? \()?([^()\s]+?):(\d+):(\d+)\)?$/;
const PY_FRAME = /^\s+File "([^"]+)", line (\d+)/;

function isRunnerPath(path: string): boolean {
  return (
    path.startsWith('node:') ||
    path.startsWith('/') ||
    path.startsWith('<') ||
    path.startsWith(`${DRIVER_DIR}/`) ||
    path.includes('node_modules/')
  );
}

/** Drops the frames that belong to the runner, keeping the message and the workspace's frames. */
export function cleanStack(stack: string, cwd: string): string {
  const lines = relativizePaths(stack, cwd).split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const js = JS_FRAME.exec(line);
    if (js) {
      if (!isRunnerPath(js[1]!)) kept.push(line);
      continue;
    }
    const py = PY_FRAME.exec(line);
    if (py) {
      // A traceback frame is two lines: where, then the source line (when Python has it).
      const next = lines[i + 1];
      const hasSource = next !== undefined && /^\s{4,}\S/.test(next) && !PY_FRAME.test(next);
      if (!isRunnerPath(py[1]!)) kept.push(line, ...(hasSource ? [next] : []));
      if (hasSource) i++;
      continue;
    }
    kept.push(line);
  }
  return kept.join('\n').trimEnd();
}

/**
 * Where the failure happened, from a cleaned stack: JavaScript lists the innermost frame first,
 * Python last. Only files that exist in the workspace count.
 */
export function failureLocation(cleanedStack: string, files: ReadonlySet<string>): SourceLocation | undefined {
  const found: SourceLocation[] = [];
  let python = false;
  for (const line of cleanedStack.split('\n')) {
    const js = JS_FRAME.exec(line);
    if (js && files.has(js[1]!)) found.push({ file: js[1]!, line: Number(js[2]), column: Number(js[3]) });
    const py = PY_FRAME.exec(line);
    if (py) python = true;
    if (py && files.has(py[1]!)) found.push({ file: py[1]!, line: Number(py[2]) });
  }
  return python ? found.at(-1) : found[0];
}
