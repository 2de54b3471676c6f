'use strict';
// Runs inside the sandboxed process (plain CommonJS, shipped as it is): loads Pyodide from the
// app's own copy, then waits for the job on stdin, so a "warm" process can load Python before the
// candidate presses Run. The Python side (harness.py) runs the tests and reports through emit(),
// one JSON line per result appended to the results file.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const config = JSON.parse(fs.readFileSync(path.join(__dirname, 'config.json'), 'utf8'));
const out = fs.openSync(path.join(__dirname, config.results), 'a');
const writeSync = fs.writeSync;
// Off while the warm-up job runs: its results are nobody's.
let emitting = true;
const emit = (line) => {
  if (emitting) writeSync(out, String(line) + '\n');
};

// Under the permission model process.binding is blocked, and Pyodide asks it for fs constants.
const binding = process.binding;
process.binding = function (name) {
  if (name === 'constants') return { os: os.constants, fs: fs.constants, crypto: {}, zlib: {} };
  return binding.call(process, name);
};

// Python's memory lives in WebAssembly memory, outside V8's heap limit. Emscripten grows it from
// JavaScript, so capping grow() here turns a huge allocation into Python's MemoryError.
const maxBytes = config.memoryMb * 1024 * 1024;
const grow = WebAssembly.Memory.prototype.grow;
WebAssembly.Memory.prototype.grow = function (pages) {
  if (this.buffer.byteLength + pages * 65536 > maxBytes) throw new RangeError('memory limit reached');
  return grow.call(this, pages);
};

const WARM_UP_PASSES = 3;

// The job is one line of JSON (JSON.stringify never writes a raw newline): it starts as soon as
// that line is in, not one event-loop turn later when the host closes stdin.
function readJob() {
  return new Promise((resolve, reject) => {
    let text = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk) => {
      text += chunk;
      const end = text.indexOf('\n');
      if (end >= 0) resolve(text.slice(0, end));
    });
    process.stdin.on('end', () => resolve(text));
    process.stdin.on('error', reject);
  });
}

async function main() {
  const dir = config.pyodide.endsWith(path.sep) ? config.pyodide : config.pyodide + path.sep;
  const { loadPyodide } = await import(pathToFileURL(path.join(dir, 'pyodide.mjs')).href);
  const py = await loadPyodide({ indexURL: dir, stdout: () => {}, stderr: () => {} });
  py.FS.mkdirTree('/work');
  py.FS.writeFile('/work/_harness.py', fs.readFileSync(path.join(__dirname, 'harness.py'), 'utf8'));
  py.registerJsModule('_harness_io', { emit });
  py.runPython('import sys\nsys.path.insert(0, "/work")\nimport _harness');
  if (config.warmUp) {
    // A background process: V8 optimises what this runs before the candidate's job arrives.
    emitting = false;
    try {
      for (let i = 0; i < WARM_UP_PASSES; i++) {
        py.globals.set('_job_text', config.warmUp);
        py.runPython('_harness.main(_job_text)');
      }
    } finally {
      // A failed warm-up still reports its crash (below), not a process that silently died.
      emitting = true;
    }
  }
  emit(JSON.stringify({ type: 'ready' }));
  // Waits for the host to send the job (at once for a cold run; on Run for a warm one).
  const job = await readJob();
  py.globals.set('_job_text', job);
  py.runPython('_harness.main(_job_text)');
}

main().then(
  () => {
    // Tells the runner the results are complete: it ends the run without waiting for this
    // process (and its WebAssembly memory) to tear down.
    if (config.doneMarker) process.stdout.write(`${config.doneMarker}\n`);
    process.exit(0);
  },
  (e) => {
    const message = String((e && e.message) || e);
    emit(JSON.stringify({ type: 'crash', error: message.split('\n').slice(-3).join('\n') }));
    process.exit(1);
  },
);
