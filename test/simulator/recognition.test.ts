import {
	DOCUMENTS,
	FIXTURE_FORMATS,
	KEY_FIELDS,
	MRZ_FIELDS,
	type FixtureFormat,
} from '../fixtures';
import { defaultConfidence } from './recognition';
import { callOcr, imageBody, pageOfSize, passportFile, useSimulator } from './testkit';

const icao = DOCUMENTS['icao-specimen'];
const chinese = DOCUMENTS.chinese;
const withoutMeta = (result: Record<string, unknown>) =>
	Object.keys(result)
		.filter((key) => !['confidence', 'extra_info', 'machine_code', 'machine_code2'].includes(key))
		.sort();

describe('simulator recognition (international edition)', () => {
	const ctx = useSimulator();

	it.each<FixtureFormat>([...FIXTURE_FORMATS])(
		'reads the 7 MRZ fields of a non-Chinese passport (%s)',
		async (format) => {
			const reply = await callOcr(
				ctx.sim,
				ctx.token,
				imageBody(passportFile('icao-specimen', format)),
			);
			expect(reply.status).toBe(200);
			const { result } = reply.json;
			expect(withoutMeta(result)).toEqual([...MRZ_FIELDS].sort());
			for (const field of MRZ_FIELDS) expect(result[field]).toBe(icao.fields[field]);
			expect(Object.keys(result.confidence).sort()).toEqual([...MRZ_FIELDS].sort());
			for (const field of MRZ_FIELDS)
				expect(result.confidence[field]).toBe(defaultConfidence(field, icao.fields[field]!));
			expect(result.extra_info).toEqual({});
			expect(result.machine_code).toBeUndefined();
		},
	);

	it.each<FixtureFormat>([...FIXTURE_FORMATS])(
		'returns all 13 fields and extra_info of a Chinese passport (%s)',
		async (format) => {
			const image = passportFile('chinese', format);
			for (const extra of [{}, { country_code: 'CHN' }]) {
				const { status, json } = await callOcr(ctx.sim, ctx.token, imageBody(image, extra));
				expect(status).toBe(200);
				expect(withoutMeta(json.result)).toEqual([...KEY_FIELDS].sort());
				for (const field of KEY_FIELDS) expect(json.result[field]).toBe(chinese.fields[field]);
				expect(Object.keys(json.result.confidence).sort()).toEqual([...KEY_FIELDS].sort());
				expect(json.result.extra_info).toEqual(chinese.extra_info);
			}
		},
	);

	it('reads only the MRZ fields of a Chinese passport in GENERAL mode', async () => {
		const { status, json } = await callOcr(
			ctx.sim,
			ctx.token,
			imageBody(passportFile('chinese'), { country_code: 'GENERAL' }),
		);
		expect(status).toBe(200);
		expect(withoutMeta(json.result)).toEqual([...MRZ_FIELDS].sort());
		expect(json.result.extra_info).toEqual({});
	});

	it('gives deterministic confidences of at least 0.95, lowered or left out where the truth says', async () => {
		const low = await callOcr(ctx.sim, ctx.token, imageBody(passportFile('low-confidence')));
		expect(low.json.result.confidence).toMatchObject(DOCUMENTS['low-confidence'].confidence!);
		expect(low.json.result.confidence.sex).toBeGreaterThanOrEqual(0.95);
		expect(low.json.result.confidence.sex).toBeLessThan(1);
		const missing = await callOcr(
			ctx.sim,
			ctx.token,
			imageBody(passportFile('missing-confidence')),
		);
		const omitted = DOCUMENTS['missing-confidence'].omitConfidence!;
		for (const field of omitted) {
			expect(missing.json.result).toHaveProperty(field);
			expect(missing.json.result.confidence).not.toHaveProperty(field);
		}
		expect(Object.keys(missing.json.result.confidence)).toHaveLength(
			MRZ_FIELDS.length - omitted.length,
		);
	});

	it('refuses CHN mode on a non-Chinese passport, and an image without ground truth, with AIS.0104', async () => {
		const chnOnIcao = await callOcr(
			ctx.sim,
			ctx.token,
			imageBody(passportFile('icao-specimen'), { country_code: 'CHN' }),
		);
		expect(chnOnIcao.status).toBe(400);
		expect(chnOnIcao.json).toEqual({ error_code: 'AIS.0104', error_msg: expect.any(String) });
		const blank = await callOcr(
			ctx.sim,
			ctx.token,
			imageBody(pageOfSize(300, 200, { document: null })),
		);
		expect(blank.status).toBe(400);
		expect(blank.json.error_code).toBe('AIS.0104');
	});

	it('general-text returns the printed lines, then the MRZ lines, with boxes and confidences', async () => {
		const image = imageBody(passportFile('icao-specimen', 'bmp'));
		const { status, json } = await callOcr(
			ctx.sim,
			ctx.token,
			{ ...image, detect_direction: true },
			'general-text',
		);
		expect(status).toBe(200);
		const blocks: { words: string; confidence: number; location: number[][] }[] =
			json.result.words_block_list;
		expect(blocks.map((b) => b.words)).toEqual([...(icao.text ?? []), ...icao.mrz]);
		expect(json.result.words_block_count).toBe(blocks.length);
		expect(json.result.direction).toBe(0);
		for (const block of blocks) {
			expect(block.location).toHaveLength(4);
			expect(block.confidence).toBeGreaterThan(0.9);
		}
		const undetected = await callOcr(ctx.sim, ctx.token, image, 'general-text');
		expect(undetected.json.result.direction).toBe(-1);
	});
});

describe('simulator recognition (G42 edition)', () => {
	const ctx = useSimulator({ edition: 'g42' });

	it('serves ae-ad-1 and adds machine_code and machine_code2 (the MRZ lines)', async () => {
		expect(ctx.sim.config.region).toBe('ae-ad-1');
		const { status, json } = await callOcr(
			ctx.sim,
			ctx.token,
			imageBody(passportFile('icao-specimen')),
		);
		expect(status).toBe(200);
		expect(json.result.machine_code).toBe(icao.mrz[0]);
		expect(json.result.machine_code2).toBe(icao.mrz[1]);
		expect(json.result.passport_number).toBe(icao.fields.passport_number);
	});

	it('rejects any country_code with AIS.0101', async () => {
		for (const countryCode of ['GENERAL', 'CHN']) {
			const { status, json } = await callOcr(
				ctx.sim,
				ctx.token,
				imageBody(passportFile('icao-specimen', 'png'), { country_code: countryCode }),
			);
			expect(status).toBe(400);
			expect(json.error_code).toBe('AIS.0101');
		}
	});
});
