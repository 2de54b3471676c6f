/**
 * `npm run content:check [FILE...]`: validates role packs the way the app loads them, so pack
 * authors see every problem (with file:line) before the app does, then runs every reference
 * solution (each part, each language) against its tests in the sandboxed runner, the same way
 * the app's "Check references" does (verify-references.ts).
 * No arguments: every bundled pack. With files: just those, checked for id clashes against the
 * bundled packs but reporting only their own errors.
 */
import os from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LANGUAGES } from '../../../content/schema.js';
import { createRunnerEnv } from '../runner/harness/env.js';
import { createSandbox } from '../runner/sandbox.js';
import { checkPacks, readPackDir, readPackFile, type CheckedPack, type PackFile } from './library.js';
import { formatError, formatPath, parsePack } from './parse-pack.js';
import { verifyReferences, type VerifyReport } from './verify-references.js';

const bundledDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'content', 'roles');
/** Short paths for files under the current folder, absolute ones for the rest. */
const label = (file: string) => {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
};

function packsToCheck(args: readonly string[]): { packs: PackFile[]; reported: number } {
  const bundled = readPackDir(bundledDir, 'bundled', (name) => label(join(bundledDir, name)));
  if (args.length === 0) return { packs: bundled, reported: bundled.length };
  const named = args.map((arg) => readPackFile(resolve(arg), label(resolve(arg)), 'user'));
  // Bundled packs first, so their ids are claimed and a named pack's clashes are reported on it.
  const namedFiles = new Set(named.map((p) => p.file));
  const others = bundled.filter((p) => !namedFiles.has(p.file));
  return { packs: [...others, ...named], reported: named.length };
}

function summaryLine(c: CheckedPack, report: VerifyReport | undefined): string {
  const role = c.parsed;
  if (!role) return `${c.file}: not loaded`;
  const questions = role.rounds.reduce((n, r) => n + r.questions.length, 0);
  const passed = report?.notRun !== undefined ? 'not run' : `${report?.passing ?? 0}/${c.coding}`;
  const coding = `coding: ${c.coding}, references passed: ${passed}`;
  return `${c.file}: ${role.title} — ${role.rounds.length} rounds, ${questions} questions (${coding})`;
}

/** "references run: 40/40 parts passed; questions proven: javascript 16/16, typescript 16/16, python 16/16". */
function referencesLine(c: CheckedPack, report: VerifyReport): string {
  const total = report.proofs.length;
  const per = LANGUAGES.map((l) => `${l} ${report.proofs.filter((p) => p.languages.includes(l)).length}/${total}`);
  const missing = Object.entries(report.unavailable).map(([l, why]) => `; ${l} not run: ${why}`);
  return `${c.file}: references run: ${report.passed}/${report.runs} parts passed; questions proven: ${per.join(', ')}${missing.join('')}`;
}

/** "file:line path: message" for each reference that fails, pointing at the test or the code. */
function referenceErrors(pack: PackFile, c: CheckedPack, report: VerifyReport): string[] {
  if (report.notRun !== undefined) return [formatError(c.file, 1, '(references)', report.notRun)];
  const locate = pack.bytes !== undefined ? parsePack(pack.bytes, pack.file).locate : undefined;
  return report.problems.map((f) => formatError(c.file, locate?.(f.path) ?? 1, formatPath(f.path), f.message));
}

const started = Date.now();
const { packs, reported } = packsToCheck(process.argv.slice(2));
const mine = packs.slice(packs.length - reported);
const results = checkPacks(packs).slice(packs.length - reported);

const sandbox = createSandbox({
  execPath: process.execPath,
  tempRoot: join(os.tmpdir(), 'interview-rehearsal-content-check'),
  maxConcurrent: Math.max(1, Math.min(4, os.availableParallelism())),
});
const runner = createRunnerEnv(sandbox);
let reports: (VerifyReport | undefined)[];
try {
  reports = await Promise.all(
    results.map((c) => (c.parsed && c.coding > 0 ? verifyReferences(runner, c.parsed) : Promise.resolve(undefined))),
  );
} finally {
  await runner.close();
}

results.forEach((c, i) => {
  const report = reports[i];
  console.log(summaryLine(c, report));
  if (report && report.runs > 0 && report.notRun === undefined) console.log(referencesLine(c, report));
});
const errors = results.flatMap((c, i) => {
  const report = reports[i];
  const pack = mine[i];
  return [...c.errors, ...(report && pack ? referenceErrors(pack, c, report) : [])];
});
for (const e of errors) console.log(e);

const roles = results.flatMap((c) => (c.parsed ? [c.parsed] : []));
const rounds = roles.reduce((n, r) => n + r.rounds.length, 0);
const questions = roles.reduce((n, r) => n + r.rounds.reduce((m, round) => m + round.questions.length, 0), 0);
const processes = reports.reduce((n, r) => n + (r?.processes ?? 0), 0);
console.log(`${roles.length} roles, ${rounds} rounds, ${questions} questions, ${errors.length} errors`);
console.error(
  `(references run in ${processes} sandboxed process${processes === 1 ? '' : 'es'}; ${Date.now() - started} ms in all)`,
);
process.exitCode = errors.length > 0 ? 1 : 0;
