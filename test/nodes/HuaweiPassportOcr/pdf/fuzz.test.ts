/* eslint-disable @n8n/community-nodes/require-node-api-error -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/**
 * Malformed PDFs: 1 200 mutations of the fixtures (seeded, so a failure replays) must each end in an
 * answer (images or a typed problem), never a throw, and at a cost linear in the file size. The cost is
 * the extractor's own work counter, not the clock: timing belongs in `npm run bench`.
 */
import { DEFAULT_CAPS, extractPdfJpeg } from '../../../../nodes/HuaweiPassportOcr/pdf';
import type { PdfPageSelection, PdfProblemCode } from '../../../../nodes/HuaweiPassportOcr/pdf';
import { PDF_FIXTURES, readPdfFixture } from '../../../fixtures/pdf';
import { mutatePdf, pick } from '../../../fixtures/pdf/mutate';
import { seededRandom } from '../../../fixtures/raster';

const PROBLEM_CODES: PdfProblemCode[] = [
	'not-pdf',
	'encrypted',
	'unreadable',
	'too-complex',
	'no-image',
	'not-jpeg',
	'no-such-page',
	'page-without-image',
	'damaged-image',
];

const SELECTIONS: PdfPageSelection[] = [
	{ mode: 'first' },
	{ mode: 'all' },
	{ mode: 'page', page: 2 },
];

describe('fuzz: mutated PDFs', () => {
	const sources = PDF_FIXTURES.map((fixture) => readPdfFixture(fixture.file));

	test('1 200 mutations: an answer every time, never a throw, work linear in the size', () => {
		const random = seededRandom(0x5eed_0012);
		const seen = new Set<string>();
		let worst = 0;
		for (let run = 0; run < 1200; run++) {
			const input = mutatePdf(pick(random, sources), random);
			const selection = pick(random, SELECTIONS);
			let result;
			try {
				result = extractPdfJpeg(input, selection);
			} catch (error) {
				throw new Error(`run ${run} (${input.length} bytes) threw: ${(error as Error).stack}`);
			}
			const { work } = result;
			// Each byte is lexed at most a few times and searched natively at most a few times.
			const cost = (work.bytes + work.searched) / (input.length + 1024);
			worst = Math.max(worst, cost);
			expect(cost).toBeLessThan(8);
			expect(work.tokens).toBeLessThanOrEqual(DEFAULT_CAPS.tokens);
			expect(work.objects).toBeLessThanOrEqual(DEFAULT_CAPS.objects);
			if (result.ok) {
				for (const page of result.pages) {
					if ('problem' in page) {
						expect(PROBLEM_CODES).toContain(page.problem.code);
						continue;
					}
					// A view into the input that starts like a JPEG.
					expect(page.jpeg.bytes.buffer).toBe(input.buffer);
					expect([page.jpeg.bytes[0], page.jpeg.bytes[1]]).toEqual([0xff, 0xd8]);
				}
				seen.add('ok');
			} else {
				expect(PROBLEM_CODES).toContain(result.problem.code);
				expect(result.problem.message.length).toBeGreaterThan(20);
				seen.add(result.problem.code);
			}
		}
		// The mutations reach both outcomes, so the loop does test something.
		expect(seen.has('ok')).toBe(true);
		expect(seen.size).toBeGreaterThan(3);
		expect(worst).toBeGreaterThan(0);
	});
});
