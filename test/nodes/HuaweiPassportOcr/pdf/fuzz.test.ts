/**
 * Malformed PDFs: 1 200 mutations of the fixtures (seeded, so a failure replays) must each end in an
 * answer (images or a typed problem), never a throw, and at a cost linear in the file size. The cost is
 * the extractor's own work counter, not the clock: timing belongs in `npm run bench`.
 */
import { DEFAULT_CAPS, extractPdfJpeg } from '../../../../nodes/HuaweiPassportOcr/pdf';
import type { PdfPageSelection, PdfProblemCode } from '../../../../nodes/HuaweiPassportOcr/pdf';
import { PDF_FIXTURES, readPdfFixture } from '../../../fixtures/pdf';
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

/** Syntax that trips parsers: half structures, keywords out of place, huge numbers. */
const SNIPPETS = [
	'obj',
	' 0 obj ',
	'endobj',
	'stream\n',
	'endstream',
	'<<',
	'>>',
	'[',
	']',
	'(',
	')',
	'\\',
	'<',
	'/Length 99999999',
	'/Length -5',
	'/Length 7 0 R',
	' 1 0 R ',
	'/Kids [1 0 R 2 0 R 3 0 R]',
	'/Type /Pages',
	'/Subtype /Image',
	'/Filter /DCTDecode',
	'/Encrypt',
	'trailer',
	'xref\n0 99999\n',
	'startxref\n12\n%%EOF\n',
	'%',
	'99999999999999999999',
	'/W [9 9 9]',
	'/Prev 0',
];

type Random = () => number;
const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)];
const at = (random: Random, length: number) => Math.floor(random() * (length + 1));

function mutate(source: Buffer, random: Random): Buffer {
	let data = Buffer.from(source);
	const edits = 1 + Math.floor(random() * 4);
	for (let edit = 0; edit < edits; edit++) {
		const kind = Math.floor(random() * 6);
		const position = at(random, data.length);
		if (kind === 0) {
			for (let i = 0; i < 8 && data.length; i++)
				data[Math.min(data.length - 1, position + i)] = Math.floor(random() * 256);
		} else if (kind === 1) {
			data = data.subarray(0, position);
		} else if (kind === 2) {
			const snippet = Buffer.from(pick(random, SNIPPETS), 'latin1');
			data = Buffer.concat([data.subarray(0, position), snippet, data.subarray(position)]);
		} else if (kind === 3) {
			const end = Math.min(data.length, position + Math.floor(random() * 2048));
			data = Buffer.concat([data.subarray(0, position), data.subarray(end)]);
		} else if (kind === 4) {
			// A digit changed: offsets, lengths and object numbers go wrong together.
			const text = data.toString('latin1');
			const digit = text.slice(position).search(/\d/);
			if (digit >= 0) data[position + digit] = 0x30 + Math.floor(random() * 10);
		} else {
			const end = Math.min(data.length, position + Math.floor(random() * 4096));
			data = Buffer.concat([data, data.subarray(position, end)]); // a bogus "update" appended
		}
	}
	return data;
}

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
			const input = mutate(pick(random, sources), random);
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
