/**
 * `npm run analyze -- FILE` as a user runs it: a child process, JSON on stdout, exit 2 and a
 * clear message on a bad file. Expected values are worked out by hand.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/** The parts of the CLI's JSON report these tests read. */
interface Report {
  question: unknown;
  delivery: unknown;
  coverage: { id: string; evidence: string[] }[];
  star: { parts: { present: boolean }[]; quantity: string | null };
  checklist: unknown;
}

interface ExpectedFile {
  expected: { delivery: Record<string, unknown> };
}

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const CLI = join(ROOT, 'main', 'core', 'feedback', 'analyze-cli.ts');
const dir = mkdtempSync(join(tmpdir(), 'ir-analyze-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function analyze(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('npm run analyze', () => {
  it('prints the metrics of a transcript file as JSON', () => {
    const transcript = join(ROOT, 'tests', 'unit', 'core', 'feedback', 'transcripts', '02-long-pauses.json');
    const { code, stdout, stderr } = analyze(transcript);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Report;
    expect(report.question).toBeNull();
    expect(report.delivery).toMatchObject(
      (JSON.parse(readFileSync(transcript, 'utf8')) as ExpectedFile).expected.delivery,
    );
  });

  it('adds rubric coverage and STAR when the question is in the role packs', () => {
    const path = file(
      'design-disagreement.json',
      JSON.stringify({
        questionId: 'fe-beh-design-disagreement',
        segments: [
          { start: 0.5, end: 6, text: 'I disagreed with our designer about a custom dropdown.' },
          { start: 6.5, end: 12, text: 'I asked why and listened, then I built a prototype.' },
          { start: 15.5, end: 20, text: 'We agreed on a compromise and support tickets dropped by 30 percent.' },
        ],
      }),
    );
    const { code, stdout } = analyze(path);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Report;
    expect(report.question).toMatchObject({ roundKind: 'behavioral', answerMinutes: 5 });
    // 31 words in 15.5 s of speech, 20 s of answer; one 3.5 s pause; 20 s of a 5 min budget.
    expect(report.delivery).toMatchObject({
      words: 31,
      wpmSpeech: 120,
      wpmWall: 93,
      timeToFirstWordMs: 500,
      pauses: { count: 1, longestMs: 3500 },
      length: { usedMs: 20_000, budgetMs: 300_000, ratio: 0.07 },
    });
    expect(report.coverage.map((c) => [c.id, c.evidence])).toEqual([
      ['understood-intent', ['asked why', 'listened']],
      ['evidence', ['prototype']],
      ['resolution', ['compromise', 'agreed']],
      ['outcome-reflection', []],
    ]);
    expect(report.star.parts.map((p) => p.present)).toEqual([false, false, true, true]);
    expect(report.star.quantity).toBe('30 percent');
    expect(report.checklist).toBeNull();
  });

  it.each([
    ['not JSON', '{"questionId": "x", "segments": [', /not a transcript file: not valid JSON/],
    ['a wrong type', '{"questionId": 3, "text": "hi"}', /questionId: Invalid input/],
    ['neither segments nor text', '{"questionId": "x"}', /needs "segments"/],
    [
      'a segment ending before it starts',
      '{"questionId": "x", "segments": [{"start": 5, "end": 2, "text": "hi"}]}',
      /segments\.0: end must not be before start/,
    ],
  ])('exits 2 with a clear message on %s', (_what, content, message) => {
    const { code, stdout, stderr } = analyze(file('bad.json', content));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).toContain('Usage: npm run analyze');
  });

  it('exits 2 when the file is missing or not given', () => {
    const missing = analyze(join(dir, 'nope.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*nope\.json/);
    const none = analyze();
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no transcript file given/);
  });
});
