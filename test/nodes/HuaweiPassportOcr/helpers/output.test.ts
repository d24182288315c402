import {
	buildErrorItem,
	buildResultItem,
	resultOf,
	shapeResult,
} from '../../../../nodes/HuaweiPassportOcr/helpers/output';
import { KEY_FIELDS } from '../../../../nodes/HuaweiPassportOcr/helpers/fields';
import { KEY_FIELDS as TRUTH_KEY_FIELDS } from '../../../fixtures/truth';

// The G42 example response from Huawei's API page (seed).
const seedResponse = {
	result: {
		country_code: 'ETF',
		surname: 'HUZHAO',
		given_name: 'ZHAOMIN DESALEGN ',
		passport_number: 'EP435XXXX',
		date_of_birth: '1985-09-18',
		sex: 'M',
		date_of_expiry: '2022-01-15',
		machine_code: 'P<ETFHUZHAO<< ZHAOMIN <DESALEGN<<<<<<<<<<<<<<<',
		machine_code2: 'EP435XXXX7ETF8509185M2201155<<<<<<<<<<<<<<08',
		extra_info: {},
		confidence: { country_code: 0.9727, surname: 0.9727 },
	},
};

const binary = { data: { data: 'AAAA', mimeType: 'image/jpeg', fileName: 'p.jpg' } };

describe('output shaping', () => {
	it("uses the same 13 key fields as the fixtures' truth", () => {
		expect([...KEY_FIELDS]).toEqual([...TRUTH_KEY_FIELDS]);
	});

	it('always carries the 13 key fields, trimmed, empty when absent; MRZ lines verbatim', () => {
		const shaped = shapeResult(seedResponse, { includeRawResponse: false });
		for (const field of KEY_FIELDS) expect(typeof shaped[field]).toBe('string');
		expect(shaped.given_name).toBe('ZHAOMIN DESALEGN');
		expect(shaped.place_of_birth).toBe('');
		expect(shaped.machine_code).toBe(seedResponse.result.machine_code);
		expect(shaped.machine_code2).toBe(seedResponse.result.machine_code2);
		expect(shaped.confidence).toEqual(seedResponse.result.confidence);
		expect(shaped.extra_info).toEqual({});
		expect(shaped.raw).toBeUndefined();
	});

	it('leaves MRZ lines out when not returned, adds the raw response on request', () => {
		const international = {
			result: { ...seedResponse.result, machine_code: undefined, machine_code2: undefined },
		};
		const shaped = shapeResult(international, { includeRawResponse: true });
		expect('machine_code' in shaped).toBe(false);
		expect(shaped.raw).toBe(international);
	});

	it('survives a body without result', () => {
		expect(resultOf({})).toBeUndefined();
		const shaped = shapeResult('garbage', { includeRawResponse: false });
		expect(shaped.surname).toBe('');
		expect(shaped.confidence).toEqual({});
	});

	it('replaces the JSON by default, or nests the result and keeps the input fields', () => {
		const input = { json: { customer: 7 }, binary };
		const result = { surname: 'X' };
		expect(
			buildResultItem(
				input,
				result,
				{ includeRawResponse: false, resultProperty: '', keepInputBinary: true },
				3,
			),
		).toEqual({
			json: { surname: 'X' },
			binary,
			pairedItem: { item: 3 },
		});
		expect(
			buildResultItem(
				input,
				result,
				{ includeRawResponse: false, resultProperty: 'passport', keepInputBinary: false },
				0,
			),
		).toEqual({ json: { customer: 7, passport: { surname: 'X' } }, pairedItem: { item: 0 } });
	});

	it('error items carry the error (n8n derives json.error from it), pairedItem and, by default, the binary', () => {
		const error = new Error('boom') as never;
		expect(buildErrorItem({ json: { a: 1 }, binary }, error, { keepInputBinary: true }, 5)).toEqual(
			{
				json: { error: 'boom' },
				error,
				binary,
				pairedItem: { item: 5 },
			},
		);
		expect(buildErrorItem({ json: {}, binary }, error, { keepInputBinary: false }, 0)).toEqual({
			json: { error: 'boom' },
			error,
			pairedItem: { item: 0 },
		});
	});
});
