/**
 * The parts of ONNX's protobuf schema (onnx/onnx.proto3) the app reads and the benchmark's
 * stand-in writer writes: field numbers and enum values, in one place.
 */

/** Protobuf wire types. */
export const WIRE = { varint: 0, fixed64: 1, bytes: 2, fixed32: 5 } as const;

export const MODEL_FIELD = {
  irVersion: 1,
  producerName: 2,
  producerVersion: 3,
  graph: 7,
  opsetImport: 8,
  metadataProps: 14,
} as const;

export const OPSET_FIELD = { domain: 1, version: 2 } as const;
export const STRING_ENTRY_FIELD = { key: 1, value: 2 } as const;

export const GRAPH_FIELD = { node: 1, name: 2, initializer: 5, input: 11, output: 12 } as const;

export const NODE_FIELD = { input: 1, output: 2, name: 3, opType: 4, attribute: 5, domain: 7 } as const;

export const ATTRIBUTE_FIELD = { name: 1, f: 2, i: 3, s: 4, t: 5, floats: 7, ints: 8, type: 20 } as const;
export const ATTRIBUTE_TYPE = { float: 1, int: 2, string: 3, tensor: 4, floats: 6, ints: 7 } as const;

export const TENSOR_FIELD = { dims: 1, dataType: 2, name: 8, rawData: 9 } as const;

export const VALUE_INFO_FIELD = { name: 1, type: 2 } as const;
export const TYPE_FIELD = { tensorType: 1 } as const;
export const TENSOR_TYPE_FIELD = { elemType: 1, shape: 2 } as const;
export const SHAPE_FIELD = { dim: 1 } as const;
export const DIMENSION_FIELD = { value: 1, param: 2 } as const;

/** TensorProto.DataType values. */
export const DATA_TYPE = {
  float: 1,
  uint8: 2,
  int8: 3,
  int32: 6,
  int64: 7,
  bool: 9,
  float16: 10,
} as const;

export type DataTypeName = keyof typeof DATA_TYPE;

export const DATA_TYPE_BYTES: Record<DataTypeName, number> = {
  float: 4,
  uint8: 1,
  int8: 1,
  int32: 4,
  int64: 8,
  bool: 1,
  float16: 2,
};

/** The IR version and default-domain opset the stand-ins are written with (what ONNX Runtime 1.2x reads). */
export const IR_VERSION = 8;
export const OPSET_VERSION = 17;
