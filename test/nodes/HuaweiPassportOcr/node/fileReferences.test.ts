/**
 * Files as n8n hands them over (issue 27), through n8n-core's real helpers against the simulator: a
 * binary object from an expression, a list of them, names separated by commas, every file of an item
 * (with skip reports for what cannot be a page), and n8n 2.5's combined binary mode (files under
 * `_files`). The simulator reads only the fixtures, whose ground truth says what it must answer.
 */
import { documentTruth, makePassportImage } from '../../../fixtures';
import { readPdfFixture } from '../../../fixtures/pdf';
import { DOCUMENTS } from '../../../fixtures/documents';
import { calmSimulator, image, jsonOf, pairedOf, runOcr, useSimulator } from './kit';
import type { FeedItem } from '../../../harness';

const surname = (name: 'icao-specimen' | 'chinese' | 'german-specimen' | 'gbr') =>
	documentTruth(name).fields.surname;

const file = (data: Buffer, fileName: string, mimeType = 'application/octet-stream') => ({
	data,
	fileName,
	mimeType,
});

/** A 120 × 40 logo: a real PNG, too small to be a page. */
const logo = () =>
	makePassportImage({ truth: DOCUMENTS['icao-specimen'], format: 'png', width: 120, height: 40 });

const ICS = Buffer.from('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n', 'utf8');

/** A mail with a photo, a PDF scan of two pages, a logo and an invitation. */
const mail = (): FeedItem => ({
	json: { subject: 'my passport' },
	binary: {
		attachment_0: file(image('gbr.jpg'), 'photo.jpg', 'image/jpeg'),
		attachment_1: file(readPdfFixture('multi-page.pdf'), 'scan.pdf', 'application/pdf'),
		attachment_2: file(logo(), 'logo.png', 'image/png'),
		attachment_3: file(ICS, 'invite.ics', 'text/calendar'),
	},
});

describe('files as n8n hands them over', () => {
	const sim = useSimulator('international');
	beforeEach(() => calmSimulator(sim));

	it.each(['default', 'filesystem'] as const)(
		'a binary object from an expression (%s binary storage) reads like its name',
		async (binaryMode) => {
			const result = await runOcr(sim, {
				binaryMode,
				items: [{ json: {}, binary: { scan: file(image('icao-specimen.jpg'), 'p.jpg') } }],
				parameters: { binaryPropertyName: "={{ $('Feed').item.binary.scan }}" },
			});
			expect(result.error).toBeUndefined();
			const [json] = jsonOf(result.outputs[0]);
			expect(json.surname).toBe(surname('icao-specimen'));
			expect(json.source).toBeUndefined();
			expect(pairedOf(result.outputs[0])).toEqual([0]);
			expect(sim.counters().ocr.total).toBe(1);
		},
	);

	it('a list of binary objects and names separated by commas: one output item per file, in order', async () => {
		const items: FeedItem[] = [
			{
				json: {},
				binary: {
					a: file(image('icao-specimen.jpg'), 'first.jpg'),
					b: file(image('chinese.png'), 'second.png'),
				},
			},
		];
		const list = await runOcr(sim, {
			items,
			parameters: {
				binaryPropertyName: "={{ [$('Feed').item.binary.b, $('Feed').item.binary.a] }}",
			},
		});
		expect(list.error).toBeUndefined();
		expect(jsonOf(list.outputs[0]).map((json) => [json.source, json.surname])).toEqual([
			[{ file: 'second.png', fileName: 'second.png' }, surname('chinese')],
			[{ file: 'first.jpg', fileName: 'first.jpg' }, surname('icao-specimen')],
		]);
		const names = await runOcr(sim, { items, parameters: { binaryPropertyName: 'a, b' } });
		expect(jsonOf(names.outputs[0]).map((json) => [json.source, json.surname])).toEqual([
			[{ file: 'a', fileName: 'first.jpg' }, surname('icao-specimen')],
			[{ file: 'b', fileName: 'second.png' }, surname('chinese')],
		]);
		expect(pairedOf(names.outputs[0])).toEqual([0, 0]);
		expect(sim.counters().ocr.total).toBe(4);
	});

	it('a name the item lacks: the error lists its files in binary and under _files, and what to type', async () => {
		const inJson = {
			attachment_0: { mimeType: 'image/jpeg', data: image('gbr.jpg').toString('base64') },
		};
		const result = await runOcr(sim, {
			continueOnFail: true,
			items: [
				{ json: { _files: inJson }, binary: { scan: file(image('gbr.jpg'), 'x.jpg') } },
				{ json: { n: 2 } },
			],
			parameters: { binaryPropertyName: 'data' },
		});
		const [first, second] = jsonOf(result.outputs[0]).map((json) => String(json.error));
		expect(first).toMatch(
			/no file "data" \(neither a binary property nor under _files\); it has binary properties "scan" and files under _files "attachment_0": enter one of those names.*commas.*All Files of the Item/,
		);
		expect(second).toMatch(/no binary data, so there is no "data"/);
		expect(sim.counters().ocr.total).toBe(0);
	});

	it('an object that is not a file is refused with the expression to type', async () => {
		const result = await runOcr(sim, {
			continueOnFail: true,
			items: [{ json: { notAFile: { name: 'x' } } }],
			parameters: { binaryPropertyName: '={{ $json.notAFile }}' },
		});
		expect(String(jsonOf(result.outputs[0])[0].error)).toMatch(
			/Item 0.*\$\('Gmail'\)\.item\.binary\.attachment_0.*received an object that is not a file/,
		);
		// $binary.<name> describes the file without its data: the error says what to write instead.
		const described = await runOcr(sim, {
			continueOnFail: true,
			items: [{ json: {}, binary: { scan: file(image('gbr.jpg'), 'g.jpg') } }],
			parameters: { binaryPropertyName: '={{ $binary.scan }}' },
		});
		expect(String(jsonOf(described.outputs[0])[0].error)).toMatch(
			/description without its data.*\$\('Gmail'\)\.item\.binary\.attachment_0/,
		);
		expect(sim.counters().ocr.total).toBe(0);
	});

	it('All Files of the Item: every page of every file, skip reports for the logo and the invitation, no call for them', async () => {
		const result = await runOcr(sim, {
			items: [mail(), { json: {}, binary: { data: file(image('chinese.jpg'), 'c.jpg') } }],
			parameters: { imageSource: 'allFiles', pdfPage: 'all' },
		});
		expect(result.error).toBeUndefined();
		const out = result.outputs[0];
		expect(pairedOf(out)).toEqual([0, 0, 0, 0, 0, 1]);
		const jsons = jsonOf(out);
		expect(jsons.map((json) => json.source)).toEqual([
			{ file: 'attachment_0', fileName: 'photo.jpg' },
			{ file: 'attachment_1', fileName: 'scan.pdf', kind: 'pdf', page: 2, width: 268, height: 186 },
			{ file: 'attachment_1', fileName: 'scan.pdf', kind: 'pdf', page: 3, width: 268, height: 186 },
			{ file: 'attachment_2', fileName: 'logo.png' },
			{ file: 'attachment_3', fileName: 'invite.ics' },
			{ file: 'data', fileName: 'c.jpg' },
		]);
		expect(jsons.map((json) => json.surname)).toEqual([
			surname('gbr'),
			surname('icao-specimen'),
			surname('german-specimen'),
			'',
			'',
			surname('chinese'),
		]);
		expect(jsons[3]).toMatchObject({ skipped: true, verdict: { passed: false } });
		expect(String(jsons[3].skipReason)).toMatch(/120×40 px: too small to be a document page/);
		expect(jsons[4]).toMatchObject({ skipped: true });
		expect(String(jsons[4].skipReason)).toMatch(/not an image or PDF/);
		expect(jsons.filter((json) => json.skipped === undefined)).toHaveLength(4);
		// 1 photo + 2 PDF pages + 1 photo; the logo and the invitation cost nothing.
		expect(sim.counters().ocr.total).toBe(4);
	});

	it('All Files in route mode: skip reports go to Review, never to Passed', async () => {
		const result = await runOcr(sim, {
			items: [mail()],
			parameters: { imageSource: 'allFiles', confidenceMode: 'route', confidenceThreshold: 0 },
		});
		const passed = jsonOf(result.outputs[0]);
		const review = jsonOf(result.outputs[1]);
		expect(passed.map((json) => (json.source as { file: string }).file)).toEqual([
			'attachment_0',
			'attachment_1',
		]);
		expect(review.map((json) => json.skipped)).toEqual([true, true]);
		expect(sim.counters().ocr.total).toBe(2);
	});

	it('Keep Input Binary passes on, with each result of several files, that file alone', async () => {
		const result = await runOcr(sim, { items: [mail()], parameters: { imageSource: 'allFiles' } });
		const items = result.outputs[0];
		expect(items.length).toBeGreaterThan(2);
		for (const item of items) {
			const file = (item.json.source as { file: string }).file;
			expect(Object.keys(item.binary ?? {})).toEqual([file]);
		}
	});

	describe("n8n 2.5's combined binary mode (files under _files)", () => {
		const combined = {
			binaryMode: 'filesystem' as const,
			workflowBinaryMode: 'combined' as const,
		};

		it('finds a name under _files, and as a path in the JSON', async () => {
			for (const name of ['data', '_files.data']) {
				const result = await runOcr(sim, {
					...combined,
					items: [{ json: { n: 1 }, binary: { data: file(image('gbr.jpg'), 'g.jpg') } }],
					parameters: { binaryPropertyName: name },
				});
				expect(result.error).toBeUndefined();
				const [item] = result.outputs[0];
				expect(item.json.surname).toBe(surname('gbr'));
				expect(item.binary).toBeUndefined();
				// Keep Input Binary (on by default) keeps the files where this mode keeps them.
				expect(Object.keys(item.json._files as object)).toEqual(['data']);
			}
			expect(sim.counters().ocr.total).toBe(2);
		});

		it('Keep Input Binary off drops them; All Files reads them', async () => {
			const dropped = await runOcr(sim, {
				...combined,
				items: [{ json: { n: 1 }, binary: { data: file(image('gbr.jpg'), 'g.jpg') } }],
				parameters: { options: { keepInputBinary: false, resultProperty: 'ocr' } },
			});
			const [item] = dropped.outputs[0];
			expect(item.json).toMatchObject({ n: 1, ocr: { surname: surname('gbr') } });
			expect(item.json._files).toBeUndefined();

			const all = await runOcr(sim, {
				...combined,
				items: [mail()],
				parameters: { imageSource: 'allFiles' },
			});
			expect(
				jsonOf(all.outputs[0]).map((json) => [
					(json.source as { file: string }).file,
					json.skipped,
				]),
			).toEqual([
				['attachment_0', undefined],
				['attachment_1', undefined],
				['attachment_2', true],
				['attachment_3', true],
			]);
		});

		it('separate mode (the default) keeps reading item.binary by name', async () => {
			const result = await runOcr(sim, {
				binaryMode: 'filesystem',
				items: [{ json: {}, binary: { data: file(image('gbr.jpg'), 'g.jpg') } }],
			});
			const [item] = result.outputs[0];
			expect(item.json.surname).toBe(surname('gbr'));
			expect(Object.keys(item.binary ?? {})).toEqual(['data']);
			expect(item.json._files).toBeUndefined();
		});
	});
});
