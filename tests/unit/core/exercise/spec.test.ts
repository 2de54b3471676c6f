import { describe, expect, it } from 'vitest';
import { type Question, questionSchema } from '../../../../content/schema.js';
import { exerciseSpec, languagesWithReferences, submitTests } from '../../../../main/core/exercise/spec.js';

const base = {
  prompt: 'Build it.',
  difficulty: 'medium',
  topics: ['x'],
  answerMinutes: 30,
  rubric: ['a', 'b', 'c'].map((id) => ({ id, point: 'p', why: 'w', signals: ['s'] })),
  followUps: [{ prompt: 'f1' }, { prompt: 'f2' }],
  outline: ['o'],
  pitfalls: ['p'],
};
const part = (title: string, extra: Record<string, unknown> = {}) => ({
  title,
  statement: `${title} statement`,
  tests: [{ call: [1], expected: 1 }],
  hidden: [{ call: [2], expected: 2 }],
  reference: { javascript: 'function f(x) { return x; }', python: 'def f(x):\n    return x\n' },
  ...extra,
});

function question(exercise: unknown): Question {
  return questionSchema.parse({ ...base, id: 'q', exercise });
}

describe('exerciseSpec', () => {
  it('a part submit runs earlier parts while each part keeps the one before', () => {
    const spec = exerciseSpec(
      question({
        functionName: 'f',
        starter: { javascript: 'js', python: 'py' },
        parts: [part('one'), part('two', { regression: false }), part('three'), part('four', { functionName: 'g' })],
      }),
    )!;
    expect(submitTests(spec, 0).map((t) => t.part)).toEqual([0, 0]);
    expect(submitTests(spec, 1).map((t) => t.part)).toEqual([1, 1]);
    expect(submitTests(spec, 3).map((t) => [t.part, t.hidden])).toEqual([
      [1, false],
      [1, true],
      [2, false],
      [2, true],
      [3, false],
      [3, true],
    ]);
    // Earlier parts' call tests keep naming their own function.
    expect(submitTests(spec, 3).map((t) => (t.test.kind === 'call' ? t.test.functionName : ''))).toEqual([
      'f',
      'f',
      'f',
      'f',
      'g',
      'g',
    ]);
    expect(spec.starter.typescript).toBe('js');
    expect(languagesWithReferences(spec)).toEqual(['javascript', 'typescript', 'python']);
  });

  it('methods tests need a class name and one expected value per step', () => {
    const bad = questionSchema.safeParse({
      ...base,
      id: 'q',
      exercise: {
        starter: { javascript: 'js', python: 'py' },
        parts: [part('one', { tests: [{ methods: [['new'], ['add', 1]], expected: [null] }] })],
      },
    });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toContain(
      'exercise.parts.0.tests.0.expected: expected must have one entry per step (null for "new")',
    );
    expect(messages).toContain('exercise.parts.0.className: methods tests need a className');
  });

  it('a flat coding question becomes one part with every test, its steps listed together', () => {
    const q = questionSchema.parse({
      ...base,
      id: 'flat',
      coding: {
        functionName: 'f',
        parts: ['Do A.', 'Then B.'],
        starter: { javascript: 'js', python: 'py' },
        tests: [
          { args: [1], expected: 1 },
          { args: [2], expected: 2, hidden: true },
          { args: [3], expected: 3, hidden: true },
        ],
        reference: { javascript: 'function f(x) { return x; }' },
        complexity: { time: 'O(1)', space: 'O(1)' },
      },
    });
    const spec = exerciseSpec(q)!;
    expect(spec.shape).toBe('flat');
    expect(spec.parts).toHaveLength(1);
    expect(spec.parts[0]!.statement).toBe('1. Do A.\n\n2. Then B.');
    expect(spec.parts[0]!.tests).toHaveLength(1);
    expect(spec.parts[0]!.hidden).toHaveLength(2);
    expect(languagesWithReferences(spec)).toEqual(['javascript', 'typescript']);
  });
});
