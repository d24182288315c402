/**
 * The JPEG page image inside a PDF, found from the PDF's object structure alone: no rendering, no
 * decompression, no dependency. A scanner's PDF stores each page as an image XObject, and one with
 * /Filter /DCTDecode (ISO 32000-1 §7.4.8) holds a complete JPEG file as its stream data, which can be
 * sent to the OCR service as is. Everything else is a typed problem with the fix.
 *
 *   const result = extractPdfJpeg(buffer, { mode: 'first' });   // or { mode: 'page', page: 2 }, { mode: 'all' }
 *   if (result.ok) for (const page of result.pages) if ('jpeg' in page) send(page.jpeg.bytes);
 *
 * Pure and bounded: every byte, token and object is charged to a Budget (budget.ts), so a huge or
 * malformed file ends as 'too-complex' or 'unreadable', never as a hang or a crash.
 * Sources and limits: docs/pdf-input.md.
 */
import { attempt } from './attempt';
import { Budget, BudgetExceeded, DEFAULT_CAPS } from './budget';
import type { WorkCaps } from './budget';
import { asDict, dictGet, PdfSyntaxError } from './lexer';
import { ObjectStore } from './objects';
import { area, layoutOf } from './pages';
import type { Layout, PageImage, PageImages } from './pages';
import { orderingNote, PROBLEMS } from './problems';
import type {
	PdfExtraction,
	PdfOrdering,
	PdfPageResult,
	PdfPageSelection,
	PdfProblem,
} from './types';
import { readXref, recoverTrailer } from './xref';

export type * from './types';
export { describeEncoding } from './problems';
export { DEFAULT_CAPS, type WorkCaps, type WorkDone } from './budget';

/** §7.5.2: readers look for the header in the first 1024 bytes (some files start with junk). */
export function isPdf(data: Uint8Array): boolean {
	const head = Buffer.from(data.buffer, data.byteOffset, Math.min(data.byteLength, 1024));
	return head.indexOf('%PDF-', 0, 'latin1') >= 0;
}

/** A page's scan: its largest image (a logo or a stamp is smaller than the page it sits on). */
function mainImage(page: PageImages): PageImage | undefined {
	let best: PageImage | undefined;
	for (const image of page.images) if (!best || area(image) > area(best)) best = image;
	return best;
}

function outcomeOf(store: ObjectStore, page: PageImages): PdfPageResult {
	const image = mainImage(page);
	if (!image) return { page: page.page, problem: PROBLEMS.pageWithoutImage(page.page) };
	if (image.filters.length !== 1 || image.filters[0] !== 'DCTDecode')
		return { page: page.page, problem: PROBLEMS.notJpeg(page.page, image.filters) };
	const bytes = store.streamData(image.object);
	if (!bytes || bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8)
		return { page: page.page, problem: PROBLEMS.damagedImage(page.page) };
	return {
		page: page.page,
		jpeg: {
			page: page.page,
			width: image.width,
			height: image.height,
			bytes,
			object: image.object.num,
			imagesOnPage: page.images.length,
		},
	};
}

function ordering(layout: Layout): PdfOrdering {
	return layout.basis === 'page-tree'
		? { basis: 'page-tree', pageCount: layout.pages.length }
		: { basis: 'image-order', note: orderingNote(layout.reason) };
}

function select(
	store: ObjectStore,
	layout: Layout,
	selection: PdfPageSelection,
): PdfPageResult[] | PdfProblem {
	const withImages = layout.pages.filter((page) => page.images.length > 0);
	if (selection.mode === 'page') {
		const page = layout.pages[selection.page - 1];
		if (!Number.isInteger(selection.page) || selection.page < 1 || !page)
			return PROBLEMS.noSuchPage(
				selection.page,
				layout.basis === 'page-tree' ? layout.pages.length : undefined,
				layout.basis === 'image-order',
			);
		const outcome = outcomeOf(store, page);
		return 'problem' in outcome ? outcome.problem : [outcome];
	}
	if (withImages.length === 0) return PROBLEMS.noImage();
	if (selection.mode === 'all') return withImages.map((page) => outcomeOf(store, page));
	// 'first': the first page whose image can be sent; else why the first image page cannot.
	let firstProblem: PdfProblem | undefined;
	for (const page of withImages) {
		const outcome = outcomeOf(store, page);
		if ('jpeg' in outcome) return [outcome];
		firstProblem ??= outcome.problem;
	}
	return firstProblem ?? PROBLEMS.noImage();
}

function search(data: Buffer, selection: PdfPageSelection, budget: Budget): PdfExtraction {
	if (!isPdf(data)) return { ok: false, problem: PROBLEMS.notPdf(), work: budget.done };
	const xref = readXref(data, budget);
	const store = new ObjectStore(data, budget, xref);
	const trailer = xref.trailer ?? recoverTrailer(data, budget, store.scan());
	// §7.6.1: with /Encrypt every stream is encrypted, the JPEG included.
	if (dictGet(trailer, 'Encrypt') !== undefined)
		return { ok: false, problem: PROBLEMS.encrypted(), work: budget.done };
	const layout = layoutOf(store, asDict(trailer));
	if (
		layout.pages.length === 0 &&
		layout.basis === 'image-order' &&
		store.scan().inOrder.length === 0
	)
		return { ok: false, problem: PROBLEMS.unreadable(), work: budget.done };
	const selected = select(store, layout, selection);
	if (!Array.isArray(selected)) return { ok: false, problem: selected, work: budget.done };
	return { ok: true, pages: selected, ordering: ordering(layout), work: budget.done };
}

/**
 * The JPEG page image(s) of a PDF, or why there is none. Never throws on any input; `work` says what
 * the search cost (tests assert it stays under the caps).
 */
export function extractPdfJpeg(
	data: Buffer,
	selection: PdfPageSelection = { mode: 'first' },
	caps: Readonly<WorkCaps> = DEFAULT_CAPS,
): PdfExtraction {
	const budget = new Budget(caps);
	const bounded = attempt(
		() => attempt(() => search(data, selection, budget), PdfSyntaxError),
		BudgetExceeded,
	);
	if (!bounded.ok)
		return { ok: false, problem: PROBLEMS.tooComplex(bounded.error.resource), work: budget.done };
	if (!bounded.value.ok) return { ok: false, problem: PROBLEMS.unreadable(), work: budget.done };
	return bounded.value.value;
}
