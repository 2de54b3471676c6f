'use strict';
// Runs inside the sandboxed process (plain CommonJS, shipped as it is). Reads job.json, loads the
// candidate's solution (TypeScript through Node's own type stripping), runs the tests one by one
// and appends one JSON line per result to the results file, so a run killed half-way still
// reports the tests that finished. Values are sent as JSON; the host compares them.
// Over 300 lines: Runs inside the sandbox as one shipped file (no imports beyond Node's own).
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const util = require('node:util');

const job = JSON.parse(fs.readFileSync(path.join(__dirname, 'job.json'), 'utf8'));
const out = fs.openSync(path.join(__dirname, job.results), 'a');
const writeSync = fs.writeSync;
// A batch (content checks) runs several solutions, one after another, in this one process.
let suite = job;
let suiteIndex;
const emit = (record) =>
  writeSync(out, JSON.stringify(suiteIndex === undefined ? record : { ...record, suite: suiteIndex }) + '\n');

// Output: everything the code prints goes to the current test's buffer, capped.
const cap = job.stdoutCap || 8192;
const flood = job.outputLimit || 1_000_000;
let buffer = '';
let dropped = 0;
const capture = (chunk) => {
  const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
  const room = cap - buffer.length;
  if (room > 0) buffer += text.slice(0, room);
  if (text.length > room) dropped += text.length - Math.max(0, room);
  // Thrown into the print call itself, so a print in an endless loop ends that test at once.
  if (dropped > flood)
    throw new Error(`printed more than ${Math.round(flood / 1000)} kB of output (a print inside a loop?)`);
  return true;
};
const takeOutput = () => {
  const text = dropped > 0 ? `${buffer}\n… ${dropped} more characters not shown` : buffer;
  buffer = '';
  dropped = 0;
  return text;
};
// A stdio run is the program itself: its output is the result, so it is left alone.
if (job.mode !== 'stdio') {
  process.stdout.write = capture;
  process.stderr.write = capture;
  // console swallows errors thrown by the stream it writes to; printing directly lets the
  // flood guard's error reach the code that prints.
  for (const method of ['log', 'info', 'warn', 'error', 'debug']) {
    console[method] = (...args) => capture(util.format(...args) + '\n');
  }
}
// A solution that exits would take the harness with it: make it an error of that test instead.
const exit = process.exit.bind(process);
if (job.mode !== 'stdio')
  process.exit = (code) => {
    throw new Error(`process.exit(${code === undefined ? '' : code}) was called; return a value instead`);
  };

const TS = /\.(c|m)?ts$/;
function installTypeScript() {
  if (typeof Module.stripTypeScriptTypes !== 'function') return false;
  if (process.setSourceMapsEnabled) process.setSourceMapsEnabled(true);
  if (typeof Module.registerHooks !== 'function') return true; // native strip-only loading
  Module.registerHooks({
    load(url, context, nextLoad) {
      if (!TS.test(url)) return nextLoad(url, context);
      const file = url.startsWith('file:') ? require('node:url').fileURLToPath(url) : url;
      const source = fs.readFileSync(file, 'utf8');
      const js = Module.stripTypeScriptTypes(source, { mode: 'transform', sourceMap: true, sourceUrl: file });
      const format = /^\s*(import|export)\s/m.test(js) ? 'module' : 'commonjs';
      return { format, source: js, shortCircuit: true };
    },
  });
  return true;
}

function lineOf(error, file) {
  const text = String((error && error.stack) || '');
  const re = new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+)`);
  const m = re.exec(text);
  return m ? Number(m[1]) : undefined;
}

const DENIED = {
  ChildProcess: 'starting other programs is not allowed in the practice runner',
  WorkerThreads: 'worker threads are not available in the practice runner',
  FileSystemRead: 'reading files outside the exercise is not allowed in the practice runner',
  FileSystemWrite: 'writing files outside the exercise is not allowed in the practice runner',
  Addon: 'native addons are not available in the practice runner',
};

function describe(error) {
  if (error && error.code === 'ERR_ACCESS_DENIED') {
    return `PermissionError: ${DENIED[error.permission] || 'that is not allowed in the practice runner'}`;
  }
  if (error && typeof error === 'object' && 'message' in error) {
    const name = error.name || 'Error';
    return `${name}: ${error.message}`;
  }
  return `Thrown: ${util.inspect(error)}`;
}

function errorRecord(error) {
  const line = lineOf(error, suite.solution);
  return { error: describe(error) + (line ? ` (line ${line})` : ''), ...(line ? { line } : {}) };
}

/** JSON of a value, or a sentence saying why it is not JSON. */
function toJson(value) {
  if (value === undefined) return { got: null };
  if (typeof value === 'function') return { bad: 'returned a function, not a value' };
  if (value instanceof Map) return { bad: 'returned a Map, which is not JSON (return an object or an array)' };
  if (value instanceof Set) return { bad: 'returned a Set, which is not JSON (return an array)' };
  try {
    const text = JSON.stringify(value);
    return { got: text === undefined ? null : JSON.parse(text) };
  } catch (e) {
    return { bad: `returned a value that is not JSON (${describe(e)})` };
  }
}

const clone = (v) => JSON.parse(JSON.stringify(v));

function withTimeout(promise, ms) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`did not return within ${ms / 1000} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

async function settle(value) {
  if (value && typeof value.then === 'function') return withTimeout(Promise.resolve(value), job.testTimeoutMs);
  return value;
}

function lookup(exports, name) {
  if (exports && typeof exports === 'object' && name in exports) return exports[name];
  if (typeof exports === 'function' && (exports.name === name || name === 'default')) return exports;
  return undefined;
}

async function runOne(exports, test) {
  if (test.kind === 'call') {
    const name = test.functionName || suite.functionName;
    const fn = lookup(exports, name);
    if (typeof fn !== 'function') throw new Error(`no function named ${name} was found in your file`);
    return toJson(await settle(fn(...clone(test.args))));
  }
  const Cls = lookup(exports, test.className);
  if (typeof Cls !== 'function') throw new Error(`no class named ${test.className} was found in your file`);
  const got = [];
  let object;
  for (const [stepIndex, [method, ...args]] of test.steps.entries()) {
    try {
      if (stepIndex === 0) {
        object = new Cls(...clone(args));
        got.push(null);
        continue;
      }
      if (typeof object[method] !== 'function') throw new Error(`${test.className} has no method ${method}`);
      const value = toJson(await settle(object[method](...clone(args))));
      if (value.bad) return { bad: `step ${stepIndex + 1} (${method}) ${value.bad}`, partial: got };
      got.push(value.got);
    } catch (e) {
      const where = stepIndex === 0 ? 'new' : method;
      const err = new Error(`step ${stepIndex + 1} (${where}): ${e && e.message ? e.message : describe(e)}`);
      err.name = (e && e.name) || 'Error';
      err.stack = e && e.stack;
      err.partial = got;
      throw err;
    }
  }
  return { got };
}

async function runTests(exports) {
  for (const [index, test] of suite.tests.entries()) {
    emit({ type: 'start', index });
    takeOutput();
    const t0 = performance.now();
    try {
      const value = await runOne(exports, test);
      const ms = performance.now() - t0;
      if (value.bad) emit({ type: 'test', index, ms, error: value.bad, stdout: takeOutput() });
      else emit({ type: 'test', index, ms, got: value.got, stdout: takeOutput() });
    } catch (e) {
      const ms = performance.now() - t0;
      emit({
        type: 'test',
        index,
        ms,
        ...errorRecord(e),
        ...(e && e.partial ? { got: e.partial } : {}),
        stdout: takeOutput(),
      });
    }
  }
}

async function runOwnTests() {
  const { run } = require('node:test');
  const stream = run({ files: [path.join(__dirname, job.testFile)], isolation: 'none' });
  let index = 0;
  await new Promise((resolve) => {
    stream.on('test:pass', (d) => {
      if (d.details && d.details.type === 'suite') return;
      emit({ type: 'own', index: index++, name: d.name, nesting: d.nesting, passed: true, ms: d.details.duration_ms });
    });
    stream.on('test:fail', (d) => {
      if (d.details && d.details.type === 'suite') return;
      const error = d.details && d.details.error;
      const cause = error && error.cause ? error.cause : error;
      const line = lineOf(cause, job.testFile) ?? lineOf(cause, suite.solution);
      emit({
        type: 'own',
        index: index++,
        name: d.name,
        nesting: d.nesting,
        passed: false,
        ms: d.details.duration_ms,
        error: describe(cause) + (line ? ` (line ${line})` : ''),
      });
    });
    stream.on('end', resolve);
    stream.on('error', resolve);
    stream.resume();
  });
}

async function main() {
  if (job.mode === 'stdio') {
    await provideStdin();
    if (TS.test(job.solution) && !installTypeScript()) {
      emit({ type: 'load', error: 'TypeScript needs Node 22.13 or newer in this runtime; use JavaScript instead.' });
      exit(1);
    }
    try {
      require(path.join(__dirname, job.solution));
    } catch (e) {
      emit({ type: 'load', ...errorRecord(e), syntax: e instanceof SyntaxError });
      exit(1);
    }
    return;
  }
  if (job.suites) {
    for (const [i, each] of job.suites.entries()) {
      suite = each;
      suiteIndex = i;
      await runSuite();
    }
    return;
  }
  await runSuite();
}

/**
 * Reading fd 0 synchronously from a pipe fails with EAGAIN when the data is not there yet, so
 * the input is read here first and handed to the program however it asks for it.
 */
async function provideStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const input = Buffer.concat(chunks);
  const readFileSync = fs.readFileSync;
  fs.readFileSync = function (file, options) {
    if (file === 0 || file === '/dev/stdin') {
      const encoding = typeof options === 'string' ? options : options && options.encoding;
      return encoding ? input.toString(encoding) : Buffer.from(input);
    }
    return readFileSync.apply(this, arguments);
  };
  const { Readable } = require('node:stream');
  const stdin = Readable.from([input]);
  stdin.setEncoding = function (encoding) {
    Readable.prototype.setEncoding.call(this, encoding);
    return this;
  };
  Object.defineProperty(process, 'stdin', { value: stdin, configurable: true });
}

let typeScriptReady = false;
async function runSuite() {
  if (TS.test(suite.solution) && !typeScriptReady && !(typeScriptReady = installTypeScript())) {
    emit({ type: 'load', error: 'TypeScript needs Node 22.13 or newer in this runtime; use JavaScript instead.' });
    return;
  }
  let exports;
  try {
    exports = require(path.join(__dirname, suite.solution));
  } catch (e) {
    emit({ type: 'load', ...errorRecord(e), syntax: e instanceof SyntaxError, stdout: takeOutput() });
    return;
  }
  emit({ type: 'load', ok: true, stdout: takeOutput() });
  if (job.mode === 'own') await runOwnTests();
  else await runTests(exports);
  emit({ type: 'done', stdout: takeOutput() });
}

main().then(
  // A stdio program may still be reading input or writing output: let it finish on its own.
  () => job.mode !== 'stdio' && exit(0),
  (e) => {
    emit({ type: 'crash', error: describe(e) });
    exit(1);
  },
);
