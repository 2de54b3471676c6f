import { describe, expect, it } from 'vitest';
import { describeMetrics } from '../../../../main/core/feedback/describe-metrics.js';
import { deliveryMetrics } from '../../../../main/core/feedback/metrics/delivery.js';

const TEXT = 'Um, so I would start with an idempotency key, uh, stored in Postgres.';

describe('the filler-word metric', () => {
  it('says a spoken answer’s count is a lower bound (speech recognition leaves out some ums)', () => {
    const spoken = deliveryMetrics({ text: TEXT, segments: [{ startMs: 0, endMs: 6000, text: TEXT }] });
    const view = describeMetrics(spoken).find((v) => v.id === 'fillers')!;
    expect(view.value).toMatch(/^2 /);
    expect(view.meaning).toMatch(/at least this many: speech recognition leaves out some/);
  });

  it('does not say so for a typed answer, whose text is exactly what was written', () => {
    const typed = deliveryMetrics({ text: TEXT });
    expect(describeMetrics(typed).find((v) => v.id === 'fillers')!.meaning).not.toMatch(/at least/);
  });
});
