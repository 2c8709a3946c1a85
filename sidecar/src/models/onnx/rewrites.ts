/**
 * Graph rewrites that give the same outputs (up to float rounding) with fewer passes over memory.
 * PaddlePaddle's ONNX export writes PP-LCNetV3's hard-swish as four element-wise ops and each
 * "learnable affine block" as a Mul and an Add; ONNX Runtime fuses neither, and on CPU those
 * passes took about a third of the recogniser's time (measured with its profiler). Named in the
 * registry per session (`rewrites`), applied in memory when the session is made.
 */
import { attrFloat, attrInts, attrString, floatAttribute, makeNode, OnnxGraph, type FloatTensor, type OnnxNode } from './model';

export type RewriteName = 'hard-swish' | 'affine-into-conv';
export const REWRITE_NAMES: readonly RewriteName[] = ['hard-swish', 'affine-into-conv'];

/** The one reader of `name`, unless it is a graph output or read by several nodes. */
function soleConsumer(g: OnnxGraph, name: string, opType: string): OnnxNode | undefined {
	const c = g.consumers(name);
	return c.length === 1 && c[0]!.opType === opType && !g.isGraphOutput(name) ? c[0] : undefined;
}

/** A binary op with one scalar constant input: the scalar and the other input. */
function scalarOperand(g: OnnxGraph, n: OnnxNode): { k: number; other: string } | undefined {
	if (n.inputs.length !== 2) return undefined;
	for (const [a, b] of [n.inputs, [...n.inputs].reverse()]) {
		const k = g.scalar(a!);
		if (k !== undefined && g.scalar(b!) === undefined) return { k, other: b! };
	}
	return undefined;
}

function clipRange(g: OnnxGraph, clip: OnnxNode): [number, number] | undefined {
	// Opset < 11 holds the range in attributes, later opsets in optional inputs.
	const lo = clip.inputs[1] ? g.scalar(clip.inputs[1]) : attrFloat(clip, 'min');
	const hi = clip.inputs[2] ? g.scalar(clip.inputs[2]) : attrFloat(clip, 'max');
	return lo === undefined || hi === undefined ? undefined : [lo, hi];
}

const near = (a: number, b: number) => Math.abs(a - b) < 1e-6;

/**
 * x·clip(x + 3, 0, 6)/6 (Add, Clip, Mul, Div) → x·HardSigmoid(x) with α = 1/6, β = ½. HardSigmoid
 * is in every opset (HardSwish only from 14, and these files are opset 9); ONNX Runtime then runs
 * the pair as one pass beside the convolution.
 */
export function hardSwish(g: OnnxGraph): number {
	let count = 0;
	for (const add of [...g.nodes]) {
		if (add.opType !== 'Add') continue;
		const three = scalarOperand(g, add);
		if (!three || !near(three.k, 3)) continue;
		const x = three.other;
		const clip = soleConsumer(g, add.outputs[0]!, 'Clip');
		const range = clip && clipRange(g, clip);
		if (!clip || !range || !near(range[0], 0) || !near(range[1], 6)) continue;
		const mul = soleConsumer(g, clip.outputs[0]!, 'Mul');
		if (!mul || !mul.inputs.includes(x) || !mul.inputs.includes(clip.outputs[0]!)) continue;
		const div = soleConsumer(g, mul.outputs[0]!, 'Div');
		const six = div && div.inputs[0] === mul.outputs[0] ? g.scalar(div.inputs[1]!) : undefined;
		if (!div || six === undefined || !near(six, 6)) continue;
		const gate = add.outputs[0]!;
		g.nodes[g.nodes.indexOf(add)] = makeNode('HardSigmoid', [x], [gate], [floatAttribute('alpha', 1 / 6), floatAttribute('beta', 0.5)]);
		g.nodes[g.nodes.indexOf(mul)] = makeNode('Mul', [x, gate], [div.outputs[0]!]);
		g.nodes = g.nodes.filter((n) => n !== clip && n !== div);
		count++;
	}
	return count;
}

/** True when a convolution adds no padding (then a constant added to its input is a constant added to its output). */
function unpadded(conv: OnnxNode): boolean {
	const auto = attrString(conv, 'auto_pad');
	if (auto !== undefined && auto !== 'NOTSET' && auto !== 'VALID') return false;
	return (attrInts(conv, 'pads') ?? []).every((p) => p === 0);
}

/** A convolution's constant weights and bias (zeros where it has none); undefined where they are not constants. */
function convParams(g: OnnxGraph, conv: OnnxNode): { weight: FloatTensor; bias: Float32Array } | undefined {
	const weight = g.constant(conv.inputs[1]!);
	if (!weight || weight.dims.length !== 4) return undefined;
	const outCh = weight.dims[0]!;
	const bias = conv.inputs[2] ? g.constant(conv.inputs[2])?.data : new Float32Array(outCh);
	return bias && bias.length === outCh ? { weight, bias } : undefined;
}

/** Points a convolution at new weights (and a new bias, if given), kept as fresh constants. */
function setConvParams(g: OnnxGraph, conv: OnnxNode, weight: FloatTensor, bias?: Float32Array): void {
	conv.inputs[1] = g.addConstant(`${conv.inputs[1]}_affine`, weight);
	if (bias) conv.inputs[2] = g.addConstant(`${conv.inputs[2] ?? `${conv.outputs[0]}_bias`}_affine`, { dims: [bias.length], data: bias });
}

/** The Mul → Add pair of an affine block starting at `mul`, when both take a scalar and each is the other's only reader. */
function affineAt(g: OnnxGraph, mul: OnnxNode | undefined): { mul: OnnxNode; add: OnnxNode; s: number; b: number; x: string } | undefined {
	const scale = mul?.opType === 'Mul' ? scalarOperand(g, mul) : undefined;
	const add = scale && soleConsumer(g, mul!.outputs[0]!, 'Add');
	const shift = add && scalarOperand(g, add);
	return scale && add && shift ? { mul: mul!, add, s: scale.k, b: shift.k, x: scale.other } : undefined;
}

/** Conv → (y·s + b) for scalars s and b (the affine block after a convolution): W·s and B·s + b. */
function affineAfterConv(g: OnnxGraph): number {
	let count = 0;
	for (const conv of [...g.nodes]) {
		if (conv.opType !== 'Conv') continue;
		const affine = affineAt(g, soleConsumer(g, conv.outputs[0]!, 'Mul'));
		const params = affine && convParams(g, conv);
		if (!affine || !params) continue;
		const { weight, bias } = params;
		setConvParams(g, conv, { dims: weight.dims, data: weight.data.map((v) => v * affine.s) }, bias.map((v) => v * affine.s + affine.b));
		// The Add's output name stays (its readers keep their inputs); the convolution now writes it.
		conv.outputs[0] = affine.add.outputs[0]!;
		g.nodes = g.nodes.filter((n) => n !== affine.mul && n !== affine.add);
		count++;
	}
	return count;
}

/**
 * (x·s + b) → Conv, for scalars s and b (an affine block between an activation and the next
 * convolution), folded into that convolution: W·s, and b·ΣW into its bias where it pads nothing;
 * where it pads with zeros, only s is folded and the Add keeps b/s, since (x + b/s)·s = x·s + b
 * holds for the padding too.
 */
function affineBeforeConv(g: OnnxGraph): number {
	let count = 0;
	for (const mul of [...g.nodes]) {
		const affine = affineAt(g, mul);
		const conv = affine && soleConsumer(g, affine.add.outputs[0]!, 'Conv');
		const params = conv && conv.inputs[0] === affine.add.outputs[0] && affine.s !== 0 ? convParams(g, conv) : undefined;
		if (!affine || !conv || !params) continue;
		const { weight, bias } = params;
		const scaled = { dims: weight.dims, data: weight.data.map((v) => v * affine.s) };
		if (unpadded(conv)) {
			const per = weight.data.length / bias.length;
			const shifted = bias.map((v, o) => v + affine.b * weight.data.subarray(o * per, (o + 1) * per).reduce((sum, w) => sum + w, 0));
			setConvParams(g, conv, scaled, shifted);
			conv.inputs[0] = affine.x;
			g.nodes = g.nodes.filter((n) => n !== affine.mul && n !== affine.add);
		} else {
			setConvParams(g, conv, scaled);
			affine.add.inputs = [affine.x, g.addConstant(`${affine.add.outputs[0]}_shift`, { dims: [1], data: Float32Array.of(affine.b / affine.s) })];
			g.nodes = g.nodes.filter((n) => n !== affine.mul);
		}
		count++;
	}
	return count;
}

/** Both folds: the affine blocks after convolutions first (they sit between a convolution and its activation), then those before. */
export function affineIntoConv(g: OnnxGraph): number {
	return affineAfterConv(g) + affineBeforeConv(g);
}

const REWRITES: Record<RewriteName, (g: OnnxGraph) => number> = { 'hard-swish': hardSwish, 'affine-into-conv': affineIntoConv };

/** Applies the named rewrites in order; returns the new model and how many places each changed. */
export function rewriteModel(bytes: Uint8Array, names: readonly RewriteName[]): { bytes: Uint8Array; changed: Record<string, number> } {
	const g = new OnnxGraph(bytes);
	const changed: Record<string, number> = {};
	for (const name of names) changed[name] = REWRITES[name](g);
	g.prune();
	return { bytes: g.serialize(), changed };
}
