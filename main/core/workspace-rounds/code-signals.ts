/**
 * Practices an integration solution is expected to show, looked for in the final code with
 * plain patterns. A match is evidence that the practice is there ("found, line 12"), not proof
 * that it is right: the hidden runs with faults switched on are what judge behaviour.
 */
import type { WorkspaceFiles, WorkspaceLanguage } from '../../../content/schema/workspace-exercise.js';
import type { CodeSignal } from '../../contract/workspace-feedback.js';
import { SUPPORT_DIR } from '../mock-api/support-files.js';
import { DRIVER_DIR } from '../runner/suites/node-test-driver.js';
import { isTestFile } from '../runner/suites/test-files.js';

const SIGNALS: { id: CodeSignal['id']; label: string; pattern: RegExp }[] = [
  { id: 'pagination', label: 'follows next_cursor through every page', pattern: /next_cursor/ },
  { id: 'idempotency_key', label: 'sends an Idempotency-Key on writes', pattern: /idempotency[-_ ]?key/i },
  { id: 'retry_after', label: 'reads Retry-After on a 429', pattern: /retry[-_]after/i },
  {
    id: 'backoff',
    label: 'waits longer between retries (backoff)',
    pattern: /backoff|\*\*\s*\(?\s*attempt|Math\.pow\(\s*2|2\s*\*\*|<<\s*attempt/i,
  },
  { id: 'signature', label: 'computes the webhook signature (HMAC)', pattern: /createHmac|hmac\.new|hmac\.digest/ },
  { id: 'constant_time', label: 'compares signatures in constant time', pattern: /timingSafeEqual|compare_digest/ },
];

export function codeSignals(language: WorkspaceLanguage, files: WorkspaceFiles): CodeSignal[] {
  const sources = Object.entries(files)
    .filter(([p]) => !p.startsWith(`${SUPPORT_DIR}/`) && !p.startsWith(`${DRIVER_DIR}/`) && !isTestFile(language, p))
    .filter(([p]) => /\.(m|c)?(js|ts)$|\.py$/.test(p))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return SIGNALS.map(({ id, label, pattern }) => {
    for (const [file, text] of sources) {
      const lines = text.split('\n');
      const index = lines.findIndex((line) => pattern.test(line) && !isComment(line));
      if (index >= 0)
        return { id, label, found: true, evidence: { file, line: index + 1, text: lines[index]!.trim() } };
    }
    return { id, label, found: false };
  });
}

function isComment(line: string): boolean {
  return /^\s*(\/\/|#|\*|\/\*)/.test(line);
}
