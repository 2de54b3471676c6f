/**
 * Reading a zip archive without unpacking it all: the central directory gives every entry's name
 * and declared size up front, so an archive is judged (names, sizes, free disk) before a byte is
 * inflated; then each wanted entry is inflated as a stream, straight to disk, and stopped the
 * moment it produces more than it declared. CRC-32 and sizes are checked at the end of each.
 */
import fs from 'node:fs';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** Declared uncompressed size. */
  size: number;
  compressedSize: number;
  method: number;
  crc32: number;
  /** Offset of the local header. */
  headerOffset: number;
}

export class ZipError extends Error {}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
/** Compressed bytes handed to the inflater at once: bounds memory whatever the compression ratio. */
const CHUNK = 64 * 1024;

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function readZipDirectory(bytes: Uint8Array): ZipEntry[] {
  const dv = view(bytes);
  // The end record is in the last 22 bytes plus at most a 64 KB comment.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (dv.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('it is not a zip archive (no end of central directory)');
  const count = dv.getUint16(eocd + 10, true);
  const size = dv.getUint32(eocd + 12, true);
  const offset = dv.getUint32(eocd + 16, true);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    throw new ZipError('it is a ZIP64 archive, which the app does not read (unzip it and import the folder)');
  }
  if (offset + size > eocd) throw new ZipError('its central directory is cut off');
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || dv.getUint32(at, true) !== CENTRAL)
      throw new ZipError('its central directory is damaged');
    const flags = dv.getUint16(at + 8, true);
    const nameLength = dv.getUint16(at + 28, true);
    const extraLength = dv.getUint16(at + 30, true);
    const commentLength = dv.getUint16(at + 32, true);
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
    // Bit 11: UTF-8 names; otherwise the old DOS code page, read as Latin-1 (never used by the app's exports).
    const name = Buffer.from(nameBytes).toString(flags & 0x800 ? 'utf8' : 'latin1');
    if (flags & 0x1) throw new ZipError(`${name} is encrypted`);
    entries.push({
      name,
      method: dv.getUint16(at + 10, true),
      crc32: dv.getUint32(at + 16, true),
      compressedSize: dv.getUint32(at + 20, true),
      size: dv.getUint32(at + 24, true),
      headerOffset: dv.getUint32(at + 42, true),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The entry's compressed bytes, located through its local header. */
function dataOf(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const dv = view(bytes);
  const at = entry.headerOffset;
  if (at + 30 > bytes.length || dv.getUint32(at, true) !== LOCAL) throw new ZipError(`${entry.name} is damaged`);
  const start = at + 30 + dv.getUint16(at + 26, true) + dv.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new ZipError(`${entry.name} is cut off`);
  if (entry.method !== STORED && entry.method !== DEFLATED) {
    throw new ZipError(`${entry.name} uses a compression method the app does not read (${entry.method})`);
  }
  return bytes.subarray(start, end);
}

/** Counts bytes and CRC-32 as they pass; fails as soon as there are more than `limit`. */
class Meter extends Transform {
  bytes = 0;
  crc = 0;
  constructor(
    private readonly limit: number,
    private readonly name: string,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limit) {
      done(new ZipError(`${this.name} unpacks to more than it declared`));
      return;
    }
    this.crc = zlib.crc32(chunk, this.crc);
    done(null, chunk);
  }
}

function* chunks(data: Uint8Array): Generator<Uint8Array> {
  for (let i = 0; i < data.length; i += CHUNK) yield data.subarray(i, i + CHUNK);
}

function checkEnd(entry: ZipEntry, bytes: number, crc: number): void {
  if (bytes !== entry.size) throw new ZipError(`${entry.name} is cut off`);
  if (crc >>> 0 !== entry.crc32 >>> 0) throw new ZipError(`${entry.name} is damaged (checksum mismatch)`);
}

/** Streams one entry into a new file (never overwriting one), at most its declared size. */
export async function extractEntry(bytes: Uint8Array, entry: ZipEntry, target: string): Promise<void> {
  const data = dataOf(bytes, entry);
  const meter = new Meter(entry.size, entry.name);
  const input = Readable.from(chunks(data));
  const output = fs.createWriteStream(target, { flags: 'wx' });
  if (entry.method === DEFLATED) await pipeline(input, zlib.createInflateRaw(), meter, output);
  else await pipeline(input, meter, output);
  checkEnd(entry, meter.bytes, meter.crc);
}

/** A small entry (JSON) in memory, refused above `maxBytes`. */
export function readEntry(bytes: Uint8Array, entry: ZipEntry, maxBytes: number): Buffer {
  if (entry.size > maxBytes) throw new ZipError(`${entry.name} is larger than the app reads (${entry.size} bytes)`);
  const data = dataOf(bytes, entry);
  let out: Buffer;
  try {
    out =
      entry.method === DEFLATED
        ? zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) })
        : Buffer.from(data);
  } catch (error) {
    throw new ZipError(`${entry.name} is damaged (${(error as Error).message})`);
  }
  checkEnd(entry, out.length, zlib.crc32(out));
  return out;
}
