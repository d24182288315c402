/**
 * PDF input for Recognize Passport: the JPEG page image(s) of a PDF (pdf/, docs/pdf-input.md) as the
 * node sends them, each with the `source` its result carries, or the reason the PDF cannot be sent.
 * Pure: the caller checks each JPEG like any other image before a call.
 */
import type { IDataObject } from 'n8n-workflow';

import { extractPdfJpeg } from '../pdf';
import type { PdfOrdering, PdfPageSelection } from '../pdf';

export type PdfPageOption = 'first' | 'page' | 'all';

/** The node's PDF Page parameters as the extractor's selection. */
export function pdfSelection(option: PdfPageOption, pageNumber: number): PdfPageSelection {
	if (option === 'all') return { mode: 'all' };
	if (option === 'page') return { mode: 'page', page: pageNumber };
	return { mode: 'first' };
}

/** One page of a PDF: its JPEG and where it came from, or why it cannot be sent. */
export type PdfPage =
	| { page: number; jpeg: Buffer; source: IDataObject }
	| { page: number; problem: string };

function sourceOf(
	page: number,
	width: number | undefined,
	height: number | undefined,
	ordering: PdfOrdering,
) {
	const source: IDataObject = { kind: 'pdf', page, width, height };
	if (ordering.basis === 'image-order') {
		source.pageNumbering = 'image-order';
		source.note = ordering.note;
	}
	return source;
}

/** The pages to send, or one problem for the whole PDF. */
export function pdfPages(bytes: Buffer, selection: PdfPageSelection): PdfPage[] | string {
	const result = extractPdfJpeg(bytes, selection);
	if (!result.ok) return result.problem.message;
	return result.pages.map((page) =>
		'jpeg' in page
			? {
					page: page.page,
					jpeg: page.jpeg.bytes,
					source: sourceOf(page.page, page.jpeg.width, page.jpeg.height, result.ordering),
				}
			: { page: page.page, problem: page.problem.message },
	);
}
