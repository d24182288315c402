import { IMAGE_LIMITS } from '../../nodes/HuaweiPassportOcr/helpers/image';
import { startSimulator, type Simulator } from './index';
import { callOcr, getToken, ICAO_TRUTH, imageBody, makeImage, ocrUrl, postJson } from './testkit';

const passport = makeImage('png', { truth: ICAO_TRUTH });
const base64 = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64');

describe('simulator OCR body checks (international edition)', () => {
	let sim: Simulator;
	let token: string;
	const ocr = (body: unknown, api?: string) => callOcr(sim, token, body, api);
	const expectServiceError = async (body: unknown, status: number, code: string) => {
		const reply = await ocr(body);
		expect({ status: reply.status, code: reply.json?.error_code }).toEqual({ status, code });
		expect(typeof reply.json.error_msg).toBe('string');
		expect(reply.json.request_id).toBeUndefined();
		return reply;
	};
	beforeAll(async () => {
		sim = await startSimulator();
		token = await getToken(sim);
	});
	afterAll(() => sim.stop());

	it('answers a body over 12 MiB with 413 APIGW.0201, before authentication', async () => {
		const huge = JSON.stringify({ image: 'A'.repeat(IMAGE_LIMITS.maxRequestBytes) });
		for (const headers of [{ 'X-Auth-Token': token }, {}] as Record<string, string>[]) {
			const reply = await postJson(ocrUrl(sim), huge, headers);
			expect(reply.status).toBe(413);
			expect(reply.json).toEqual({ error_code: 'APIGW.0201', error_msg: 'Request entity too large', request_id: reply.headers.get('x-request-id') });
		}
	});

	it('authenticates before reading the body', async () => {
		const reply = await postJson(ocrUrl(sim), '{not json');
		expect(reply.status).toBe(401);
	});

	it.each([['{not json'], ['[]'], ['"image"'], ['null'], ['']])('answers the body %j with ModelArts.4105', async (text) => {
		await expectServiceError(text, 400, 'ModelArts.4105');
	});

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
		['a GIF', base64('GIF89a\x10\x00\x10\x00\x00\x00\x00;')],
		['a PDF', base64('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n')],
		['a WebP', base64('RIFF\x1a\x00\x00\x00WEBPVP8 ')],
		['a truncated JPEG', base64(makeImage('jpeg', { truth: ICAO_TRUTH }).subarray(0, 400))],
		['a truncated PNG', base64(passport.subarray(0, passport.length - 20))],
		['random bytes', base64(Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 37) % 256)))],
	])('answers %s with AIS.0102', async (_what, image) => {
		await expectServiceError({ image }, 400, 'AIS.0102');
	});

	it('answers an encoded image over 10 MiB (request still under 12 MiB) with ModelArts.4104', async () => {
		const big = makeImage('png', { truth: ICAO_TRUTH, padBytes: 8 * 1024 * 1024 });
		expect(base64(big).length).toBeGreaterThan(IMAGE_LIMITS.maxBase64Bytes);
		await expectServiceError(imageBody(big), 400, 'ModelArts.4104');
	});

	it.each([
		['10×10', 10, 10],
		['14 px high', 200, 14],
		['8193 px wide', 8193, 20],
		['9000 px high', 20, 9000],
	])('answers a %s image with AIS.0103', async (_what, width, height) => {
		await expectServiceError(imageBody(makeImage('png', { width, height, truth: ICAO_TRUTH })), 400, 'AIS.0103');
	});

	it('accepts both ends of the side range (15 and 8192 px)', async () => {
		const reply = await ocr(imageBody(makeImage('png', { width: 8192, height: 15, truth: ICAO_TRUTH })));
		expect(reply.status).toBe(200);
	});

	it.each([['USA'], ['chn'], ['general'], [''], [42], [null]])('answers country_code %j with AIS.0101', async (countryCode) => {
		await expectServiceError(imageBody(passport, { country_code: countryCode }), 400, 'AIS.0101');
	});

	it('checks in Huawei order: presence, then format, then size, then sides, then country_code, then recognition', async () => {
		await expectServiceError({ image: 'data:xx', url: 'http://127.0.0.1/' }, 400, 'AIS.0101');
		await expectServiceError({ image: base64('GIF89a...'), country_code: 'USA' }, 400, 'AIS.0102');
		const bigGif = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(8 * 1024 * 1024)]);
		await expectServiceError(imageBody(bigGif), 400, 'AIS.0102');
		const bigTiny = makeImage('png', { width: 10, height: 10, padBytes: 8 * 1024 * 1024 });
		await expectServiceError(imageBody(bigTiny), 400, 'ModelArts.4104');
		await expectServiceError(imageBody(makeImage('png', { width: 10, height: 10 }), { country_code: 'USA' }), 400, 'AIS.0103');
		await expectServiceError(imageBody(makeImage('png'), { country_code: 'USA' }), 400, 'AIS.0101');
		await expectServiceError(imageBody(makeImage('png')), 400, 'AIS.0104');
	});

	it('applies the same checks to general-text', async () => {
		const reply = await ocr({ image: base64('GIF89a...') }, 'general-text');
		expect(reply.status).toBe(400);
		expect(reply.json.error_code).toBe('AIS.0102');
	});
});

describe('simulator OCR body checks (G42 edition)', () => {
	let sim: Simulator;
	let token: string;
	beforeAll(async () => {
		sim = await startSimulator({ edition: 'g42' });
		token = await getToken(sim);
	});
	afterAll(() => sim.stop());

	it('limits sides to 4096 px', async () => {
		const edge = await callOcr(sim, token, imageBody(makeImage('png', { width: 4096, height: 20, truth: ICAO_TRUTH })));
		expect(edge.status).toBe(200);
		const over = await callOcr(sim, token, imageBody(makeImage('png', { width: 4097, height: 20, truth: ICAO_TRUTH })));
		expect(over.status).toBe(400);
		expect(over.json.error_code).toBe('AIS.0103');
	});

	it('switches edition at run time through the knob', async () => {
		const wide = imageBody(makeImage('png', { width: 5000, height: 20, truth: ICAO_TRUTH }));
		sim.setKnobs({ edition: 'international' });
		try {
			const reply = await callOcr(sim, token, wide);
			expect(reply.status).toBe(200);
			expect(reply.json.result.machine_code).toBeUndefined();
		} finally {
			sim.setKnobs({ edition: 'g42' });
		}
		expect((await callOcr(sim, token, wide)).json.error_code).toBe('AIS.0103');
	});
});
