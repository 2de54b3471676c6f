/**
 * `npm run content:check [FILE...]`: validates role packs the way the app loads them, so pack
 * authors see every problem (with file:line) before the app does.
 * No arguments: every bundled pack. With files: just those, checked for id clashes against the
 * bundled packs but reporting only their own errors.
 */
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LANGUAGES } from '../../../content/schema.js';
import { createRunnerEnv } from '../runner/harness/env.js';
import { checkPacks, readPackDir, readPackFile, type CheckedPack, type PackFile } from './library.js';
import { formatError, formatPath, parsePack } from './parse-pack.js';
import { verifyReferences, type VerifyReport } from './verify-references.js';

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

function summaryLine(c: CheckedPack): string {
  const role = c.parsed;
  if (!role) return `${c.file}: not loaded`;
  const questions = role.rounds.reduce((n, r) => n + r.questions.length, 0);
  const coding = `coding: ${c.coding}, references passed: ${c.referencesPassed}/${c.coding}`;
  return `${c.file}: ${role.title} — ${role.rounds.length} rounds, ${questions} questions (${coding})`;
}

/** "references: javascript 16/16, typescript 16/16, python 16/16 questions" for one pack. */
function referencesLine(c: CheckedPack, report: VerifyReport): string {
  const total = report.proofs.length;
  const per = LANGUAGES.map((l) => `${l} ${report.proofs.filter((p) => p.languages.includes(l)).length}/${total}`);
  return `${c.file}: references run: ${report.passed}/${report.runs} parts passed; questions proven: ${per.join(', ')}`;
}

const { packs, reported } = packsToCheck(process.argv.slice(2));
const checkedPacks = packs.slice(packs.length - reported);
const results = checkPacks(packs).slice(packs.length - reported);

// Every reference (each part, each language) runs through the sandboxed runner.
const runner = createRunnerEnv();
const referenceErrors = new Map<CheckedPack, string[]>();
const referenceLines = new Map<CheckedPack, string>();
try {
  for (const [k, c] of results.entries()) {
    if (!c.parsed) continue;
    const source = checkedPacks[k];
    const locate = (source?.bytes !== undefined ? parsePack(source.bytes, c.file).locate : undefined) ?? (() => 1);
    const report = await verifyReferences(runner, c.parsed);
    if (report.runs === 0) continue;
    referenceLines.set(c, referencesLine(c, report));
    referenceErrors.set(
      c,
      report.problems.map((p) => formatError(c.file, locate(p.path), formatPath(p.path), p.message)),
    );
  }
} finally {
  runner.close();
}

for (const c of results) {
  console.log(summaryLine(c));
  const line = referenceLines.get(c);
  if (line) console.log(line);
}
// A JavaScript reference failing in the quick in-process check fails again in the runner: report it once.
const errors = [...new Set(results.flatMap((c) => [...c.errors, ...(referenceErrors.get(c) ?? [])]))];
for (const e of errors) console.log(e);

const roles = results.flatMap((c) => (c.parsed ? [c.parsed] : []));
const rounds = roles.reduce((n, r) => n + r.rounds.length, 0);
const questions = roles.reduce((n, r) => n + r.rounds.reduce((m, round) => m + round.questions.length, 0), 0);
console.log(`${roles.length} roles, ${rounds} rounds, ${questions} questions, ${errors.length} errors`);
process.exitCode = errors.length > 0 ? 1 : 0;
