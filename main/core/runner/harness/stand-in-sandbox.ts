/**
 * A thin stand-in for the Layer 1 sandbox, for developing the harnesses until the hardening
 * branch's `createSandbox` lands on main. It applies the permission model, a heap cap, a scrubbed
 * environment, a temporary workspace, an output cap and a wall-clock kill, but it does NOT block
 * sockets: never ship it as the product's sandbox.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize } from 'node:path';
import type { RunLimits, Sandbox, SandboxRequest, SandboxResult } from './sandbox-api.js';

/** Process groups still running: ended if this process exits first (they are detached). */
const live = new Set<number>();
process.once('exit', () => {
  for (const pid of live) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
});

export const DEFAULT_LIMITS: RunLimits = { wallMs: 10_000, heapMb: 256, outputBytes: 1_000_000 };

function safeRelative(path: string): boolean {
  return !isAbsolute(path) && !normalize(path).startsWith('..') && !path.includes('\0');
}

export function createStandInSandbox(options: { execPath: string; tempRoot: string; runAsNode?: boolean }): Sandbox {
  mkdirSync(options.tempRoot, { recursive: true });
  return {
    async run(req: SandboxRequest): Promise<SandboxResult> {
      const limits = { ...DEFAULT_LIMITS, ...req.limits };
      const started = Date.now();
      for (const name of Object.keys(req.files)) {
        if (!safeRelative(name)) throw new Error(`sandbox: unsafe file name ${JSON.stringify(name)}`);
      }
      const ws = mkdtempSync(join(options.tempRoot, 'run-'));
      try {
        for (const [name, text] of Object.entries(req.files)) {
          mkdirSync(dirname(join(ws, name)), { recursive: true });
          writeFileSync(join(ws, name), text);
        }
        const args = [
          '--permission',
          `--allow-fs-read=${ws}`,
          ...(req.readPaths ?? []).map((p) => `--allow-fs-read=${p}`),
          `--allow-fs-write=${ws}`,
          `--max-old-space-size=${limits.heapMb}`,
          '--disable-warning=ExperimentalWarning',
          join(ws, req.entry),
        ];
        const env: NodeJS.ProcessEnv = options.runAsNode ? { ELECTRON_RUN_AS_NODE: '1' } : {};
        const child = spawn(options.execPath, args, { cwd: ws, env, detached: true, stdio: 'pipe' });
        if (child.pid) live.add(child.pid);
        let stdout = '';
        let stderr = '';
        const stop: { why: SandboxResult['status'] | null } = { why: null };
        const kill = (why: SandboxResult['status']) => {
          stop.why ??= why;
          try {
            if (child.pid) process.kill(-child.pid, 'SIGKILL');
          } catch {
            child.kill('SIGKILL');
          }
        };
        const take = (chunk: Buffer, to: 'out' | 'err') => {
          const room = limits.outputBytes - stdout.length - stderr.length;
          const text = chunk.toString('utf8');
          if (to === 'out') stdout += text.slice(0, Math.max(0, room));
          else stderr += text.slice(0, Math.max(0, room));
          if (text.length > room) kill('output_limit');
        };
        child.stdout.on('data', (c: Buffer) => take(c, 'out'));
        child.stderr.on('data', (c: Buffer) => take(c, 'err'));
        child.stdin.on('error', () => {});
        const timer = setTimeout(() => kill('timeout'), limits.wallMs);
        const onAbort = () => kill('aborted');
        req.signal?.addEventListener('abort', onAbort);
        if (req.signal?.aborted) onAbort();
        void Promise.resolve(req.stdin ?? '').then(
          (input) => child.stdin.end(input),
          () => kill('aborted'),
        );
        const exitCode = await new Promise<number | null>((resolve) => {
          child.on('error', () => resolve(null));
          child.on('close', (code) => resolve(code));
        });
        clearTimeout(timer);
        if (child.pid) live.delete(child.pid);
        req.signal?.removeEventListener('abort', onAbort);
        const status: SandboxResult['status'] =
          stop.why ??
          (/heap out of memory|Allocation failed/i.test(stderr) ? 'memory' : exitCode === 0 ? 'ok' : 'error');
        const outputs: Record<string, string> = {};
        for (const name of req.collect ?? []) {
          if (!safeRelative(name)) continue;
          try {
            outputs[name] = readFileSync(join(ws, name), 'utf8');
          } catch {
            // Not written: the caller sees it missing.
          }
        }
        return {
          status,
          exitCode,
          stdout,
          stderr,
          durationMs: Date.now() - started,
          ...(status === 'timeout'
            ? {
                message: `Stopped after ${Math.round(limits.wallMs / 1000)} s: the code did not finish (infinite loop?)`,
              }
            : status === 'memory'
              ? { message: 'Stopped: the code used more memory than allowed.' }
              : status === 'output_limit'
                ? { message: 'Stopped: the code printed more output than allowed.' }
                : {}),
          outputs,
        };
      } finally {
        rmSync(ws, { recursive: true, force: true });
      }
    },
  };
}
