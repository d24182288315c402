/** Every locally detected bad input fails its item with a clear message and costs no API call. */
import {
	badImage,
	binaryItem,
	image,
	jsonOf,
	pairedOf,
	runOcr,
	useSimulator,
	withSimulator,
} from './kit';

describe('local checks before any call', () => {
	const sim = useSimulator('international');
	beforeEach(() => sim.resetCounters());

	const cases: Array<[string, () => Buffer, RegExp]> = [
		[
			'PDF without a page image',
			() => badImage('pdf'),
			/This PDF holds no page image .*convert the passport page to JPEG first/,
		],
		['GIF', () => badImage('gif'), /GIF: convert it to JPEG or PNG/],
		['WebP', () => badImage('webp'), /WebP: convert it to JPEG or PNG/],
		['HEIC', () => badImage('heic'), /HEIC: convert it to JPEG/],
		['empty file', () => badImage('empty'), /An empty file/],
		['text file', () => badImage('text'), /Plain text/],
		['truncated JPEG', () => badImage('truncated-jpeg'), /ends early/],
		['10×10 px', () => badImage('tiny'), /10×10 px: each side must be at least 15 px/],
		['9000 px wide', () => badImage('too-wide'), /at most 8192 px/],
		['base64 over 10 MB', () => badImage('huge'), /as base64; Huawei accepts at most 10 MB/],
	];

	it.each(cases)(
		'%s → an error item naming the item, the field and the fix; no API call',
		async (_name, file, message) => {
			const result = await runOcr(sim, { items: [binaryItem(file())], continueOnFail: true });
			const [json] = jsonOf(result.outputs[0]);
			expect(json.error).toMatch(/^Item 0, field "Input Binary Field": /);
			expect(json.error).toMatch(message);
			expect(sim.counters().ocr.total).toBe(0);
		},
	);

	it('G42: a 4500 px side is refused locally (4096 max), internationally it is sent', async () => {
		const g42 = await withSimulator('g42');
		try {
			const refused = await runOcr(g42, {
				items: [binaryItem(badImage('wide-4500'))],
				continueOnFail: true,
			});
			expect(jsonOf(refused.outputs[0])[0].error).toMatch(
				/G42 Cloud edition accepts at most 4096 px/,
			);
			expect(g42.counters().ocr.total).toBe(0);
		} finally {
			await g42.stop();
		}
		const accepted = await runOcr(sim, { items: [binaryItem(badImage('wide-4500'))] });
		expect(accepted.error).toBeUndefined();
		expect(sim.counters().ocr.total).toBe(1);
	});

	it('base64 and URL sources are checked too', async () => {
		const result = await runOcr(sim, {
			items: [
				{ json: { b64: badImage('pdf').toString('base64') } },
				{ json: { b64: 'definitely not base64 !!' } },
				{ json: { b64: { image: 'AAAA' } } },
				{ json: { b64: `data:image/png;base64,${image('icao-specimen.png').toString('base64')}` } },
			],
			parameters: { imageSource: 'base64', imageBase64: '={{ $json.b64 }}' },
			continueOnFail: true,
		});
		const jsons = jsonOf(result.outputs[0]);
		expect(jsons[0].error).toMatch(/^Item 0, field "Base64 Image": This PDF holds no page image/);
		expect(jsons[1].error).toMatch(/^Item 1, field "Base64 Image": The text is not valid base64/);
		expect(jsons[2].error).toMatch(
			/^Item 2, field "Base64 Image": The field received an object, not base64 text/,
		);
		expect(jsons[3].surname).toBe('ERIKSSON');
		expect(sim.counters().ocr.total).toBe(1);

		const urls = await runOcr(sim, {
			items: [{ json: {} }],
			parameters: { imageSource: 'url', imageUrl: 'ftp://127.0.0.1/p.jpg' },
			continueOnFail: true,
		});
		expect(jsonOf(urls.outputs[0])[0].error).toMatch(
			/field "Image URL": Huawei downloads http\(s\) URLs only/,
		);
		expect(sim.counters().ocr.total).toBe(1);
	});

	it('hints when the binary field holds base64 or the item has another binary property', async () => {
		const base64 = image('icao-specimen.jpg').toString('base64');
		const result = await runOcr(sim, {
			items: [{ json: { b64: base64 } }, binaryItem(image('icao-specimen.jpg')), { json: {} }],
			parameters: {
				binaryPropertyName:
					'={{ $itemIndex === 0 ? $json.b64 : ($itemIndex === 1 ? "scan" : "data") }}',
			},
			continueOnFail: true,
		});
		const jsons = jsonOf(result.outputs[0]);
		expect(jsons[0].error).toMatch(/NAME of the binary property.*Base64 Text/);
		expect(jsons[1].error).toMatch(/no binary property "scan"; it has "data"/);
		expect(jsons[2].error).toMatch(/no binary data/);
		expect(pairedOf(result.outputs[0])).toEqual([0, 1, 2]);
		expect(sim.counters().ocr.total).toBe(0);
	});

	it('a binary n8n lost from its filesystem storage fails its item with the way out; the others go on', async () => {
		const lost = binaryItem(image('icao-specimen.jpg'));
		if (lost.binary) lost.binary.data.lost = true;
		const result = await runOcr(sim, {
			items: [binaryItem(image('icao-specimen.jpg')), lost],
			binaryMode: 'filesystem',
			continueOnFail: true,
		});
		const jsons = jsonOf(result.outputs[0]);
		expect(jsons[0].error).toBeUndefined();
		expect(jsons[0].surname).toBe('ERIKSSON');
		expect(jsons[1].error).toMatch(
			/^Item 1, field "Input Binary Field": n8n lost the file of binary property "data" before this node read it \(File not found in its binary data storage\)\..*N8N_DEFAULT_BINARY_DATA_MODE=database.*send the file again/,
		);
		// The storage path stays out of the message.
		expect(jsons[1].error).not.toMatch(/\/tmp|binaryData|filesystem-v2/);
		expect(pairedOf(result.outputs[0])).toEqual([0, 1]);
		expect(sim.counters().ocr.total).toBe(1);
	});
});
