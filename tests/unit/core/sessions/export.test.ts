import zlib from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../../../main/core/sessions/export-markdown.js';
import { toWinAnsi } from '../../../../main/core/sessions/export-pdf.js';
import { addRecording, call, failure, openTestData, question, seedSession, type TestData } from './helpers.js';

const T0 = new Date(2025, 4, 6, 14, 30).getTime();

/** The text a PDF draws: pdfkit writes each line as hex strings inside TJ arrays, in deflated streams. */
function pdfText(bytes: Buffer): string {
  const raw = bytes.toString('latin1');
  const lines: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try {
      content = zlib.inflateSync(Buffer.from(match[1] ?? '', 'latin1')).toString('latin1');
    } catch {
      continue;
    }
    for (const tj of content.matchAll(/\[(.*?)\] TJ/g)) {
      const hex = [...(tj[1] ?? '').matchAll(/<([0-9a-f]*)>/g)].map((h) => h[1] ?? '').join('');
      lines.push(new TextDecoder('windows-1252').decode(Buffer.from(hex, 'hex')));
    }
  }
  return lines.join('\n');
}

describe('export helpers', () => {
  it('escapes what Markdown would read as markup', () => {
    expect(escapeMarkdown('# not a heading')).toBe('\\# not a heading');
    expect(escapeMarkdown('- not a list\n1. nor this')).toBe('\\- not a list\n1\\. nor this');
    expect(escapeMarkdown('<script>alert(1)</script> *bold* [link](x)')).toBe(
      '\\<script\\>alert(1)\\</script\\> \\*bold\\* \\[link\\](x)',
    );
    expect(escapeMarkdown('plain words, 3 - 2 = 1')).toBe('plain words, 3 - 2 = 1');
  });

  it('keeps what the PDF fonts can draw and counts what they cannot', () => {
    expect(toWinAnsi('Café – “quoted” €5')).toEqual({ text: 'Café – “quoted” €5', replaced: 0 });
    expect(toWinAnsi('Łódź')).toEqual({ text: 'Lódz', replaced: 0 });
    expect(toWinAnsi('面试 😀')).toEqual({ text: '?? ?', replaced: 3 });
  });
});

describe('exporting one session', () => {
  let data: TestData;
  beforeEach(() => {
    data = openTestData();
    seedSession(data.db, {
      sessionId: 'x',
      roleTitle: 'Backend Engineer',
      company: 'Stripe',
      createdAt: T0,
      questions: [question('conflict'), question('failure')],
      answers: ['I listened to both sides, then built a prototype.\n\n# This line starts with a hash', null],
      clarify: { question: 'Should it be a work example?', reply: 'Yes, from your last two jobs.' },
    });
    addRecording(data.db, data.dir, 'x', 1, [
      { startMs: 0, endMs: 2000, text: 'I listened to both sides,' },
      { startMs: 65_000, endMs: 67_000, text: 'then built a prototype.' },
    ]);
    data.db.prepare("UPDATE sessions SET notes = 'Practise the ending. 面试 😀' WHERE id = 'x'").run();
  });
  afterEach(() => data.close());

  it('as Markdown: facts, notes, each question and answer, the transcript and the rubric coverage', async () => {
    const md = await call<{ fileName: string; text: string }>(data.dispatch, 'exportMarkdown', { sessionId: 'x' });
    expect(md.fileName).toBe('2025-05-06-backend-engineer-behavioral.md');
    const text = md.text;
    expect(text).toMatch(/^# Stripe — Backend Engineer: Behavioral\n/);
    expect(text).toContain('- **Date:** 2025-05-06 14:30');
    expect(text).toContain('- **Status:** Completed');
    expect(text).toContain('## Notes\n\nPractise the ending. 面试 😀');
    expect(text).toContain('### Question 1: Tell me about conflict.');
    expect(text).toContain(
      '> I listened to both sides, then built a prototype.\n>\n> \\# This line starts with a hash',
    );
    expect(text).toContain('### Question 2: Tell me about failure.\n\n*Skipped.*');
    expect(text).toContain('- `0:00` I listened to both sides,\n- `1:05` then built a prototype.');
    expect(text).toContain('## Rubric points mentioned');
    // The feedback travels too: clarifying exchange, STAR, delivery (spoken) and the better-answer outline.
    const feedback = text.slice(text.indexOf('## Feedback'));
    expect(text.indexOf('## Feedback')).toBeGreaterThan(0);
    expect(feedback).toContain(
      '- You asked: Should it be a work example?\n- Interviewer: Yes, from your last two jobs.',
    );
    expect(feedback).toContain('*Story structure (STAR):*');
    expect(feedback).toMatch(/- \[x\] Action — “I listened to both sides, then built a prototype\.”/);
    expect(feedback).toContain('The result has no number in it');
    expect(feedback).toContain('*Delivery (spoken):*');
    expect(feedback).toMatch(/- Pace while speaking: \d+ words\/min/);
    expect(feedback).toContain('*A better answer covers:*\n\n- Situation\n- Action\n- Result');
    expect(text).toContain('- **Questions:** 1 of 2 planned questions answered');
    expect(text).toContain(
      '- [x] Point 1 of conflict — mentioned: “I listened to both sides, then built a prototype.”',
    );
    expect(text).toContain('- [ ] Point 3 of conflict');
    // The headings come in reading order.
    const order = ['## Notes', '## Conversation', '### Question 1', '### Question 2', '## Rubric points mentioned'].map(
      (h) => text.indexOf(h),
    );
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(order.every((i) => i >= 0)).toBe(true);
  });

  it('as PDF: a real PDF with the same content; characters its fonts lack are replaced and said so', async () => {
    const pdf = await call<{ fileName: string; base64: string }>(data.dispatch, 'exportPdf', { sessionId: 'x' });
    expect(pdf.fileName).toBe('2025-05-06-backend-engineer-behavioral.pdf');
    const bytes = Buffer.from(pdf.base64, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.subarray(-6).toString()).toMatch(/%%EOF/);
    const text = pdfText(bytes);
    expect(text).toContain('Stripe — Backend Engineer: Behavioral');
    expect(text).toContain('Question 1: Tell me about conflict.');
    expect(text).toContain('I listened to both sides, then built a prototype.');
    expect(text).toContain('Story structure (STAR):');
    expect(text).toContain('A better answer covers:');
    expect(text).toContain('Practise the ending. ?? ?');
    expect(text).toMatch(/3 character\(s\) this PDF's font cannot show were replaced/);
  });

  it('answers NOT_FOUND for a session that is not there', async () => {
    expect((await failure(data.dispatch, 'exportMarkdown', { sessionId: 'gone' })).code).toBe('NOT_FOUND');
    expect((await failure(data.dispatch, 'exportPdf', { sessionId: 'gone' })).code).toBe('NOT_FOUND');
  });
});
