/**
 * Which questions a session asks: those practised least recently first (never practised
 * before all), ties broken by a seeded shuffle so two sessions differ but a seed repeats.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  const random = mulberry32(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export function pickQuestions<T extends { id: string }>(
  questions: readonly T[],
  count: number,
  seed: number,
  lastPracticedAt: ReadonlyMap<string, number>,
): T[] {
  const shuffled = seededShuffle(questions, seed);
  const order = new Map(shuffled.map((q, i) => [q.id, i]));
  return [...questions]
    .sort((a, b) => {
      const la = lastPracticedAt.get(a.id) ?? -Infinity;
      const lb = lastPracticedAt.get(b.id) ?? -Infinity;
      if (la !== lb) return la < lb ? -1 : 1;
      return (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0);
    })
    .slice(0, Math.max(0, count));
}
