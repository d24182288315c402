import { HUAWEI_LIMITS } from './limits';
import {
	badFile,
	callOcr,
	imageBody,
	ocrUrl,
	pageOfSize,
	passportFile,
	postJson,
	useSimulator,
} from './testkit';

const passport = passportFile('icao-specimen', 'png');
const base64 = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64');

describe('simulator OCR body checks (international edition)', () => {
	const ctx = useSimulator();
	const ocr = (body: unknown, api?: string) => callOcr(ctx.sim, ctx.token, body, api);
	const expectServiceError = async (body: unknown, status: number, code: string) => {
		const reply = await ocr(body);
		expect({ status: reply.status, code: reply.json?.error_code }).toEqual({ status, code });
		expect(typeof reply.json.error_msg).toBe('string');
		expect(reply.json.request_id).toBeUndefined();
		return reply;
	};

	it('answers a body over 12 MiB with 413 APIGW.0201, before authentication', async () => {
		const huge = JSON.stringify({ image: 'A'.repeat(HUAWEI_LIMITS.maxRequestBytes) });
		for (const headers of [{ 'X-Auth-Token': ctx.token }, {}] as Record<string, string>[]) {
			const reply = await postJson(ocrUrl(ctx.sim), huge, headers);
			expect(reply.status).toBe(413);
			expect(reply.json).toEqual({
				error_code: 'APIGW.0201',
				error_msg: 'Request entity too large',
				request_id: reply.headers.get('x-request-id'),
			});
		}
	});

	it('authenticates before reading the body', async () => {
		const reply = await postJson(ocrUrl(ctx.sim), '{not json');
		expect(reply.status).toBe(401);
	});

	it.each([['{not json'], ['[]'], ['"image"'], ['null'], ['']])(
		'answers the body %j with ModelArts.4105',
		async (text) => {
			await expectServiceError(text, 400, 'ModelArts.4105');
		},
	);

	it.each([
		['both image and url', { image: base64(passport), url: 'http://127.0.0.1:1/x.png' }],
		['neither', {}],
		['an empty image', { image: '' }],
		['a non-string image', { image: 12345 }],
		['a non-string url', { url: { href: 'http://127.0.0.1/' } }],
	])('answers %s with AIS.0101', async (_what, body) => {
		await expectServiceError(body, 400, 'AIS.0101');
	});

	it.each([
		['a data: prefix', `data:image/png;base64,${base64(passport)}`],
		['non-base64 text', 'this is not base64!'],
		['base64url alphabet', base64(passport).replace(/\+/g, '-').replace(/\//g, '_') + '-_'],
		['missing padding', base64(passport.subarray(0, passport.length - 1)).replace(/=+$/, '')],
		['line breaks', base64(passport).replace(/(.{76})/g, '$1\n')],
		['a GIF', base64(badFile('gif'))],
		['a PDF', base64(badFile('pdf'))],
		['a WebP', base64(badFile('webp'))],
		['a HEIC', base64(badFile('heic'))],
		['a text file', base64(badFile('text'))],
		['a truncated JPEG (truth intact)', base64(badFile('truncated-jpeg'))],
		['a truncated PNG', base64(passport.subarray(0, passport.length - 20))],
		['an empty file as base64 padding', '===='],
		['random bytes', base64(Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 37) % 256)))],
	])('answers %s with AIS.0102', async (_what, image) => {
		await expectServiceError({ image }, 400, 'AIS.0102');
	});

	it('answers an encoded image over 10 MiB (request still under 12 MiB) with ModelArts.4104', async () => {
		const big = badFile('huge');
		expect(base64(big).length).toBeGreaterThan(HUAWEI_LIMITS.maxImageBytes);
		expect(base64(big).length).toBeLessThan(HUAWEI_LIMITS.maxRequestBytes - 100);
		await expectServiceError(imageBody(big), 400, 'ModelArts.4104');
	});

	it.each([
		['10×10', 10, 10],
		['14 px high', 200, 14],
		['8193 px wide', 8193, 20],
		['9000 px high', 20, 9000],
	])('answers a %s image with AIS.0103', async (_what, width, height) => {
		await expectServiceError(imageBody(pageOfSize(width, height)), 400, 'AIS.0103');
	});

	it.each([['tiny'], ['too-wide']] as const)(
		'answers the %s fixture with AIS.0103',
		async (kind) => {
			await expectServiceError(imageBody(badFile(kind)), 400, 'AIS.0103');
		},
	);

	it('accepts both ends of the side range (15 and 8192 px)', async () => {
		const reply = await ocr(imageBody(pageOfSize(8192, 15)));
		expect(reply.status).toBe(200);
	});

	it.each([['USA'], ['chn'], ['general'], [''], [42], [null]])(
		'answers country_code %j with AIS.0101',
		async (countryCode) => {
			await expectServiceError(imageBody(passport, { country_code: countryCode }), 400, 'AIS.0101');
		},
	);

	it('checks in Huawei order: presence, then format, then size, then sides, then country_code, then recognition', async () => {
		await expectServiceError({ image: 'data:xx', url: 'http://127.0.0.1/' }, 400, 'AIS.0101');
		await expectServiceError(imageBody(badFile('gif'), { country_code: 'USA' }), 400, 'AIS.0102');
		const padding = Buffer.alloc(8 * 1024 * 1024);
		await expectServiceError(imageBody(Buffer.concat([badFile('gif'), padding])), 400, 'AIS.0102');
		// A BMP may carry bytes after its pixels: a 10×10 page made over 10 MiB.
		const bigTiny = Buffer.concat([pageOfSize(10, 10, { format: 'bmp' }), padding]);
		await expectServiceError(imageBody(bigTiny), 400, 'ModelArts.4104');
		await expectServiceError(
			imageBody(pageOfSize(10, 10), { country_code: 'USA' }),
			400,
			'AIS.0103',
		);
		await expectServiceError(
			imageBody(badFile('no-truth'), { country_code: 'USA' }),
			400,
			'AIS.0101',
		);
		await expectServiceError(imageBody(badFile('no-truth')), 400, 'AIS.0104');
	});

	it('applies the same checks to general-text', async () => {
		const reply = await ocr(imageBody(badFile('gif')), 'general-text');
		expect(reply.status).toBe(400);
		expect(reply.json.error_code).toBe('AIS.0102');
	});
});

describe('simulator OCR body checks (G42 edition)', () => {
	const ctx = useSimulator({ edition: 'g42' });

	it('limits sides to 4096 px', async () => {
		const edge = await callOcr(ctx.sim, ctx.token, imageBody(pageOfSize(4096, 20)));
		expect(edge.status).toBe(200);
		const over = await callOcr(ctx.sim, ctx.token, imageBody(pageOfSize(4097, 20)));
		expect(over.status).toBe(400);
		expect(over.json.error_code).toBe('AIS.0103');
	});

	it('switches edition at run time through the knob', async () => {
		const wide = imageBody(badFile('wide-4500'));
		ctx.sim.setKnobs({ edition: 'international' });
		try {
			const reply = await callOcr(ctx.sim, ctx.token, wide);
			expect(reply.status).toBe(200);
			expect(reply.json.result.machine_code).toBeUndefined();
		} finally {
			ctx.sim.setKnobs({ edition: 'g42' });
		}
		expect((await callOcr(ctx.sim, ctx.token, wide)).json.error_code).toBe('AIS.0103');
	});
});
