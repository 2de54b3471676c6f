import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parsePack } from '../../../../../main/core/content/parse-pack.js';
import { constraintAnswer, constraintLines } from '../../../../../main/core/interview/interviewers/constraints.js';
import { questionHeader } from '../../../../../main/core/interview/interviewers/llm/prompts.js';
import { scriptedInterviewer } from '../../../../../main/core/interview/interviewers/scripted.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '../../../../..');
const role = parsePack(readFileSync(join(repo, 'content/roles/stripe-backend-engineer.yaml')), 'stripe').role!;
const round = role.rounds.find((r) => r.kind === 'system_design')!;
const limiter = round.questions.find((q) => q.id === 'stripe-be-sd-distributed-rate-limiter')!;

describe('clarifying questions in a design round', () => {
  it("are answered from the question's stated constraints", async () => {
    const reply = await scriptedInterviewer.clarify({
      role,
      round,
      question: limiter,
      candidateQuestion: 'Roughly how many requests per second are we talking about at peak?',
    });
    expect(reply).toMatch(/^About 2 million requests per second at peak/);
  });

  it('answer two topics asked at once, and fall back to the general reply when nothing matches', () => {
    const both = constraintAnswer(limiter, 'What latency budget do we have, and what happens if Redis is down?');
    expect(both).toContain('about a millisecond at p99');
    expect(both).toContain('never be the reason the API is down');
    expect(constraintAnswer(limiter, 'Which programming language should I use?')).toBeNull();
    expect(constraintAnswer({}, 'How many requests?')).toBeNull();
  });

  it('are given to the LLM interviewer with the question', () => {
    expect(constraintLines(limiter)[0]).toMatch(/^Stated constraints/);
    expect(questionHeader(limiter, 2)).toContain('- Latency budget: The limiter may add about a millisecond');
  });
});
