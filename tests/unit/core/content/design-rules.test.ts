import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../../../content/schema.js';
import { describeScene } from '../../../../main/core/board/describe.js';
import { parsePack } from '../../../../main/core/content/parse-pack.js';
import { checkSemantics } from '../../../../main/core/content/semantic-rules.js';
import { toYaml, validRole } from './fixtures/valid-pack.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
const F = 'pack.yaml';

function check(role: Role): string[] {
  const parsed = parsePack(toYaml(role), F);
  expect(parsed.errors).toEqual([]);
  return checkSemantics(parsed.role!, F, parsed.locate).errors;
}

/** The fixture's second round turned into a design round with a checklist, phases and one design question. */
function designRole(): Role {
  const role = validRole();
  const round = role.rounds[1]!;
  round.checklist = [
    { id: 'api', label: 'API', signals: ['endpoint'], ask: 'What is the API?' },
    { id: 'failure-handling', label: 'Failures', signals: ['retry'], askAbout: 'What if {component} fails?' },
  ];
  round.phases = [
    { id: 'api', title: 'API', minutes: 5, checklist: ['api'] },
    { id: 'failures', title: 'Failure modes', minutes: 5, checklist: ['failure-handling'] },
  ];
  round.questions[0]!.design = {
    constraints: [{ topic: 'Traffic', signals: ['how many'], answer: '100 requests a second.' }],
    notes: { api: 'One POST endpoint.' },
    reference: {
      type: 'excalidraw',
      version: 2,
      elements: [
        { id: 'a', type: 'rectangle', x: 0, y: 0, width: 10, height: 10 },
        { id: 't', type: 'text', text: 'API', containerId: 'a' },
      ],
    },
  };
  return role;
}

describe('design round rules', () => {
  it('accepts a consistent design round', () => {
    expect(check(designRole())).toEqual([]);
  });

  it('reports phases and notes that name unknown checklist items, and phases longer than the round', () => {
    const role = designRole();
    const round = role.rounds[1]!;
    round.phases![1]!.checklist = ['failure-handling', 'caching'];
    round.phases![0]!.minutes = round.minutes + 1;
    round.questions[0]!.design!.notes = { scale: 'Big.' };
    const errors = check(role);
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(
      /^pack\.yaml:\d+ rounds\[1\]\.phases\[1\]\.checklist\[1\]: "caching" is not a checklist id of this round \(checklist ids: api, failure-handling\)$/,
    );
    expect(errors[1]).toMatch(/rounds\[1\]\.phases: the phases add up to \d+ minutes but the round has \d+$/);
    expect(errors[2]).toMatch(/rounds\[1\]\.questions\[0\]\.design\.notes\.scale: "scale" is not a checklist id/);
  });

  it('asks for one question per session in a round with phases', () => {
    const role = designRole();
    const round = role.rounds[1]!;
    round.questions.push({ ...round.questions[0]!, id: 'second-design-question', design: undefined });
    round.questionsPerSession = 2;
    expect(check(role)).toEqual([
      expect.stringMatching(
        /rounds\[1\]\.questionsPerSession: must be 1 in a round with phases \(one problem explored for the whole round\)$/,
      ),
    ]);
  });

  it('rejects a checklist template without a place for the component, and a reference with no shapes', () => {
    const role = designRole();
    role.rounds[1]!.questions[0]!.design!.reference.elements = [{ id: 'n', type: 'text', text: 'just words' }];
    expect(check(role)).toEqual([
      expect.stringMatching(/rounds\[1\]\.questions\[0\]\.design\.reference: the reference design has no shapes$/),
    ]);
    const bad = designRole();
    bad.rounds[1]!.checklist![1]!.askAbout = 'What if it fails?';
    const parsed = parsePack(toYaml(bad), F);
    expect(parsed.errors).toEqual([
      expect.stringMatching(
        /rounds\[1\]\.checklist\[1\]\.askAbout: must contain \{component\}, where a board label goes$/,
      ),
    ]);
  });
});

describe("the Stripe pack's system-design round", () => {
  const parsed = parsePack(readFileSync(join(repo, 'content/roles/stripe-backend-engineer.yaml')), 'stripe');
  const round = parsed.role!.rounds.find((r) => r.kind === 'system_design')!;

  it('has one checklist, with the items both the whiteboard and the phase-timed round use', () => {
    expect(round.checklist!.map((c) => c.id)).toEqual([
      'requirements',
      'estimates',
      'api',
      'data-model',
      'consistency',
      'failure-handling',
      'idempotency',
      'backward-compatibility',
      'trade-offs',
    ]);
    expect(round.checklist!.every((c) => c.ask)).toBe(true);
  });

  it('has phases from requirements to failure modes whose time boxes fit the round', () => {
    expect(round.phases!.map((p) => p.id)).toEqual([
      'requirements',
      'api',
      'data-model',
      'high-level-design',
      'deep-dives',
      'failure-modes',
    ]);
    expect(round.phases!.reduce((s, p) => s + p.minutes, 0)).toBeLessThanOrEqual(round.minutes);
  });

  it('gives every question constraints and a reference design of several connected components', () => {
    const ids = round.questions.map((q) => q.id);
    for (const topic of ['payments-api', 'webhook-delivery', 'ledger-service']) {
      expect(ids).toContain(`stripe-be-sd-${topic}`);
    }
    for (const q of round.questions) {
      expect(q.design?.constraints.length, q.id).toBeGreaterThanOrEqual(3);
      const d = describeScene(q.design!.reference);
      expect(d.ok, q.id).toBe(true);
      if (!d.ok) continue;
      expect(d.value.components.length, q.id).toBeGreaterThanOrEqual(5);
      expect(
        d.value.components.every((c) => c.label !== ''),
        q.id,
      ).toBe(true);
      expect(d.value.edges.length, q.id).toBeGreaterThanOrEqual(4);
      expect(
        d.value.edges.every((e) => e.from !== null && e.to !== null && !e.inferred),
        q.id,
      ).toBe(true);
    }
  });
});
