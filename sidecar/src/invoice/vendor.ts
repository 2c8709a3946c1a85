/**
 * The seller: its name at the top of the first page (the first, largest name-like line; a line with
 * a company suffix; a registered name under a trading name), and its address in the lines under the
 * name until contact or document details begin. Pure given the page lines.
 */
import { fold } from '../ocr/repair/fold';
import type { OcrPage } from '../ocr/types';
import { cy, h, joinLines, labelAlone, rightOf, startsWithLabel, type PLine } from './candidates';
import { findDates, type DateOrder } from './dates';
import { detail, type Found } from './fields';
import { ADDRESS_END, COMPANY_SUFFIX, DOCUMENT_TITLES, LEGAL_FORM, TRADE_WORDS } from './labels';
import { SENDER_DOTS, type Parties, type PartyBlock } from './parties';
import { cleanName, corroborateName, nameStartsAbove } from './vendorName';

/**
 * A registration number under a receipt's company name, not part of its address: "JM0325955-V",
 * "(CO.REG : 933109-X)", "ROC No. : (1072825-A)", "Company ro : 1174703-K" (OCR's "no"), "1227039".
 */
/** Registration labels that hold a company word ("Co. Reg", "Company No", OCR's "Company ro"). */
const COMPANY_REGISTRATION = String.raw`co\.?\s*reg|c[o0]n?mpany\s*(no|n0|ro|reg)`;
const REGISTRATION_LINE = new RegExp(String.raw`^\(?([A-Z]{1,4}\d{5,}-?[A-Z]?|\d{5,}-[A-Z]|\d{6,})\)?$|\b\d{5,}-?[A-Z]\)?\s*$|^\(?\s*(${COMPANY_REGISTRATION}|roc\s*no|business\s*(no|reg)|br\s*no|gst\s*(id|reg|no))`, 'i');
/** A line that begins with a registration label ("Company No: JN0632980-V"): its company word names no company. */
const REGISTRATION_LABEL = new RegExp(String.raw`^\(?\s*(${COMPANY_REGISTRATION})`, 'i');

/** A label of some number standing alone, its value in the next box ("Kundennummer", "Account number", "Contract no."): not a name. */
const NUMBER_LABEL_ONLY = /^\s*\p{L}[\p{L} .-]*(nummer|number|numero|num[eé]ro|konto|\bno\.?|\bnr\.?|\bn°)\s*:?\s*$/iu;

/** A page counter ("Page 1 / 1", "Seite 2 von 3", "Página 1 de 2", "Strona 1 z 2"): printed near the top, never a name. */
const PAGE_COUNTER = /^\s*(pages?|seite|blatt|pagina|página|pag\.?|pág\.?|side|sida|strona|str\.|stránka|blad|sivu)\s*\d+(\s*(\/|of|von|de|di|van|z|ze|av|af|från|sur|\/)\s*\d+)?\s*$/iu;

/** A street and house number alone ("Somestreet 42", "Hofstraße 12", "Bahnstr. 42", "Station Road, 21"): an address line, never a name. */
const STREET_LINE = /^[\p{L}.' -]*(stra(ss|ß)e|str\.|street|st\.|road|rd\.|avenue|ave\.?|lane|drive|weg|gasse|platz|allee|damm|ring|straat|laan|gracht|vej|gatan|gata|veien)\s*,?\s*\d+\s*[a-z]?$/iu;

/**
 * A postcode and its town ("87435 Kempten", "4, 87435 Kempten" from a sender line cut at its dots):
 * an address's last line, not a name (unless a company word says so: "1000 Blumen GmbH").
 */
const postcodeLine = (l: PLine) => /^[\d\s,.-]*?\b\d{4,5}\s+\p{Lu}[\p{L}.' -]*$/u.test(l.text.trim()) && !COMPANY_SUFFIX.test(l.text);

/** Whether a line is the one a field's detail points to by its box. */
const sameBox = (l: PLine, box: readonly number[] | null | undefined) => !!box && l.box.every((v, i) => v === box[i]);

/** Mail services whose domain names the sender's provider, not the sender. */
const MAIL_SERVICES = new Set(['gmail', 'googlemail', 'yahoo', 'outlook', 'hotmail', 'live', 'icloud', 'gmx', 'web', 'aol', 'protonmail', 'proton', 'mail', 'orange', 'free', 'wanadoo', 'libero', 't-online']);

/** The names in the page's web and e-mail addresses ("info@cronus.com", "www.aubonmoulin.fr" → cronus, aubonmoulin). */
function webDomains(lines: readonly PLine[]): string[] {
	const out = new Set<string>();
	for (const l of lines) for (const m of l.text.toLowerCase().matchAll(/(?:@|\bwww\.|https?:\/\/)([a-z0-9-]{4,})\.[a-z]{2,}/g)) if (!MAIL_SERVICES.has(m[1]!)) out.add(m[1]!.replace(/-/g, ''));
	return [...out];
}

/** A name a domain spells: its letters and digits, run together, begin with it or it with them ("CRONUS DE" and cronus). */
function spelledBy(l: PLine | undefined, domains: readonly string[]): boolean {
	const compact = (l?.folded ?? '').replace(/[^a-z0-9]/g, '');
	return compact.length >= 4 && domains.some((d) => compact.startsWith(d) || d.startsWith(compact));
}

/** A line that is only a phone number ("03-3279 1851,"): contact details follow the address. */
const PHONE_LINE = /^\(?\+?\d[\d\s().-]{6,}\d[,.]?$/;

/** A registered company's name ("… Sdn Bhd", "… S/B", "… Ltd"): under a trading name, not part of the address. */
const LEGAL_NAME = /\b(sdn\.?\s*bhd|bhd|s\/b|ltd|limited|llc|inc|gmbh|plc)\.?\s*$/i;
/**
 * The same, read as a name is cleaned: the legal form as OCR misreads it ("99 SPEE0 MART 5/B") and
 * the registration number printed after it ("ELKEN SERVICE SDN BHD (310184-X)") do not hide it.
 */
const legalName = (text: string) => LEGAL_NAME.test(cleanName(text));
/** Notes on the company between its name and its address. */
const COMPANY_NOTE = /^(formerly\b|f\.?k\.?a\.?\b|licensee of\b|a member of\b|a subsidiary of\b)/i;
/**
 * Contact details and notes that follow the address: a mobile number ("H/P: 019-7521215"), opening
 * hours, a label read with a letter lost ("careline" as "carelne") before a phone number.
 */
const CONTACT_END = /\b(h\/p|hp\s*no|mobile|whatsapp|opening|hours|guest check)\b|:\s*\+?\d[\d\s-]{7,}\d$/i;

/** Words that say what trade a business is in, not which business ("BISTRO & CAFE", "TRADING"), and the words between them. */
const TRADE_WORD = new RegExp(`^(?:${[...TRADE_WORDS, 'café', 'bistro', 'bar', 'bakery', 'kitchen', '&', 'and', 'dan', 'the'].join('|')})$`, 'i');
/** A line of trade words alone describes the name above it ("THREE STOOGES" / "BISTRO & CAFE"); it is not a name. */
const tradeOnly = (l: PLine) => {
	const words = l.text.split(/[\s,.]+/).filter(Boolean);
	return words.length > 0 && words.every((w) => TRADE_WORD.test(w));
};

/**
 * A line with a company word that names a business: not trade words alone, nor an address
 * beginning with a shop or unit and its number ("Shop 4, MG Road"), nor the registration number
 * printed under the name ("Company No: JN0632980-V").
 */
const companyLine = (l: PLine) => COMPANY_SUFFIX.test(l.text) && !tradeOnly(l) && !/^\s*\S+\s+\d/.test(l.text) && !REGISTRATION_LABEL.test(l.text.trim());

/** A greeting printed above the name ("TQ FOR SHOPPING WITH myNEWS.com"). */
const GREETING = /\b(thank(s| you)|tq for|welcome to)\b/i;
/** A web address, which names a company only with a company word outside it ("Amazon.com Services LLC", "eCosWay.com SDN BHD", not "www.acme-supplies.com"). */
const WEB_ADDRESS = /\S*(?:\bwww\.|\.com\b)\S*/gi;
const slogan = (l: PLine) => {
	const rest = l.text.replace(WEB_ADDRESS, ' ');
	return GREETING.test(l.text) || (rest !== l.text && !companyLine({ ...l, text: rest }));
};

/** A contact line ("Phone: 06661556", "Fax:", "E-Mail: …", "Tel."): it follows a name, it is none. */
const CONTACT_LINE = /^\s*(phone|telephone|tel|telefon|telefono|téléphone|fax|telefax|e-?mail|mobile|mobil|handy|tlf|ph)\b\.?\s*:?/i;

/**
 * Boxes on one row with less than a line's height between them, joined left to right: detection
 * splits a line at a wide space, and a name or an address line read in pieces is one line to a
 * reader. Boxes further apart (a second column) stay apart.
 */
function joinRowPieces(lines: PLine[]): PLine[] {
	const out: PLine[] = [];
	for (const l of [...lines].sort((a, b) => a.box[0] - b.box[0])) {
		// Detection's boxes are dilated, so pieces a narrow space apart overlap a little; a box that
		// overlaps much of its neighbour read the same letters twice.
		const overlap = (o: PLine) => o.box[2] - l.box[0];
		const w = (x: PLine) => x.box[2] - x.box[0];
		const piece = out.find((o) => Math.abs(cy(o) - cy(l)) < 0.4 * Math.min(h(o), h(l)) && -overlap(o) < Math.min(h(o), h(l)) && overlap(o) < Math.min(0.5 * h(l), 0.25 * Math.min(w(o), w(l))));
		if (!piece) {
			out.push(l);
			continue;
		}
		out[out.indexOf(piece)] = joinLines(piece, l);
	}
	return out.sort((a, b) => a.box[1] - b.box[1] || a.box[0] - b.box[0]);
}

/** The vendor's address: the lines under its name, in its column, until contact or document details begin. */
function addressUnder(vendor: PLine, top: PLine[], order: DateOrder): PLine[] {
	const address: PLine[] = [];
	// The address sits in the name's column (a title printed beside the name is not in it).
	const column = top.slice(top.indexOf(vendor) + 1).filter((l) => l.box[0] < vendor.box[2] && l.box[2] > vendor.box[0]);
	let formerName = false;
	for (const l of column) {
		const text = l.text.trim();
		// Registration numbers and dates printed between the name and the address ("Reg No: 1203194-W");
		// after the address has begun they end it ("(GST ID No: 000504664064)").
		if (REGISTRATION_LINE.test(text) || findDates(l.text, order).length) {
			if (address.length) break;
			continue;
		}
		// Above the address, more about the company: its legal name under a trading name, a former
		// name ("formerly known as" / "Golden Arches Restaurants Sdn Bhd"), a licence, its trade ("BISTRO & CAFE").
		if (!address.length && (formerName || legalName(text) || COMPANY_NOTE.test(text) || tradeOnly(l))) {
			formerName = /^formerly\b/i.test(text);
			continue;
		}
		if (startsWithLabel(l) || ADDRESS_END.test(l.text) || PHONE_LINE.test(text) || CONTACT_END.test(text) || DOCUMENT_TITLES.test(text) || address.length >= 5) break;
		// An address printed as a form goes on only with its form's labels: the next section's heading
		// ("Rechnungsdaten") or another field's label ("Schema der Kennung:") ends it.
		if (address.length && startsWithAddressLabel(address[0]!) && !startsWithAddressLabel(l)) break;
		address.push(l);
	}
	return address;
}

/**
 * A form's label for a part of an address ("Address line 1:", "Street:", "ZIP:", "PLZ:", "Ort:",
 * "Code postal :", "Città:", "Postcode:"), as e-invoice viewers and ERP forms print the seller's
 * address: the label is not the address, its value is. A scan may lose a letter of the line word
 * ("Adresszeil", "Address ine"). Folded text; the colon is required, so a street
 * called "Stadtweg" or a city line is never taken for one.
 */
const ADDRESS_PART = /^\s*(address|adress|adresse|adres|adresa|direccion|indirizzo|endereco|anschrift)?\s*(line|lin|ine|zeile|zeil|ligne|linea|regel|linha)?\s*([\dil|]\s*)?(street|strasse|str\.|rue|calle|via|rua|straat|ulica|gata|gade|house number|hausnummer|zip|zip code|postcode|post code|postal code|plz|postleitzahl|code postal|cp|codigo postal|cap|postnummer|kod pocztowy|psc|city|town|ort|stadt|ville|ciudad|citta|cidade|plaats|woonplaats|miasto|stad|location|country|country code|land|landercode|pays|pais|paese|kraj|state|province|region|county|bundesland)?\s*:\s*/;

/** Whether an address-part label begins the line ("Address:" alone counts; "line 1:" alone does not). */
function startsWithAddressLabel(l: PLine): boolean {
	const m = ADDRESS_PART.exec(l.folded);
	return !!m && !!(m[1] || m[4]);
}

/**
 * One address line as the address holds it: without its form label, and where the label stands alone
 * in its box (a scan's label and value detected apart), the value to its right on the row, up to the
 * next label there (a second pair printed on the same row: "ZIP: 54321   Contact point email: …").
 * With the boxes its text came from.
 */
function addressLine(l: PLine, lines: readonly PLine[]): { text: string; from: PLine[] } {
	if (!startsWithAddressLabel(l)) return { text: l.text.trim(), from: [l] };
	// The label ends at its colon (the folded text, which matched it, may be longer: ß → ss).
	const rest = l.text.slice(l.text.indexOf(':') + 1).trim();
	if (rest) return { text: rest, from: [l] };
	const from: PLine[] = [];
	for (const r of rightOf(l, lines)) {
		if (labelAlone(r) || startsWithAddressLabel(r)) break;
		from.push(r);
	}
	return { text: from.map((r) => r.text.trim()).join(' '), from };
}

/**
 * The address lines as one field, each read by addressLine; a zero among capitals is an O the
 * recogniser misread (L0T → LOT), as in names. `line` stands for them in the field's detail: the first
 * box, with the reading confidence of the least sure box the text came from (a misread form label,
 * "Address line l:", is not in the address and says nothing of it).
 */
function readAddress(address: readonly PLine[], lines: readonly PLine[]): { text: string; line: PLine } {
	const parts = address.map((l) => addressLine(l, lines));
	const text = parts
		.map((p) => p.text.replace(/(?<=\b\p{Lu}+)0(?=\p{Lu}+\b)/gu, 'O'))
		.filter(Boolean)
		.join(' ');
	const from = parts.flatMap((p) => p.from);
	return { text, line: { ...address[0]!, confidence: from.length ? Math.min(...from.map((l) => l.confidence)) : address[0]!.confidence } };
}

/** The seller named by its label ("From:", "Lieferant:"): that name, and the address under it in the block. */
function labelledSeller(seller: PartyBlock, lines: readonly PLine[], order: DateOrder): Found {
	const found: Found = { fields: { vendorName: cleanName(seller.name) }, details: {} };
	found.details.vendorName = detail({ text: seller.name, line: seller.line, label: seller.label, score: seller.placement, placement: seller.placement }, seller.name, seller.placement);
	// The name's line, then the block's lines below it (the name may follow the label, sit right of it, or under it).
	const address = addressUnder(seller.line, [seller.line, ...seller.lines.slice(1).filter((l) => cy(l) > cy(seller.line))], order);
	if (address.length) {
		const read = readAddress(address, lines);
		found.fields.vendorAddress = read.text;
		found.details.vendorAddress = detail({ text: read.text, line: read.line, score: 0.85, placement: 0.85 }, read.text, 0.85);
	}
	return found;
}

/**
 * The seller: named by its label where one names it; else at the top of the first page, never from
 * the buyer's or another party's block (a seller whose name is only in a logo is not the customer).
 */
export function findVendor(pages: OcrPage[], lines: PLine[], order: DateOrder, parties: Pick<Parties, 'seller' | 'notSeller'> & Partial<Pick<Parties, 'buyer'>> = { seller: null, notSeller: new Set() }): Found {
	const found = parties.seller ? labelledSeller(parties.seller, lines, order) : vendorAtTop(pages, lines, order, parties);
	// The name read again where the page prints it elsewhere (a sign, a footer, a closing line, not another
	// party's block); not where a text layer gave it, as printed.
	const name = found.fields.vendorName;
	const at = found.details.vendorName?.box;
	const printed = pages.find((p) => p.page === found.details.vendorName?.page)?.source === 'text-layer';
	const elsewhere = lines.filter((l) => !parties.notSeller.has(l) && !sameBox(l, at));
	if (name && !printed) {
		found.fields.vendorName = corroborateName(name, elsewhere.map((l) => l.text));
		// Read alike in a second print ("HOTEL SEEBLICK" over "Hotel Seeblick GmbH · Uferweg 3 …"): the name
		// is not misread, though the rest of its line (an address read badly) lowered that line's
		// confidence. Where it stands says no more than before: the second reading confirms the letters, not the choice.
		const bare = (t: string) => fold(t.replace(LEGAL_FORM, ' ')).toLowerCase().replace(/[^\p{L}]+/gu, '');
		const own = bare(found.fields.vendorName);
		const again = own.length >= 5 ? elsewhere.filter((l) => bare(l.text).includes(own)).sort((a, b) => b.confidence - a.confidence)[0] : undefined;
		// As sure of its place as before: the placement the confidence was made of, times the better reading.
		const d = found.details.vendorName;
		const read = d && lines.find((l) => l.page === d.page && sameBox(l, d.box));
		if (again && d && read && again.confidence > read.confidence) d.confidence = Math.round(Math.min(1, (d.confidence / read.confidence) * again.confidence) * 1000) / 1000;
	}
	return found;
}

function vendorAtTop(pages: OcrPage[], lines: PLine[], order: DateOrder, parties: Pick<Parties, 'seller' | 'notSeller'> & Partial<Pick<Parties, 'buyer'>>): Found {
	const found: Found = { fields: {}, details: {} };
	// Vendor: the top of the first page — a line with a company suffix, else the first name-like line.
	// Pieces of one printed line that detection split at a wide space ("SUBANG HEALTHCARE SDN" | "BHD") are read as one.
	const first = joinRowPieces(lines.filter((l) => l.page === (pages[0]?.page ?? 1) && !parties.notSeller.has(l)));
	if (first.length === 0) return found;
	// The top of the printed text, not of the page: a photographed receipt sits anywhere in its frame.
	const textTop = Math.min(...first.map((l) => l.box[1]));
	const textHeight = Math.max(...first.map((l) => l.box[3])) - textTop;
	const top = first.filter((l) => l.box[1] < textTop + textHeight * 0.3).sort((a, b) => a.box[1] - b.box[1] || a.box[0] - b.box[0]);
	// A web address alone heading an address ("weclapp.com" over "Somestreet 42"): how some firms print their name.
	const domainHeadsAddress = (l: PLine) => {
		if (l.text.replace(WEB_ADDRESS, ' ').trim() !== '') return false;
		const under = top.find((o) => o.box[1] >= l.box[3] - 0.3 * h(l) && o.box[1] - l.box[3] < h(l) && Math.abs(o.box[0] - l.box[0]) < 2 * h(l));
		return under !== undefined && STREET_LINE.test(under.text.trim());
	};
	const nameLike = (l: PLine) =>
		/\p{L}{3}/u.test(l.text) && !DOCUMENT_TITLES.test(l.text.replace(/^[^\p{L}]+/u, '').trim()) && (!slogan(l) || domainHeadsAddress(l)) && !findDates(l.text, order).length && !startsWithLabel(l) && !NUMBER_LABEL_ONLY.test(l.text) && !PAGE_COUNTER.test(l.text) && !STREET_LINE.test(l.text.trim()) && !postcodeLine(l) && !CONTACT_LINE.test(l.text);
	// The name is usually the first, largest line; else a line with a company suffix; else the first name-like one.
	const medianH = [...first.map(h)].sort((x, y) => x - y)[first.length >> 1] ?? 0;
	const firstName = top.find(nameLike);
	// Printed names are in capitals or title case ("Granite Peak Tools Co."); handwriting rarely is.
	const capitalised = (l: PLine) => {
		const words = l.text.match(/\p{L}[\p{L}'’.-]*/gu) ?? [];
		return (l.text.match(/\p{Lu}/gu) ?? []).length >= 0.5 * (l.text.match(/\p{L}/gu) ?? []).length || words.filter((w) => /^\p{Lu}/u.test(w)).length >= 0.6 * words.length;
	};
	// Lower-case handwriting on a scanned receipt (a name, a note) is not the printed company name.
	const printed = top.filter((l) => nameLike(l) && capitalised(l));
	// A name with no company word right over one with it (a stamped or written name on a scanned
	// receipt, "TAN CHAY YEE" over "ABC HO TRADING"): the company is the vendor.
	const overCompany = (l: PLine | undefined) => {
		if (!l || /\d/.test(l.text) || COMPANY_SUFFIX.test(l.text)) return undefined;
		const below = top[top.indexOf(l) + 1];
		return below && below === printed[printed.indexOf(l) + 1] && companyLine(below) ? below : undefined;
	};
	const firstPrinted = overCompany(printed[0]) ?? printed[0];
	// The vendor's block ends where the document's own details begin (a title, a labelled line): a
	// company named below them is the customer ("SIMPLIFIED TAX INVOICE" / "GOGIANT ENGINEERING SDN BHD").
	const detailsAt = top.findIndex((l) => DOCUMENT_TITLES.test(l.text.replace(/^[^\p{L}]+/u, '').trim()) || startsWithLabel(l));
	const header = detailsAt > 0 ? top.slice(0, detailsAt) : top;
	const large = firstPrinted && h(firstPrinted) >= 1.3 * medianH ? firstPrinted : undefined;
	// A trading name or logo printed large with the registered company under it ("House of Sticky
	// Bones" / "Timeless Kitchenette Sdn Bhd"): the registered name is the vendor.
	// A logo that is the first word of the registered name printed elsewhere on the page ("Cloudnest"
	// over the meta block, "Cloudnest Inc." in the seller's block under it, or in the footer): that name.
	const brandOf = (logo: PLine) => {
		const word = logo.folded.trim();
		return word.length >= 3 ? first.find((l) => l !== logo && companyLine(l) && nameLike(l) && l.folded.trim().startsWith(`${word} `)) : undefined;
	};
	const registered = large && !COMPANY_SUFFIX.test(large.text) ? (top.slice(top.indexOf(large) + 1, top.indexOf(large) + 3).find((l) => legalName(l.text) && nameLike(l)) ?? brandOf(large)) : undefined;
	const chosen = registered ?? large ?? header.find((l) => companyLine(l) && nameLike(l)) ?? firstPrinted ?? firstName;
	const named = chosen && !COMPANY_SUFFIX.test(chosen.text) ? (brandOf(chosen) ?? chosen) : chosen;
	// Two address blocks side by side at the top, the recipient's and the sender's, their first lines on
	// one row ("Adatum Corporation" | "CRONUS DE"): the sender is the one whose name the page's own web
	// or e-mail address spells ("info@cronus.com").
	const twin = named && top.find((l) => l !== named && nameLike(l) && Math.abs(cy(l) - cy(named)) < 0.5 * h(named) && (l.box[0] > named.box[2] + 4 * h(named) || named.box[0] > l.box[2] + 4 * h(named)));
	const domains = twin ? webDomains(lines) : [];
	const byTwin = twin !== undefined && spelledBy(twin, domains) && !spelledBy(named, domains);
	// (The twin, too, may be a logo whose registered name is printed elsewhere.)
	const vendor = byTwin ? (COMPANY_SUFFIX.test(twin.text) ? twin : (brandOf(twin) ?? twin)) : named;
	if (byTwin && !parties.buyer) {
		found.fields.billTo = cleanName(named!.text);
		found.details.billTo = detail({ text: named!.text, line: named!, score: 0.7, placement: 0.7 }, named!.text, 0.7);
	}
	if (vendor) {
		// A name broken after "&" continues on the next line ("HOME MASTER HARDWARE &" / "ELECTRICAL").
		const next = top[top.indexOf(vendor) + 1];
		const continued = /(&|\band)\s*$/i.test(vendor.text) && next && nameLike(next) && next.box[1] - vendor.box[3] < h(vendor) ? next : undefined;
		// A registered name broken before the vendor's line ("WESTERN EASTERN" / "STATIONERY SDN. BHD."):
		// the line above, set the same way, is its beginning.
		const prev = top[top.indexOf(vendor) - 1];
		const begun =
			!continued && prev && nameStartsAbove(vendor.text) && nameLike(prev) && !/\d/.test(prev.text) && vendor.box[1] - prev.box[3] < 0.8 * h(vendor) && h(prev) < 1.3 * h(vendor) && h(vendor) < 1.3 * h(prev) && prev.box[0] < vendor.box[2] && prev.box[2] > vendor.box[0]
				? prev
				: undefined;
		// A sender line over a window envelope's address field ("Lieferant GmbH · Lieferantenstraße 20 ·
		// 80333 München", as European letters print it): name and address on one line, parted by dots
		// or bars. The lines under it are the recipient's, not the vendor's address.
		const parts = vendor.text.split(SENDER_DOTS).map((p) => p.trim()).filter(Boolean);
		const sender = parts.length >= 2 && parts.slice(1).some((p) => /\d/.test(p)) ? parts : undefined;
		found.fields.vendorName = cleanName(sender ? sender[0]! : continued ? `${vendor.text.trim()} ${continued.text.trim()}` : begun ? `${begun.text.trim()} ${vendor.text.trim()}` : vendor.text);
		if (continued) top.splice(top.indexOf(continued), 1);
		// The address under the name (a sender line carries its own).
		const address = sender ? [] : addressUnder(vendor, top, order);
		// Sure when the name says it is a company, or stands out as the letterhead: printed larger, a
		// registered name under a trading name, or the first printed line with an address under it (two
		// lines or more, one with a postcode-like number). On SROIE's held-out split the last cleared the
		// review flag from 44 of 45 right names it was on, and from 4 of the 7 wrong ones it caught; most
		// wrong names are misread letters, which no placement can tell. A first line that is only
		// name-like may be anything.
		const letterhead = vendor === printed[0] && address.length >= 2 && address.some((l) => /\b\d{4,6}\b/.test(l.text));
		const vendorConfidence = COMPANY_SUFFIX.test(vendor.text) || vendor === large || vendor === registered || letterhead ? 0.9 : 0.6;
		found.details.vendorName = detail({ text: vendor.text, line: vendor, score: vendorConfidence, placement: vendorConfidence }, vendor.text, vendorConfidence);
		if (sender) {
			// Up to the contact details the same line may go on with (telephone, e-mail, VAT number).
			const end = sender.findIndex((p, i) => i > 0 && ADDRESS_END.test(p));
			const senderAddress = sender.slice(1, end > 0 ? end : undefined).join(', ');
			if (senderAddress) {
				found.fields.vendorAddress = senderAddress;
				found.details.vendorAddress = detail({ text: senderAddress, line: vendor, score: vendorConfidence, placement: vendorConfidence }, senderAddress, vendorConfidence);
			}
			// No labelled buyer: the recipient in the address field, right under the sender line.
			const recipient = top[top.indexOf(vendor) + 1];
			if (!parties.buyer && recipient && nameLike(recipient) && recipient.box[1] - vendor.box[3] < 3 * h(vendor)) {
				found.fields.billTo = cleanName(recipient.text);
				found.details.billTo = detail({ text: recipient.text, line: recipient, score: 0.7, placement: 0.7 }, recipient.text, 0.7);
			}
			return found;
		}
		if (address.length) {
			const read = readAddress(address, lines);
			found.fields.vendorAddress = read.text;
			// As sure as the vendor's name it follows.
			found.details.vendorAddress = detail({ text: read.text, line: read.line, score: vendorConfidence, placement: vendorConfidence }, read.text, vendorConfidence);
		}
	}
	return found;
}
