/**
 * PDF input through n8n's execution helpers, against the simulator: the bytes sent are exactly the
 * JPEG embedded in the PDF (a recorder in front of the simulator keeps them), the output says where
 * the image came from, and what cannot be sent is an error item without any call.
 */
import { documentTruth, KEY_FIELDS } from '../../../fixtures';
import {
	CHINESE,
	GERMAN_SMALL,
	ICAO_SMALL,
	multiPagePdf,
	readPdfFixture,
	USA,
} from '../../../fixtures/pdf';
import { startImageRecorder } from './imageRecorder';
import type { ImageRecorder } from './imageRecorder';
import {
	binaryItem,
	calmSimulator,
	iamCredentials,
	image,
	jsonOf,
	pairedOf,
	runOcr,
	useSimulator,
} from './kit';
import type { RunOptions } from './kit';

describe('PDF input', () => {
	const sim = useSimulator('international');
	let recorder: ImageRecorder;
	beforeAll(async () => {
		recorder = await startImageRecorder(sim.url);
	});
	afterAll(async () => await recorder?.stop());
	beforeEach(() => calmSimulator(sim));

	/** Runs the node with OCR calls going through the recorder; returns the result and what was sent. */
	const run = async (options: RunOptions) => {
		const before = recorder.received().length;
		const result = await runOcr(sim, {
			credentialData: iamCredentials(sim, { ocrEndpoint: recorder.url }),
			...options,
		});
		return {
			result,
			sent: recorder
				.received()
				.slice(before)
				.map((call) => call.image),
		};
	};

	it('sends the embedded JPEG of a scanned PDF byte for byte and says where it came from', async () => {
		const { result, sent } = await run({
			items: [binaryItem(readPdfFixture('classic-lf.pdf'), {}, 'passport.pdf')],
		});
		expect(result.error).toBeUndefined();
		const [json] = jsonOf(result.outputs[0]);
		const truth = documentTruth('chinese').fields;
		for (const field of KEY_FIELDS) expect(json[field]).toBe(truth[field]);
		expect(json.source).toEqual({ kind: 'pdf', page: 1, width: 900, height: 630 });
		expect(pairedOf(result.outputs[0])).toEqual([0]);
		expect(sent).toHaveLength(1);
		expect(sent[0].equals(CHINESE.jpeg())).toBe(true);
	});

	it('takes a PDF given as base64 text too', async () => {
		const { result, sent } = await run({
			items: [{ json: { file: readPdfFixture('logo-and-scan.pdf').toString('base64') } }],
			parameters: { imageSource: 'base64', imageBase64: '={{ $json.file }}' },
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.outputs[0])[0].source).toMatchObject({ kind: 'pdf', page: 1 });
		expect(sent).toHaveLength(1);
	});

	it('every page: one output item per page image, each paired with its input item', async () => {
		const { result, sent } = await run({
			items: [
				binaryItem(image('gbr.jpg')),
				binaryItem(readPdfFixture('multi-page.pdf'), {}, 'pages.pdf'),
			],
			parameters: { pdfPage: 'all' },
		});
		expect(result.error).toBeUndefined();
		const jsons = jsonOf(result.outputs[0]);
		expect(pairedOf(result.outputs[0])).toEqual([0, 1, 1]);
		expect(jsons[0].source).toBeUndefined(); // a plain image says nothing new
		expect(jsons.slice(1).map((json) => json.source)).toEqual([
			{ kind: 'pdf', page: 2, width: 268, height: 186 },
			{ kind: 'pdf', page: 3, width: 268, height: 186 },
		]);
		expect(jsons[1].surname).toBe(documentTruth('icao-specimen').fields.surname);
		expect(jsons[2].surname).toBe(documentTruth('german-specimen').fields.surname);
		expect(sent).toHaveLength(3);
		expect(sent[1].equals(ICAO_SMALL.jpeg())).toBe(true);
		expect(sent[2].equals(GERMAN_SMALL.jpeg())).toBe(true);
	});

	it('a chosen page number', async () => {
		const { result, sent } = await run({
			items: [binaryItem(readPdfFixture('multi-page.pdf'))],
			parameters: { pdfPage: 'page', pdfPageNumber: 3 },
		});
		expect(jsonOf(result.outputs[0])[0].source).toMatchObject({ page: 3 });
		expect(sent[0].equals(GERMAN_SMALL.jpeg())).toBe(true);
	});

	it('pages inferred from image order carry the caveat', async () => {
		const { result, sent } = await run({
			items: [binaryItem(readPdfFixture('xref-stream-objstm.pdf'))],
		});
		const [json] = jsonOf(result.outputs[0]);
		expect(json.source).toMatchObject({
			kind: 'pdf',
			page: 1,
			width: 900,
			height: 630,
			pageNumbering: 'image-order',
		});
		expect((json.source as { note: string }).note).toMatch(/inferred/);
		expect(sent[0].equals(USA.jpeg())).toBe(true);
	});

	it('what cannot be sent is a per-item error with the case and the fix, and no call', async () => {
		const files = ['encrypted.pdf', 'vector-only.pdf', 'jbig2-image.pdf', 'multi-page.pdf'];
		const { result, sent } = await run({
			items: files.map((file) => binaryItem(readPdfFixture(file), {}, file)),
			parameters: { pdfPage: 'page', pdfPageNumber: 5 },
			continueOnFail: true,
		});
		const errors = jsonOf(result.outputs[0]).map((json) => String(json.error));
		expect(errors[0]).toMatch(/^Item 0, field "Input Binary Field": This PDF is encrypted/);
		expect(errors[1]).toMatch(
			/^Item 1, field "Input Binary Field": This PDF has 1 page, so there is no page 5/,
		);
		expect(errors[2]).toMatch(/^Item 2, .*no page 5/);
		expect(errors[3]).toMatch(
			/^Item 3, .*This PDF has 3 pages, so there is no page 5: choose a page from 1 to 3/,
		);
		expect(pairedOf(result.outputs[0])).toEqual([0, 1, 2, 3]);
		expect(sent).toHaveLength(0);
		expect(sim.counters().ocr.total).toBe(0);
	});

	it('first page with an image: JBIG2 and vector-only PDFs explain themselves', async () => {
		const { result, sent } = await run({
			items: ['jbig2-image.pdf', 'vector-only.pdf', 'malformed-truncated.pdf'].map((file) =>
				binaryItem(readPdfFixture(file)),
			),
			continueOnFail: true,
		});
		const errors = jsonOf(result.outputs[0]).map((json) => String(json.error));
		expect(errors[0]).toMatch(
			/holds no JPEG page image \(its scan is stored as JBIG2.*convert the passport page to JPEG/,
		);
		expect(errors[1]).toMatch(/holds no page image \(its pages are text or vector drawings/);
		expect(errors[2]).toMatch(/marked as JPEG but its data is not a JPEG file/);
		expect(sent).toHaveLength(0);
	});

	it('every page: a page that cannot be sent is its own error item; the others go through', async () => {
		// Page 3's image relabelled JBIG2 (same length), so only page 2 can be sent.
		const text = multiPagePdf(ICAO_SMALL, GERMAN_SMALL).toString('latin1');
		const second = text.indexOf('8 0 obj');
		const pdf = Buffer.from(
			text.slice(0, second) + text.slice(second).replace('/DCTDecode', '/JBIG2Decod'),
			'latin1',
		);
		const { result, sent } = await run({
			items: [binaryItem(pdf)],
			parameters: { pdfPage: 'all' },
			continueOnFail: true,
		});
		const jsons = jsonOf(result.outputs[0]);
		expect(pairedOf(result.outputs[0])).toEqual([0, 0]);
		expect(jsons[0].source).toMatchObject({ page: 2 });
		expect(String(jsons[1].error)).toMatch(
			/^Item 0, field "Input Binary Field": Page 3 of this PDF holds no JPEG page image/,
		);
		expect(sent).toHaveLength(1);
	});

	it('the embedded JPEG gets the usual checks: one past the size limit is refused before any call', async () => {
		// A page image of 8 MB (base64 over 10 MiB): padded inside the JPEG before its end marker.
		const padded = Buffer.concat([
			CHINESE.jpeg().subarray(0, -2),
			Buffer.alloc(8 * 1024 * 1024),
			Buffer.from([0xff, 0xd9]),
		]);
		const pdf = Buffer.from(
			readPdfFixture('classic-lf.pdf')
				.toString('latin1')
				.replace(CHINESE.jpeg().toString('latin1'), padded.toString('latin1'))
				.replace(`/Length ${CHINESE.jpeg().length}`, `/Length ${padded.length}`),
			'latin1',
		);
		const { result, sent } = await run({ items: [binaryItem(pdf)], continueOnFail: true });
		expect(String(jsonOf(result.outputs[0])[0].error)).toMatch(/page 1 of the PDF.*at most 10 MB/i);
		expect(sent).toHaveLength(0);
	});
});
