/**
 * Table-driven: every file in transcripts/ is a hand-written answer with the metric values
 * worked out by hand (see each file's "about"). The code under test only reads the input part.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChecklistItem, RubricPoint } from '../../../../content/schema.js';
import { checklistCoverage } from '../../../../main/core/feedback/checklist.js';
import { deliveryMetrics } from '../../../../main/core/feedback/metrics/delivery.js';
import { starStructure } from '../../../../main/core/feedback/star.js';
import { answerInputOf, parseTranscriptFile } from '../../../../main/core/feedback/transcript-file.js';
import { rubricCoverage } from '../../../../main/core/rubric/rubric-coverage.js';

const DIR = join(import.meta.dirname, 'transcripts');

interface Expected {
  delivery?: Record<string, unknown>;
  star?: {
    situation: boolean;
    task: boolean;
    action: boolean;
    result: boolean;
    resultQuantified: boolean;
    quantity: string | null;
    iActions: number;
    weActions: number;
  };
  coverage?: { id: string; covered: boolean; evidence: string[] }[];
  checklist?: { id: string; covered: boolean; evidence: string[] }[];
}

interface Case {
  name: string;
  json: string;
  rubric?: (Omit<RubricPoint, 'point' | 'why'> & { point?: string })[];
  checklist?: ChecklistItem[];
  expected: Expected;
}

const cases: Case[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => {
    const json = readFileSync(join(DIR, f), 'utf8');
    const raw = JSON.parse(json) as { rubric?: Case['rubric']; checklist?: ChecklistItem[]; expected: Expected };
    return { name: f, json, rubric: raw.rubric, checklist: raw.checklist, expected: raw.expected };
  });

function input(c: Case) {
  const parsed = parseTranscriptFile(c.json);
  if (!parsed.ok) throw new Error(`${c.name}: ${parsed.error}`);
  return answerInputOf(parsed.file);
}

describe('hand-written transcripts', () => {
  it('there are at least 20 of them, each checking something', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
    for (const c of cases) expect(Object.keys(c.expected).length, c.name).toBeGreaterThan(0);
  });

  describe.each(cases.filter((c) => c.expected.delivery))('delivery metrics: $name', (c) => {
    it('match the values worked out by hand', () => {
      expect(deliveryMetrics(input(c))).toMatchObject(c.expected.delivery!);
    });
  });

  describe.each(cases.filter((c) => c.expected.star))('STAR: $name', (c) => {
    it('finds the parts worked out by hand', () => {
      const star = starStructure(input(c).text);
      const present = Object.fromEntries(star.parts.map((p) => [p.part, p.present]));
      expect({
        ...present,
        resultQuantified: star.resultQuantified,
        quantity: star.quantity,
        iActions: star.iActions,
        weActions: star.weActions,
      }).toEqual(c.expected.star);
      for (const p of star.parts) expect(p.present).toBe(p.evidence !== null);
    });
  });

  describe.each(cases.filter((c) => c.expected.coverage))('rubric coverage: $name', (c) => {
    it('matches the evidence worked out by hand', () => {
      const rubric = (c.rubric ?? []).map((r) => ({ ...r, point: r.point ?? `Point ${r.id}`, why: 'why' }));
      const text = input(c).text;
      const coverage = rubricCoverage(text, rubric);
      expect(coverage.map(({ id, covered, evidence }) => ({ id, covered, evidence }))).toEqual(c.expected.coverage);
      for (const e of coverage.flatMap((p) => p.evidence)) expect(text).toContain(e);
    });
  });

  describe.each(cases.filter((c) => c.expected.checklist))('checklist: $name', (c) => {
    it('matches the items worked out by hand', () => {
      const coverage = checklistCoverage(input(c).text, c.checklist ?? []);
      expect(coverage.map(({ id, covered, evidence }) => ({ id, covered, evidence }))).toEqual(c.expected.checklist);
    });
  });
});
