/**
 * Answers in the pixels of the image as sent: a page read upright (turned, deskewed, a photo
 * flattened) has its lines, words and every box found on it mapped back through its frame, and
 * says what the page stage did. Pure.
 */
import type { Box, OcrPage } from '../types';
import { boxToSent, quadToSent, type PageFrame } from './frame';

/** The page as answered: sent pixels, the stage's facts, no internal frame. */
export function pageInSentPixels(page: OcrPage): OcrPage {
	const { frame, ...rest } = page;
	if (!frame) return { ...rest, orientation: 0, orientationDecided: true, skewDegrees: 0, dewarped: false, quad: null };
	return {
		...rest,
		width: frame.sentWidth,
		height: frame.sentHeight,
		lines: page.lines.map((l) => ({
			...l,
			box: boxToSent(frame, l.box),
			polygon: quadToSent(frame, l.polygon),
			...(l.words ? { words: l.words.map((w) => ({ ...w, box: boxToSent(frame, w.box) })) } : {}),
		})),
		orientation: frame.orientation,
		orientationDecided: frame.orientationDecided,
		skewDegrees: frame.skewDegrees,
		dewarped: frame.dewarp !== null,
		quad: frame.dewarp?.quad ?? null,
	};
}

/** A box found on page `page` (1-based) of `pages`, in that page's sent pixels. */
export function boxOnSentPage(pages: readonly OcrPage[], page: number, box: Box): Box {
	const frame: PageFrame | undefined = pages.find((p) => p.page === page)?.frame;
	return frame ? boxToSent(frame, box) : box;
}
