/**
 * Builds ONNX graphs node by node and serialises them (ModelProto) with the protobuf encoder.
 * Just enough of ONNX for stand-in models: float/int tensors, attributes, metadata.
 */
import {
  ATTRIBUTE_FIELD,
  ATTRIBUTE_TYPE,
  DATA_TYPE,
  DATA_TYPE_BYTES,
  DIMENSION_FIELD,
  GRAPH_FIELD,
  IR_VERSION,
  MODEL_FIELD,
  NODE_FIELD,
  OPSET_FIELD,
  OPSET_VERSION,
  SHAPE_FIELD,
  STRING_ENTRY_FIELD,
  TENSOR_FIELD,
  TENSOR_TYPE_FIELD,
  TYPE_FIELD,
  VALUE_INFO_FIELD,
  type DataTypeName,
} from '../../main/core/models/onnx-format.js';
import { MessageWriter, type Piece, type Rope } from './protobuf.js';
import { bytesOf } from './random.js';

export type AttributeValue = number | number[] | string | { float: number };
export type Dim = number | string;

export interface InitializerInfo {
  name: string;
  dataType: DataTypeName;
  dims: number[];
}

export class Graph {
  private readonly nodes: MessageWriter[] = [];
  private readonly initializers: MessageWriter[] = [];
  private readonly inputs: MessageWriter[] = [];
  private readonly outputs: MessageWriter[] = [];
  readonly initializerInfo: InitializerInfo[] = [];
  private counter = 0;

  constructor(readonly name: string) {}

  private fresh(prefix: string): string {
    return `${prefix}_${this.counter++}`;
  }

  /** A stored tensor; data may be a lazy piece produced while the file is written. */
  init(name: string, dataType: DataTypeName, dims: number[], data: Piece): string {
    const expected = dims.reduce((a, b) => a * b, 1) * DATA_TYPE_BYTES[dataType];
    if (data.length !== expected) throw new Error(`${name}: ${data.length} bytes for ${expected}`);
    const tensor = new MessageWriter()
      .packedVarints(TENSOR_FIELD.dims, dims)
      .varint(TENSOR_FIELD.dataType, DATA_TYPE[dataType])
      .string(TENSOR_FIELD.name, name)
      .bytes(TENSOR_FIELD.rawData, data);
    this.initializers.push(tensor);
    this.initializerInfo.push({ name, dataType, dims });
    return name;
  }

  /** A small constant (names start with "const/" so counts of model parameters can skip them). */
  constFloat(values: number[], dims: number[] = [values.length]): string {
    return this.init(this.fresh('const/f'), 'float', dims, bytesOf(Float32Array.from(values)));
  }

  constInt64(values: number[], dims: number[] = [values.length]): string {
    return this.init(this.fresh('const/i'), 'int64', dims, bytesOf(BigInt64Array.from(values.map((v) => BigInt(v)))));
  }

  op(opType: string, inputs: string[], attributes: Record<string, AttributeValue> = {}, outputCount = 1): string[] {
    const outputs = Array.from({ length: outputCount }, () => this.fresh(opType.toLowerCase()));
    this.opInto(opType, inputs, outputs, attributes);
    return outputs;
  }

  /** One node with one output. */
  one(opType: string, inputs: string[], attributes: Record<string, AttributeValue> = {}): string {
    return this.op(opType, inputs, attributes)[0]!;
  }

  /** A node writing to given output names (graph outputs). */
  opInto(opType: string, inputs: string[], outputs: string[], attributes: Record<string, AttributeValue> = {}): void {
    const node = new MessageWriter();
    for (const i of inputs) node.string(NODE_FIELD.input, i);
    for (const o of outputs) node.string(NODE_FIELD.output, o);
    node.string(NODE_FIELD.name, this.fresh(`node_${opType}`)).string(NODE_FIELD.opType, opType);
    for (const [name, value] of Object.entries(attributes)) node.message(NODE_FIELD.attribute, attribute(name, value));
    this.nodes.push(node);
  }

  input(name: string, dataType: DataTypeName, dims: Dim[]): string {
    this.inputs.push(valueInfo(name, dataType, dims));
    return name;
  }

  output(name: string, dataType: DataTypeName, dims: Dim[]): void {
    this.outputs.push(valueInfo(name, dataType, dims));
  }

  toMessage(): MessageWriter {
    const graph = new MessageWriter();
    for (const n of this.nodes) graph.message(GRAPH_FIELD.node, n);
    graph.string(GRAPH_FIELD.name, this.name);
    for (const t of this.initializers) graph.message(GRAPH_FIELD.initializer, t);
    for (const i of this.inputs) graph.message(GRAPH_FIELD.input, i);
    for (const o of this.outputs) graph.message(GRAPH_FIELD.output, o);
    return graph;
  }
}

function attribute(name: string, value: AttributeValue): MessageWriter {
  const a = new MessageWriter().string(ATTRIBUTE_FIELD.name, name);
  if (typeof value === 'number')
    return a.varint(ATTRIBUTE_FIELD.i, value).varint(ATTRIBUTE_FIELD.type, ATTRIBUTE_TYPE.int);
  if (typeof value === 'string')
    return a.string(ATTRIBUTE_FIELD.s, value).varint(ATTRIBUTE_FIELD.type, ATTRIBUTE_TYPE.string);
  if (Array.isArray(value))
    return a.packedVarints(ATTRIBUTE_FIELD.ints, value).varint(ATTRIBUTE_FIELD.type, ATTRIBUTE_TYPE.ints);
  return a.float(ATTRIBUTE_FIELD.f, value.float).varint(ATTRIBUTE_FIELD.type, ATTRIBUTE_TYPE.float);
}

function valueInfo(name: string, dataType: DataTypeName, dims: Dim[]): MessageWriter {
  const shape = new MessageWriter();
  for (const d of dims) {
    const dim = new MessageWriter();
    if (typeof d === 'number') dim.varint(DIMENSION_FIELD.value, d);
    else dim.string(DIMENSION_FIELD.param, d);
    shape.message(SHAPE_FIELD.dim, dim);
  }
  const tensorType = new MessageWriter()
    .varint(TENSOR_TYPE_FIELD.elemType, DATA_TYPE[dataType])
    .message(TENSOR_TYPE_FIELD.shape, shape);
  const type = new MessageWriter().message(TYPE_FIELD.tensorType, tensorType);
  return new MessageWriter().string(VALUE_INFO_FIELD.name, name).message(VALUE_INFO_FIELD.type, type);
}

/** A whole ONNX file: IR version, default-domain opset, the graph and string metadata. */
export function modelRope(graph: Graph, metadata: Record<string, string | number>): Rope {
  const opset = new MessageWriter().string(OPSET_FIELD.domain, '').varint(OPSET_FIELD.version, OPSET_VERSION);
  const model = new MessageWriter()
    .varint(MODEL_FIELD.irVersion, IR_VERSION)
    .string(MODEL_FIELD.producerName, 'interview-rehearsal-bench')
    .message(MODEL_FIELD.graph, graph.toMessage())
    .message(MODEL_FIELD.opsetImport, opset);
  for (const [key, value] of Object.entries(metadata)) {
    model.message(
      MODEL_FIELD.metadataProps,
      new MessageWriter().string(STRING_ENTRY_FIELD.key, key).string(STRING_ENTRY_FIELD.value, String(value)),
    );
  }
  return model.rope;
}
