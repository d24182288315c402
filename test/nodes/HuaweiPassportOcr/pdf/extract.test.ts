import { extractPdfJpeg, isPdf } from '../../../../nodes/HuaweiPassportOcr/pdf';
import type { PdfExtraction, PdfPageResult } from '../../../../nodes/HuaweiPassportOcr/pdf';
import {
	GERMAN_SMALL,
	ICAO_SMALL,
	LOGO,
	multiPagePdf,
	PDF_FIXTURES,
	readPdfFixture,
	USA,
} from '../../../fixtures/pdf';

function jpegsOf(result: PdfExtraction): Array<Extract<PdfPageResult, { jpeg: unknown }>['jpeg']> {
	if (!result.ok)
		throw new Error(`expected images, got ${result.problem.code}: ${result.problem.message}`);
	return result.pages.flatMap((page) => ('jpeg' in page ? [page.jpeg] : []));
}

/** Files whose cross-reference data resolves every object: the recovery scan must not run. */
const XREF_ONLY = new Set([
	'classic-lf.pdf',
	'classic-crlf-array.pdf',
	'xref-stream-plain.pdf',
	'incremental.pdf',
	'logo-and-scan.pdf',
	'multi-page.pdf',
]);

describe('PDF fixtures (committed files, first page with an image)', () => {
	test.each(PDF_FIXTURES.map((fixture) => [fixture.file, fixture] as const))(
		'%s',
		(_file, fixture) => {
			const bytes = readPdfFixture(fixture.file);
			// The committed file is what the generator makes today.
			expect(bytes.equals(fixture.build())).toBe(true);
			const result = extractPdfJpeg(bytes);
			const expected = fixture.expect;
			if (XREF_ONLY.has(fixture.file)) expect(result.work.scanHits).toBe(0);
			if ('problem' in expected) {
				expect(result.ok).toBe(false);
				if (result.ok) return;
				expect(result.problem.code).toBe(expected.problem);
				if (expected.encoding) expect(result.problem.encoding).toMatch(expected.encoding);
				expect(result.problem.message).toMatch(/: /); // the case, then the fix
				return;
			}
			const [jpeg] = jpegsOf(result);
			expect(Buffer.from(jpeg.bytes).equals(expected.image.jpeg())).toBe(true);
			expect(jpeg).toMatchObject({
				page: expected.page,
				width: expected.image.width,
				height: expected.image.height,
			});
			if (!result.ok) return;
			expect(result.ordering.basis).toBe(expected.basis);
			expect(result.ordering.pageCount).toBe(expected.pageCount);
			if (expected.basis === 'image-order') {
				expect(result.ordering.note).toMatch(/inferred/);
				expect(result.work.scanHits).toBeGreaterThan(0);
			} else expect(result.ordering.note).toBeUndefined();
		},
	);
});

describe('page selection', () => {
	const multi = readPdfFixture('multi-page.pdf');

	test('a given page, with resources inherited from its parent node', () => {
		const [jpeg] = jpegsOf(extractPdfJpeg(multi, { mode: 'page', page: 3 }));
		expect(jpeg.page).toBe(3);
		expect(jpeg.bytes.equals(GERMAN_SMALL.jpeg())).toBe(true);
	});

	test('a page without an image, and a page past the end, say so with the fix', () => {
		const cover = extractPdfJpeg(multi, { mode: 'page', page: 1 });
		expect(cover).toMatchObject({ ok: false, problem: { code: 'page-without-image', page: 1 } });
		const past = extractPdfJpeg(multi, { mode: 'page', page: 4 });
		expect(past).toMatchObject({ ok: false, problem: { code: 'no-such-page' } });
		if (!past.ok) expect(past.problem.message).toContain('has 3 pages');
		expect(extractPdfJpeg(multi, { mode: 'page', page: 0 })).toMatchObject({
			problem: { code: 'no-such-page' },
		});
	});

	test('every page: one entry per page with an image, in page order', () => {
		const jpegs = jpegsOf(extractPdfJpeg(multi, { mode: 'all' }));
		expect(jpegs.map((jpeg) => jpeg.page)).toEqual([2, 3]);
		expect(jpegs[0].bytes.equals(ICAO_SMALL.jpeg())).toBe(true);
		expect(jpegs[1].bytes.equals(GERMAN_SMALL.jpeg())).toBe(true);
	});

	test('every page: a page whose scan is not JPEG is a problem entry, not a silent gap', () => {
		// Page 3's image swapped for a JBIG2 one by editing its filter in place (same length).
		const text = multiPagePdf(ICAO_SMALL, GERMAN_SMALL).toString('latin1');
		const second = text.indexOf('8 0 obj');
		const edited = text.slice(0, second) + text.slice(second).replace('/DCTDecode', '/JBIG2Decod');
		const result = extractPdfJpeg(Buffer.from(edited, 'latin1'), { mode: 'all' });
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.pages.map((page) => ('jpeg' in page ? 'jpeg' : page.problem.code))).toEqual([
			'jpeg',
			'not-jpeg',
		]);
	});

	test('object streams: pages inferred from image order, logo not counted', () => {
		const file = readPdfFixture('xref-stream-objstm.pdf');
		const all = extractPdfJpeg(file, { mode: 'all' });
		const jpegs = jpegsOf(all);
		expect(jpegs.map((jpeg) => jpeg.page)).toEqual([1, 2]);
		expect(jpegs[0].bytes.equals(USA.jpeg())).toBe(true);
		expect(jpegs[1].bytes.equals(GERMAN_SMALL.jpeg())).toBe(true);
		expect(jpegs.some((jpeg) => jpeg.bytes.equals(LOGO.jpeg()))).toBe(false);
		if (all.ok) expect(all.ordering.basis).toBe('image-order');
		if (all.ok) expect(all.ordering.pageCount).toBeUndefined();
		const second = jpegsOf(extractPdfJpeg(file, { mode: 'page', page: 2 }));
		expect(second[0].bytes.equals(GERMAN_SMALL.jpeg())).toBe(true);
		const third = extractPdfJpeg(file, { mode: 'page', page: 3 });
		expect(third).toMatchObject({ ok: false, problem: { code: 'no-such-page' } });
		if (!third.ok) expect(third.problem.message).toContain('order of their images');
	});
});

describe('other inputs', () => {
	test('not a PDF, and PDF detection by magic bytes', () => {
		expect(isPdf(Buffer.from('%PDF-1.7\n'))).toBe(true);
		expect(isPdf(Buffer.from('garbage before\n%PDF-1.4\n'))).toBe(true);
		expect(isPdf(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe(false);
		expect(extractPdfJpeg(Buffer.from('hello'))).toMatchObject({
			ok: false,
			problem: { code: 'not-pdf' },
		});
		expect(extractPdfJpeg(Buffer.alloc(0))).toMatchObject({ problem: { code: 'not-pdf' } });
	});

	test('a header and nothing else is unreadable', () => {
		expect(extractPdfJpeg(Buffer.from('%PDF-1.4\n%%EOF\n'))).toMatchObject({
			problem: { code: 'unreadable' },
		});
	});

	test('the JPEG is a view into the input, not a copy', () => {
		const file = readPdfFixture('classic-lf.pdf');
		const [jpeg] = jpegsOf(extractPdfJpeg(file));
		expect(jpeg.bytes.buffer).toBe(file.buffer);
	});

	test('work caps end the search with too-complex instead of running on', () => {
		const file = readPdfFixture('multi-page.pdf');
		const tight = { tokens: 50, bytes: 1 << 20, objects: 1000, scanHits: 1000, searched: 1 << 24 };
		const result = extractPdfJpeg(file, { mode: 'first' }, tight);
		expect(result).toMatchObject({ ok: false, problem: { code: 'too-complex' } });
		expect(result.work.tokens).toBeLessThanOrEqual(51);
	});

	test('10 000 objects are searched within the default caps', () => {
		const objects: string[] = ['%PDF-1.4\n'];
		for (let num = 1; num <= 10_000; num++)
			objects.push(
				`${num} 0 obj\n<</Type /Annot /Subtype /Text /Rect [0 0 10 10] /Contents (n${num})>>\nendobj\n`,
			);
		const result = extractPdfJpeg(Buffer.from(objects.join(''), 'latin1'));
		// No catalog: the scan looks at every object, finds no image.
		expect(result).toMatchObject({ ok: false, problem: { code: 'no-image' } });
		expect(result.work.objects).toBeGreaterThanOrEqual(10_000);
	});

	test('50 MB of junk after a header is rejected or searched under the caps', () => {
		const junk = Buffer.alloc(50 * 1024 * 1024, 'obj 1 0 obj (', 'latin1');
		junk.write('%PDF-1.4\n', 0, 'latin1');
		const result = extractPdfJpeg(junk);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(['too-complex', 'unreadable', 'no-image']).toContain(result.problem.code);
	});
});
