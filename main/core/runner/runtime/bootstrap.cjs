'use strict';
/**
 * The first code of every sandboxed run (see ../sandbox.ts). Plain CommonJS with no build step,
 * so the app can hand it to `node` or to Electron-as-Node straight from disk.
 *
 * argv[2] is a JSON config: { entry, probe, loopbackPort }.
 *  1. Refuses to run anything unless Node's permission model is really on: process.permission
 *     exists, a write to `probe` (outside the workspace) is refused, starting a process is refused.
 *  2. Blocks what the permission model does not cover: sockets (net, tls, http, fetch, WebSocket,
 *     dgram, dns) except 127.0.0.1:loopbackPort when one is given, and signals to other processes.
 *     This is best effort: it closes the doors Node offers, not every conceivable one.
 *  3. Loads the entry file (CommonJS or ES module, TypeScript through Node's type stripping).
 */
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const SANDBOX_UNAVAILABLE_EXIT = 87;
const config = JSON.parse(process.argv[2] || '{}');

function refusal(what, attempt) {
  try {
    attempt();
    return `${what} was allowed`;
  } catch (error) {
    return error && error.code === 'ERR_ACCESS_DENIED'
      ? null
      : `${what} failed in an unexpected way (${error && error.code})`;
  }
}

function sandboxProblem() {
  const permission = process.permission;
  if (!permission || typeof permission.has !== 'function') return 'Node permission model is off';
  return (
    refusal('a write outside the workspace', () => fs.writeFileSync(config.probe, 'x')) ||
    refusal('starting a child process', () => require('node:child_process').spawnSync(process.execPath, ['-e', '0']))
  );
}

const problem = sandboxProblem();
if (problem) {
  process.stderr.write(`\u0000sandbox-unavailable:${problem}\n`);
  process.exit(SANDBOX_UNAVAILABLE_EXIT);
}

function blocked(what) {
  const allowed = config.loopbackPort ? ` Only 127.0.0.1:${config.loopbackPort} may be reached.` : '';
  const error = new Error(`Network access is blocked in this sandbox (${what}).${allowed}`);
  error.code = 'ERR_SANDBOX_NETWORK';
  return error;
}

function isAllowedTarget(host, port) {
  return Boolean(config.loopbackPort) && Number(port) === config.loopbackPort && host === '127.0.0.1';
}

function blockSockets() {
  const net = require('node:net');
  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function guardedConnect(...args) {
    // net.connect() passes its already-normalised [options, callback] array through.
    const normalized = Array.isArray(args[0]) ? args[0] : net._normalizeArgs(args);
    const options = (normalized && normalized[0]) || {};
    if (options.path !== undefined && options.path !== null) throw blocked(`local socket ${options.path}`);
    const host = options.host === undefined ? 'localhost' : String(options.host);
    if (!isAllowedTarget(host, options.port)) throw blocked(`${host}:${options.port}`);
    return connect.apply(this, args);
  };
  net.Server.prototype.listen = function refuseListen() {
    throw blocked('listening for connections');
  };

  const dgram = require('node:dgram');
  dgram.createSocket = () => {
    throw blocked('UDP');
  };
  dgram.Socket.prototype.bind = dgram.Socket.prototype.send = dgram.createSocket;

  const dns = require('node:dns');
  // Resolver too: c-ares sends its own UDP queries, past the net module.
  const refuseDns = function refuseDns() {
    throw blocked('DNS lookup');
  };
  for (const api of [dns, dns.promises]) {
    for (const key of Object.keys(api)) if (typeof api[key] === 'function') api[key] = refuseDns;
  }

  const realFetch = globalThis.fetch;
  globalThis.fetch = function guardedFetch(input, init) {
    const url = new URL(typeof input === 'string' || input instanceof URL ? String(input) : input.url);
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    if (!isAllowedTarget(url.hostname, port)) return Promise.reject(blocked(`${url.protocol}//${url.host}`));
    return realFetch(input, init);
  };
  const guardSocket = (Real) =>
    function GuardedSocket(address, ...rest) {
      const url = new URL(String(address));
      const port = url.port || (url.protocol === 'wss:' || url.protocol === 'https:' ? '443' : '80');
      if (!Real || !isAllowedTarget(url.hostname, port)) throw blocked(`${url.protocol}//${url.host}`);
      return new Real(address, ...rest);
    };
  for (const name of ['WebSocket', 'EventSource']) {
    if (!(name in globalThis)) continue;
    if (config.loopbackPort) {
      const Real = globalThis[name];
      if (typeof Real === 'function') globalThis[name] = guardSocket(Real);
      continue;
    }
    // Nothing may be reached, so the real class is never needed, and reading it (even its
    // property descriptor) loads undici: about 100 ms of CPU at every start. Replaced unread.
    delete globalThis[name];
    Object.defineProperty(globalThis, name, {
      value: guardSocket(null),
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }
}

/** The permission model does not cover signals: without this, code could kill the app (its parent). */
function blockOtherProcesses() {
  const ownPid = process.pid;
  const rawKill = process._kill;
  const kill = process.kill;
  const refuse = () => {
    const error = new Error('Signalling other processes is blocked in this sandbox.');
    error.code = 'ERR_SANDBOX_PROCESS';
    return error;
  };
  process.kill = function guardedKill(pid, signal) {
    if (Number(pid) !== ownPid) throw refuse();
    return kill.call(process, pid, signal);
  };
  if (typeof rawKill === 'function') {
    // What process.kill calls underneath; -1 is EPERM.
    process._kill = (pid, signal) => (Number(pid) === ownPid ? rawKill.call(process, pid, signal) : -1);
  }
  const os = require('node:os');
  const setPriority = os.setPriority;
  os.setPriority = function guardedSetPriority(pid, priority) {
    if (priority === undefined) return setPriority.call(os, pid);
    if (Number(pid) !== 0 && Number(pid) !== ownPid) throw refuse();
    return setPriority.call(os, pid, priority);
  };
  // Starts the inspector of another Node process by pid; not covered by the permission model.
  for (const key of ['_debugProcess', '_debugEnd', '_linkedBinding']) {
    try {
      delete process[key];
    } catch {
      process[key] = undefined;
    }
  }
}

blockSockets();
blockOtherProcesses();

const entry = path.resolve(config.entry);
if (/\.(mjs|mts|ts)$/.test(entry)) {
  import(pathToFileURL(entry).href).catch((error) => {
    process.exitCode = 1;
    console.error(error);
  });
} else {
  require(entry);
}
