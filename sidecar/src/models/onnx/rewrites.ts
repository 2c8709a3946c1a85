/**
 * Graph rewrites that give the same outputs (up to float rounding) with fewer passes over memory.
 * PaddlePaddle's ONNX export writes PP-LCNetV3's hard-swish as four element-wise ops and each
 * "learnable affine block" as a Mul and an Add; ONNX Runtime fuses neither, and on CPU those
 * passes took about a third of the recogniser's time (measured with its profiler). Named in the
 * registry per session (`rewrites`), applied in memory when the session is made.
 */
import { attrFloat, attrInts, attrString, floatAttribute, makeNode, OnnxGraph, type OnnxNode } from './model';

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

/**
 * (x·s + b) → Conv, for scalars s and b (an affine block between an activation and the next
 * convolution), folded into that convolution: W·s, and b·ΣW into its bias where it pads nothing;
 * where it pads with zeros, only s is folded and the Add keeps b/s, since (x + b/s)·s = x·s + b
 * holds for the padding too.
 */
export function affineIntoConv(g: OnnxGraph): number {
	let count = affineAfterConv(g);
	for (const mul of [...g.nodes]) {
		if (mul.opType !== 'Mul') continue;
		const scale = scalarOperand(g, mul);
		const add = scale && soleConsumer(g, mul.outputs[0]!, 'Add');
		const shift = add && scalarOperand(g, add);
		const conv = add && soleConsumer(g, add.outputs[0]!, 'Conv');
		if (!scale || !add || !shift || !conv || conv.inputs[0] !== add.outputs[0]) continue;
		const weight = g.constant(conv.inputs[1]!);
		if (!weight || weight.dims.length !== 4 || scale.k === 0) continue;
		const [outCh] = weight.dims as [number];
		const per = weight.data.length / outCh;
		const bias = conv.inputs[2] ? g.constant(conv.inputs[2]) : { dims: [outCh], data: new Float32Array(outCh) };
		if (!bias || bias.data.length !== outCh) continue;
		const w = weight.data.map((v) => v * scale.k);
		conv.inputs[1] = g.addConstant(`${conv.inputs[1]}_affine`, { dims: weight.dims, data: w });
		if (unpadded(conv)) {
			const b = bias.data.map((v, o) => {
				let sum = 0;
				for (let i = o * per; i < (o + 1) * per; i++) sum += weight.data[i]!;
				return v + shift.k * sum;
			});
			conv.inputs[2] = g.addConstant(`${conv.inputs[2] ?? `${conv.outputs[0]}_bias`}_affine`, { dims: [outCh], data: b });
			conv.inputs[0] = scale.other;
			g.nodes = g.nodes.filter((n) => n !== mul && n !== add);
		} else {
			add.inputs = [scale.other, g.addConstant(`${add.outputs[0]}_shift`, { dims: [1], data: Float32Array.of(shift.k / scale.k) })];
			g.nodes = g.nodes.filter((n) => n !== mul);
		}
		count++;
	}
	return count;
}

/** Conv → (y·s + b) for scalars s and b (the affine block after a convolution): W·s and B·s + b. */
export function affineAfterConv(g: OnnxGraph): number {
	let count = 0;
	for (const conv of [...g.nodes]) {
		if (conv.opType !== 'Conv') continue;
		const mul = soleConsumer(g, conv.outputs[0]!, 'Mul');
		const scale = mul && scalarOperand(g, mul);
		const add = mul && soleConsumer(g, mul.outputs[0]!, 'Add');
		const shift = add && scalarOperand(g, add);
		const weight = g.constant(conv.inputs[1]!);
		if (!mul || !scale || !add || !shift || !weight || weight.dims.length !== 4) continue;
		const outCh = weight.dims[0]!;
		const bias = conv.inputs[2] ? g.constant(conv.inputs[2]) : { dims: [outCh], data: new Float32Array(outCh) };
		if (!bias || bias.data.length !== outCh) continue;
		conv.inputs[1] = g.addConstant(`${conv.inputs[1]}_affine`, { dims: weight.dims, data: weight.data.map((v) => v * scale.k) });
		conv.inputs[2] = g.addConstant(`${conv.inputs[2] ?? `${conv.outputs[0]}_bias`}_affine`, { dims: [outCh], data: bias.data.map((v) => v * scale.k + shift.k) });
		// The Add's output name stays (its readers keep their inputs); the convolution now writes it.
		conv.outputs[0] = add.outputs[0]!;
		g.nodes = g.nodes.filter((n) => n !== mul && n !== add);
		count++;
	}
	return count;
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
