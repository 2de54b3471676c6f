/**
 * Layer 1 of the runner: a separate process under Node's permission model. Each test runs real
 * hostile code and checks it is contained: nothing written outside the workspace, the parent
 * (this test process) untouched, the workspace removed, a clear status and message.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canWatchMemory } from '../../../main/core/runner/memory-watch.js';
import { createSandbox, type Sandbox } from '../../../main/core/runner/sandbox.js';

let root: string;
let tempRoot: string;
let outside: string;
let sandbox: Sandbox;

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-sandbox-'));
  tempRoot = path.join(root, 'runner');
  outside = path.join(root, 'outside');
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(outside, 'secret.txt'), 'top secret');
  sandbox = createSandbox({ execPath: process.execPath, tempRoot });
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const js = (code: string) => ({ files: { 'main.js': code }, entry: 'main.js' });
const leftovers = () => fs.readdirSync(tempRoot);
const outsideFiles = () => fs.readdirSync(outside).sort();

describe('sandbox: normal runs', () => {
  it('runs the entry in a fresh workspace, reads back collected files and removes the workspace', async () => {
    const result = await sandbox.run({
      files: {
        'main.js': "require('./lib/add.js'); require('fs').writeFileSync('out.json', '[1,2]')",
        'lib/add.js': 'console.log(process.cwd().includes("run-"))',
      },
      entry: 'main.js',
      collect: ['out.json', 'missing.json'],
    });
    expect(result).toMatchObject({ status: 'ok', exitCode: 0, stdout: 'true\n', outputs: { 'out.json': '[1,2]' } });
    expect(result.message).toBeUndefined();
    expect(leftovers()).toEqual([]);
  });

  it('passes stdin and runs ES modules and TypeScript through Node type stripping', async () => {
    const esm = await sandbox.run({
      files: { 'main.mjs': "import fs from 'node:fs'; process.stdout.write(fs.readFileSync(0, 'utf8').toUpperCase())" },
      entry: 'main.mjs',
      stdin: 'hello',
    });
    expect(esm).toMatchObject({ status: 'ok', stdout: 'HELLO' });
    const ts = await sandbox.run({
      files: { 'main.ts': 'const n: number = 41; console.log(n + 1);' },
      entry: 'main.ts',
    });
    expect(ts).toMatchObject({ status: 'ok', stdout: '42\n' });
  });

  it('gives the code an empty environment', async () => {
    process.env.IR_SANDBOX_SECRET = 'do-not-leak';
    const result = await sandbox.run(js('console.log(JSON.stringify(Object.keys(process.env)))'));
    delete process.env.IR_SANDBOX_SECRET;
    expect(JSON.parse(result.stdout)).toEqual([]);
  });

  it('refuses file names that would leave the workspace', async () => {
    for (const name of ['../x.js', '/abs.js', 'a/../../x.js', 'C:/x.js', 'a\\b.js']) {
      await expect(sandbox.run({ files: { 'main.js': '', [name]: '' }, entry: 'main.js' })).rejects.toThrow(
        /not a plain relative path/,
      );
    }
  });

  it('ends a run at its done marker: results read back, the process killed, the workspace removed after', async () => {
    // After the marker the code would run for a minute; the run still ends at the marker.
    const code = [
      "require('fs').writeFileSync('out.json', '[3]');",
      "process.stdout.write('before\\nDONE-');",
      "setTimeout(() => process.stdout.write('x1\\n'), 20);",
      'setTimeout(() => {}, 60_000);',
    ].join('\n');
    const started = Date.now();
    const result = await sandbox.run({
      ...js(code),
      doneMarker: 'DONE-x1',
      limits: { wallMs: 30_000 },
      collect: ['out.json'],
    });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(result).toMatchObject({ status: 'ok', exitCode: null, stdout: 'before\n', outputs: { 'out.json': '[3]' } });
    // The slot is freed (and the workspace removed) once the killed process is gone.
    await expect.poll(leftovers, { timeout: 10_000 }).toEqual([]);
    // Without the marker the same code runs into the wall clock.
    const timed = await sandbox.run({ ...js(code), limits: { wallMs: 1500 } });
    expect(timed.status).toBe('timeout');
  });
});

describe('sandbox: the permission model holds', () => {
  it('refuses writes and reads outside the workspace, child processes, fork loops and workers', async () => {
    const target = JSON.stringify(path.join(outside, 'pwned.txt'));
    const secret = JSON.stringify(path.join(outside, 'secret.txt'));
    const result = await sandbox.run(
      js(`
        const fs = require('fs');
        const attempt = (name, fn) => { try { fn(); console.log(name, 'ALLOWED'); } catch (e) { console.log(name, e.code); } };
        attempt('write', () => fs.writeFileSync(${target}, 'x'));
        attempt('read', () => fs.readFileSync(${secret}, 'utf8'));
        attempt('symlink', () => fs.symlinkSync(${secret}, 'link'));
        attempt('exec', () => require('child_process').execSync('id'));
        attempt('fork loop', () => { for (;;) require('child_process').fork(__filename); });
        attempt('worker', () => new (require('worker_threads').Worker)(__filename));
        attempt('addon', () => process.dlopen({ exports: {} }, 'addon.node'));
        attempt('inspector', () => require('inspector').open(0));
      `),
    );
    expect(result.stdout.trim().split('\n')).toEqual([
      'write ERR_ACCESS_DENIED',
      'read ERR_ACCESS_DENIED',
      'symlink ERR_ACCESS_DENIED',
      'exec ERR_ACCESS_DENIED',
      'fork loop ERR_ACCESS_DENIED',
      'worker ERR_ACCESS_DENIED',
      'addon ERR_DLOPEN_DISABLED',
      'inspector ERR_ACCESS_DENIED',
    ]);
    expect(outsideFiles()).toEqual(['secret.txt']);
  });

  it('contains both constructor.constructor escapes even with code generation allowed', async () => {
    const target = JSON.stringify(path.join(outside, 'escape.txt'));
    for (const via of ['this.constructor.constructor', 'console.log.constructor']) {
      const result = await sandbox.run({
        ...js(`
          const vm = require('vm');
          const code = "const p = ${via}('return process')(); p.mainModule.require('fs').writeFileSync(${target.replace(/"/g, '\\"')}, 'x')";
          try { vm.runInNewContext(code, { console }); } catch (e) { console.log(e.code); }
        `),
        allowCodeGeneration: true,
      });
      expect(result.stdout.trim(), via).toBe('ERR_ACCESS_DENIED');
    }
    const blocked = await sandbox.run(
      js("try { this.constructor.constructor('return process')() } catch (e) { console.log(e.name) }"),
    );
    expect(blocked.stdout.trim()).toBe('EvalError');
    expect(outsideFiles()).toEqual(['secret.txt']);
  });

  it('refuses to signal other processes (the app is its parent)', async () => {
    const result = await sandbox.run(
      js(`
        for (const pid of [process.ppid, 0, -1]) {
          try { process.kill(pid, 0); console.log('ALLOWED'); } catch (e) { console.log(e.code); }
        }
        console.log(typeof process._debugProcess);
      `),
    );
    expect(result.stdout.trim().split('\n')).toEqual([
      'ERR_SANDBOX_PROCESS',
      'ERR_SANDBOX_PROCESS',
      'ERR_SANDBOX_PROCESS',
      'undefined',
    ]);
  });
});

describe('sandbox: network (best effort)', () => {
  let server: http.Server;
  let port: number;
  beforeAll(async () => {
    server = http.createServer((_req, res) => res.end('mock api'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const probe = (p: number) => `
    const attempt = async (name, fn) => { try { await fn(); console.log(name, 'ALLOWED'); } catch (e) { console.log(name, e.code ?? e.cause?.code ?? e.message); } };
    const get = (url) => new Promise((resolve, reject) => require('http').get(url, (res) => { res.resume(); res.on('end', resolve); }).on('error', reject));
    (async () => {
      await attempt('http', () => get('http://127.0.0.1:${p}/'));
      await attempt('fetch', () => fetch('http://127.0.0.1:${p}/').then((r) => r.text()));
      await attempt('fetch other', () => fetch('http://example.com/'));
      await attempt('net other port', () => new Promise((resolve, reject) => require('net').connect(${p} + 1, '127.0.0.1').on('connect', resolve).on('error', reject)));
      await attempt('localhost name', () => get('http://localhost:${p}/'));
      await attempt('dns', () => require('dns').promises.lookup('example.com'));
      await attempt('resolver', () => new (require('dns').Resolver)().resolve4('example.com'));
      await attempt('listen', () => require('net').createServer().listen(0));
      await attempt('udp', () => require('dgram').createSocket('udp4'));
      await attempt('tls', () => require('tls').connect(443, '1.1.1.1'));
    })();
  `;

  it('blocks sockets, DNS and listening', async () => {
    const result = await sandbox.run(js(probe(port)));
    expect(result.stdout.trim().split('\n')).toEqual([
      'http ERR_SANDBOX_NETWORK',
      'fetch ERR_SANDBOX_NETWORK',
      'fetch other ERR_SANDBOX_NETWORK',
      'net other port ERR_SANDBOX_NETWORK',
      'localhost name ERR_SANDBOX_NETWORK',
      'dns ERR_SANDBOX_NETWORK',
      'resolver ERR_SANDBOX_NETWORK',
      'listen ERR_SANDBOX_NETWORK',
      'udp ERR_SANDBOX_NETWORK',
      'tls ERR_SANDBOX_NETWORK',
    ]);
  });

  it('allows exactly 127.0.0.1:loopbackPort when one is given', async () => {
    const result = await sandbox.run({ ...js(probe(port)), loopbackPort: port });
    const lines = result.stdout.trim().split('\n');
    expect(lines.slice(0, 2)).toEqual(['http ALLOWED', 'fetch ALLOWED']);
    expect(lines.slice(2).every((l) => l.endsWith('ERR_SANDBOX_NETWORK'))).toBe(true);
  });
});

describe('sandbox: limits', () => {
  it('kills an endless loop at the wall-clock limit, at top level and inside a promise', async () => {
    for (const code of ['while (true) {}', 'Promise.resolve().then(() => { while (true) {} })']) {
      const started = Date.now();
      const result = await sandbox.run({ ...js(code), limits: { wallMs: 1500 } });
      expect(result.status).toBe('timeout');
      expect(result.message).toBe('Stopped after 1.5 s: the code did not finish (infinite loop?).');
      expect(Date.now() - started).toBeLessThan(15_000);
    }
    expect(leftovers()).toEqual([]);
  });

  it('stops a JavaScript heap that grows past heapMb', async () => {
    const result = await sandbox.run({
      ...js('const keep = []; for (;;) keep.push(new Array(1e5).fill({ x: 1 }));'),
      limits: { heapMb: 64, wallMs: 60_000 },
    });
    expect(result.status).toBe('memory');
    expect(result.message).toBe('Stopped: the code used more than 64 MB of memory.');
  });

  it.runIf(canWatchMemory)('stops a 1 GB allocation outside the heap (resident memory watch)', async () => {
    const result = await sandbox.run({
      ...js('const b = Buffer.alloc(1024 ** 3, 1); console.log(b.length);'),
      limits: { heapMb: 64, wallMs: 60_000 },
    });
    expect(result.status).toBe('memory');
    expect(result.stdout).toBe('');
  });

  it('stops 100 MB of output at the output cap', async () => {
    const result = await sandbox.run({
      ...js("const line = 'x'.repeat(1023) + '\\n'; for (let i = 0; i < 100 * 1024; i++) process.stdout.write(line);"),
      limits: { outputBytes: 64 * 1024, wallMs: 30_000 },
    });
    expect(result.status).toBe('output_limit');
    expect(result.message).toBe('Stopped: the code printed more than 64 KB of output.');
    expect(result.stdout.length).toBeLessThan(64 * 1024 + 100);
    expect(result.stdout).toMatch(/… output cut at 64 KB$/);
  });

  it('reports process.exit as an error with its status, and deep recursion as a crash message', async () => {
    const exit = await sandbox.run(js('process.exit(3)'));
    expect(exit).toMatchObject({ status: 'error', exitCode: 3, message: 'The code exited with status 3.' });
    const deep = await sandbox.run(js('function f() { return f() + 1 } f()'));
    expect(deep.status).toBe('error');
    expect(deep.stderr).toContain('Maximum call stack size exceeded');
  });

  it('stops on abort', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const result = await sandbox.run({ ...js('setInterval(() => {}, 1000)'), signal: controller.signal });
    expect(result).toMatchObject({ status: 'aborted', message: 'Stopped: the run was cancelled.' });
  });
});

describe('sandbox: start-up', () => {
  it('runs nothing and says "sandbox unavailable" when the permission model is not in force', async () => {
    // A runtime that drops Node's permission flags, as utilityProcess is reported to do.
    const fake = path.join(root, 'no-permission-node.cjs');
    fs.writeFileSync(
      fake,
      `#!${process.execPath}\nconst args = process.argv.slice(2).filter((a) => !a.startsWith('--permission') && !a.startsWith('--allow-fs'));\n` +
        `const r = require('child_process').spawnSync(${JSON.stringify(process.execPath)}, args, { stdio: 'inherit' });\nprocess.exit(r.status ?? 1);\n`,
      { mode: 0o755 },
    );
    const marker = JSON.stringify(path.join(outside, 'ran.txt'));
    const broken = createSandbox({ execPath: fake, tempRoot });
    const result = await broken.run(js(`require('fs').writeFileSync(${marker}, 'x')`));
    expect(result.status).toBe('sandbox_unavailable');
    expect(result.message).toMatch(
      /^The code was not run: the sandbox is not available here \(Node permission model is off\)/,
    );
    expect(outsideFiles()).toEqual(['secret.txt']);
    const missing = await createSandbox({ execPath: path.join(root, 'no-such-node'), tempRoot }).run(js(''));
    expect(missing.status).toBe('sandbox_unavailable');
  });

  it('sweeps workspaces left by a crashed process, and only those', () => {
    const dead = path.join(tempRoot, 'run-999999999-abc');
    const alive = path.join(tempRoot, `run-${process.ppid}-def`);
    fs.mkdirSync(dead, { recursive: true });
    fs.mkdirSync(alive, { recursive: true });
    createSandbox({ execPath: process.execPath, tempRoot });
    expect(fs.existsSync(dead)).toBe(false);
    expect(fs.existsSync(alive)).toBe(true);
    fs.rmSync(alive, { recursive: true });
  });
});
