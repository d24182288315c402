import { checkDigit } from '../../../../nodes/HuaweiPassportOcr/mrz/checkDigit';
import { parseMrz } from '../../../../nodes/HuaweiPassportOcr/mrz';
import { GBR_TD3, ICAO_TD1, ICAO_TD3, TODAY } from './specimens';

const parse = (input: string[], options = {}) => parseMrz(input, { today: TODAY, ...options });
const fix = (input: string[], options = {}) => parse(input, { correct: true, ...options });
const MISREAD_GBR = [GBR_TD3[0], GBR_TD3[1].replace(/^70/, '7O')];

describe('OCR correction by field type', () => {
	it('is off by default: confusions are reported as errors, not repaired', () => {
		const r = parse([ICAO_TD3[0], ICAO_TD3[1].replace('740812', '74O812')]);
		expect(r.valid).toBe(false);
		expect(r.corrections).toEqual([]);
		expect(r.errors.map((e) => e.code)).toContain('invalid_date');
	});

	it('changes nothing when every check already holds (zero edits first)', () => {
		const r = fix(ICAO_TD3);
		expect(r.corrections).toEqual([]);
		expect(r.lines).toEqual(ICAO_TD3);
	});

	it('docs/mrz-rules.md §1: LB9B902C3 passes every check digit, so no check can prove it wrong', () => {
		expect(checkDigit('LB9B902C3')).toBe(checkDigit('L898902C3'));
		const r = fix([ICAO_TD3[0], ICAO_TD3[1].replace('L898902C3', 'LB9B902C3')]);
		expect(r.valid).toBe(true);
		expect(r.corrections).toEqual([]);
	});

	it('letters in dates and check digits become their digits, each change reported', () => {
		// 7408122F1204159 (birth, check, sex, expiry, check) read with O, I, Z, S for 0, 1, 2, 5.
		const r = fix([ICAO_TD3[0], ICAO_TD3[1].replace('7408122F1204159', '74O8I2ZFIZO41S9')]);
		expect(r.lines).toEqual(ICAO_TD3);
		expect(r.valid).toBe(true);
		expect(r.corrections).toEqual([
			{ field: 'birthDate', line: 2, position: 16, from: 'O', to: '0' },
			{ field: 'birthDate', line: 2, position: 18, from: 'I', to: '1' },
			{ field: 'expiryDate', line: 2, position: 22, from: 'I', to: '1' },
			{ field: 'expiryDate', line: 2, position: 23, from: 'Z', to: '2' },
			{ field: 'expiryDate', line: 2, position: 24, from: 'O', to: '0' },
			{ field: 'expiryDate', line: 2, position: 27, from: 'S', to: '5' },
			{ field: 'birthDateCheckDigit', line: 2, position: 20, from: 'Z', to: '2' },
		]);
	});

	it('digits in names become letters; a letter never becomes a digit there', () => {
		const r = fix(['P<UTOER1KSS0N<<ANNA<MAR1A<<<<<<<<<<<<<<<<<<<', ICAO_TD3[1]]);
		expect(r.lines[0]).toBe(ICAO_TD3[0]);
		expect(r.corrections.map((c) => `${c.position}${c.from}${c.to}`)).toEqual([
			'81I',
			'120O',
			'241I',
		]);
	});

	it("a lone 'K' in the name padding is a filler; 'KK' and names with K stay", () => {
		expect(fix(['P<UTOERIKSSON<<ANNA<MARIA<<<K<<<<<K<<<<<<<<K', ICAO_TD3[1]]).lines[0]).toBe(
			ICAO_TD3[0],
		);
		const kk = 'P<UTOERIKSSON<<KK<<<<<<<<<<<<<<<<<<<<<<<<<<<';
		expect(fix([kk, ICAO_TD3[1]]).lines[0]).toBe(kk);
	});

	it('digits in a country code: the reading that makes a known code', () => {
		const r = fix([ICAO_TD3[0].replace('UTO', 'UT0'), ICAO_TD3[1].replace('UTO7408', 'GBR7408')]);
		expect(r.fields?.issuingState).toBe('UTO');
		const fra = fix([ICAO_TD3[0], ICAO_TD3[1].replace('UTO7408', 'FRA7408').replace('UTO', 'FRA')]);
		expect(fra.fields?.nationality).toBe('FRA');
		const g8r = fix([ICAO_TD3[0], ICAO_TD3[1].replace('UTO7408', 'G8R7408')]);
		expect(g8r.fields?.nationality).toBe('GBR');
		expect(g8r.corrections).toEqual([
			{ field: 'nationality', line: 2, position: 12, from: '8', to: 'B' },
		]);
	});

	it('a document-number confusion that only one reading repairs is corrected and reported', () => {
		// 707797979 read as 7O7797979: of the readings within the confusion classes, one passes.
		const r = fix(MISREAD_GBR);
		expect(r.lines).toEqual(GBR_TD3);
		expect(r.corrections).toEqual([
			{ field: 'documentNumber', line: 2, position: 2, from: 'O', to: '0' },
		]);
		expect(r.valid).toBe(true);
	});

	it('never changes the document number in strict mode: the repair is reported as withheld', () => {
		const r = fix(MISREAD_GBR, { strict: true });
		expect(r.lines).toEqual(MISREAD_GBR);
		expect(r.corrections).toEqual([]);
		expect(r.ambiguous).toEqual([
			{
				fields: ['documentNumber'],
				reason: 'withheld_strict',
				candidates: [[{ field: 'documentNumber', line: 2, position: 2, from: 'O', to: '0' }]],
			},
		]);
		expect(r.valid).toBe(false);
		expect(r.warnings.map((w) => w.code)).toContain('correction_withheld');
	});

	it('several readings pass the check digits at the fewest edits: ambiguity, no guess', () => {
		const misread = [ICAO_TD3[0], ICAO_TD3[1].replace('L898902C3', 'LB98902C3')];
		const r = fix(misread);
		expect(r.lines).toEqual(misread);
		expect(r.corrections).toEqual([]);
		expect(r.ambiguous).toHaveLength(1);
		expect(r.ambiguous[0].reason).toBe('several_candidates');
		expect(r.ambiguous[0].candidates).toContainEqual([
			{ field: 'documentNumber', line: 2, position: 2, from: 'B', to: '8' },
		]);
		expect(r.ambiguous[0].candidates.length).toBeGreaterThan(1);
		expect(r.valid).toBe(false);
	});

	it('TD1 optional data covered only by the composite is searched too', () => {
		// Put 'X2Y' in TD1 line 1 optional data and recompute the composite, then misread the 2 as Z.
		const line1 = ICAO_TD1[0].replace('<<<<<<<<<<<<<<<', 'X2Y<<<<<<<<<<<<');
		const composite = String(
			checkDigit(
				line1.slice(5) +
					ICAO_TD1[1].slice(0, 7) +
					ICAO_TD1[1].slice(8, 15) +
					ICAO_TD1[1].slice(18, 29),
			),
		);
		const valid = [line1, ICAO_TD1[1].slice(0, 29) + composite, ICAO_TD1[2]];
		expect(parse(valid).valid).toBe(true);
		const r = fix([line1.replace('X2Y', 'XZY'), valid[1], valid[2]]);
		expect(r.lines).toEqual(valid);
		expect(r.corrections).toEqual([
			{ field: 'optionalData', line: 1, position: 17, from: 'Z', to: '2' },
		]);
	});

	it('I read for 1 in an alphanumeric field ties with L (their check values differ by 20): ambiguity', () => {
		const line1 = ICAO_TD1[0].replace('<<<<<<<<<<<<<<<', 'AB12<<<<<<<<<<<');
		const composite = String(
			checkDigit(
				line1.slice(5) +
					ICAO_TD1[1].slice(0, 7) +
					ICAO_TD1[1].slice(8, 15) +
					ICAO_TD1[1].slice(18, 29),
			),
		);
		const r = fix([
			line1.replace('AB12', 'ABI2'),
			ICAO_TD1[1].slice(0, 29) + composite,
			ICAO_TD1[2],
		]);
		expect(r.ambiguous).toEqual([
			{
				fields: ['optionalData'],
				reason: 'several_candidates',
				candidates: [
					[{ field: 'optionalData', line: 1, position: 18, from: 'I', to: '1' }],
					[{ field: 'optionalData', line: 1, position: 18, from: 'I', to: 'L' }],
				],
			},
		]);
		expect(r.corrections).toEqual([]);
	});
});
