import { describe, expect, it } from 'vitest';
import { buildInitialPrompt } from '../../../../main/core/speech/initial-prompt.js';

describe('buildInitialPrompt', () => {
  it('keeps filler words and names the role vocabulary', () => {
    const prompt = buildInitialPrompt(['idempotency', 'Postgres', 'idempotency', ' ']);
    expect(prompt).toMatch(/\bum\b/i);
    expect(prompt).toMatch(/\buh\b/i);
    expect(prompt.match(/idempotency/g)).toHaveLength(1);
    expect(prompt).toContain('Postgres');
  });

  it('ends with the last words of the transcript so far, bounded in length', () => {
    const recent = Array.from({ length: 100 }, (_, i) => `w${i}`).join(' ');
    const prompt = buildInitialPrompt(['Kafka'], recent);
    expect(prompt.endsWith('w99')).toBe(true);
    expect(prompt).not.toContain('w10 ');
    const many = Array.from({ length: 200 }, (_, i) => `term${i}`);
    expect(buildInitialPrompt(many).split(/\s+/).length).toBeLessThan(80);
  });
});
