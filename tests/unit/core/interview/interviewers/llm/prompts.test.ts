import { describe, expect, it } from 'vitest';
import {
  answerMessage,
  clarifyMessage,
  MAX_ANSWER_CHARS,
  systemPrompt,
} from '../../../../../../main/core/interview/interviewers/llm/prompts.js';
import { validRole } from '../../../content/fixtures/valid-pack.js';

const role = validRole();
const coding = role.rounds[0]!;
const question = coding.questions[0]!;
const base = { question, answers: ['I add them.'], askedFollowUps: [], maxFollowUps: 2, followUpsAsked: 0 };

describe('systemPrompt', () => {
  it('sets the persona and the rules for the round', () => {
    const text = systemPrompt(role, coding);
    expect(text).toContain('coding interview ("Coding") for the role Test Engineer (Senior) at Acme');
    expect(text).toMatch(/one question at a time/i);
    expect(text).toMatch(/never give away the answer/i);
    expect(text).toMatch(/short, natural spoken sentences/i);
    expect(text).toContain('{"followUp": "<your spoken follow-up>"');
  });

  it('is the same for every question of the round (the KV cache of earlier turns stays valid)', () => {
    expect(systemPrompt(role, coding)).not.toContain(question.prompt);
  });

  it('adds the summary of earlier questions when it replaces old turns', () => {
    expect(systemPrompt(role, coding, ['"Q1" — covered a.'])).toContain(
      'Earlier in this interview (summary):\n- "Q1" — covered a.',
    );
  });
});

describe('answerMessage', () => {
  it('brings the question and its rubric point names with the first answer', () => {
    const text = answerMessage(base, false);
    expect(text).toContain(`Question: ${question.prompt}`);
    for (const r of question.rubric) expect(text).toContain(`- ${r.id}: ${r.point}`);
    expect(text).toContain('up to 2 follow-ups');
    expect(text.endsWith("Candidate's answer:\nI add them.")).toBe(true);
  });

  it('never includes the outline, pitfalls, signals or the coding solution', () => {
    const text =
      answerMessage(base, false) + systemPrompt(role, coding) + clarifyMessage(question, 'Can I use Python?', false);
    expect(text).not.toContain(question.outline[0]!);
    expect(text).not.toContain(question.pitfalls[0]!);
    expect(text).not.toContain(question.rubric[0]!.signals[0]!);
    expect(text).not.toContain('return [a + b');
    expect(text).not.toContain(question.coding!.parts[0]!);
  });

  it('is only the answer once the chat knows the question', () => {
    expect(
      answerMessage({ ...base, answers: ['first', 'second'], askedFollowUps: ['Why?'], followUpsAsked: 1 }, true),
    ).toBe("Candidate's answer:\nsecond");
  });

  it('replays the earlier exchange when a new chat meets a question mid-way', () => {
    const text = answerMessage(
      { ...base, answers: ['first', 'second'], askedFollowUps: ['Why?'], followUpsAsked: 1 },
      false,
    );
    expect(text).toContain("Candidate: first\n\nYou asked: Why?\n\nCandidate's answer:\nsecond");
    expect(text).toContain('up to 1 follow-up on it');
  });

  it('keeps the start of an over-long answer, so a growing draft keeps its prefix', () => {
    const long = 'word '.repeat(MAX_ANSWER_CHARS);
    const text = answerMessage({ ...base, answers: [long] }, true);
    expect(text.length).toBeLessThan(MAX_ANSWER_CHARS + 100);
    expect(text).toContain('[the answer goes on]');
    expect(answerMessage({ ...base, answers: [long + 'more words'] }, true)).toBe(text);
  });

  it('a draft and the final answer share everything up to where the draft ends', () => {
    const draft = answerMessage({ ...base, answers: ['I would add the two'] }, false);
    const final = answerMessage({ ...base, answers: ['I would add the two numbers and compare them.'] }, false);
    expect(final.startsWith(draft)).toBe(true);
  });
});
