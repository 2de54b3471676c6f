/**
 * Reads what an ONNX model file promises without loading it: IR and opset versions, graph
 * inputs and outputs, metadata and the initializers' names and shapes. The file is walked with
 * positioned reads, so a 200 MB model costs a few hundred kilobytes of reading, and a file that
 * is cut off or is not protobuf at all is caught here, before ONNX Runtime sees it (the speech
 * engine's native loader ends the process on a bad file instead of throwing).
 */
import fs from 'node:fs';
import {
  DIMENSION_FIELD,
  GRAPH_FIELD,
  MODEL_FIELD,
  OPSET_FIELD,
  SHAPE_FIELD,
  STRING_ENTRY_FIELD,
  TENSOR_FIELD,
  TENSOR_TYPE_FIELD,
  TYPE_FIELD,
  VALUE_INFO_FIELD,
  WIRE,
} from './onnx-format.js';

export interface OnnxValueInfo {
  name: string;
  elemType: number | null;
  /** A number for a fixed size, a string for a named (dynamic) one, null when unknown. */
  dims: (number | string | null)[];
}

export interface OnnxInitializer {
  name: string;
  dataType: number;
  dims: number[];
}

export interface OnnxSummary {
  irVersion: number;
  opsets: { domain: string; version: number }[];
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
  metadata: Record<string, string>;
  initializers: OnnxInitializer[];
  nodeCount: number;
}

export class OnnxFormatError extends Error {}

/** Reads are small: walking a graph jumps from one initializer header to the next, megabytes apart. */
const WINDOW = 4096;

/** Random access over a file through a small window. */
class FileCursor {
  private window = Buffer.alloc(0);
  private windowStart = 0;

  constructor(
    private readonly fd: number,
    readonly size: number,
  ) {}

  byte(at: number): number {
    if (at >= this.size) throw new OnnxFormatError('the file ends in the middle of a field (cut off?)');
    if (at < this.windowStart || at >= this.windowStart + this.window.length) {
      const length = Math.min(WINDOW, this.size - at);
      const buffer = Buffer.alloc(length);
      const read = fs.readSync(this.fd, buffer, 0, length, at);
      this.window = buffer.subarray(0, read);
      this.windowStart = at;
      if (read === 0) throw new OnnxFormatError('the file could not be read to its end');
    }
    return this.window[at - this.windowStart]!;
  }

  bytes(start: number, end: number): Buffer {
    if (end > this.size) throw new OnnxFormatError('the file ends in the middle of a field (cut off?)');
    const buffer = Buffer.alloc(end - start);
    fs.readSync(this.fd, buffer, 0, buffer.length, start);
    return buffer;
  }

  varint(at: number): { value: number; next: number } {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      const b = this.byte(at + i);
      value += (b & 0x7f) * scale;
      scale *= 128;
      if ((b & 0x80) === 0) return { value, next: at + i + 1 };
    }
    throw new OnnxFormatError('a number in the file is malformed');
  }
}

type FieldVisitor = (field: number, wire: number, value: number, start: number, end: number) => void;

/** Calls visit for each field of the message in [start, end); for length-delimited fields value is the length. */
function walk(cursor: FileCursor, start: number, end: number, visit: FieldVisitor): void {
  let at = start;
  while (at < end) {
    const tag = cursor.varint(at);
    const field = Math.floor(tag.value / 8);
    const wire = tag.value % 8;
    if (field === 0) throw new OnnxFormatError('the file is not a protobuf message (field 0)');
    at = tag.next;
    switch (wire) {
      case WIRE.varint: {
        const v = cursor.varint(at);
        visit(field, wire, v.value, at, v.next);
        at = v.next;
        break;
      }
      case WIRE.fixed64:
        visit(field, wire, 0, at, at + 8);
        at += 8;
        break;
      case WIRE.fixed32:
        visit(field, wire, 0, at, at + 4);
        at += 4;
        break;
      case WIRE.bytes: {
        const length = cursor.varint(at);
        const valueEnd = length.next + length.value;
        if (valueEnd > end) throw new OnnxFormatError('a field runs past the end of its message (cut off?)');
        visit(field, wire, length.value, length.next, valueEnd);
        at = valueEnd;
        break;
      }
      default:
        throw new OnnxFormatError(`the file is not a protobuf message (wire type ${wire})`);
    }
  }
  if (at !== end) throw new OnnxFormatError('a message runs past its end');
}

function text(cursor: FileCursor, start: number, end: number): string {
  if (end - start > 1 << 20) throw new OnnxFormatError('a text field is implausibly long');
  return cursor.bytes(start, end).toString('utf8');
}

function packedOrSingle(cursor: FileCursor, wire: number, value: number, start: number, end: number): number[] {
  if (wire === WIRE.varint) return [value];
  const out: number[] = [];
  for (let at = start; at < end;) {
    const v = cursor.varint(at);
    out.push(v.value);
    at = v.next;
  }
  return out;
}

function valueInfo(cursor: FileCursor, start: number, end: number): OnnxValueInfo {
  const info: OnnxValueInfo = { name: '', elemType: null, dims: [] };
  walk(cursor, start, end, (field, _wire, _value, s, e) => {
    if (field === VALUE_INFO_FIELD.name) info.name = text(cursor, s, e);
    if (field !== VALUE_INFO_FIELD.type) return;
    walk(cursor, s, e, (typeField, _w, _v, ts, te) => {
      if (typeField !== TYPE_FIELD.tensorType) return;
      walk(cursor, ts, te, (tensorField, _w2, tensorValue, ss, se) => {
        if (tensorField === TENSOR_TYPE_FIELD.elemType) info.elemType = tensorValue;
        if (tensorField !== TENSOR_TYPE_FIELD.shape) return;
        walk(cursor, ss, se, (shapeField, _w3, _v3, ds, de) => {
          if (shapeField !== SHAPE_FIELD.dim) return;
          let dim: number | string | null = null;
          walk(cursor, ds, de, (dimField, _w4, dimValue, vs, ve) => {
            if (dimField === DIMENSION_FIELD.value) dim = dimValue;
            if (dimField === DIMENSION_FIELD.param) dim = text(cursor, vs, ve);
          });
          info.dims.push(dim);
        });
      });
    });
  });
  return info;
}

function initializer(cursor: FileCursor, start: number, end: number): OnnxInitializer {
  const tensor: OnnxInitializer = { name: '', dataType: 0, dims: [] };
  walk(cursor, start, end, (field, wire, value, s, e) => {
    if (field === TENSOR_FIELD.name) tensor.name = text(cursor, s, e);
    else if (field === TENSOR_FIELD.dataType) tensor.dataType = value;
    else if (field === TENSOR_FIELD.dims) tensor.dims.push(...packedOrSingle(cursor, wire, value, s, e));
  });
  return tensor;
}

/** Throws OnnxFormatError when the file is not a complete ONNX model. */
export function readOnnxSummary(file: string): OnnxSummary {
  const fd = fs.openSync(file, 'r');
  try {
    const cursor = new FileCursor(fd, fs.fstatSync(fd).size);
    if (cursor.size === 0) throw new OnnxFormatError('the file is empty');
    const summary: OnnxSummary = {
      irVersion: 0,
      opsets: [],
      inputs: [],
      outputs: [],
      metadata: {},
      initializers: [],
      nodeCount: 0,
    };
    let graph: { start: number; end: number } | null = null;
    walk(cursor, 0, cursor.size, (field, wire, value, s, e) => {
      if (field === MODEL_FIELD.irVersion && wire === WIRE.varint) summary.irVersion = value;
      else if (field === MODEL_FIELD.graph && wire === WIRE.bytes) graph = { start: s, end: e };
      else if (field === MODEL_FIELD.opsetImport && wire === WIRE.bytes) {
        const opset = { domain: '', version: 0 };
        walk(cursor, s, e, (f, _w, v, os, oe) => {
          if (f === OPSET_FIELD.domain) opset.domain = text(cursor, os, oe);
          if (f === OPSET_FIELD.version) opset.version = v;
        });
        summary.opsets.push(opset);
      } else if (field === MODEL_FIELD.metadataProps && wire === WIRE.bytes) {
        let key = '';
        let val = '';
        walk(cursor, s, e, (f, _w, _v, ms, me) => {
          if (f === STRING_ENTRY_FIELD.key) key = text(cursor, ms, me);
          if (f === STRING_ENTRY_FIELD.value) val = text(cursor, ms, me);
        });
        summary.metadata[key] = val;
      }
    });
    const found = graph as { start: number; end: number } | null;
    if (summary.irVersion === 0 || !found) throw new OnnxFormatError('the file has no ONNX model graph');
    walk(cursor, found.start, found.end, (field, wire, _value, s, e) => {
      if (wire !== WIRE.bytes) return;
      if (field === GRAPH_FIELD.node) summary.nodeCount++;
      else if (field === GRAPH_FIELD.input) summary.inputs.push(valueInfo(cursor, s, e));
      else if (field === GRAPH_FIELD.output) summary.outputs.push(valueInfo(cursor, s, e));
      else if (field === GRAPH_FIELD.initializer) summary.initializers.push(initializer(cursor, s, e));
    });
    // Initializers are listed among the inputs in older exports; they are not inputs to feed.
    const constants = new Set(summary.initializers.map((t) => t.name));
    summary.inputs = summary.inputs.filter((i) => !constants.has(i.name));
    return summary;
  } finally {
    fs.closeSync(fd);
  }
}
