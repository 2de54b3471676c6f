/**
 * The GGUF container (version 3), as far as a stand-in model needs it: metadata key/values,
 * tensor descriptions and tensor data at aligned offsets. Layout of a file:
 *
 *   "GGUF" u32 version · u64 tensor count · u64 key/value count
 *   key/values: string key · u32 value type · value
 *   tensor infos: string name · u32 dimension count · u64 dimensions (innermost first) · u32 ggml type · u64 offset
 *   padding to the alignment · tensor data (each tensor's offset a multiple of the alignment)
 *
 * Strings are a u64 byte length and UTF-8 bytes; everything is little-endian.
 */
import fs from 'node:fs';

export const GGUF_MAGIC = 'GGUF';
export const GGUF_VERSION = 3;
/** general.alignment's default; tensor data offsets are multiples of it. */
export const GGUF_DEFAULT_ALIGNMENT = 32;

export enum GgufValueType {
  Uint8 = 0,
  Int8 = 1,
  Uint16 = 2,
  Int16 = 3,
  Uint32 = 4,
  Int32 = 5,
  Float32 = 6,
  Bool = 7,
  String = 8,
  Array = 9,
  Uint64 = 10,
  Int64 = 11,
  Float64 = 12,
}

/** The ggml tensor types a stand-in uses, with their block layout. */
export enum GgmlType {
  F32 = 0,
  F16 = 1,
  Q4_0 = 2,
  Q8_0 = 8,
}

/** Elements per block and bytes per block (Q4_0: an f16 scale + 32 4-bit values; Q8_0: an f16 scale + 32 int8). */
export const GGML_BLOCK: Record<GgmlType, { elements: number; bytes: number }> = {
  [GgmlType.F32]: { elements: 1, bytes: 4 },
  [GgmlType.F16]: { elements: 1, bytes: 2 },
  [GgmlType.Q4_0]: { elements: 32, bytes: 18 },
  [GgmlType.Q8_0]: { elements: 32, bytes: 34 },
};

const SCALAR_BYTES: Partial<Record<GgufValueType, number>> = {
  [GgufValueType.Uint8]: 1,
  [GgufValueType.Int8]: 1,
  [GgufValueType.Bool]: 1,
  [GgufValueType.Uint16]: 2,
  [GgufValueType.Int16]: 2,
  [GgufValueType.Uint32]: 4,
  [GgufValueType.Int32]: 4,
  [GgufValueType.Float32]: 4,
  [GgufValueType.Uint64]: 8,
  [GgufValueType.Int64]: 8,
  [GgufValueType.Float64]: 8,
};

export function ggufString(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(bytes.length));
  return Buffer.concat([length, bytes]);
}

/** One metadata entry, already encoded (key, type, value): written as is. */
export interface GgufKv {
  key: string;
  bytes: Buffer;
}

function kv(key: string, type: GgufValueType, value: Buffer): GgufKv {
  const typeBytes = Buffer.alloc(4);
  typeBytes.writeUInt32LE(type);
  return { key, bytes: Buffer.concat([ggufString(key), typeBytes, value]) };
}

export const kvString = (key: string, value: string): GgufKv => kv(key, GgufValueType.String, ggufString(value));

export function kvUint32(key: string, value: number): GgufKv {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(value);
  return kv(key, GgufValueType.Uint32, b);
}

export function kvFloat32(key: string, value: number): GgufKv {
  const b = Buffer.alloc(4);
  b.writeFloatLE(value);
  return kv(key, GgufValueType.Float32, b);
}

/** The item count of an array entry (e.g. tokenizer.ggml.tokens: the vocabulary size). */
export function kvArrayLength(entry: GgufKv): number {
  const at = 8 + Number(entry.bytes.readBigUInt64LE(0));
  if (entry.bytes.readUInt32LE(at) !== Number(GgufValueType.Array)) throw new Error(`${entry.key} is not an array`);
  return Number(entry.bytes.readBigUInt64LE(at + 8));
}

/** The value of a string entry. */
export function kvStringValue(entry: GgufKv): string {
  const at = 8 + Number(entry.bytes.readBigUInt64LE(0));
  if (entry.bytes.readUInt32LE(at) !== Number(GgufValueType.String)) throw new Error(`${entry.key} is not a string`);
  const length = Number(entry.bytes.readBigUInt64LE(at + 4));
  return entry.bytes.toString('utf8', at + 12, at + 12 + length);
}

class ShortRead extends Error {}

/** Reads through a file's header and returns its key/values as raw entries, to copy into another file. */
export function readGgufKvs(file: string): GgufKv[] {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    // The metadata is at the start; read more only when it goes on past what was read.
    for (let length = Math.min(size, 4 * 2 ** 20); ; length = Math.min(size, length * 4)) {
      const buffer = Buffer.alloc(length);
      fs.readSync(fd, buffer, 0, length, 0);
      try {
        return parseKvs(buffer, file);
      } catch (error) {
        if (!(error instanceof ShortRead)) throw error;
        if (length === size) throw new Error(`${file}: metadata is cut off`, { cause: error });
      }
    }
  } finally {
    fs.closeSync(fd);
  }
}

function parseKvs(buffer: Buffer, file: string): GgufKv[] {
  if (buffer.length < 24 || buffer.toString('latin1', 0, 4) !== GGUF_MAGIC)
    throw new Error(`${file} is not a GGUF file`);
  const version = buffer.readUInt32LE(4);
  if (version !== 2 && version !== 3) throw new Error(`${file}: GGUF version ${version} is not supported`);
  const count = Number(buffer.readBigUInt64LE(16));
  let at = 24;
  const need = (bytes: number) => {
    if (at + bytes > buffer.length) throw new ShortRead();
  };
  const u64 = () => {
    need(8);
    const value = Number(buffer.readBigUInt64LE(at));
    at += 8;
    return value;
  };
  const u32 = () => {
    need(4);
    const value = buffer.readUInt32LE(at);
    at += 4;
    return value;
  };
  const skipValue = (type: GgufValueType): void => {
    if (type === GgufValueType.String) {
      // Read the length before moving: `at += u64()` would add it to the position before the length.
      const length = u64();
      at += length;
    } else if (type === GgufValueType.Array) {
      const itemType = u32() as GgufValueType;
      const items = u64();
      const width = SCALAR_BYTES[itemType];
      if (width !== undefined) at += width * items;
      else for (let i = 0; i < items; i += 1) skipValue(itemType);
    } else {
      const width = SCALAR_BYTES[type];
      if (width === undefined) throw new Error(`${file}: unknown GGUF value type ${type}`);
      at += width;
    }
    need(0);
  };
  const entries: GgufKv[] = [];
  for (let i = 0; i < count; i += 1) {
    const start = at;
    const keyLength = u64();
    need(keyLength);
    const key = buffer.toString('utf8', at, at + keyLength);
    at += keyLength;
    skipValue(u32());
    entries.push({ key, bytes: Buffer.from(buffer.subarray(start, at)) });
  }
  return entries;
}

export interface TensorSpec {
  name: string;
  /** ggml order: the innermost (contiguous) dimension first. */
  dims: readonly number[];
  type: GgmlType;
}

export function tensorElements(dims: readonly number[]): number {
  return dims.reduce((product, d) => product * d, 1);
}

export function tensorBytes(tensor: Pick<TensorSpec, 'dims' | 'type'>): number {
  const block = GGML_BLOCK[tensor.type];
  const rowLength = tensor.dims[0] ?? 1;
  if (rowLength % block.elements !== 0)
    throw new Error(`a ${GgmlType[tensor.type]} row needs a multiple of ${block.elements} elements, not ${rowLength}`);
  return (tensorElements(tensor.dims) / block.elements) * block.bytes;
}

export const alignUp = (n: number, alignment: number): number => Math.ceil(n / alignment) * alignment;

export interface GgufLayout {
  /** Offset of each tensor from the start of the data section. */
  offsets: number[];
  /** Where the data section starts in the file. */
  dataStart: number;
  fileSize: number;
  header: Buffer;
}

/** The header (through the padding before the data) and where each tensor goes. */
export function ggufLayout(
  kvs: readonly GgufKv[],
  tensors: readonly TensorSpec[],
  alignment = GGUF_DEFAULT_ALIGNMENT,
): GgufLayout {
  const head = Buffer.alloc(24);
  head.write(GGUF_MAGIC, 0, 'latin1');
  head.writeUInt32LE(GGUF_VERSION, 4);
  head.writeBigUInt64LE(BigInt(tensors.length), 8);
  head.writeBigUInt64LE(BigInt(kvs.length), 16);
  const infos: Buffer[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const tensor of tensors) {
    offsets.push(offset);
    const fixed = Buffer.alloc(4 + 8 * tensor.dims.length + 4 + 8);
    let at = fixed.writeUInt32LE(tensor.dims.length, 0);
    for (const d of tensor.dims) at = fixed.writeBigUInt64LE(BigInt(d), at);
    at = fixed.writeUInt32LE(tensor.type, at);
    fixed.writeBigUInt64LE(BigInt(offset), at);
    infos.push(ggufString(tensor.name), fixed);
    offset = alignUp(offset + tensorBytes(tensor), alignment);
  }
  const unpadded = Buffer.concat([head, ...kvs.map((e) => e.bytes), ...infos]);
  const dataStart = alignUp(unpadded.length, alignment);
  const header = Buffer.concat([unpadded, Buffer.alloc(dataStart - unpadded.length)]);
  const last = tensors.length - 1;
  const dataSize = last < 0 ? 0 : offsets[last]! + tensorBytes(tensors[last]!);
  return { offsets, dataStart, fileSize: dataStart + dataSize, header };
}

/**
 * Writes a GGUF file: `fill` produces each tensor's bytes in pieces (any sizes) through `write`.
 * The file is written next to its final name and renamed at the end, so a cut-off run never
 * leaves a file that looks finished.
 */
export function writeGguf(
  file: string,
  kvs: readonly GgufKv[],
  tensors: readonly TensorSpec[],
  fill: (tensor: TensorSpec, write: (bytes: Uint8Array) => void) => void,
  alignment = GGUF_DEFAULT_ALIGNMENT,
): GgufLayout {
  const layout = ggufLayout(kvs, tensors, alignment);
  const partial = `${file}.${process.pid}.part`;
  const fd = fs.openSync(partial, 'w');
  try {
    fs.writeSync(fd, layout.header, 0, layout.header.length, 0);
    tensors.forEach((tensor, i) => {
      let position = layout.dataStart + layout.offsets[i]!;
      const end = position + tensorBytes(tensor);
      fill(tensor, (bytes) => {
        if (position + bytes.length > end) throw new Error(`too many bytes for tensor ${tensor.name}`);
        fs.writeSync(fd, bytes, 0, bytes.length, position);
        position += bytes.length;
      });
      if (position !== end)
        throw new Error(`tensor ${tensor.name} got ${position - (end - tensorBytes(tensor))} bytes`);
    });
    // Padding between tensors is left as a hole (zeros); the file ends with the last tensor.
    fs.ftruncateSync(fd, layout.fileSize);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(partial, { force: true });
    throw error;
  }
  fs.closeSync(fd);
  fs.renameSync(partial, file);
  return layout;
}
