/**
 * A small, strict XML reader for e-invoices (UN/CEFACT CII and UBL): elements, attributes, text,
 * CDATA; the five predefined entities and character references. A document type declaration is
 * refused outright — e-invoices never carry one, and it is how entity-expansion bombs come — as are
 * documents over 10 MB or nested over 100 levels. Pure.
 */
export interface XmlElement {
	/** Local name, without its namespace prefix. */
	name: string;
	attrs: Record<string, string>;
	children: XmlElement[];
	/** The element's own text (CDATA included), trimmed. */
	text: string;
}

export class XmlError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'XmlError';
	}
}

const MAX_BYTES = 10 * 1024 * 1024;
const MAX_DEPTH = 100;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(s: string): string {
	return s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (m, e: string) => {
		if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
		if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
		const v = ENTITIES[e];
		if (v === undefined) throw new XmlError(`unknown entity ${m}`);
		return v;
	});
}

const local = (qname: string) => qname.slice(qname.indexOf(':') + 1);

export function parseXml(input: string): XmlElement {
	if (input.length > MAX_BYTES) throw new XmlError('larger than 10 MB');
	if (/<!DOCTYPE|<!ENTITY/i.test(input)) throw new XmlError('it declares a document type (DTD), which e-invoices never do');
	const stack: Array<XmlElement & { texts: string[] }> = [];
	let root: XmlElement | undefined;
	let i = 0;
	const n = input.length;
	while (i < n) {
		const lt = input.indexOf('<', i);
		const textEnd = lt < 0 ? n : lt;
		if (textEnd > i && stack.length) stack[stack.length - 1]!.texts.push(decode(input.slice(i, textEnd)));
		else if (textEnd > i && input.slice(i, textEnd).trim() !== '') throw new XmlError('text outside the root element');
		if (lt < 0) break;
		if (input.startsWith('<?', lt)) {
			const end = input.indexOf('?>', lt);
			if (end < 0) throw new XmlError('unterminated processing instruction');
			i = end + 2;
		} else if (input.startsWith('<!--', lt)) {
			const end = input.indexOf('-->', lt);
			if (end < 0) throw new XmlError('unterminated comment');
			i = end + 3;
		} else if (input.startsWith('<![CDATA[', lt)) {
			const end = input.indexOf(']]>', lt);
			if (end < 0) throw new XmlError('unterminated CDATA');
			if (stack.length) stack[stack.length - 1]!.texts.push(input.slice(lt + 9, end));
			i = end + 3;
		} else if (input.startsWith('</', lt)) {
			const end = input.indexOf('>', lt);
			if (end < 0) throw new XmlError('unterminated end tag');
			const name = local(input.slice(lt + 2, end).trim());
			const el = stack.pop();
			if (!el || el.name !== name) throw new XmlError(`end tag </${name}> does not close <${el?.name ?? 'nothing'}>`);
			el.text = el.texts.join('').trim();
			const done: XmlElement = { name: el.name, attrs: el.attrs, children: el.children, text: el.text };
			if (stack.length) stack[stack.length - 1]!.children.push(done);
			else root = done;
			i = end + 1;
		} else {
			// A start tag: name, attributes (quoted values may hold '>'), maybe self-closing.
			const tag = /^<([^\s/>]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/.exec(input.slice(lt, lt + 65_536));
			if (!tag) throw new XmlError(`malformed tag at offset ${lt}`);
			if (root) throw new XmlError('more than one root element');
			const attrs: Record<string, string> = {};
			for (const a of tag[2]!.matchAll(/([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs[local(a[1]!)] = decode(a[2] ?? a[3] ?? '');
			const el = { name: local(tag[1]!), attrs, children: [] as XmlElement[], text: '', texts: [] as string[] };
			if (tag[3] === '/') {
				const done: XmlElement = { name: el.name, attrs, children: [], text: '' };
				if (stack.length) stack[stack.length - 1]!.children.push(done);
				else root = done;
			} else {
				if (stack.length >= MAX_DEPTH) throw new XmlError(`nested over ${MAX_DEPTH} levels`);
				stack.push(el);
			}
			i = lt + tag[0].length;
		}
	}
	if (stack.length) throw new XmlError(`<${stack[stack.length - 1]!.name}> is not closed`);
	if (!root) throw new XmlError('no root element');
	return root;
}

/** The first descendant reached by following local names (`a/b/c`), or undefined. */
export function find(el: XmlElement | undefined, path: string): XmlElement | undefined {
	let cur = el;
	for (const step of path.split('/')) {
		if (!cur) return undefined;
		cur = cur.children.find((c) => c.name === step);
	}
	return cur;
}

/** Every child at the end of `path` (the last step may match several). */
export function findAll(el: XmlElement | undefined, path: string): XmlElement[] {
	const steps = path.split('/');
	const parent = steps.length > 1 ? find(el, steps.slice(0, -1).join('/')) : el;
	return parent?.children.filter((c) => c.name === steps[steps.length - 1]) ?? [];
}

export const textAt = (el: XmlElement | undefined, path: string): string | null => {
	const t = find(el, path)?.text;
	return t === undefined || t === '' ? null : t;
};
