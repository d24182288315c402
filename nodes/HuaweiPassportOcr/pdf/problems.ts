/**
 * The words for each PDF case that cannot be sent: what it is and what the user can do. Filter names
 * are those of ISO 32000-1 §7.4 (Table 6); why each one cannot be sent as is: docs/pdf-input.md.
 */
import type { PdfProblem, PdfProblemCode } from './types';

const ACCEPTED = "Huawei's passport OCR reads JPEG, PNG, BMP and TIFF only.";
const EXPORT_FIX =
	'convert the passport page to JPEG first (most scanner apps offer "Save as JPEG"; any PDF-to-image converter does it) and send that';

/** How a page image is stored, in words, from its /Filter chain. */
export function describeEncoding(filters: string[]): string {
	const names: Record<string, string> = {
		JBIG2Decode: 'JBIG2 (black and white)',
		CCITTFaxDecode: 'CCITT fax (black and white)',
		JPXDecode: 'JPEG 2000',
		FlateDecode: 'Flate-compressed pixels',
		LZWDecode: 'LZW-compressed pixels',
		RunLengthDecode: 'run-length-compressed pixels',
	};
	if (filters.length === 0) return 'uncompressed pixels';
	if (filters.length > 1 && filters.includes('DCTDecode'))
		return `a JPEG wrapped in ${filters.filter((name) => name !== 'DCTDecode').join(' + ')}`;
	return filters.map((name) => names[name] ?? name).join(' + ');
}

function problem(
	code: PdfProblemCode,
	message: string,
	extra: Partial<PdfProblem> = {},
): PdfProblem {
	return { code, message, ...extra };
}

const onPage = (page: number | undefined) =>
	page === undefined ? 'This PDF' : `Page ${page} of this PDF`;

export const PROBLEMS = {
	notPdf: () =>
		problem(
			'not-pdf',
			'The file has no PDF header (%PDF-) in its first kilobyte: it is not a PDF document.',
		),
	encrypted: () =>
		problem(
			'encrypted',
			`This PDF is encrypted (password-protected or restricted), so its images cannot be read: save an unprotected copy (e.g. print it to a new PDF) or ${EXPORT_FIX}.`,
		),
	unreadable: () =>
		problem(
			'unreadable',
			`This PDF's structure could not be read (damaged or cut short?): get the complete file again, or ${EXPORT_FIX}.`,
		),
	tooComplex: (resource: string) =>
		problem(
			'too-complex',
			`This PDF is too large or complex to search safely (work limit "${resource}" reached): ${EXPORT_FIX}.`,
		),
	noImage: () =>
		problem(
			'no-image',
			`This PDF holds no page image (its pages are text or vector drawings, not a scan): send the scan itself, or ${EXPORT_FIX}. ${ACCEPTED}`,
		),
	notJpeg: (page: number | undefined, filters: string[]) => {
		const encoding = describeEncoding(filters);
		return problem(
			'not-jpeg',
			`${onPage(page)} holds no JPEG page image (its scan is stored as ${encoding}, which this node does not convert): ${EXPORT_FIX}, or scan in colour or greyscale, which scanners store as JPEG. ${ACCEPTED}`,
			{ page, encoding },
		);
	},
	noSuchPage: (page: number, pageCount: number | undefined, inferred: boolean) =>
		problem(
			'no-such-page',
			pageCount === undefined || inferred
				? `This PDF has no page ${page} with an image${inferred ? ' (pages counted by the order of their images)' : ''}: choose a smaller page number, or "First Page With an Image".`
				: `This PDF has ${pageCount} page${pageCount === 1 ? '' : 's'}, so there is no page ${page}: choose a page from 1 to ${pageCount}.`,
			{ page },
		),
	pageWithoutImage: (page: number) =>
		problem(
			'page-without-image',
			`Page ${page} of this PDF holds no image (text or vector drawings only): choose the page with the scan, or "First Page With an Image".`,
			{ page },
		),
	damagedImage: (page: number) =>
		problem(
			'damaged-image',
			`The page image on page ${page} of this PDF is marked as JPEG but its data is not a JPEG file (damaged PDF?): get the complete file again, or ${EXPORT_FIX}.`,
			{ page },
		),
};

/** The caveat when page numbers are inferred from image order. */
export function orderingNote(reason: 'compressed' | 'damaged'): string {
	const why =
		reason === 'compressed'
			? 'this PDF keeps its page list in compressed object streams, which this node does not decompress'
			: "this PDF's page list is damaged";
	return `Page numbers are inferred: ${why}, so pages are counted by the order of their images in the file (images under a twenty-fifth of the largest one's area, such as logos, are not counted). This usually, but not always, matches the page order.`;
}
