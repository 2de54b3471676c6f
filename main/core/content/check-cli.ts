/**
 * `npm run content:check [FILE...]`: validates role packs the way the app loads them, so pack
 * authors see every problem (with file:line) before the app does.
 * No arguments: every bundled pack. With files: just those, checked for id clashes against the
 * bundled packs but reporting only their own errors.
 */
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openExerciseRuntime } from './exercise-runtime.js';
import { checkPacks, readPackDir, readPackFile, type CheckedPack, type PackFile } from './library.js';
import { parsePack } from './parse-pack.js';
import { provePackExercises } from './prove-packs.js';

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

const { packs, reported } = packsToCheck(process.argv.slice(2));
const results = checkPacks(packs).slice(packs.length - reported);

for (const c of results) console.log(summaryLine(c));
const errors = results.flatMap((c) => c.errors);
errors.push(...(await proveExercises(results, packs.slice(packs.length - reported))));
for (const e of errors) console.log(e);

const roles = results.flatMap((c) => (c.parsed ? [c.parsed] : []));
const rounds = roles.reduce((n, r) => n + r.rounds.length, 0);
const questions = roles.reduce((n, r) => n + r.rounds.reduce((m, round) => m + round.questions.length, 0), 0);
console.log(`${roles.length} roles, ${rounds} rounds, ${questions} questions, ${errors.length} errors`);
process.exitCode = errors.length > 0 ? 1 : 0;

/** Bug-bash and integration exercises of packs that passed every other check, run through the runner. */
async function proveExercises(checked: CheckedPack[], files: PackFile[]): Promise<string[]> {
  const withExercises = checked.filter((c) =>
    c.role?.rounds.some((r) => r.questions.some((q) => q.bugBash !== undefined || q.integration !== undefined)),
  );
  if (withExercises.length === 0) return [];
  const runtime = await openExerciseRuntime();
  if (!runtime.ok) {
    return withExercises.map((c) => `${c.file}: exercises not proven: ${runtime.reason}`);
  }
  const errors: string[] = [];
  try {
    for (const c of withExercises) {
      const bytes = files.find((f) => f.file === c.file)?.bytes ?? '';
      const locate = parsePack(bytes, c.file).locate ?? (() => 1);
      console.log(`${c.file}: proving exercises through the runner`);
      const proof = await provePackExercises(c.role!, c.file, locate, runtime.ctx, (line) => console.log(line));
      console.log(`${c.file}: exercises proven: ${proof.proven}/${proof.exercises}`);
      errors.push(...proof.errors);
    }
  } finally {
    runtime.close();
  }
  return errors;
}
