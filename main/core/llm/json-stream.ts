/**
 * Pulls one string field out of JSON while the model is still writing it, so the interviewer's
 * follow-up can be shown word by word although the model answers with a whole JSON object.
 * Assumes the text is shaped by a JSON grammar: the key is a real key, the value a JSON string.
 */
export interface StringFieldStream {
  push(chunk: string): void;
  /** Everything decoded so far (escapes resolved). */
  readonly text: string;
  readonly closed: boolean;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

export function streamStringField(field: string, onText: (text: string) => void): StringFieldStream {
  const opener = new RegExp(`"${field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\s*:\\s*"`);
  let raw = '';
  /** Index in raw of the first character of the value not decoded yet; -1 before the key is seen. */
  let cursor = -1;
  let decoded = '';
  let closed = false;

  function decodeAvailable(): void {
    let out = '';
    while (cursor < raw.length) {
      const ch = raw[cursor]!;
      if (ch === '"') {
        closed = true;
        cursor += 1;
        break;
      }
      if (ch !== '\\') {
        out += ch;
        cursor += 1;
        continue;
      }
      // An escape split across chunks waits for the rest of it.
      const next = raw[cursor + 1];
      if (next === undefined) break;
      if (next === 'u') {
        const hex = raw.slice(cursor + 2, cursor + 6);
        if (hex.length < 4) break;
        out += String.fromCharCode(Number.parseInt(hex, 16));
        cursor += 6;
        continue;
      }
      out += SIMPLE_ESCAPES[next] ?? next;
      cursor += 2;
    }
    if (out) {
      decoded += out;
      onText(out);
    }
  }

  return {
    push(chunk: string) {
      if (closed) return;
      raw += chunk;
      if (cursor < 0) {
        const match = opener.exec(raw);
        if (!match) return;
        cursor = match.index + match[0].length;
      }
      decodeAvailable();
    },
    get text() {
      return decoded;
    },
    get closed() {
      return closed;
    },
  };
}
