import {
	explainConfidence,
	judgeConfidence,
	thresholdProblem,
} from '../../../../nodes/HuaweiPassportOcr/helpers/confidence';
import type { ConfidenceRules } from '../../../../nodes/HuaweiPassportOcr/helpers/confidence';

const mrzOnly = {
	country_code: 'UTO',
	passport_number: 'L898902C3',
	surname: 'ERIKSSON',
	given_name: 'ANNA MARIA',
	sex: 'F',
	date_of_birth: '1974-08-12',
	date_of_expiry: '2012-04-15',
	nationality: '',
	confidence: {
		country_code: 0.97,
		passport_number: 0.95,
		surname: 0.6,
		given_name: 0.9,
		sex: 0.99,
		date_of_birth: 0.96,
		date_of_expiry: 0.95,
	},
};

const rules = (patch: Partial<ConfidenceRules> = {}): ConfidenceRules => ({
	threshold: 0.8,
	fields: [],
	combine: 'lowest',
	missing: 'fail',
	...patch,
});

describe('confidence verdict', () => {
	it('counts every key field returned with a value, and takes the lowest', () => {
		const verdict = judgeConfidence(mrzOnly, rules());
		expect(verdict.fields).toEqual([
			'country_code',
			'passport_number',
			'surname',
			'given_name',
			'sex',
			'date_of_birth',
			'date_of_expiry',
		]);
		expect(verdict).toMatchObject({
			passed: false,
			score: 0.6,
			threshold: 0.8,
			belowThreshold: ['surname'],
			missing: [],
		});
	});

	it('passes with the mean when the weak field is outweighed, still naming it', () => {
		const verdict = judgeConfidence(mrzOnly, rules({ combine: 'mean' }));
		expect(verdict.score).toBeCloseTo((0.97 + 0.95 + 0.6 + 0.9 + 0.99 + 0.96 + 0.95) / 7, 4);
		expect(verdict.passed).toBe(true);
		expect(verdict.belowThreshold).toEqual(['surname']);
	});

	it('judges only the chosen fields', () => {
		expect(
			judgeConfidence(mrzOnly, rules({ fields: ['passport_number', 'date_of_birth'] })),
		).toMatchObject({
			passed: true,
			score: 0.95,
			fields: ['passport_number', 'date_of_birth'],
		});
	});

	it('fails a chosen field without confidence by default, ignores it on request', () => {
		const chosen = ['passport_number', 'place_of_birth'];
		expect(judgeConfidence(mrzOnly, rules({ fields: chosen }))).toMatchObject({
			passed: false,
			missing: ['place_of_birth'],
			score: 0.95,
		});
		expect(judgeConfidence(mrzOnly, rules({ fields: chosen, missing: 'ignore' }))).toMatchObject({
			passed: true,
			missing: ['place_of_birth'],
		});
	});

	it('treats non-numbers and out-of-range values as missing, numeric strings as numbers', () => {
		const result = {
			surname: 'A',
			given_name: 'B',
			sex: 'M',
			confidence: { surname: 'high', given_name: 1.5, sex: '0.9' },
		};
		expect(judgeConfidence(result, rules())).toMatchObject({
			missing: ['surname', 'given_name'],
			score: 0.9,
			passed: false,
		});
		expect(judgeConfidence(result, rules({ missing: 'ignore' }))).toMatchObject({
			passed: true,
			score: 0.9,
		});
	});

	it('never passes an empty read or one without any score', () => {
		expect(judgeConfidence({ confidence: {} }, rules({ missing: 'ignore' }))).toMatchObject({
			passed: false,
			score: null,
			fields: [],
		});
		expect(judgeConfidence({ surname: 'X' }, rules({ missing: 'ignore' }))).toMatchObject({
			passed: false,
			score: null,
		});
	});

	it('the threshold itself passes; 0 passes anything scored, 1 only perfect scores', () => {
		const result = { surname: 'X', confidence: { surname: 0.8 } };
		expect(judgeConfidence(result, rules()).passed).toBe(true);
		expect(judgeConfidence(result, rules({ threshold: 0 })).passed).toBe(true);
		expect(judgeConfidence(result, rules({ threshold: 1 })).passed).toBe(false);
	});

	it('explains a failure in one sentence naming the weak and missing fields', () => {
		const verdict = judgeConfidence({ ...mrzOnly, place_of_birth: 'ZENITH' }, rules());
		const text = explainConfidence(verdict, rules());
		expect(text).toMatch(
			/^Needs review: lowest confidence 0.6 is below 0.8 \(surname\); no confidence for place_of_birth\.$/,
		);
		expect(explainConfidence(judgeConfidence(mrzOnly, rules({ threshold: 0.5 })), rules())).toMatch(
			/meets the threshold/,
		);
	});

	it('refuses thresholds outside 0–1, hinting at percentages', () => {
		for (const ok of [0, 0.5, 1]) expect(thresholdProblem(ok)).toBeUndefined();
		expect(thresholdProblem(80)).toBe(
			'The threshold is 80: enter a number from 0 to 1 (for 80 %, enter 0.8).',
		);
		expect(thresholdProblem(-0.5)).toMatch(/from 0 to 1\.$/);
		expect(thresholdProblem('0.8')).toMatch(/"0.8"/);
		expect(thresholdProblem(Number.NaN)).toMatch(/from 0 to 1/);
	});
});
