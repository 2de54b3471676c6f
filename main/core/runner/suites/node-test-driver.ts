/**
 * The script that runs a JavaScript/TypeScript workspace's `node:test` files inside the
 * sandbox. It is data here (written into the run's folder as `_rehearsal/node-tests.mjs`) so
 * the bundled app needs no extra asset file. `isolation: 'none'` keeps every test file in this
 * one process: the permission model forbids the child processes node:test uses by default.
 *
 * Each test start and result is appended to `_rehearsal/results.jsonl` as it happens, so a run
 * stopped on its time limit still says which tests finished and which one was running.
 */
export const DRIVER_DIR = '_rehearsal';
export const NODE_DRIVER_FILE = `${DRIVER_DIR}/node-tests.mjs`;
export const SUITE_CONFIG_FILE = `${DRIVER_DIR}/suite.json`;
export const RESULTS_FILE = `${DRIVER_DIR}/results.jsonl`;

/** What the driver reads from SUITE_CONFIG_FILE. */
export interface SuiteConfig {
  /** Test files to run, relative to the workspace. */
  files: string[];
  /** Every JavaScript/TypeScript file of the workspace: searched for a syntax error's line. */
  sources: string[];
  /** Set in process.env before any test file loads (e.g. the mock API's address). */
  env: Record<string, string>;
  testTimeoutMs: number;
  /** Python only: where Pyodide is (read-only for the run). */
  pyodideDir?: string;
}

export const NODE_TEST_DRIVER = String.raw`// Written by Interview Rehearsal: runs this workspace's node:test files and records results.
import { run } from 'node:test';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripTypeScriptTypes } from 'node:module';

const cwd = process.cwd();
const config = JSON.parse(readFileSync(join(cwd, '${SUITE_CONFIG_FILE}'), 'utf8'));
const resultsFile = join(cwd, '${RESULTS_FILE}');
writeFileSync(resultsFile, '');
const emit = (record) => appendFileSync(resultsFile, JSON.stringify(record) + '\n');
emit({ event: 'begin', cwd });
for (const [key, value] of Object.entries(config.env)) process.env[key] = value;

const byAbsolute = new Map(config.files.map((f) => [join(cwd, f), f]));
const relative = (file) => {
  if (!file) return undefined;
  const path = file.startsWith('file://') ? decodeURIComponent(new URL(file).pathname) : file;
  return path.startsWith(cwd + '/') ? path.slice(cwd.length + 1) : path;
};

// ESM syntax errors carry no location. Parse each source (never run it) with Node's own
// TypeScript parser, which accepts JavaScript too and says where a syntax error is.
function findSyntaxError() {
  // The parser is marked experimental in Node 22: its one-time warning is not the candidate's output.
  process.removeAllListeners('warning');
  for (const file of config.sources) {
    let source;
    try {
      source = readFileSync(join(cwd, file), 'utf8');
    } catch {
      continue;
    }
    try {
      stripTypeScriptTypes(source);
    } catch (e) {
      if (e.code !== 'ERR_INVALID_TYPESCRIPT_SYNTAX') continue;
      const m = /^[^\n]*:(\d+)\n/.exec(String(e.stack));
      if (m) return { file, line: Number(m[1]), message: e.message };
    }
  }
  return undefined;
}

// Reports arrive in declaration order, after the fact; 'test:dequeue' fires synchronously right
// before a test runs, so it is the one that still gets recorded when a test never returns.
const names = [];
const running = [];
const stream = run({ files: [...byAbsolute.keys()], isolation: 'none', concurrency: false, timeout: config.testTimeoutMs });
stream.on('test:dequeue', (d) => {
  running.length = d.nesting;
  running.push(d.name);
  if (d.file) emit({ event: 'start', file: relative(d.file), names: [...running] });
});
stream.on('test:start', (d) => {
  names.length = d.nesting;
  names.push(d.name);
});
const finish = (passed) => (d) => {
  if (d.details && d.details.type === 'suite') return;
  const error = d.details && d.details.error;
  const cause = error && error.cause instanceof Error ? error.cause : error;
  const record = {
    event: 'result',
    file: relative(d.file),
    names: names.slice(0, d.nesting).concat(d.name),
    line: d.line,
    passed,
    skipped: Boolean(d.skip || d.todo),
    durationMs: d.details ? d.details.duration_ms : 0,
  };
  if (!passed && cause) {
    record.error = cause.message === undefined ? String(cause) : String(cause.message);
    record.errorName = cause.name;
    record.stack = cause.stack === undefined ? undefined : String(cause.stack);
    if (error.failureType === 'testTimeoutFailure') record.timedOut = true;
  }
  if (!d.file && byAbsolute.has(d.name)) {
    // The file itself did not load (a syntax error, a missing export).
    record.file = byAbsolute.get(d.name);
    record.names = ['(loading the file)'];
    record.loadError = true;
    if (cause && cause.name === 'SyntaxError' && !/:\d+/.test(String(cause.stack).split('\n')[0])) {
      const where = findSyntaxError();
      if (where) record.syntaxAt = where;
    }
  }
  emit(record);
};
stream.on('test:pass', finish(true));
stream.on('test:fail', finish(false));
stream.on('data', () => {});
stream.on('end', () => emit({ event: 'end' }));
`;
