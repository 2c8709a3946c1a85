/**
 * An ONNX model as an editable graph: its nodes (op, inputs, outputs, attributes) and its float
 * constants, over the wire-format fields of `wire.ts`. Everything not edited is written back as
 * it was read. Field numbers are those of onnx.proto (ModelProto, GraphProto, NodeProto,
 * AttributeProto, TensorProto).
 */
import { field, readFields, value, writeFields, type Field } from './wire';

const MODEL_GRAPH = 7;
const GRAPH = { node: 1, initializer: 5, input: 11, output: 12 } as const;
const NODE = { input: 1, output: 2, name: 3, opType: 4, attribute: 5 } as const;
const ATTR = { name: 1, f: 2, i: 3, s: 4, t: 5, floats: 7, ints: 8, type: 20 } as const;
const ATTR_TYPE_FLOAT = 1;
const ATTR_TYPE_INT = 2;
const ATTR_TYPE_INTS = 7;
const TENSOR = { dims: 1, dataType: 2, floatData: 4, name: 8, rawData: 9, dataLocation: 14 } as const;
/** TensorProto element types used here. */
export const ELEM = { float: 1, int32: 6, int64: 7 } as const;
const MODEL_OPSET = 8;
const OPSET = { domain: 1, version: 2 } as const;
const VALUE_INFO = { name: 1, type: 2 } as const;
/** TypeProto.tensor_type, its elem_type and shape; TensorShapeProto.dim; a dimension's dim_value or dim_param. */
const TYPE = { tensor: 1, elemType: 1, shape: 2, dim: 1, dimValue: 1, dimParam: 2 } as const;

export interface FloatTensor {
	dims: number[];
	data: Float32Array;
}

export interface OnnxNode {
	opType: string;
	inputs: string[];
	outputs: string[];
	/** Each attribute's own fields (name, type, value). */
	attributes: Field[][];
	/** Name, domain, doc string: written back untouched. */
	rest: Field[];
}

export function attribute(node: OnnxNode, name: string): Field[] | undefined {
	return node.attributes.find((a) => a.some((f) => f.no === ATTR.name && value.string(f) === name));
}

export function attrInts(node: OnnxNode, name: string): number[] | undefined {
	const a = attribute(node, name);
	if (!a) return undefined;
	const single = a.filter((f) => f.no === ATTR.i);
	return value.ints(single.length > 0 ? single : a.filter((f) => f.no === ATTR.ints)).map(Number);
}

export function attrFloat(node: OnnxNode, name: string): number | undefined {
	const f = attribute(node, name)?.find((x) => x.no === ATTR.f);
	return f ? value.float(f) : undefined;
}

export function attrString(node: OnnxNode, name: string): string | undefined {
	const f = attribute(node, name)?.find((x) => x.no === ATTR.s);
	return f ? value.string(f) : undefined;
}

export function floatAttribute(name: string, v: number): Field[] {
	return [field.string(ATTR.name, name), field.float(ATTR.f, v), field.varint(ATTR.type, ATTR_TYPE_FLOAT)];
}

export function intAttribute(name: string, v: number): Field[] {
	return [field.string(ATTR.name, name), field.varint(ATTR.i, v), field.varint(ATTR.type, ATTR_TYPE_INT)];
}

export function intsAttribute(name: string, vs: readonly number[]): Field[] {
	return [field.string(ATTR.name, name), ...vs.map((v) => field.varint(ATTR.ints, v)), field.varint(ATTR.type, ATTR_TYPE_INTS)];
}

/** A float tensor from a TensorProto's fields; undefined for other types or external data. */
function readFloatTensor(fields: readonly Field[]): FloatTensor | undefined {
	const type = fields.find((f) => f.no === TENSOR.dataType);
	if (!type || value.int(type) !== BigInt(ELEM.float) || fields.some((f) => f.no === TENSOR.dataLocation && value.int(f) !== 0n)) return undefined;
	const dims = value.ints(fields.filter((f) => f.no === TENSOR.dims)).map(Number);
	const raw = fields.find((f) => f.no === TENSOR.rawData);
	if (raw) return { dims, data: new Float32Array(raw.payload.slice().buffer) };
	const data = fields.filter((f) => f.no === TENSOR.floatData).flatMap((f) => {
		const bytes = f.payload.slice();
		return Array.from(new Float32Array(bytes.buffer, 0, bytes.length / 4));
	});
	return { dims, data: Float32Array.from(data) };
}

function tensorFields(name: string, t: FloatTensor): Field[] {
	const raw = new Uint8Array(t.data.buffer.slice(t.data.byteOffset, t.data.byteOffset + t.data.byteLength));
	return [...t.dims.map((d) => field.varint(TENSOR.dims, d)), field.varint(TENSOR.dataType, ELEM.float), field.string(TENSOR.name, name), field.bytes(TENSOR.rawData, raw)];
}

/** A ValueInfoProto: name, and a tensor type (TypeProto.tensor_type: elem_type, shape of dim_value / dim_param). */
function valueInfo(name: string, elemType: number, dims: ReadonlyArray<number | string>): Uint8Array {
	const dim = (d: number | string) => field.bytes(TYPE.dim, writeFields([typeof d === 'number' ? field.varint(TYPE.dimValue, d) : field.string(TYPE.dimParam, d)]));
	const tensorType = writeFields([field.varint(TYPE.elemType, elemType), field.bytes(TYPE.shape, writeFields(dims.map(dim)))]);
	return writeFields([field.string(VALUE_INFO.name, name), field.bytes(VALUE_INFO.type, writeFields([field.bytes(TYPE.tensor, tensorType)]))]);
}

function readNode(payload: Uint8Array): OnnxNode {
	const node: OnnxNode = { opType: '', inputs: [], outputs: [], attributes: [], rest: [] };
	for (const f of readFields(payload)) {
		if (f.no === NODE.input) node.inputs.push(value.string(f));
		else if (f.no === NODE.output) node.outputs.push(value.string(f));
		else if (f.no === NODE.opType) node.opType = value.string(f);
		else if (f.no === NODE.attribute) node.attributes.push(readFields(f.payload));
		else node.rest.push(f);
	}
	return node;
}

/** Fields in field-number order, as protobuf writers emit them (so an unedited model is written back byte for byte). */
const inOrder = (fields: Field[]) => fields.map((f, i) => ({ f, i })).sort((a, b) => a.f.no - b.f.no || a.i - b.i).map((x) => x.f);

function writeNode(n: OnnxNode): Uint8Array {
	return writeFields(inOrder([
		...n.inputs.map((i) => field.string(NODE.input, i)),
		...n.outputs.map((o) => field.string(NODE.output, o)),
		field.string(NODE.opType, n.opType),
		...n.attributes.map((a) => field.bytes(NODE.attribute, writeFields(a))),
		...n.rest,
	]));
}

export function makeNode(opType: string, inputs: string[], outputs: string[], attributes: Field[][] = []): OnnxNode {
	return { opType, inputs, outputs, attributes, rest: [field.string(NODE.name, outputs[0]!)] };
}

export class OnnxGraph {
	nodes: OnnxNode[];
	private readonly modelFields: Field[];
	private readonly graphFields: Field[];
	/** Initializers by name, as read (fields) or added (tensor). */
	private readonly initializers = new Map<string, Field[] | FloatTensor>();
	private readonly graphInputs: Set<string>;
	private readonly graphOutputs: Set<string>;

	constructor(bytes: Uint8Array) {
		this.modelFields = readFields(bytes);
		const graph = this.modelFields.find((f) => f.no === MODEL_GRAPH);
		if (!graph) throw new Error('not an ONNX model: no graph');
		const fields = readFields(graph.payload);
		this.nodes = fields.filter((f) => f.no === GRAPH.node).map((f) => readNode(f.payload));
		for (const f of fields.filter((x) => x.no === GRAPH.initializer)) {
			const t = readFields(f.payload);
			const name = t.find((x) => x.no === TENSOR.name);
			this.initializers.set(name ? value.string(name) : '', t);
		}
		this.graphFields = fields.filter((f) => f.no !== GRAPH.node && f.no !== GRAPH.initializer);
		const names = (no: number) => new Set(fields.filter((f) => f.no === no).map((f) => value.string(readFields(f.payload).find((x) => x.no === VALUE_INFO.name)!)));
		this.graphInputs = names(GRAPH.input);
		this.graphOutputs = names(GRAPH.output);
	}

	/** A float constant by name: an initializer or the output of a Constant node. */
	constant(name: string): FloatTensor | undefined {
		const init = this.initializers.get(name);
		if (init) return Array.isArray(init) ? readFloatTensor(init) : init;
		const node = this.nodes.find((n) => n.opType === 'Constant' && n.outputs[0] === name);
		const t = node && attribute(node, 'value')?.find((f) => f.no === ATTR.t);
		return t ? readFloatTensor(readFields(t.payload)) : undefined;
	}

	/** A scalar float constant (any shape of one element). */
	scalar(name: string): number | undefined {
		const t = this.constant(name);
		return t && t.data.length === 1 ? t.data[0] : undefined;
	}

	/** The default (ai.onnx) opset the model imports. */
	get opset(): number {
		for (const f of this.modelFields.filter((x) => x.no === MODEL_OPSET)) {
			const fields = readFields(f.payload);
			const domain = fields.find((x) => x.no === OPSET.domain);
			const version = fields.find((x) => x.no === OPSET.version);
			if ((!domain || value.string(domain) === '' || value.string(domain) === 'ai.onnx') && version) return Number(value.int(version));
		}
		return 1;
	}

	get outputs(): string[] {
		return [...this.graphOutputs];
	}

	/** True when a node, an initializer or a graph input already uses `name`. */
	hasName(name: string): boolean {
		return this.initializers.has(name) || this.graphInputs.has(name) || this.nodes.some((n) => n.outputs.includes(name));
	}

	/** Adds a float initializer under a fresh name derived from `base`; returns the name. */
	addConstant(base: string, t: FloatTensor): string {
		let name = base;
		for (let k = 1; this.hasName(name); k++) name = `${base}_${k}`;
		this.initializers.set(name, t);
		return name;
	}

	/** The node that writes `name` (undefined for graph inputs, initializers and constants' readers). */
	producer(name: string): OnnxNode | undefined {
		return this.nodes.find((n) => n.opType !== 'Constant' && n.outputs.includes(name));
	}

	consumers(name: string): OnnxNode[] {
		return this.nodes.filter((n) => n.inputs.includes(name));
	}

	isGraphOutput(name: string): boolean {
		return this.graphOutputs.has(name);
	}

	/**
	 * Declares a tensor the graph hands out (or takes in): its element type (`ELEM`) and shape, a
	 * name for each dimension the caller sets (e.g. "batch").
	 */
	addGraphOutput(name: string, elemType: number, dims: ReadonlyArray<number | string>): void {
		this.graphFields.push(field.bytes(GRAPH.output, valueInfo(name, elemType, dims)));
		this.graphOutputs.add(name);
	}

	addGraphInput(name: string, elemType: number, dims: ReadonlyArray<number | string>): void {
		this.graphFields.push(field.bytes(GRAPH.input, valueInfo(name, elemType, dims)));
		this.graphInputs.add(name);
	}

	/** Drops Constant nodes and initializers nothing reads any more. */
	prune(): void {
		const used = new Set(this.nodes.flatMap((n) => n.inputs));
		this.nodes = this.nodes.filter((n) => n.opType !== 'Constant' || n.outputs.some((o) => used.has(o) || this.isGraphOutput(o)));
		for (const name of [...this.initializers.keys()]) if (!used.has(name) && !this.graphInputs.has(name)) this.initializers.delete(name);
	}

	serialize(): Uint8Array {
		const graph = writeFields(inOrder([
			...this.nodes.map((n) => field.bytes(GRAPH.node, writeNode(n))),
			...[...this.initializers].map(([name, t]) => field.bytes(GRAPH.initializer, writeFields(Array.isArray(t) ? t : tensorFields(name, t)))),
			...this.graphFields,
		]));
		return writeFields(this.modelFields.map((f) => (f.no === MODEL_GRAPH ? field.bytes(MODEL_GRAPH, graph) : f)));
	}
}
