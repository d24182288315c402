import { KEY_FIELDS, MRZ_FIELDS } from '../fixtures/truth';
import { startSimulator, type Simulator } from './index';
import { defaultConfidence } from './recognition';
import { callOcr, CHN_TRUTH, getToken, ICAO_TRUTH, imageBody, makeImage, type TestFormat } from './testkit';

describe('simulator recognition (international edition)', () => {
	let sim: Simulator;
	let token: string;
	beforeAll(async () => {
		sim = await startSimulator();
		token = await getToken(sim);
	});
	afterAll(() => sim.stop());

	it.each<TestFormat>(['jpeg', 'png', 'bmp', 'tiff'])('reads the MRZ fields of a %s image', async (format) => {
		const reply = await callOcr(sim, token, imageBody(makeImage(format, { truth: ICAO_TRUTH })));
		expect(reply.status).toBe(200);
		const { result } = reply.json;
		for (const field of MRZ_FIELDS) expect(result[field]).toBe(ICAO_TRUTH.fields[field]);
		// Other passports: only the 7 MRZ fields, even if the truth knows more.
		expect(result.nationality).toBeUndefined();
		expect(result.passport_type).toBeUndefined();
		expect(Object.keys(result.confidence).sort()).toEqual([...MRZ_FIELDS].sort());
		expect(result.extra_info).toEqual({});
		expect(result.machine_code).toBeUndefined();
	});

	it('returns all 13 fields of a Chinese passport in auto and CHN mode, with confidence overrides and omissions', async () => {
		const image = makeImage('png', { truth: CHN_TRUTH });
		for (const extra of [{}, { country_code: 'CHN' }]) {
			const { status, json } = await callOcr(sim, token, imageBody(image, extra));
			expect(status).toBe(200);
			for (const field of KEY_FIELDS) expect(json.result[field]).toBe(CHN_TRUTH.fields[field]);
			expect(json.result.confidence.surname).toBe(0.42);
			expect(json.result.confidence).not.toHaveProperty('place_of_birth');
			expect(json.result.confidence.given_name).toBe(defaultConfidence('given_name', 'SAN'));
			expect(json.result.confidence.given_name).toBeGreaterThanOrEqual(0.95);
			expect(json.result.extra_info).toEqual(CHN_TRUTH.extra_info);
		}
	});

	it('reads only the MRZ fields of a Chinese passport in GENERAL mode', async () => {
		const { status, json } = await callOcr(sim, token, imageBody(makeImage('jpeg', { truth: CHN_TRUTH }), { country_code: 'GENERAL' }));
		expect(status).toBe(200);
		expect(Object.keys(json.result).filter((k) => k !== 'confidence' && k !== 'extra_info').sort()).toEqual([...MRZ_FIELDS].sort());
		expect(json.result.extra_info).toEqual({});
	});

	it('refuses CHN mode on a non-Chinese passport and an image without ground truth with AIS.0104', async () => {
		const chnOnIcao = await callOcr(sim, token, imageBody(makeImage('png', { truth: ICAO_TRUTH }), { country_code: 'CHN' }));
		expect(chnOnIcao.status).toBe(400);
		expect(chnOnIcao.json.error_code).toBe('AIS.0104');
		const blank = await callOcr(sim, token, imageBody(makeImage('png')));
		expect(blank.status).toBe(400);
		expect(blank.json).toEqual({ error_code: 'AIS.0104', error_msg: expect.any(String) });
	});

	it('general-text returns the text lines then the MRZ lines with boxes', async () => {
		const { status, json } = await callOcr(sim, token, imageBody(makeImage('bmp', { truth: ICAO_TRUTH }), { detect_direction: true }), 'general-text');
		expect(status).toBe(200);
		const blocks = json.result.words_block_list;
		expect(blocks.map((b: { words: string }) => b.words)).toEqual([...ICAO_TRUTH.text!, ...ICAO_TRUTH.mrz]);
		expect(json.result.words_block_count).toBe(4);
		expect(json.result.direction).toBe(0);
		for (const block of blocks) {
			expect(block.location).toHaveLength(4);
			expect(block.confidence).toBeGreaterThan(0.9);
		}
	});
});

describe('simulator recognition (G42 edition)', () => {
	let sim: Simulator;
	let token: string;
	beforeAll(async () => {
		sim = await startSimulator({ edition: 'g42' });
		token = await getToken(sim);
	});
	afterAll(() => sim.stop());

	it('serves ae-ad-1 and adds machine_code and machine_code2', async () => {
		expect(sim.config.region).toBe('ae-ad-1');
		const { status, json } = await callOcr(sim, token, imageBody(makeImage('jpeg', { truth: ICAO_TRUTH })));
		expect(status).toBe(200);
		expect(json.result.machine_code).toBe(ICAO_TRUTH.mrz[0]);
		expect(json.result.machine_code2).toBe(ICAO_TRUTH.mrz[1]);
		expect(json.result.passport_number).toBe('L898902C3');
	});

	it('rejects any country_code with AIS.0101', async () => {
		const image = makeImage('png', { truth: ICAO_TRUTH });
		for (const countryCode of ['GENERAL', 'CHN']) {
			const { status, json } = await callOcr(sim, token, imageBody(image, { country_code: countryCode }));
			expect(status).toBe(400);
			expect(json.error_code).toBe('AIS.0101');
		}
	});
});
