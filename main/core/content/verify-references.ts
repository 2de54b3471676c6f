/**
 * Proves a pack's reference solutions through the runner: every part of every coding question,
 * in every language it has a reference for (TypeScript: its own reference, or the JavaScript one
 * run as TypeScript). A question is offered in a language only when this passes. One sandboxed
 * process per language runs the whole pack (one Pyodide load, not one per part).
 */
import { LANGUAGES, type Language, type Role } from '../../../content/schema.js';
import type { RunTestsOutcome, TestResult } from '../../contract/tests-wire.js';
import { exerciseSpec, referenceFor, submitTests, type ExerciseSpec } from '../exercise/spec.js';
import { runBatch, type BatchSuite, type RunnerEnv } from '../runner/harness/run-tests.js';
import type { PathSegment } from './parse-pack.js';

export interface ReferenceProblem {
  path: PathSegment[];
  message: string;
}

export interface QuestionProof {
  questionId: string;
  /** Languages whose reference passes every test of every part. */
  languages: Language[];
}

export interface VerifyReport {
  problems: ReferenceProblem[];
  proofs: QuestionProof[];
  /** Reference runs (one per part and language) and how many passed. */
  runs: number;
  passed: number;
}

interface Job {
  questionId: string;
  qp: PathSegment[];
  spec: ExerciseSpec;
  part: number;
  language: Language;
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
  const lang =
    job.language === 'typescript' && !job.spec.parts[job.part]?.reference.typescript ? 'javascript' : job.language;
  if (job.spec.shape === 'flat') return [...job.qp, 'coding', 'reference', lang];
  return [...job.qp, 'exercise', 'parts', job.part, 'reference', lang];
}

function failureMessage(job: Job, result: TestResult): string {
  const who = `${job.language} reference${job.part > 0 || job.spec.parts.length > 1 ? ` (part ${job.part + 1})` : ''}`;
  if (result.error) return `${who} failed: ${result.error}`;
  return `${who} returned ${show(result.got)}, expected ${show(result.expected)}`;
}

/** Where each flat test sits in the pack's one list (visible and hidden are split in the spec). */
function flatIndexes(question: Role['rounds'][number]['questions'][number]): { hidden: boolean; index: number }[] {
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
          const owned = planned.map((t) => {
            const key = `${t.part}:${t.hidden}`;
            const index = counters.get(key) ?? 0;
            counters.set(key, index + 1);
            if (spec.shape === 'flat') return { part: 0, ...flat[jobsIndex(planned, t)]! };
            return { part: t.part, hidden: t.hidden, index };
          });
          jobs.push({
            questionId: question.id,
            qp,
            spec,
            part: p,
            language,
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

function jobsIndex<T>(list: T[], item: T): number {
  return list.indexOf(item);
}

export async function verifyReferences(
  env: RunnerEnv,
  role: Role,
  languages: readonly Language[] = LANGUAGES,
): Promise<VerifyReport> {
  const jobs = jobsFor(role, languages);
  const outcomes = new Map<Job, RunTestsOutcome>();
  for (const language of languages) {
    const mine = jobs.filter((j) => j.language === language);
    const results = await runBatch(
      env,
      language,
      mine.map((j) => j.suite),
    );
    mine.forEach((j, k) => outcomes.set(j, results[k]!));
  }
  const problems: ReferenceProblem[] = [];
  const failed = new Set<string>();
  let passed = 0;
  for (const job of jobs) {
    const outcome = outcomes.get(job)!;
    const bad = outcome.results.filter((t) => !t.passed);
    if (outcome.status === 'syntax_error' || (outcome.status !== 'ok' && bad.length === outcome.results.length)) {
      problems.push({
        path: referencePath(job),
        message: `${job.language} reference does not run: ${outcome.message ?? outcome.status}`,
      });
    } else {
      for (const result of bad)
        problems.push({ path: testPath(job, job.owned[result.index]!), message: failureMessage(job, result) });
    }
    if (bad.length > 0 || outcome.status !== 'ok') failed.add(`${job.questionId}\u0000${job.language}`);
    else passed++;
  }
  const proofs: QuestionProof[] = [];
  role.rounds.forEach((round) =>
    round.questions.forEach((question) => {
      const spec = exerciseSpec(question);
      if (!spec) return;
      const ran = new Set(jobs.filter((j) => j.questionId === question.id).map((j) => j.language));
      proofs.push({
        questionId: question.id,
        languages: languages.filter((l) => ran.has(l) && !failed.has(`${question.id}\u0000${l}`)),
      });
    }),
  );
  return { problems, proofs, runs: jobs.length, passed };
}
