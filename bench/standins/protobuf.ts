/**
 * A small protobuf encoder for writing ONNX files. Messages are ropes of byte pieces whose
 * lengths are known up front; large tensor payloads are "lazy" pieces produced only while the
 * file is written, so a 200 MB model never sits in memory whole.
 */
import fs from 'node:fs';
import { WIRE } from '../../main/core/models/onnx-format.js';

export interface LazyPiece {
  length: number;
  produce(): Uint8Array;
}

export type Piece = Uint8Array | LazyPiece;

export class Rope {
  readonly pieces: Piece[] = [];
  length = 0;

  push(piece: Piece): this {
    this.pieces.push(piece);
    this.length += piece.length;
    return this;
  }

  append(rope: Rope): this {
    for (const piece of rope.pieces) this.push(piece);
    return this;
  }
}

export function varintBytes(value: number | bigint): Uint8Array {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return Uint8Array.from(out);
}

function tag(field: number, wire: number): Uint8Array {
  return varintBytes(field * 8 + wire);
}

/** Builds one message field by field. */
export class MessageWriter {
  readonly rope = new Rope();

  varint(field: number, value: number | bigint): this {
    this.rope.push(tag(field, WIRE.varint)).push(varintBytes(value));
    return this;
  }

  float(field: number, value: number): this {
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setFloat32(0, value, true);
    this.rope.push(tag(field, WIRE.fixed32)).push(bytes);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  bytes(field: number, value: Piece): this {
    this.rope.push(tag(field, WIRE.bytes)).push(varintBytes(value.length)).push(value);
    return this;
  }

  message(field: number, message: MessageWriter): this {
    this.rope.push(tag(field, WIRE.bytes)).push(varintBytes(message.rope.length)).append(message.rope);
    return this;
  }

  /** A packed repeated varint field (int64 dims, ints attributes). */
  packedVarints(field: number, values: readonly (number | bigint)[]): this {
    const encoded = values.map((v) => varintBytes(v));
    const length = encoded.reduce((sum, b) => sum + b.length, 0);
    this.rope.push(tag(field, WIRE.bytes)).push(varintBytes(length));
    for (const b of encoded) this.rope.push(b);
    return this;
  }

  packedFloats(field: number, values: readonly number[]): this {
    const bytes = new Uint8Array(values.length * 4);
    const view = new DataView(bytes.buffer);
    values.forEach((v, i) => view.setFloat32(i * 4, v, true));
    return this.bytes(field, bytes);
  }
}

/** Writes a rope to a file (through a temporary name, so a cut-off write never looks finished). */
export function writeRope(file: string, rope: Rope): void {
  const partial = `${file}.${process.pid}.part`;
  const fd = fs.openSync(partial, 'w');
  try {
    let batch: Uint8Array[] = [];
    let batched = 0;
    const flush = () => {
      if (batch.length > 0) fs.writevSync(fd, batch);
      batch = [];
      batched = 0;
    };
    for (const piece of rope.pieces) {
      const bytes = piece instanceof Uint8Array ? piece : piece.produce();
      if (bytes.length !== piece.length)
        throw new Error(`a lazy piece made ${bytes.length} bytes, not ${piece.length}`);
      batch.push(bytes);
      batched += bytes.length;
      if (batch.length >= 512 || batched >= 8 << 20) flush();
    }
    flush();
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(partial, file);
}
