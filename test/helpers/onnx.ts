/**
 * A minimal ONNX model writer (protobuf by hand) for tests that need a real graph in ONNX Runtime
 * without downloading weights: initializers, nodes with int/ints/float attributes, typed inputs
 * and outputs. Field numbers follow onnx.proto (ModelProto, GraphProto, NodeProto, TensorProto…).
 */
type Bytes = number[];

function varint(v: number | bigint): Bytes {
	let n = BigInt.asUintN(64, BigInt(v));
	const out: Bytes = [];
	do {
		let b = Number(n & 0x7fn);
		n >>= 7n;
		if (n > 0n) b |= 0x80;
		out.push(b);
	} while (n > 0n);
	return out;
}
const key = (field: number, wire: number) => varint((field << 3) | wire);
const int = (field: number, v: number | bigint): Bytes => [...key(field, 0), ...varint(v)];
const bytes = (field: number, b: Bytes | Uint8Array): Bytes => [...key(field, 2), ...varint(b.length), ...b];
const str = (field: number, s: string): Bytes => bytes(field, [...Buffer.from(s, 'utf8')]);
const float = (field: number, v: number): Bytes => {
	const b = Buffer.alloc(4);
	b.writeFloatLE(v);
	return [...key(field, 5), ...b];
};

export const FLOAT = 1;
export const INT64 = 7;
export const BOOL = 9;
export const FLOAT16 = 10;

export interface Initializer {
	name: string;
	type: typeof FLOAT | typeof INT64;
	dims: number[];
	values: number[];
}

export interface Node {
	op: string;
	inputs: string[];
	outputs: string[];
	attrs?: Record<string, number | number[] | { float: number }>;
}

export interface ValueInfo {
	name: string;
	type: number;
	/** Numbers are fixed sizes, strings named (dynamic) dimensions. */
	shape: Array<number | string>;
}

function tensor(t: Initializer): Bytes {
	const raw = t.type === FLOAT ? Buffer.from(Float32Array.from(t.values).buffer) : Buffer.from(BigInt64Array.from(t.values.map((v) => BigInt(v))).buffer);
	return [...t.dims.flatMap((d) => int(1, d)), ...int(2, t.type), ...str(8, t.name), ...bytes(9, raw)];
}

function attribute(name: string, v: number | number[] | { float: number }): Bytes {
	if (Array.isArray(v)) return [...str(1, name), ...v.flatMap((x) => int(8, x)), ...int(20, 7)];
	if (typeof v === 'object') return [...str(1, name), ...float(2, v.float), ...int(20, 1)];
	return [...str(1, name), ...int(3, v), ...int(20, 2)];
}

function valueInfo(v: ValueInfo): Bytes {
	const dims = v.shape.flatMap((d) => bytes(1, typeof d === 'number' ? int(1, d) : str(2, d)));
	return [...str(1, v.name), ...bytes(2, bytes(1, [...int(1, v.type), ...bytes(2, dims)]))];
}

export function onnxModel(g: { inputs: ValueInfo[]; outputs: ValueInfo[]; nodes: Node[]; initializers: Initializer[] }, opset = 13): Buffer {
	const graph: Bytes = [
		...g.nodes.flatMap((n, i) => bytes(1, [...n.inputs.flatMap((x) => str(1, x)), ...n.outputs.flatMap((x) => str(2, x)), ...str(3, `n${i}`), ...str(4, n.op), ...Object.entries(n.attrs ?? {}).flatMap(([k, v]) => bytes(5, attribute(k, v)))])),
		...str(2, 'test-graph'),
		...g.initializers.flatMap((t) => bytes(5, tensor(t))),
		...g.inputs.flatMap((v) => bytes(11, valueInfo(v))),
		...g.outputs.flatMap((v) => bytes(12, valueInfo(v))),
	];
	return Buffer.from([...int(1, 8), ...str(2, 'n8n-nodes-gpu-inference tests'), ...bytes(8, [...str(1, ''), ...int(2, opset)]), ...bytes(7, graph)]);
}
