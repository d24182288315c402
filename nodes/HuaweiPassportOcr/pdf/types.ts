/** What the PDF image extractor returns (index.ts). JSON-friendly apart from the JPEG bytes. */
import type { WorkDone } from './budget';

/** Which page to take: the first page whose image is a JPEG, a given page, or every page. */
export type PdfPageSelection = { mode: 'first' } | { mode: 'page'; page: number } | { mode: 'all' };

export type PdfProblemCode =
	/** No "%PDF-" header in the first kilobyte. */
	| 'not-pdf'
	/** The trailer has /Encrypt: the streams are encrypted. */
	| 'encrypted'
	/** No page and no image could be found in the object structure. */
	| 'unreadable'
	/** A work cap was reached before the search ended. */
	| 'too-complex'
	/** No image at all: vector or text pages only. */
	| 'no-image'
	/** The page image is not a plain JPEG (JBIG2, CCITT, Flate, JPEG 2000, a filter chain…). */
	| 'not-jpeg'
	/** The chosen page number is outside the document. */
	| 'no-such-page'
	/** The chosen page holds no image. */
	| 'page-without-image'
	/** The image claims to be JPEG but its data is not (missing SOI marker, outside the file). */
	| 'damaged-image';

export interface PdfProblem {
	code: PdfProblemCode;
	/** What is wrong and what to do, ready for an error message. */
	message: string;
	page?: number;
	/** Words for how the page image is stored ("JBIG2", "Flate-compressed pixels"…), for not-jpeg. */
	encoding?: string;
}

export interface PdfJpeg {
	page: number;
	/** From the image dictionary (/Width, /Height). */
	width?: number;
	height?: number;
	/** The embedded JPEG file: a view into the input, starting with FF D8. */
	bytes: Buffer;
	/** Its object number, for reports. */
	object: number;
	/** Images on the page (the largest one is taken). */
	imagesOnPage: number;
}

export interface PdfOrdering {
	/**
	 * 'page-tree': page numbers are the document's. 'image-order': the page tree could not be read, so
	 * pages are counted by the order of their images in the file (see `note`).
	 */
	basis: 'page-tree' | 'image-order';
	/** Pages in the document (page-tree basis only). */
	pageCount?: number;
	/** The caveat to show when pages are inferred. */
	note?: string;
}

export type PdfPageResult = { page: number; jpeg: PdfJpeg } | { page: number; problem: PdfProblem };

export type PdfExtraction =
	| {
			ok: true;
			/** One entry for 'first' and 'page' (a JPEG); one per page with an image for 'all'. */
			pages: PdfPageResult[];
			ordering: PdfOrdering;
			work: WorkDone;
	  }
	| { ok: false; problem: PdfProblem; work: WorkDone };
