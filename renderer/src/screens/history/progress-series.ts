/**
 * Chart lines for Progress: one per round kind present, so a behavioral score is never drawn as
 * the next step of a coding score. Each line has a value only at its own kind's sessions (the
 * chart spans the gaps); kinds come in the order they first appear, so new kinds need no code.
 */
import type { RoundKind } from '../../../../content/schema.js';
import type { ProgressPoint } from '../../../../main/contract/services/sessions.js';
import { roundKindLabel } from '../../labels.js';
import type { ChartSeries } from './ProgressChart.js';

export function seriesByRoundKind(
  points: readonly ProgressPoint[],
  valueOf: (point: ProgressPoint) => number | null,
  label: (kindLabel: string) => string,
  axis?: ChartSeries['axis'],
): ChartSeries[] {
  const kinds: RoundKind[] = [];
  for (const p of points) if (!kinds.includes(p.roundKind)) kinds.push(p.roundKind);
  return kinds
    .map((kind) => ({
      label: label(roundKindLabel(kind)),
      values: points.map((p) => (p.roundKind === kind ? valueOf(p) : null)),
      ...(axis ? { axis } : {}),
    }))
    .filter((s) => s.values.some((v) => v !== null));
}
