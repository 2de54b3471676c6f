import { describe, expect, it } from 'vitest';
import { streamStringField } from '../../../../main/core/llm/json-stream.js';

function feed(chunks: string[]): { pieces: string[]; text: string; closed: boolean } {
  const pieces: string[] = [];
  const stream = streamStringField('followUp', (t) => pieces.push(t));
  for (const chunk of chunks) stream.push(chunk);
  return { pieces, text: stream.text, closed: stream.closed };
}

describe('streamStringField', () => {
  it('emits only the field value, as it arrives', () => {
    const { pieces, text, closed } = feed([
      '{"action": "follow_up", ',
      '"followUp": "How',
      ' would you',
      ' test it?", "coveredRubricIds": ["a"]}',
    ]);
    expect(pieces).toEqual(['How', ' would you', ' test it?']);
    expect(text).toBe('How would you test it?');
    expect(closed).toBe(true);
  });

  it('finds the key when it is split across chunks', () => {
    const { text } = feed(['{"action": "follow_up", "foll', 'owUp"', ' : ', '"Why', '?"}']);
    expect(text).toBe('Why?');
  });

  it('decodes escapes, also when an escape is split across chunks', () => {
    const { text } = feed(['{"followUp": "Say \\', '"idempotent\\"', ' \\u00', 'e9 and\\nmore\\\\"}']);
    expect(text).toBe('Say "idempotent" é and\nmore\\');
  });

  it('stays silent when the field never comes (a move-on decision)', () => {
    const { pieces, closed } = feed(['{"action": "next_question", ', '"coveredRubricIds": ["followUp"]}']);
    expect(pieces).toEqual([]);
    expect(closed).toBe(false);
  });

  it('keeps what it has when the reply is cut off inside the value', () => {
    const { text, closed } = feed(['{"action": "follow_up", "followUp": "Can you walk me thro']);
    expect(text).toBe('Can you walk me thro');
    expect(closed).toBe(false);
  });
});
