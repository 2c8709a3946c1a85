/**
 * Graph rewrites that give the same outputs (up to float rounding) with fewer passes over memory.
 * PaddlePaddle's ONNX export writes PP-LCNetV3's hard-swish as four element-wise ops and each
 * "learnable affine block" as a Mul and an Add; ONNX Runtime fuses neither, and on CPU those
 * passes took about a third of the recogniser's time (measured with its profiler): `hard-swish`,
 * `affine-into-conv` and `affine-as-conv` remove them. `ctc-summary` adds outputs (the recogniser's
 * best class per step) so that far less is copied out. Named in the registry per session
 * (`rewrites`), applied in memory when the session is made.
 */
import { attrFloat, attrInts, attrString, ELEM, floatAttribute, intAttribute, intsAttribute, makeNode, OnnxGraph, type FloatTensor, type OnnxNode } from './model';

export const REWRITE_NAMES = ['hard-swish', 'affine-into-conv', 'affine-as-conv', 'ctc-summary'] as const;
export type RewriteName = (typeof REWRITE_NAMES)[number];

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

/** Ops that keep their input's channels: a feature map's channel count is that of the convolution before them. */
const CHANNEL_KEEPING = new Set(['Mul', 'Add', 'HardSigmoid', 'Relu', 'Sigmoid', 'BatchNormalization']);

/** Channels of a feature map, read from the convolution that made it (through element-wise ops); undefined when unknown. */
function channelsOf(g: OnnxGraph, name: string, depth = 0): number | undefined {
	const producer = g.producer(name);
	if (!producer || depth > 8) return undefined;
	if (producer.opType === 'Conv') return g.constant(producer.inputs[1]!)?.dims[0];
	if (!CHANNEL_KEEPING.has(producer.opType)) return undefined;
	for (const input of producer.inputs) {
		if (g.constant(input)) continue;
		const c = channelsOf(g, input, depth + 1);
		if (c !== undefined) return c;
	}
	return undefined;
}

/**
 * The affine steps no convolution could take in (x + b before a convolution that pads with zeros;
 * x·s + b before a pooling) as a 1×1 depthwise convolution: the same arithmetic, but ONNX Runtime
 * keeps a convolution in its blocked (NCHWc) layout, where a lone Add or Mul makes it convert the
 * whole feature map out and back (measured: those conversions and Adds were 15 % of the recogniser).
 */
export function affineAsConv(g: OnnxGraph): number {
	let count = 0;
	for (const node of [...g.nodes]) {
		// An Add already taken with its Mul (below) is no longer in the graph.
		if (!g.nodes.includes(node)) continue;
		const pair = node.opType === 'Mul' ? affineAt(g, node) : undefined;
		const shift = node.opType === 'Add' ? scalarOperand(g, node) : undefined;
		const step = pair ? { x: pair.x, s: pair.s, b: pair.b, last: pair.add } : shift ? { x: shift.other, s: 1, b: shift.k, last: node } : undefined;
		const channels = step && channelsOf(g, step.x);
		if (!step || channels === undefined) continue;
		const out = step.last.outputs[0]!;
		const weight = g.addConstant(`${out}_dw_w`, { dims: [channels, 1, 1, 1], data: new Float32Array(channels).fill(step.s) });
		const bias = g.addConstant(`${out}_dw_b`, { dims: [channels], data: new Float32Array(channels).fill(step.b) });
		g.nodes[g.nodes.indexOf(node)] = makeNode('Conv', [step.x, weight, bias], [out], [intAttribute('group', channels)]);
		if (pair) g.nodes = g.nodes.filter((n) => n !== pair.add);
		count++;
	}
	return count;
}

/** Names of what `ctc-summary` adds: an input and three outputs. */
export const CTC_SUMMARY = {
	/** int64 [K]: the classes whose probabilities `picked` holds (an input every run feeds). */
	classes: 'ctc_classes',
	/** int32 [batch, steps]: the most probable class at each step. */
	best: 'ctc_best',
	/** float [batch, steps]: its probability. */
	prob: 'ctc_best_prob',
	/** float [batch, steps, K]: the probabilities of the classes fed as `classes`. */
	picked: 'ctc_picked',
} as const;

/**
 * A summary of a CTC recogniser's one output (softmax over classes, [batch, steps, classes]),
 * computed in the graph beside it: per step the best class and its probability, and the
 * probabilities of a few classes the caller names. Greedy decoding needs nothing else, and
 * fetching these instead of every class's probability saves copying and scanning ~2 MB per line
 * (6625 classes) in JavaScript. The full output stays: a run that does not ask for the summary gets it.
 */
export function ctcSummary(g: OnnxGraph): number {
	const [probs, ...others] = g.outputs;
	if (!probs || others.length > 0 || g.producer(probs)?.opType !== 'Softmax' || Object.values(CTC_SUMMARY).some((n) => g.hasName(n))) return 0;
	// ReduceMax takes its axes as an attribute up to opset 17 (an input from 18: not written here).
	if (g.opset >= 18) return 0;
	const wide = `${CTC_SUMMARY.best}_int64`;
	g.nodes.push(makeNode('ArgMax', [probs], [wide], [intAttribute('axis', 2), intAttribute('keepdims', 0)]));
	g.nodes.push(makeNode('Cast', [wide], [CTC_SUMMARY.best], [intAttribute('to', ELEM.int32)]));
	g.nodes.push(makeNode('ReduceMax', [probs], [CTC_SUMMARY.prob], [intsAttribute('axes', [2]), intAttribute('keepdims', 0)]));
	g.nodes.push(makeNode('Gather', [probs, CTC_SUMMARY.classes], [CTC_SUMMARY.picked], [intAttribute('axis', 2)]));
	g.addGraphInput(CTC_SUMMARY.classes, ELEM.int64, ['picked']);
	g.addGraphOutput(CTC_SUMMARY.best, ELEM.int32, ['batch', 'steps']);
	g.addGraphOutput(CTC_SUMMARY.prob, ELEM.float, ['batch', 'steps']);
	g.addGraphOutput(CTC_SUMMARY.picked, ELEM.float, ['batch', 'steps', 'picked']);
	return 1;
}

const REWRITES: Record<RewriteName, (g: OnnxGraph) => number> = { 'hard-swish': hardSwish, 'affine-into-conv': affineIntoConv, 'affine-as-conv': affineAsConv, 'ctc-summary': ctcSummary };

/** Applies the named rewrites in order; returns the new model and how many places each changed. */
export function rewriteModel(bytes: Uint8Array, names: readonly RewriteName[]): { bytes: Uint8Array; changed: Record<string, number> } {
	const g = new OnnxGraph(bytes);
	const changed: Record<string, number> = {};
	for (const name of names) changed[name] = REWRITES[name](g);
	g.prune();
	return { bytes: g.serialize(), changed };
}
