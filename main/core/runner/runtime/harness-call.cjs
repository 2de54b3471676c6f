'use strict';
/**
 * JavaScript `call` tests, run inside the sandbox (see ../harness/call-tests.ts). Reads
 * spec.json next to it: { suites: [{ file, functionName, tests: [{ args }] }], allowCodeGeneration }.
 * Console output of the code is captured per test (see makeConsole).
 * Each suite's file is evaluated as a classic script in its own vm context, so two solutions that
 * both declare `helper` do not collide. The vm context is only a namespace here: the process
 * around it is the security boundary.
 *
 * Results go to results.jsonl next to it, one JSON line per event, written as they happen, so a
 * run that is killed still tells which test was running:
 *   {s, loading} {s, loaded} | {s, loadError}   {s, t, start}   {s, t, json | undefined | error, ms}   {done}
 * Expected values never enter this process; the parent compares.
 */
const fs = require('node:fs');
const path = require('node:path');
const util = require('node:util');
const vm = require('node:vm');

const spec = JSON.parse(fs.readFileSync(path.join(__dirname, 'spec.json'), 'utf8'));
const out = fs.openSync(path.join(__dirname, 'results.jsonl'), 'a');
const record = (event) => fs.writeSync(out, `${JSON.stringify(event)}\n`);
const MAX_RESULT_CHARS = 256 * 1024;
/** Console output kept per test, and printed in all before console calls start to fail. */
const KEPT_OUTPUT_CHARS = 8 * 1024;
const MAX_OUTPUT_CHARS = spec.maxOutputChars || 1024 * 1024;

// Code under test must not end the run: the tests after it would silently never happen.
const reallyExit = process.reallyExit;
const refuseExit = () => {
  throw new Error('process.exit() is not allowed in a solution: return a value instead');
};
process.exit = refuseExit;
process.reallyExit = refuseExit;
process.abort = refuseExit;
// A timer or promise the code left failing must not take the other tests down with it.
process.on('uncaughtException', (error) => record({ uncaught: errorText(error) }));
process.on('unhandledRejection', (error) => record({ uncaught: errorText(error) }));

function errorText(error) {
  if (error === null || typeof error !== 'object') return `thrown value: ${String(error)}`;
  const name = typeof error.name === 'string' ? error.name : 'Error';
  const message = typeof error.message === 'string' ? error.message : String(error);
  return `${name}: ${message}`;
}

/** "SyntaxError: Unexpected token (line 3)" for code that does not compile. */
function loadErrorText(error, file) {
  const stack = error && typeof error.stack === 'string' ? error.stack : '';
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const line = new RegExp(`${escaped}:(\\d+)`).exec(stack);
  return line ? `${errorText(error)} (line ${line[1]})` : errorText(error);
}

/**
 * The solution's console: output is kept per test (the first 8 KB) instead of going to the
 * process's stdout, and past the run's budget every call throws, so a flood stops inside the
 * test that caused it with a message saying so.
 */
let printed = 0;
let kept = '';
function makeConsole() {
  const write = (args) => {
    const text = `${util.format(...args)}\n`;
    printed += text.length;
    if (printed > MAX_OUTPUT_CHARS) {
      throw new Error(`printed more than ${Math.round(MAX_OUTPUT_CHARS / 1024)} KB of output; stopped`);
    }
    if (kept.length < KEPT_OUTPUT_CHARS) kept += text.slice(0, KEPT_OUTPUT_CHARS - kept.length);
  };
  const methods = ['log', 'info', 'debug', 'warn', 'error', 'trace', 'dir', 'table'];
  return Object.fromEntries(methods.map((name) => [name, (...args) => write(args)]));
}
function takeOutput() {
  const text = kept.length >= KEPT_OUTPUT_CHARS ? `${kept}…` : kept;
  kept = '';
  return text === '' ? undefined : text;
}
/** Lets promise callbacks and immediates the code queued run now, inside the test that queued them. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

function newContext() {
  const globals = {
    console: makeConsole(),
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    setImmediate,
    clearImmediate,
    queueMicrotask,
    structuredClone,
    TextEncoder,
    TextDecoder,
    URL,
    URLSearchParams,
    atob,
    btoa,
  };
  return vm.createContext(globals, {
    codeGeneration: { strings: spec.allowCodeGeneration === true, wasm: true },
  });
}

async function runSuite(suite, s) {
  record({ s, loading: true });
  const context = newContext();
  // Arguments are built in the context's own realm, as if the solution's caller lived there.
  const parseInContext = vm.runInContext('JSON.parse', context);
  let fn;
  try {
    const source = fs.readFileSync(path.join(process.cwd(), suite.file), 'utf8');
    new vm.Script(source, { filename: suite.file }).runInContext(context);
    fn = vm.runInContext(`typeof ${suite.functionName} === 'function' ? ${suite.functionName} : undefined`, context);
    await settle();
  } catch (error) {
    record({ s, loadError: loadErrorText(error, suite.file) });
    return;
  }
  if (typeof fn !== 'function') {
    record({ s, loadError: `the code does not define a function named ${suite.functionName}` });
    return;
  }
  record({ s, loaded: true });
  for (const [t, test] of suite.tests.entries()) {
    record({ s, t, start: true });
    const begin = process.hrtime.bigint();
    const ms = () => Number(process.hrtime.bigint() - begin) / 1e6;
    try {
      let got = fn(...parseInContext(JSON.stringify(test.args)));
      if (got !== null && typeof got === 'object' && typeof got.then === 'function') got = await got;
      const elapsed = ms();
      await settle();
      const out = takeOutput();
      if (got === undefined) {
        record({ s, t, undefined: true, ms: elapsed, out });
        continue;
      }
      const json = JSON.stringify(got);
      if (json === undefined) {
        record({ s, t, error: `returned a ${typeof got}, which cannot be compared`, ms: elapsed, out });
      } else if (json.length > MAX_RESULT_CHARS) {
        const size = Math.round(json.length / 1024);
        record({ s, t, error: `returned a value too large to compare (${size} KB)`, ms: elapsed, out });
      } else {
        record({ s, t, json, ms: elapsed, out });
      }
    } catch (error) {
      record({ s, t, error: errorText(error), ms: ms(), out: takeOutput() });
    }
  }
}

(async () => {
  for (const [s, suite] of spec.suites.entries()) await runSuite(suite, s);
  record({ done: true });
  fs.closeSync(out);
  // At once: a timer the code left behind never gets to run.
  reallyExit.call(process, 0);
})();
