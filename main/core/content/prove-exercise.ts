/**
 * content:check's proof for a bug-bash or integration exercise, through the sandboxed runner:
 * the reference passes every hidden test and the visible suite; the starting code fails the
 * hidden tests (each bug's own tests, every integration part), and a bug bash's visible suite
 * has a failing test to start from. An exercise that fails any of these is rejected.
 */
import type { Question } from '../../../content/schema.js';
import type { SuiteRun, SuiteTestResult } from '../../contract/suite-results.js';
import { PatchError, referenceFiles } from '../runner/suites/patch.js';
import {
  runBugBashHidden,
  runIntegrationHidden,
  runVisibleTests,
  type ExerciseRunContext,
} from '../workspace-rounds/runs.js';
import type { PathSegment } from './parse-pack.js';

export interface ProofIssue {
  /** Relative to the question. */
  path: PathSegment[];
  message: string;
}

export interface ExerciseProof {
  kind: 'bug_bash' | 'integration';
  /** Sandboxed suite runs it took. */
  runs: number;
  issues: ProofIssue[];
}

const MAX_LISTED = 3;

/** Runs the proof when the question has a workspace exercise; undefined otherwise. */
export async function proveExercise(question: Question, ctx: ExerciseRunContext): Promise<ExerciseProof | undefined> {
  if (question.bugBash) return proveBugBash(question.bugBash, ctx);
  if (question.integration) return proveIntegration(question.integration, ctx);
  return undefined;
}

type Spec = NonNullable<Question['bugBash']>;
type IntegrationSpec = NonNullable<Question['integration']>;

async function proveBugBash(spec: Spec, ctx: ExerciseRunContext): Promise<ExerciseProof> {
  const issues: ProofIssue[] = [];
  const ep = ['bugBash'];
  const reference = tryReference(spec.files, spec.reference, ep, issues);
  if (!reference) return { kind: 'bug_bash', runs: 0, issues };
  const exercise = { kind: 'bug_bash' as const, spec };

  const refHidden = await runBugBashHidden(spec, reference, ctx);
  const startHidden = await runBugBashHidden(spec, spec.files, ctx);
  const refVisible = await runVisibleTests(exercise, reference, ctx);
  const startVisible = await runVisibleTests(exercise, spec.files, ctx);

  if (!mustPass(refHidden, [...ep, 'reference'], 'the reference fix', 'its hidden tests', issues)) {
    // Without a passing reference, nothing below can be judged.
    return { kind: 'bug_bash', runs: 4, issues };
  }
  if (startHidden.status === 'passed') {
    issues.push({
      path: [...ep, 'files'],
      message: 'the starting code already passes every hidden test: there is nothing to fix',
    });
  } else if (startHidden.status !== 'failed') {
    issues.push({
      path: [...ep, 'files'],
      message: `the hidden tests did not run on the starting code: ${runProblem(startHidden)}`,
    });
  }
  const refIds = new Map(refHidden.tests.map((t) => [t.id, t]));
  const startIds = new Map(startHidden.tests.map((t) => [t.id, t]));
  spec.bugs.forEach((bug, b) => {
    bug.tests.forEach((id, t) => {
      const tp = [...ep, 'bugs', b, 'tests', t];
      if (!refIds.has(id)) {
        const known = listIds(refHidden.tests.map((x) => x.id));
        issues.push({ path: tp, message: `no hidden test has this id (hidden tests: ${known})` });
      } else if (startIds.get(id)?.passed) {
        issues.push({ path: tp, message: 'passes on the starting code, so it cannot show that this bug was fixed' });
      }
    });
  });
  mustPass(refVisible, [...ep, 'reference'], 'the reference fix', 'the visible tests', issues);
  if (startVisible.status === 'passed') {
    issues.push({
      path: [...ep, 'files'],
      message:
        'every visible test passes on the starting code: give the candidate at least one failing test that reproduces a bug',
    });
  }
  return { kind: 'bug_bash', runs: 4, issues };
}

async function proveIntegration(spec: IntegrationSpec, ctx: ExerciseRunContext): Promise<ExerciseProof> {
  const issues: ProofIssue[] = [];
  const ep = ['integration'];
  const reference = tryReference(spec.files, spec.reference, ep, issues);
  if (!reference) return { kind: 'integration', runs: 0, issues };
  let runs = 0;

  for (const [p, part] of spec.parts.entries()) {
    let startFailedOne = false;
    for (const [r, hidden] of part.hidden.entries()) {
      const rp = [...ep, 'parts', p, 'hidden', r];
      runs++;
      const ref = await runIntegrationHidden(spec, hidden, reference, ctx);
      mustPass(ref.suite, rp, 'the reference solution', `hidden run "${hidden.name}"`, issues);
      // One failing run per part is enough to show the part is not already done.
      if (!startFailedOne) {
        runs++;
        const start = await runIntegrationHidden(spec, hidden, spec.files, ctx);
        startFailedOne = start.suite.status !== 'passed';
      }
    }
    if (!startFailedOne) {
      issues.push({
        path: [...ep, 'parts', p, 'hidden'],
        message: `the starting code already passes every hidden run of part "${part.id}": there is nothing to build`,
      });
    }
  }
  runs++;
  const visible = await runVisibleTests({ kind: 'integration', spec }, reference, ctx);
  mustPass(visible, [...ep, 'reference'], 'the reference solution', 'the visible tests', issues);
  return { kind: 'integration', runs, issues };
}

function tryReference(
  files: Spec['files'],
  reference: Spec['reference'],
  ep: PathSegment[],
  issues: ProofIssue[],
): Spec['files'] | undefined {
  try {
    return referenceFiles(files, reference);
  } catch (e) {
    if (!(e instanceof PatchError)) throw e;
    issues.push({ path: [...ep, 'reference', 'patch'], message: `the patch does not apply: ${e.message}` });
    return undefined;
  }
}

/** Records an issue unless `run` passed; true when it passed. */
function mustPass(run: SuiteRun, path: PathSegment[], who: string, what: string, issues: ProofIssue[]): boolean {
  if (run.status === 'passed') return true;
  if (run.status === 'failed') {
    const failing = run.tests.filter((t) => !t.passed);
    const listed = failing.slice(0, MAX_LISTED).map(describeFailure).join('; ');
    const more = failing.length > MAX_LISTED ? `; and ${failing.length - MAX_LISTED} more` : '';
    issues.push({
      path,
      message: `${who} fails ${failing.length} of ${run.tests.length} tests in ${what}: ${listed}${more}`,
    });
  } else {
    issues.push({ path, message: `${who} could not be checked against ${what}: ${runProblem(run)}` });
  }
  return false;
}

function describeFailure(test: SuiteTestResult): string {
  const why = (test.error ?? 'failed').replace(/\s+/g, ' ').trim();
  return `"${test.id}" (${why.length > 160 ? `${why.slice(0, 157)}...` : why})`;
}

function runProblem(run: SuiteRun): string {
  return run.message ?? `the run ended with status ${run.status}`;
}

function listIds(ids: string[]): string {
  if (ids.length === 0) return 'none';
  const shown = ids.slice(0, 6).map((id) => `"${id}"`);
  return ids.length > 6 ? `${shown.join(', ')} and ${ids.length - 6} more` : shown.join(', ');
}
