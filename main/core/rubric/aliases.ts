/**
 * Common alternative names, so a signal written one way is found when the candidate says it
 * another ("k8s" for "Kubernetes", "QPS" for "queries per second"). Both directions; kept
 * short on purpose — every alias is a chance for a false match.
 */
const GROUPS: string[][] = [
  ['kubernetes', 'k8s'],
  ['postgres', 'postgresql'],
  ['database', 'db'],
  ['databases', 'dbs'],
  ['queries per second', 'qps'],
  ['requests per second', 'rps'],
  ['service level objective', 'slo'],
  ['service level agreement', 'sla'],
  ['time to live', 'ttl'],
  ['continuous integration', 'ci'],
  ['pull request', 'pr'],
  ['a/b test', 'ab test', 'split test'],
  ['p99', '99th percentile'],
  ['p95', '95th percentile'],
  ['okr', 'okrs', 'objectives and key results'],
];

const index = new Map<string, string[]>();
for (const group of GROUPS) {
  for (const name of group)
    index.set(
      name,
      group.filter((other) => other !== name),
    );
}

export function aliasesOf(signal: string): string[] {
  return index.get(signal.trim().toLowerCase()) ?? [];
}
