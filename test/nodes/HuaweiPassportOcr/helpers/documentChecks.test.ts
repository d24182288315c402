import {
	findMrzLines,
	mrzLinesOf,
	mrzCheck,
	mrzReport,
	textLinesOf,
	validityCheck,
	validityReport,
	crossCheckReport,
} from '../../../../nodes/HuaweiPassportOcr/helpers/documentChecks';
import { DOCUMENTS } from '../../../fixtures';

const ICAO = DOCUMENTS['icao-specimen'].mrz;
const TD1 = [
	'I<UTOD231458907<<<<<<<<<<<<<<<',
	'7408122F1204159UTO<<<<<<<<<<<6',
	'ERIKSSON<<ANNA<MARIA<<<<<<<<<<',
];
const today = new Date('2026-11-25T12:00:00Z');
const options = { correct: false, strict: false, today, minValidityMonths: 0, minAgeYears: 0 };

describe('finding the MRZ in OCR text', () => {
	it('takes the last two MRZ-like lines of a passport page, tolerating spaces and «', () => {
		const page = [
			'PASSPORT',
			'UTOPIA',
			'SURNAME',
			'ERIKSSON',
			'P<UTO ERIKSSON<<ANNA<MARIA«<<<<<<<<<<<<<<<<<<',
			ICAO[1],
		];
		expect(findMrzLines(page)).toEqual([page[4], page[5]]);
	});

	it('takes three short lines for a TD1 card, none when there is no MRZ', () => {
		expect(findMrzLines(['IDENTITY CARD', ...TD1])).toEqual(TD1);
		expect(findMrzLines(['PASSPORT', 'NO MRZ HERE', '12 AUG 1974'])).toBeUndefined();
		expect(findMrzLines([])).toBeUndefined();
	});

	it('finds a data line with a single filler (a fully used personal number), not prose with a <', () => {
		const usa = DOCUMENTS.usa.mrz;
		expect(usa[1].split('<')).toHaveLength(2);
		expect(findMrzLines(['PASSPORT', 'UNITED STATES OF AMERICA', ...usa])).toEqual([...usa]);
		expect(
			findMrzLines(['Totals: price < 30 EUR for every passport renewal', ...usa.slice(0, 1)]),
		).toEqual([usa[0]]);
		// 27 characters: one short of the shortest line less two OCR drops.
		expect(findMrzLines(['I<UTOD231458907<<<<<<<<<<<<'])).toBeUndefined();
	});

	it('reads general-text blocks and the G42 result fields', () => {
		expect(
			textLinesOf({
				result: { words_block_list: [{ words: 'A' }, { words: '' }, {}, { words: 'B' }] },
			}),
		).toEqual(['A', 'B']);
		expect(textLinesOf({})).toEqual([]);
		expect(mrzLinesOf({ machine_code: ICAO[0], machine_code2: ICAO[1] })).toEqual(ICAO);
		expect(mrzLinesOf({ machine_code: '' })).toBeUndefined();
	});
});

describe('MRZ and validity outcomes', () => {
	it('a valid MRZ that agrees with the printed fields passes', () => {
		const { parsed, report } = mrzReport(ICAO, 'passport', options);
		expect(report).toMatchObject({ source: 'passport', valid: true, format: 'TD3' });
		const agreement = crossCheckReport(parsed, DOCUMENTS['icao-specimen'].fields);
		expect(agreement.consistent).toBe(true);
		expect(mrzCheck(report, agreement).passed).toBe(true);
	});

	it('names the failed check digits and the mismatching fields', () => {
		const misread = mrzReport(DOCUMENTS.misread.mrz, 'passport', options);
		const outcome = mrzCheck(misread.report);
		expect(outcome.passed).toBe(false);
		expect(outcome.reason).toMatch(/MRZ check digits fail \(documentNumber.*composite\)/);

		const mismatch = mrzReport(DOCUMENTS.mismatch.mrz, 'passport', options);
		const agreement = crossCheckReport(mismatch.parsed, DOCUMENTS.mismatch.fields);
		expect(mrzCheck(mismatch.report, agreement).reason).toMatch(
			/disagrees with the printed zone \(passport_number\)/,
		);
	});

	it('expired, too short, under age: each fails with its reason; unread birth date only matters for an age rule', () => {
		const expired = validityReport(
			{ dateOfBirth: '1974-08-12', dateOfExpiry: '2012-04-15' },
			options,
		);
		expect(validityCheck(expired, options)).toMatchObject({
			passed: false,
			reason: 'Needs review: the passport has expired.',
		});
		const soon = validityReport(
			{ dateOfBirth: '1974-08-12', dateOfExpiry: '2027-02-01' },
			{ ...options, minValidityMonths: 6 },
		);
		expect(validityCheck(soon, options).reason).toMatch(/minimum remaining validity/);
		const young = validityReport(
			{ dateOfBirth: '2015-01-01', dateOfExpiry: '2030-01-01' },
			{ ...options, minAgeYears: 18 },
		);
		expect(young.ageYears).toBe(11);
		expect(validityCheck(young, { minAgeYears: 18 }).reason).toMatch(/under the minimum age/);
		const noBirth = validityReport({ dateOfExpiry: '2030-01-01' }, options);
		expect(validityCheck(noBirth, { minAgeYears: 0 }).passed).toBe(true);
		expect(validityCheck(noBirth, { minAgeYears: 18 }).passed).toBe(false);
	});
});
