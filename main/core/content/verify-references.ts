/**
 * The one way a pack's reference solutions are proven: through the sandboxed runner, every part
 * of every coding question, in every language it has a reference for (TypeScript: its own
 * reference, or the JavaScript one run as TypeScript). A question is offered in a language only
 * when this proved a reference in it. One sandboxed process per language runs the whole pack
 * (one Pyodide load, not one per part); a reference that stops its process is blamed and the
 * rest run on in a fresh one. Used by content:check, by the app's "Check references" and by the
 * check after an import (results cached per file SHA-256, reference-checks.ts).
 */
import { LANGUAGES, type Language, type Question, type Role } from '../../../content/schema.js';
import type { RunTestsOutcome, TestResult } from '../../contract/tests-wire.js';
import { exerciseSpec, referenceFor, submitTests, type ExerciseSpec } from '../exercise/spec.js';
import { runBatch, type BatchSuite } from '../runner/harness/batch.js';
import type { RunnerEnv } from '../runner/harness/run-tests.js';
import type { RunLimits } from '../runner/sandbox.js';
import { isCodingQuestion } from './library.js';
import { formatPath, type PathSegment } from './parse-pack.js';

export interface ReferenceProblem {
  questionId: string;
  path: PathSegment[];
  message: string;
}

export interface QuestionProof {
  questionId: string;
  /** Languages whose reference passes every test of every part. */
  languages: Language[];
}

export interface VerifyReport {
  /** Coding questions (single-function and multi-part) in the pack. */
  coding: number;
  /** Coding questions whose every reference passes in every language it was run in. */
  passing: number;
  problems: ReferenceProblem[];
  proofs: QuestionProof[];
  /** Reference runs (one per part and language) and how many passed. */
  runs: number;
  passed: number;
  /** Set when nothing could be run here (the sandbox is unavailable, the check was cancelled). */
  notRun?: string;
  /** Languages that could not be run here, with why (e.g. Python without its runtime). */
  unavailable: Partial<Record<Language, string>>;
  processes: number;
  durationMs: number;
}

interface Job {
  questionId: string;
  qp: PathSegment[];
  spec: ExerciseSpec;
  part: number;
  language: Language;
  /** A TypeScript run of the JavaScript reference (the pack has no TypeScript one). */
  borrowed: boolean;
  owned: { part: number; hidden: boolean; index: number }[];
  suite: BatchSuite;
}

const show = (value: unknown) => {
  const s = value === undefined ? 'nothing' : JSON.stringify(value);
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
};

function testPath(job: Job, at: { part: number; hidden: boolean; index: number }): PathSegment[] {
  if (job.spec.shape === 'flat') return [...job.qp, 'coding', 'tests', at.index];
  return [...job.qp, 'exercise', 'parts', at.part, at.hidden ? 'hidden' : 'tests', at.index];
}

function referencePath(job: Job): PathSegment[] {
  const lang = job.borrowed ? 'javascript' : job.language;
  if (job.spec.shape === 'flat') return [...job.qp, 'coding', 'reference', lang];
  return [...job.qp, 'exercise', 'parts', job.part, 'reference', lang];
}

function who(job: Job): string {
  const part = job.spec.parts.length > 1 ? ` (part ${job.part + 1})` : '';
  return `${job.language} reference${part}`;
}

function failureMessage(job: Job, result: TestResult): string {
  if (result.error) return `${who(job)} failed: ${result.error}`;
  return `${who(job)} returned ${show(result.got)}, expected ${show(result.expected)}`;
}

/** Where each flat test sits in the pack's one list (visible and hidden are split in the spec). */
function flatIndexes(question: Question): { hidden: boolean; index: number }[] {
  const tests = question.coding?.tests ?? [];
  const visible = tests.flatMap((t, i) => (t.hidden ? [] : [i]));
  const hidden = tests.flatMap((t, i) => (t.hidden ? [i] : []));
  return [
    ...(visible.length > 0 ? visible : [0]).map((index) => ({ hidden: false, index })),
    ...hidden.map((index) => ({ hidden: true, index })),
  ];
}

function jobsFor(role: Role, languages: readonly Language[]): Job[] {
  const jobs: Job[] = [];
  role.rounds.forEach((round, r) => {
    round.questions.forEach((question, q) => {
      const spec = exerciseSpec(question);
      if (!spec) return;
      const qp: PathSegment[] = ['rounds', r, 'questions', q];
      const flat = spec.shape === 'flat' ? flatIndexes(question) : [];
      for (const language of languages) {
        if (!spec.parts.every((p) => referenceFor(p, language))) continue;
        spec.parts.forEach((part, p) => {
          if (part.tests.length + part.hidden.length === 0) return;
          const planned = submitTests(spec, p);
          const counters = new Map<string, number>();
          const owned = planned.map((t, k) => {
            if (spec.shape === 'flat') return { part: 0, ...flat[k]! };
            const key = `${t.part}:${t.hidden}`;
            const index = counters.get(key) ?? 0;
            counters.set(key, index + 1);
            return { part: t.part, hidden: t.hidden, index };
          });
          jobs.push({
            questionId: question.id,
            qp,
            spec,
            part: p,
            language,
            borrowed: language === 'typescript' && part.reference.typescript === undefined,
            owned,
            suite: {
              source: referenceFor(part, language)!,
              ...(part.functionName ? { functionName: part.functionName } : {}),
              ...(part.className ? { classNames: [part.className] } : {}),
              tests: planned.map((t) => t.test),
            },
          });
        });
      }
    });
  });
  return jobs;
}

function problemsOf(job: Job, outcome: RunTestsOutcome): ReferenceProblem[] {
  const at = (path: PathSegment[], message: string) => ({ questionId: job.questionId, path, message });
  if (outcome.loadError !== undefined) {
    return [at(referencePath(job), `${who(job)} does not run: ${outcome.loadError}`)];
  }
  const failing = outcome.results.filter((t) => !t.passed);
  // Every test passed but the process did not end well (a loop left in a promise, a crash).
  if (failing.length === 0) return [at(referencePath(job), `${who(job)} failed: ${outcome.message ?? outcome.status}`)];
  return failing.map((t) => {
    const message = /^not run\b/.test(t.error ?? '')
      ? `${who(job)} not run: an earlier test stopped the runner`
      : failureMessage(job, t);
    return at(testPath(job, job.owned[t.index]!), message);
  });
}

export async function verifyReferences(
  env: RunnerEnv,
  role: Role,
  options: { languages?: readonly Language[]; limits?: Partial<RunLimits>; signal?: AbortSignal } = {},
): Promise<VerifyReport> {
  const started = Date.now();
  const languages = options.languages ?? LANGUAGES;
  const jobs = jobsFor(role, languages);
  const outcomes = new Map<Job, RunTestsOutcome>();
  const unavailable: VerifyReport['unavailable'] = {};
  let processes = 0;
  for (const language of languages) {
    const mine = jobs.filter((j) => j.language === language);
    if (mine.length === 0) continue;
    const batch = await runBatch(
      env,
      language,
      mine.map((j) => j.suite),
      { ...(options.limits ? { limits: options.limits } : {}), ...(options.signal ? { signal: options.signal } : {}) },
    );
    processes += batch.processes;
    mine.forEach((j, k) => outcomes.set(j, batch.outcomes[k]!));
    const first = batch.outcomes[0];
    if (first?.status === 'sandbox_unavailable' || first?.status === 'aborted') {
      unavailable[language] = first.message ?? first.status;
    }
  }
  const questions = role.rounds.flatMap((round) => round.questions.filter(isCodingQuestion));
  const base = { coding: questions.length, runs: jobs.length, processes, unavailable };
  const stopped = Object.values(unavailable);
  if (jobs.length > 0 && stopped.length === new Set(jobs.map((j) => j.language)).size) {
    const notRun = stopped[0]!;
    return { ...base, passing: 0, passed: 0, problems: [], proofs: [], notRun, durationMs: Date.now() - started };
  }

  const problems: ReferenceProblem[] = [];
  const failed = new Set<string>();
  const failedParts = new Set<string>();
  let passed = 0;
  for (const job of jobs) {
    if (unavailable[job.language] !== undefined) continue;
    const outcome = outcomes.get(job)!;
    if (outcome.status === 'ok' && outcome.results.every((t) => t.passed)) {
      passed++;
      continue;
    }
    failed.add(`${job.questionId}\u0000${job.language}`);
    failedParts.add(`${job.questionId}\u0000${job.language}\u0000${job.part}`);
    // The JavaScript reference run as TypeScript fails where it fails as JavaScript: said once.
    if (job.borrowed && failedParts.has(`${job.questionId}\u0000javascript\u0000${job.part}`)) continue;
    problems.push(...problemsOf(job, outcome));
  }
  const proofs = questions.map((question) => {
    const ran = new Set(jobs.filter((j) => j.questionId === question.id).map((j) => j.language));
    return {
      questionId: question.id,
      languages: languages.filter(
        (l) => ran.has(l) && unavailable[l] === undefined && !failed.has(`${question.id}\u0000${l}`),
      ),
    };
  });
  const passing = proofs.filter((p) => !languages.some((l) => failed.has(`${p.questionId}\u0000${l}`))).length;
  return { ...base, passing, passed, problems, proofs, durationMs: Date.now() - started };
}

export function failureText(problem: Pick<ReferenceProblem, 'path' | 'message'>): string {
  return `${formatPath(problem.path)}: ${problem.message}`;
}
