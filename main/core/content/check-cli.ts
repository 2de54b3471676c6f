/**
 * `npm run content:check [FILE...]`: validates role packs the way the app loads them, so pack
 * authors see every problem (with file:line) before the app does, then runs each coding
 * question's reference solution against its tests in the sandboxed runner (one process per pack).
 * No arguments: every bundled pack. With files: just those, checked for id clashes against the
 * bundled packs but reporting only their own errors.
 */
import os from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSandbox } from '../runner/sandbox.js';
import { checkPacks, readPackDir, readPackFile, type CheckedPack, type PackFile } from './library.js';
import { formatError, formatPath, parsePack } from './parse-pack.js';
import { runReferences, type ReferenceReport } from './reference-run.js';

const bundledDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'content', 'roles');
/** Short paths for files under the current folder, absolute ones for the rest. */
const label = (abs: string) => {
  const rel = relative(process.cwd(), abs);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? abs : rel;
};

function packsToCheck(args: readonly string[]): { packs: PackFile[]; reported: number } {
  const bundled = readPackDir(bundledDir, 'bundled', (name) => label(join(bundledDir, name)));
  if (args.length === 0) return { packs: bundled, reported: bundled.length };
  const given = args.map((a) => resolve(a));
  // A bundled file named on the command line is checked once, as itself, not against its own ids.
  const others = bundled.filter((p) => !given.includes(resolve(p.file)));
  const named = given.map((abs) => readPackFile(abs, label(abs), 'user'));
  return { packs: [...others, ...named], reported: named.length };
}

function summaryLine(c: CheckedPack, report: ReferenceReport | undefined): string {
  const role = c.parsed;
  if (!role) return `${c.file}: not loaded`;
  const questions = role.rounds.reduce((n, r) => n + r.questions.length, 0);
  const passed = report?.notRun !== undefined ? 'not run' : `${report?.passing ?? 0}/${c.coding}`;
  const coding = `coding: ${c.coding}, references passed: ${passed}`;
  return `${c.file}: ${role.title} — ${role.rounds.length} rounds, ${questions} questions (${coding})`;
}

/** "file:line path: message" for each reference that fails, pointing at the test or the code. */
function referenceErrors(pack: PackFile, c: CheckedPack, report: ReferenceReport): string[] {
  if (report.notRun !== undefined) return [formatError(c.file, 1, '(references)', report.notRun)];
  const locate = pack.bytes !== undefined ? parsePack(pack.bytes, pack.file).locate : undefined;
  return report.failures.map((f) => formatError(c.file, locate?.(f.path) ?? 1, formatPath(f.path), f.message));
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
const reports = await Promise.all(
  results.map((c) => (c.parsed && c.coding > 0 ? runReferences(sandbox, c.parsed) : Promise.resolve(undefined))),
);

results.forEach((c, i) => console.log(summaryLine(c, reports[i])));
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
