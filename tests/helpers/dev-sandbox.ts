/**
 * A stand-in for the runner's Layer 1 sandbox (RUNNER.md), used by the suite and content tests
 * until the hardening issue's `createSandbox` lands on main. It applies the same process-level
 * rules that matter for these tests (permission model, workspace-only writes, scrubbed
 * environment, wall-clock kill, output cap) but does not block sockets: that is Layer 1's job.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Sandbox, SandboxResult } from '../../main/core/runner/suites/sandbox-api.js';

export function createDevSandbox(): Sandbox {
  return {
    async run(req) {
      const limits = { wallMs: 10_000, heapMb: 256, outputBytes: 256 * 1024, ...req.limits };
      const ws = mkdtempSync(join(tmpdir(), 'ir-dev-sandbox-'));
      try {
        for (const [path, text] of Object.entries(req.files)) {
          mkdirSync(dirname(join(ws, path)), { recursive: true });
          writeFileSync(join(ws, path), text);
        }
        const args = [
          '--permission',
          `--allow-fs-read=${ws}`,
          ...(req.readPaths ?? []).map((p) => `--allow-fs-read=${p}`),
          `--allow-fs-write=${ws}`,
          `--max-old-space-size=${limits.heapMb}`,
          join(ws, req.entry),
        ];
        const started = Date.now();
        const child = spawn(process.execPath, args, { cwd: ws, env: { PATH: '/usr/bin:/bin' }, detached: true });
        let stdout = '';
        let stderr = '';
        let cut = false;
        const take = (chunk: Buffer, into: 'out' | 'err') => {
          const room = limits.outputBytes - stdout.length - stderr.length;
          if (room <= 0) {
            cut = true;
            return;
          }
          const text = chunk.toString('utf8').slice(0, room);
          if (into === 'out') stdout += text;
          else stderr += text;
        };
        child.stdout.on('data', (c: Buffer) => take(c, 'out'));
        child.stderr.on('data', (c: Buffer) => take(c, 'err'));
        let timedOut = false;
        const timer = setTimeout(() => {
          timedOut = true;
          try {
            process.kill(-child.pid!, 'SIGKILL');
          } catch {
            child.kill('SIGKILL');
          }
        }, limits.wallMs);
        const exitCode = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
        clearTimeout(timer);
        const outputs: Record<string, string> = {};
        for (const path of req.collect ?? []) {
          try {
            outputs[path] = readFileSync(join(ws, path), 'utf8');
          } catch {
            // Not written: the caller reports what is missing.
          }
        }
        const base = { exitCode, stdout, stderr, durationMs: Date.now() - started, outputs };
        if (timedOut) {
          const s = Math.round(limits.wallMs / 1000);
          return {
            ...base,
            status: 'timeout',
            message: `Stopped after ${s} s: the code did not finish (infinite loop?).`,
          };
        }
        if (cut) return { ...base, status: 'output_limit', message: 'Stopped: the code printed too much output.' };
        return { ...base, status: exitCode === 0 ? 'ok' : 'error' } satisfies SandboxResult;
      } finally {
        rmSync(ws, { recursive: true, force: true });
      }
    },
  };
}
