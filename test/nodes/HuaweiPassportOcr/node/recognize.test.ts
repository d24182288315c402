/** Recognize Passport through n8n's real execution helpers, against the simulator. */
import { KEY_FIELDS } from '../../../../nodes/HuaweiPassportOcr/helpers/fields';
import { DOCUMENTS } from '../../../fixtures';
import { readBinary } from '../../../harness';
import {
	akskCredentials,
	binaryItem,
	image,
	jsonOf,
	pairedOf,
	runOcr,
	startFileServer,
	useSimulator,
} from './kit';

describe('Huawei Passport OCR — international edition', () => {
	const sim = useSimulator('international');
	beforeEach(() => sim.resetCounters());

	it('reads a binary image: 13 key fields, confidence, extra_info, verdict; no MRZ lines', async () => {
		const result = await runOcr(sim, { items: [binaryItem(image('icao-specimen.jpg'))] });
		expect(result.error).toBeUndefined();
		expect(result.outputs).toHaveLength(1);
		const [json] = jsonOf(result.outputs[0]);
		for (const field of KEY_FIELDS) expect(typeof json[field]).toBe('string');
		expect(json).toMatchObject({
			passport_number: 'L898902C3',
			surname: 'ERIKSSON',
			given_name: 'ANNA MARIA',
			date_of_birth: '1974-08-12',
			extra_info: {},
		});
		expect(json.machine_code).toBeUndefined();
		expect(Object.keys(json.confidence as object).length).toBeGreaterThan(0);
		expect(json.verdict).toMatchObject({
			passed: true,
			reasons: [],
			confidence: { passed: true, threshold: 0.8 },
		});
		expect(pairedOf(result.outputs[0])).toEqual([0]);
		// The input binary is kept by default, byte for byte.
		expect((await readBinary(result.outputs[0][0])).equals(image('icao-specimen.jpg'))).toBe(true);
		expect(sim.counters().ocr.byAuth).toEqual({ token: 1 });
	});

	it('reads every accepted format (JPEG, PNG, BMP, TIFF), with the access-key credential too', async () => {
		const files = ['chinese.jpg', 'chinese.png', 'chinese.bmp', 'chinese.tif'];
		const result = await runOcr(sim, {
			credentialType: 'huaweiCloudAkSkApi',
			items: files.map((file) => binaryItem(image(file))),
			parameters: { recognitionMode: 'CHN' },
		});
		expect(result.error).toBeUndefined();
		const outputs = jsonOf(result.outputs[0]);
		expect(outputs).toHaveLength(4);
		for (const json of outputs) {
			expect(json).toMatchObject({
				passport_number: 'E59361024',
				surname: 'ZHANG',
				issuing_authority: 'P.R.China',
			});
			expect(json.extra_info).toEqual(DOCUMENTS.chinese.extra_info);
		}
		expect(sim.counters().ocr.byAuth).toEqual({ aksk: 4 });
	});

	it('the access-key credential looks its project up once when none is given', async () => {
		const result = await runOcr(sim, {
			credentialType: 'huaweiCloudAkSkApi',
			credentialData: akskCredentials(sim, { projectId: '' }),
			items: [
				binaryItem(image('gbr.jpg')),
				binaryItem(image('usa.jpg')),
				binaryItem(image('icao-specimen.jpg')),
			],
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.outputs[0]).map((json) => json.country_code)).toEqual([
			'GBR',
			'USA',
			'UTO',
		]);
		expect(sim.counters().iam.projects).toBe(1);
	});

	it('reads binaries that n8n keeps on disk (filesystem binary mode)', async () => {
		const result = await runOcr(sim, {
			items: [binaryItem(image('icao-specimen.tif'))],
			binaryMode: 'filesystem',
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.outputs[0])[0].surname).toBe('ERIKSSON');
		expect((await readBinary(result.outputs[0][0])).equals(image('icao-specimen.tif'))).toBe(true);
	});

	it('takes base64 text, with or without a data: prefix', async () => {
		const base64 = image('usa.jpg').toString('base64');
		const result = await runOcr(sim, {
			items: [{ json: { b64: base64 } }, { json: { b64: `data:image/jpeg;base64,${base64}` } }],
			parameters: { imageSource: 'base64', imageBase64: '={{ $json.b64 }}' },
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.outputs[0]).map((json) => json.surname)).toEqual(['BROOKS', 'BROOKS']);
	});

	it('passes an image URL for Huawei to download', async () => {
		const files = await startFileServer({ 'gbr.jpg': image('gbr.jpg') });
		try {
			const result = await runOcr(sim, {
				items: [{ json: { link: files.url('gbr.jpg') } }],
				parameters: { imageSource: 'url', imageUrl: '={{ $json.link }}' },
			});
			expect(result.error).toBeUndefined();
			expect(jsonOf(result.outputs[0])[0]).toMatchObject({ country_code: 'GBR' });
			expect(sim.counters().downloads.total).toBe(1);
		} finally {
			await files.stop();
		}
	});

	it('nests the result under a property keeping the input JSON, drops the binary, adds the raw response', async () => {
		const result = await runOcr(sim, {
			items: [binaryItem(image('icao-specimen.png'), { customerId: 42 })],
			parameters: {
				options: { resultProperty: 'passport', keepInputBinary: false, includeRawResponse: true },
			},
		});
		const [item] = result.outputs[0];
		expect(item.binary).toBeUndefined();
		expect(item.json.customerId).toBe(42);
		const passport = item.json.passport as Record<string, unknown>;
		expect(passport.surname).toBe('ERIKSSON');
		expect((passport.raw as { result: { surname: string } }).result.surname).toBe('ERIKSSON');
		expect(passport.verdict).toBeDefined();
	});

	it('sends the recognition mode as country_code', async () => {
		const result = await runOcr(sim, {
			items: [binaryItem(image('chinese.jpg')), binaryItem(image('chinese.jpg'))],
			parameters: { recognitionMode: 'GENERAL' },
		});
		expect(result.error).toBeUndefined();
		// The MRZ engine reads only the 7 MRZ fields, even of a Chinese passport.
		const [json] = jsonOf(result.outputs[0]);
		expect(json.passport_number).toBe('E59361024');
		expect(json.place_of_birth).toBe('');
	});
});

describe('Huawei Passport OCR — G42 edition', () => {
	const sim = useSimulator('g42');

	it('returns the MRZ lines and never sends a recognition mode', async () => {
		const result = await runOcr(sim, {
			items: [binaryItem(image('icao-specimen.jpg'))],
			parameters: { recognitionMode: 'GENERAL' },
		});
		expect(result.error).toBeUndefined();
		const [json] = jsonOf(result.outputs[0]);
		expect(json.machine_code).toBe(DOCUMENTS['icao-specimen'].mrz[0]);
		expect(json.machine_code2).toBe(DOCUMENTS['icao-specimen'].mrz[1]);
		expect(sim.counters().ocr.byCode).toEqual({});
	});
});
