/**
 * What the workspace screen is sent: parts as far as they are revealed, visible tests described,
 * results of hidden tests without their inputs. Pure functions.
 */
import type { Language } from '../../../content/schema.js';
import type { PartView, ResultView, RunKind, RunView, VisibleTest } from '../../contract/services/workspace.js';
import type { RunTestsOutcome, TestCase } from '../../contract/tests-wire.js';
import type { PlannedExercise } from '../exercise/spec.js';

const MAX_TEXT = 2000;
const clip = (s: string) => (s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT - 1)}…` : s);
const json = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v));

export function describeInput(test: TestCase, functionName?: string): string {
  if (test.kind === 'call')
    return clip(`${test.functionName ?? functionName ?? 'f'}(${test.args.map(json).join(', ')})`);
  if (test.kind === 'methods') {
    const [first, ...rest] = test.steps;
    const ctor = `new ${test.className}(${(first?.slice(1) ?? []).map(json).join(', ')})`;
    return clip([ctor, ...rest.map(([m, ...args]) => `.${m}(${args.map(json).join(', ')})`)].join('\n'));
  }
  return clip(test.stdin);
}

export function describeExpected(test: TestCase): string {
  if (test.kind === 'stdio') return clip(test.expected);
  if (test.kind === 'methods') return clip(test.expected.map(json).join('\n'));
  return clip(json(test.expected));
}

function describeGot(test: TestCase, got: unknown): string {
  if (test.kind === 'stdio') return clip(typeof got === 'string' ? got : '');
  if (test.kind === 'methods' && Array.isArray(got)) return clip(got.map(json).join('\n'));
  return clip(json(got));
}

export function partView(exercise: PlannedExercise, index: number, status: PartView['status']): PartView {
  const part = exercise.parts[index]!;
  const first = part.tests[0] ?? part.hidden[0];
  const entry: PartView['entry'] =
    first?.kind === 'methods'
      ? { kind: 'class', name: part.className ?? first.className }
      : first?.kind === 'stdio'
        ? { kind: 'program' }
        : { kind: 'function', ...(part.functionName ? { name: part.functionName } : {}) };
  const tests: VisibleTest[] = part.tests.map((t, i) => ({
    name: t.name ?? `test ${i + 1}`,
    kind: t.kind,
    input: describeInput(t, part.functionName),
    expected: describeExpected(t),
  }));
  return { index, title: part.title, statement: part.statement, tests, hiddenCount: part.hidden.length, status, entry };
}

export interface PlannedTest {
  test: TestCase;
  hidden: boolean;
  part: number;
}

export function runView(input: {
  kind: RunKind;
  part: number;
  language: Language;
  at: number;
  planned: PlannedTest[];
  outcome: RunTestsOutcome;
  functionName?: string;
}): RunView {
  const { outcome, planned } = input;
  const results: ResultView[] = outcome.results.map((r, i) => {
    const p = planned[i];
    const hidden = p?.hidden ?? false;
    const fromPart = p && p.part !== input.part ? { fromPart: p.part + 1 } : {};
    if (!p) return { name: r.name, passed: r.passed, hidden: false, ...(r.error ? { error: r.error } : {}), ms: r.ms };
    return {
      name: hidden ? `hidden test ${i + 1}` : r.name,
      passed: r.passed,
      hidden,
      ...fromPart,
      ...(hidden ? {} : { input: describeInput(p.test, input.functionName), expected: describeExpected(p.test) }),
      ...(!hidden && r.got !== undefined ? { got: describeGot(p.test, r.got) } : {}),
      ...(r.error ? { error: r.error } : {}),
      ms: r.ms,
      ...(r.stdout && !hidden ? { stdout: r.stdout } : {}),
    };
  });
  return {
    kind: input.kind,
    part: input.part,
    language: input.language,
    at: input.at,
    status: outcome.status,
    ...(outcome.message ? { message: outcome.message } : {}),
    ...(outcome.line ? { line: outcome.line } : {}),
    passed: results.filter((r) => r.passed).length,
    total: results.length,
    results,
    stdout: clip(outcome.stdout),
    durationMs: outcome.durationMs,
  };
}
