/**
 * `npm run bench -- all [--only NAME,…] [--runs N]`
 *
 * Runs every benchmark, one after another, each in its own process, and prints their last lines
 * as one Markdown table with the machine (CPU, threads, load when it started) for the README's
 * performance section. Each benchmark's full output is kept in the stand-in folder
 * (bench-logs/NAME.txt). Benchmarks print; none of them asserts a time.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { standinsDir } from './standins/cache.js';

interface Entry {
  name: string;
  /** What the row stands for in the table. */
  label: string;
  args: string[];
}

function entries(runs: string): Entry[] {
  return [
    { name: 'standins', label: 'stand-in models (write + load check)', args: ['standins'] },
    { name: 'llm', label: 'LLM interviewer, test fixture (1 thread)', args: ['llm', '--runs', runs] },
    {
      name: 'llm-1b',
      label: 'LLM interviewer, TinyLlama 1.1B stand-in',
      args: ['llm', '--standin', '1b', '--runs', runs],
    },
    {
      name: 'llm-3b',
      label: 'LLM interviewer, Llama 3.2 3B stand-in',
      args: ['llm', '--standin', '3b', '--runs', runs],
    },
    { name: 'speech', label: 'live speech, 2-minute answer (test fixture)', args: ['speech'] },
    {
      name: 'speech-base',
      label: 'live speech, base.en-shaped stand-in (sherpa-onnx)',
      args: ['speech', '--standin', 'base', '--engines', 'sherpa-onnx'],
    },
    {
      name: 'speech-encode',
      label: 'one 30 s window, base.en shape, whisper.cpp vs sherpa-onnx',
      args: ['speech', '--standin', 'base', '--encode-only'],
    },
    { name: 'runner', label: 'sandboxed runner vs plain process (JS, Python cold/warm)', args: ['runner'] },
    { name: 'board-ui', label: 'whiteboard with 2,000 elements vs empty (needs npm run build)', args: ['board-ui'] },
    { name: 'history', label: 'history (SQLite)', args: ['history'] },
    { name: 'turn', label: 'turn: stop speaking → first word (1.1B)', args: ['turn'] },
  ];
}

/** Runs one benchmark through this same runner; resolves with its last line (or why it failed). */
function runOne(entry: Entry, logFile: string): Promise<{ line: string; ok: boolean; seconds: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [...process.execArgv, path.join(import.meta.dirname, 'run.ts'), ...entry.args],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const log = fs.createWriteStream(logFile);
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      log.write(d);
    });
    child.stderr.on('data', (d: Buffer) => log.write(d));
    child.on('close', (code) => {
      log.end();
      const seconds = (performance.now() - started) / 1000;
      const lines = stdout.trim().split('\n');
      const last = lines.at(-1) ?? '';
      const ok = code === 0 && last.startsWith(`${entry.args[0]}:`);
      resolve({ line: ok ? last : `failed (exit ${code}); see ${logFile}`, ok, seconds });
    });
  });
}

export async function main(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { only: { type: 'string' }, runs: { type: 'string', default: '3' } },
  });
  const wanted = values.only?.split(',').map((n) => n.trim());
  const list = entries(values.runs).filter((e) => !wanted || wanted.includes(e.name));
  const logs = path.join(standinsDir(), 'bench-logs');
  fs.mkdirSync(logs, { recursive: true });
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const load = os.loadavg()[0]!.toFixed(1);
  const rows: string[] = [];
  for (const entry of list) {
    console.error(`running ${entry.args.join(' ')}…`);
    const result = await runOne(entry, path.join(logs, `${entry.name}.txt`));
    rows.push(
      `| ${entry.label} | \`${entry.args.join(' ')}\` | ${result.line.replace(/\|/g, '\\|')} | ${result.seconds.toFixed(0)} s |`,
    );
  }
  console.log(
    `\nMeasured ${new Date().toISOString().slice(0, 10)} on ${cpu}, ${os.availableParallelism()} threads, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}; load average ${load} at the start.\n`,
  );
  console.log('| benchmark | command (`npm run bench -- …`) | last line | took |');
  console.log('|---|---|---|---|');
  for (const row of rows) console.log(row);
}
