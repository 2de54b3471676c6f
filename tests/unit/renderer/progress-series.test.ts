import { describe, expect, it } from 'vitest';
import type { ProgressPoint } from '../../../main/contract/services/sessions.js';
import { seriesByRoundKind } from '../../../renderer/src/screens/history/progress-series.js';

function point(sessionId: string, roundKind: ProgressPoint['roundKind'], coverage: number | null): ProgressPoint {
  return {
    sessionId,
    createdAt: 0,
    roleTitle: 'Backend Engineer',
    roundTitle: roundKind,
    roundKind,
    scores: coverage === null ? {} : { coverage },
    delivery: { wordsPerMinute: null, fillersPer100Words: null },
  };
}

describe('progress chart lines', () => {
  it('draws one line per round kind present, each with values only at its own sessions', () => {
    const points = [
      point('a', 'coding', 40),
      point('b', 'behavioral', 80),
      point('c', 'coding', 60),
      point('d', 'system_design', null),
      point('e', 'hiring_manager', 70),
    ];
    const series = seriesByRoundKind(
      points,
      (p) => p.scores.coverage ?? null,
      (kind) => kind,
    );
    expect(series.map((s) => s.values)).toEqual([
      [40, null, 60, null, null],
      [null, 80, null, null, null],
      [null, null, null, null, 70],
    ]);
    // A kind with no values (the design round has no score) draws no line.
    expect(series).toHaveLength(3);
    expect(new Set(series.map((s) => s.label)).size).toBe(3);
  });

  it('puts a line on the axis asked for', () => {
    const [only] = seriesByRoundKind(
      [point('a', 'behavioral', 1)],
      () => 5,
      (k) => `Fillers · ${k}`,
      'right',
    );
    expect(only).toMatchObject({ axis: 'right', values: [5] });
    expect(only?.label).toMatch(/^Fillers · /);
  });
});
