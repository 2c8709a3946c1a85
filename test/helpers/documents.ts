/**
 * Documents rendered from known text (SVG → sharp/librsvg), so OCR accuracy is measured against
 * exact ground truth. Used by the tests and by bench/eval scripts; nothing here reads ../shared.
 */
import sharp from 'sharp';

export interface DocLine {
	text: string;
	/** Left edge in millimetres from the page's left edge. */
	xMm: number;
	/** Baseline in millimetres from the top. */
	yMm: number;
	sizePt: number;
	font?: string;
	bold?: boolean;
}

export interface RenderOptions {
	dpi: number;
	widthMm?: number;
	heightMm?: number;
}

const A4 = { widthMm: 210, heightMm: 297 };

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function pageSvg(lines: DocLine[], opts: RenderOptions): { svg: string; width: number; height: number } {
	const pxPerMm = opts.dpi / 25.4;
	const width = Math.round((opts.widthMm ?? A4.widthMm) * pxPerMm);
	const height = Math.round((opts.heightMm ?? A4.heightMm) * pxPerMm);
	const body = lines
		.map((l) => {
			const size = (l.sizePt * opts.dpi) / 72;
			return `<text x="${(l.xMm * pxPerMm).toFixed(1)}" y="${(l.yMm * pxPerMm).toFixed(1)}" font-family="${l.font ?? 'Liberation Sans'}" font-size="${size.toFixed(2)}"${l.bold ? ' font-weight="bold"' : ''} xml:space="preserve">${escapeXml(l.text)}</text>`;
		})
		.join('\n');
	return { svg: `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#ffffff"/>\n${body}\n</svg>`, width, height };
}

export async function renderPage(lines: DocLine[], opts: RenderOptions): Promise<Buffer> {
	const { svg } = pageSvg(lines, opts);
	return await sharp(Buffer.from(svg), { density: 72 }).flatten({ background: '#fff' }).png().toBuffer();
}

/** Scan-like degradation: small rotation, grey noise, JPEG at low quality. */
export async function degrade(png: Buffer, opts: { angleDeg: number; noise: number; jpegQuality: number; seed?: number }): Promise<Buffer> {
	const rotated = await sharp(png).rotate(opts.angleDeg, { background: '#ffffff' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
	const { data, info } = rotated;
	let seed = opts.seed ?? 12345;
	const rand = () => {
		seed = (seed * 1103515245 + 12345) & 0x7fffffff;
		return seed / 0x7fffffff;
	};
	for (let i = 0; i < data.length; i += info.channels) {
		const n = (rand() - 0.5) * 2 * opts.noise;
		for (let c = 0; c < 3; c++) data[i + c] = Math.max(0, Math.min(255, data[i + c]! + n));
	}
	return await sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } }).jpeg({ quality: opts.jpegQuality }).toBuffer();
}

/** Character error rate: Levenshtein distance / reference length. */
export function cer(hyp: string, ref: string): number {
	if (ref.length === 0) return hyp.length === 0 ? 0 : 1;
	let prev = Array.from({ length: hyp.length + 1 }, (_, j) => j);
	for (let i = 1; i <= ref.length; i++) {
		const cur = [i];
		for (let j = 1; j <= hyp.length; j++) {
			cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ref[i - 1] === hyp[j - 1] ? 0 : 1));
		}
		prev = cur;
	}
	return prev[hyp.length]! / ref.length;
}

/** A business letter / invoice-like page in the given language, as lines with positions. */
export function businessPage(lang: 'en' | 'es' | 'de' | 'fr', font = 'Liberation Sans'): DocLine[] {
	const texts: Record<string, string[]> = {
		en: [
			'ACME Industrial Supplies Ltd.',
			'42 Harbour Road, Bristol BS1 5TT, United Kingdom',
			'Invoice number: INV-2024-0917',
			'Invoice date: 12 March 2024',
			'Due date: 11 April 2024',
			'Bill to: Northwind Trading Company',
			'Description of the goods delivered this month',
			'Steel bolts M8 x 40, zinc plated, box of 200',
			'Hydraulic hose assembly with fittings, 2 metres',
			'Safety gloves, nitrile coated, size 9 (pairs)',
			'Subtotal before tax: 1,284.50',
			'VAT 20%: 256.90',
			'Total amount due: 1,541.40',
			'Please pay within 30 days by bank transfer.',
			'Thank you for your business and prompt payment.',
		],
		es: [
			'Suministros Técnicos del Norte, S.L.',
			'Calle de Alcalá 128, 28009 Madrid, España',
			'Número de factura: FAC-2024-0311',
			'Fecha de emisión: 5 de marzo de 2024',
			'Cliente: Distribuciones Peña y Asociados',
			'Descripción de los artículos suministrados',
			'Tornillería de acero inoxidable, caja de 500 unidades',
			'Mangueras hidráulicas con racores de latón',
			'Guantes de protección, talla mediana',
			'Base imponible: 2.430,75',
			'IVA 21%: 510,46',
			'Importe total: 2.941,21',
			'Condiciones de pago: transferencia a 30 días.',
			'Gracias por confiar en nuestra compañía.',
		],
		de: [
			'Müller & Söhne Maschinenbau GmbH',
			'Hauptstraße 17, 80331 München, Deutschland',
			'Rechnungsnummer: RE-2024-0458',
			'Rechnungsdatum: 14. Februar 2024',
			'Kunde: Bäckerei Schäfer GmbH & Co. KG',
			'Beschreibung der gelieferten Ersatzteile',
			'Zahnräder aus gehärtetem Stahl, Größe 12',
			'Dichtungssatz für Hydraulikzylinder',
			'Wartung und Überprüfung der Förderanlage',
			'Nettobetrag: 3.118,40',
			'Umsatzsteuer 19%: 592,50',
			'Gesamtbetrag: 3.710,90',
			'Zahlbar innerhalb von 14 Tagen ohne Abzug.',
			'Vielen Dank für Ihren Auftrag.',
		],
		fr: [
			'Société Générale des Équipements',
			'18 rue de la République, 69002 Lyon, France',
			'Numéro de facture : FA-2024-1123',
			'Date de facturation : 20 avril 2024',
			'Client : Boulangerie Lefèvre et Fils',
			'Désignation des prestations effectuées',
			'Vérification des systèmes de sécurité',
			'Remplacement des pièces défectueuses',
			'Main-d’œuvre et déplacement du technicien',
			'Total hors taxes : 1 845,00',
			'TVA 20 % : 369,00',
			'Total à payer : 2 214,00',
			'Paiement à réception de la facture.',
			'Nous vous remercions de votre confiance.',
		],
	};
	return texts[lang]!.map((text, i) => ({ text, xMm: 20, yMm: 25 + i * 12, sizePt: i === 0 ? 14 : 11, bold: i === 0, font }));
}

/** Two newspaper-style columns with independent baselines: the left column must be read first. */
export function twoColumnPage(): { lines: DocLine[]; left: string[]; right: string[] } {
	const left = ['The first column begins here', 'and it continues with more', 'words about shipping terms', 'until it reaches its end.'];
	const right = ['A second column starts', 'slightly lower on the page', 'with its own line spacing', 'and its own final words.', 'It is one line longer.'];
	const lines: DocLine[] = [
		...left.map((text, i) => ({ text, xMm: 15, yMm: 40 + i * 10, sizePt: 11 })),
		...right.map((text, i) => ({ text, xMm: 112, yMm: 45 + i * 6.5, sizePt: 11 })),
	];
	return { lines, left, right };
}
