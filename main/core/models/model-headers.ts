/**
 * Recognises model files by their first bytes, without loading them. Pure functions over a
 * Buffer, so every bad case (text, HTML, an empty file, a damaged header) is easy to test.
 * GGUF (the interviewer) and ONNX (speech: Whisper and Silero VAD for sherpa-onnx) are what the
 * app runs; whisper.cpp's ggml files are recognised to say that they are no longer used.
 */

/** Bytes to read from the start of a file for `sniffHeader`. */
export const HEADER_BYTES = 64;

const GGUF_MAGIC = 'GGUF';
/** whisper.cpp's ggml magic, 0x67676d6c little-endian ("lmgg" on disk). */
export const GGML_MAGIC = 0x67676d6c;

/** whisper.cpp hparams: eleven int32 after the magic. */
export interface WhisperHparams {
  nVocab: number;
  nAudioCtx: number;
  nAudioState: number;
  nAudioHead: number;
  nAudioLayer: number;
  nTextCtx: number;
  nTextState: number;
  nTextHead: number;
  nTextLayer: number;
  nMels: number;
  ftype: number;
}

export type HeaderSniff =
  | { kind: 'gguf' }
  | { kind: 'onnx' }
  | { kind: 'whisper'; hparams: WhisperHparams }
  | { kind: 'vad'; modelType: string }
  | { kind: 'empty' }
  | { kind: 'bad-whisper'; reason: string }
  | { kind: 'html' }
  | { kind: 'text'; preview: string }
  | { kind: 'unknown' };

export function sniffHeader(head: Buffer): HeaderSniff {
  if (head.length === 0) return { kind: 'empty' };
  if (head.length >= 4 && head.toString('latin1', 0, 4) === GGUF_MAGIC) return { kind: 'gguf' };
  if (head.length >= 4 && head.readUInt32LE(0) === GGML_MAGIC) return sniffGgml(head);
  if (looksLikeOnnx(head)) return { kind: 'onnx' };
  const text = head.toString('utf8');
  if (/^\s*(<!doctype html|<html|<head|<body|<\?xml)/i.test(text)) return { kind: 'html' };
  if (looksLikeText(head)) return { kind: 'text', preview: text.replace(/\s+/g, ' ').trim().slice(0, 40) };
  return { kind: 'unknown' };
}

function sniffGgml(head: Buffer): HeaderSniff {
  // whisper.cpp's VAD files store a length-prefixed model name ("silero-16k") where whisper has n_vocab.
  if (head.length >= 8) {
    const nameLength = head.readUInt32LE(4);
    if (nameLength > 0 && nameLength <= 48 && head.length >= 8 + nameLength) {
      const name = head.toString('latin1', 8, 8 + nameLength);
      if (/^silero/i.test(name)) return { kind: 'vad', modelType: name };
    }
  }
  if (head.length < 48) return { kind: 'bad-whisper', reason: 'the header is cut off' };
  const v = (i: number) => head.readInt32LE(4 + i * 4);
  const hparams: WhisperHparams = {
    nVocab: v(0),
    nAudioCtx: v(1),
    nAudioState: v(2),
    nAudioHead: v(3),
    nAudioLayer: v(4),
    nTextCtx: v(5),
    nTextState: v(6),
    nTextHead: v(7),
    nTextLayer: v(8),
    nMels: v(9),
    ftype: v(10),
  };
  const reason = whisperHparamsProblem(hparams);
  return reason ? { kind: 'bad-whisper', reason } : { kind: 'whisper', hparams };
}

/** Sanity ranges wide enough for every whisper size (tiny … large-v3) and the test models. */
export function whisperHparamsProblem(h: WhisperHparams): string | null {
  const inRange = (x: number, lo: number, hi: number) => Number.isInteger(x) && x >= lo && x <= hi;
  if (!inRange(h.nVocab, 50_000, 52_000)) return `its vocabulary size (${h.nVocab}) is not whisper's`;
  if (!inRange(h.nAudioCtx, 1, 3000) || !inRange(h.nTextCtx, 1, 4096)) return 'its context sizes are out of range';
  if (!inRange(h.nAudioState, 1, 8192) || !inRange(h.nTextState, 1, 8192)) return 'its layer widths are out of range';
  if (![h.nAudioHead, h.nAudioLayer, h.nTextHead, h.nTextLayer].every((x) => inRange(x, 1, 128)))
    return 'its layer counts are out of range';
  if (h.nMels !== 80 && h.nMels !== 128) return `its mel band count (${h.nMels}) is not 80 or 128`;
  // ftype carries the quantisation version in the thousands (e.g. 2008 for q8_0 files).
  if (!inRange(h.ftype % 1000, 0, 40) || h.ftype < 0) return `its weight type (${h.ftype}) is unknown`;
  return null;
}

/**
 * An ONNX model is a protobuf ModelProto that starts with ir_version (field 1, a small
 * number), then another field: producer name, graph, opset… (field 2–8 or 14, length-delimited).
 */
function looksLikeOnnx(head: Buffer): boolean {
  if (head.length < 3 || head[0] !== 0x08) return false;
  const irVersion = head[1]!;
  const next = head[2]!;
  const field = next >> 3;
  return irVersion >= 3 && irVersion <= 20 && (next & 7) === 2 && ((field >= 2 && field <= 8) || field === 14);
}

function looksLikeText(head: Buffer): boolean {
  let printable = 0;
  for (const byte of head) {
    if (byte === 0) return false;
    if (
      byte === 9 ||
      byte === 10 ||
      byte === 13 ||
      (byte >= 32 && byte < 127) ||
      byte >= 0xc0 ||
      (byte >= 0x80 && byte < 0xc0)
    )
      printable++;
  }
  return printable / head.length > 0.95;
}
