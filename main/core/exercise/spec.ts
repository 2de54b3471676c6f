/**
 * One shape for every coding question, whichever way its pack wrote it: a multi-part `exercise`,
 * or a single-function `coding` question with one flat list of tests. A flat question becomes
 * one part that carries every test (its steps are shown together, because the tests check all
 * of them), so old packs keep working in the workspace.
 */
import { LANGUAGES, type Exercise, type ExerciseTest, type Language, type Question } from '../../../content/schema.js';
import type { TestCase } from '../../contract/tests-wire.js';

export interface PartSpec {
  index: number;
  title: string;
  statement: string;
  functionName?: string;
  className?: string;
  tests: TestCase[];
  hidden: TestCase[];
  /** Earlier parts' tests are run again on submit. */
  regression: boolean;
  discuss?: string;
  /** Reference source per language, where the pack has one (never sent to the UI). */
  reference: Partial<Record<Language, string>>;
}

export interface ExerciseSpec {
  questionId: string;
  /** 'flat' for a single-function coding question. */
  shape: 'parts' | 'flat';
  starter: Record<Language, string>;
  ownTests: Record<Language, string>;
  docs?: string;
  parts: PartSpec[];
}

export function toTestCase(test: ExerciseTest, where: { functionName?: string; className?: string }): TestCase {
  const name = test.name !== undefined ? { name: test.name } : {};
  if ('call' in test) {
    const fn = where.functionName ? { functionName: where.functionName } : {};
    return { kind: 'call', ...name, ...fn, args: test.call, expected: test.expected };
  }
  if ('methods' in test) {
    return {
      kind: 'methods',
      ...name,
      className: where.className ?? '',
      steps: test.methods,
      expected: test.expected,
    };
  }
  return { kind: 'stdio', ...name, stdin: test.stdin, expected: test.expected };
}

function fromExercise(questionId: string, exercise: Exercise): ExerciseSpec {
  const parts = exercise.parts.map((part, index): PartSpec => {
    const where = {
      ...((part.functionName ?? exercise.functionName)
        ? { functionName: part.functionName ?? exercise.functionName }
        : {}),
      ...((part.className ?? exercise.className) ? { className: part.className ?? exercise.className } : {}),
    };
    return {
      index,
      title: part.title,
      statement: part.statement,
      ...where,
      tests: part.tests.map((t) => toTestCase(t, where)),
      hidden: part.hidden.map((t) => toTestCase(t, where)),
      regression: part.regression,
      ...(part.discuss ? { discuss: part.discuss } : {}),
      reference: { ...part.reference },
    };
  });
  const names = { functionName: exercise.functionName ?? parts[0]?.functionName, className: exercise.className };
  return {
    questionId,
    shape: 'parts',
    starter: { ...exercise.starter, typescript: exercise.starter.typescript ?? exercise.starter.javascript },
    ownTests: {
      javascript: exercise.ownTests?.javascript ?? defaultOwnTests('javascript', names),
      typescript: exercise.ownTests?.typescript ?? defaultOwnTests('typescript', names),
      python: exercise.ownTests?.python ?? defaultOwnTests('python', names),
    },
    ...(exercise.docs ? { docs: exercise.docs } : {}),
    parts,
  };
}

function fromCoding(question: Question): ExerciseSpec | undefined {
  const coding = question.coding;
  if (!coding) return undefined;
  const where = { functionName: coding.functionName };
  const visible = coding.tests.filter((t) => !t.hidden);
  const hidden = coding.tests.filter((t) => t.hidden);
  const statement =
    coding.parts.length === 1 ? coding.parts[0]! : coding.parts.map((p, i) => `${i + 1}. ${p}`).join('\n\n');
  const names = { functionName: coding.functionName };
  return {
    questionId: question.id,
    shape: 'flat',
    starter: {
      javascript: coding.starter.javascript,
      typescript: coding.starter.javascript,
      python: coding.starter.python,
    },
    ownTests: {
      javascript: defaultOwnTests('javascript', names),
      typescript: defaultOwnTests('typescript', names),
      python: defaultOwnTests('python', names),
    },
    parts: [
      {
        index: 0,
        title: 'The problem',
        statement,
        ...where,
        // A pack with every test hidden still gives the candidate something to run.
        tests: (visible.length > 0 ? visible : coding.tests.slice(0, 1)).map((t) =>
          toTestCase({ call: t.args, expected: t.expected }, where),
        ),
        hidden: hidden.map((t) => toTestCase({ call: t.args, expected: t.expected }, where)),
        regression: true,
        reference: {
          javascript: coding.reference.javascript,
          ...(coding.reference.python ? { python: coding.reference.python } : {}),
        },
      },
    ],
  };
}

/** The question's exercise, or undefined for a question that asks for no code. */
export function exerciseSpec(question: Question): ExerciseSpec | undefined {
  if (question.exercise) return fromExercise(question.id, question.exercise);
  return fromCoding(question);
}

/** Tests a submit of part `index` runs: its own visible and hidden ones, plus earlier parts' while they still hold. */
export function submitTests(
  spec: { parts: readonly Pick<PartSpec, 'tests' | 'hidden' | 'regression'>[] },
  index: number,
): { part: number; hidden: boolean; test: TestCase }[] {
  const out: { part: number; hidden: boolean; test: TestCase }[] = [];
  const part = spec.parts[index];
  if (!part) return out;
  let from = index;
  // Walk back while each part keeps the one before it.
  while (from > 0 && spec.parts[from]!.regression) from--;
  for (let p = from; p <= index; p++) {
    const each = spec.parts[p]!;
    for (const test of each.tests) out.push({ part: p, hidden: false, test });
    for (const test of each.hidden) out.push({ part: p, hidden: true, test });
  }
  return out;
}

/** Languages a reference is written in for every part (TypeScript: a TS reference, or else the JS one). */
export function languagesWithReferences(spec: ExerciseSpec): Language[] {
  return LANGUAGES.filter((language) => spec.parts.every((p) => referenceFor(p, language) !== undefined));
}

/** JavaScript is valid TypeScript, so a part without a TS reference is proven in TS by its JS one. */
export function referenceFor(part: PartSpec, language: Language): string | undefined {
  if (language === 'typescript') return part.reference.typescript ?? part.reference.javascript;
  return part.reference[language];
}

function defaultOwnTests(language: Language, names: { functionName?: string; className?: string }): string {
  const subject = names.className ?? names.functionName ?? 'solve';
  if (language === 'python') {
    return [
      'import unittest',
      `from solution import ${subject}`,
      '',
      '',
      'class MyTests(unittest.TestCase):',
      '    def test_example(self):',
      '        # Write a case the visible tests do not cover (an edge case).',
      '        self.assertTrue(callable(' + subject + '))',
      '',
    ].join('\n');
  }
  const from = language === 'typescript' ? './solution.ts' : './solution.js';
  return [
    "import { test } from 'node:test';",
    "import assert from 'node:assert/strict';",
    `import { ${subject} } from '${from}';`,
    '',
    "test('my example', () => {",
    '  // Write a case the visible tests do not cover (an edge case).',
    `  assert.equal(typeof ${subject}, 'function');`,
    '});',
    '',
  ].join('\n');
}

/** What a session keeps of an exercise: everything but the reference solutions. */
export type PlannedExercise = Omit<ExerciseSpec, 'parts'> & {
  parts: Omit<PartSpec, 'reference'>[];
  /** Languages the question is offered in: its references were proven in them when it was planned. */
  languages: Language[];
};

/** `proven`: the languages content checks proved a reference in (see content/reference-checks.ts). */
export function withoutReferences(spec: ExerciseSpec, proven: readonly Language[]): PlannedExercise {
  const offered = languagesWithReferences(spec).filter((l) => proven.includes(l));
  return {
    ...spec,
    parts: spec.parts.map(({ reference: _reference, ...part }) => part),
    languages: offered,
  };
}
