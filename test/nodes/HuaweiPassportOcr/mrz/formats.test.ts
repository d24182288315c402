import { documentOf, parseMrz } from '../../../../nodes/HuaweiPassportOcr/mrz';
import {
	FRENCH_ID,
	ICAO_MRV_A,
	ICAO_MRV_B,
	ICAO_TD1,
	ICAO_TD2,
	ICAO_TD3,
	TODAY,
} from './specimens';

const parse = (input: string | string[], options = {}) =>
	parseMrz(input, { today: TODAY, ...options });
const codes = (issues: { code: string; field?: string }[]) =>
	issues.map((i) => `${i.code}:${i.field ?? ''}`);
const set = (line: string, position: number, c: string) =>
	line.slice(0, position - 1) + c + line.slice(position);

describe('visas (ICAO Doc 9303 Part 7)', () => {
	it('MRV-A specimen: every field, three check digits, no composite', () => {
		const r = parse(ICAO_MRV_A);
		expect(r.format).toBe('MRV-A');
		expect(r.errors).toEqual([]);
		expect(r.valid).toBe(true);
		expect(r.document).toEqual({ kind: 'visa', code: 'VI', format: 'MRV-A' });
		expect(r.fields).toEqual({
			documentCode: 'VI',
			issuingState: 'UTO',
			surname: 'ERIKSSON',
			givenNames: 'ANNA MARIA',
			documentNumber: 'L8988901C',
			nationality: 'XXX',
			birthDate: '1940-09-07',
			birthDateRaw: '400907',
			sex: 'F',
			expiryDate: '1996-12-10',
			expiryDateRaw: '961210',
			optionalData: '6ZE184226B',
		});
		expect(r.checks).toEqual({
			documentNumber: { valid: true, expected: '4', actual: '4' },
			birthDate: { valid: true, expected: '8', actual: '8' },
			expiryDate: { valid: true, expected: '9', actual: '9' },
		});
	});

	it('MRV-B specimen: optional data 29-36, no composite', () => {
		const r = parse(ICAO_MRV_B);
		expect(r.format).toBe('MRV-B');
		expect(r.valid).toBe(true);
		expect(r.document).toEqual({ kind: 'visa', code: 'VI', format: 'MRV-B' });
		expect(r.fields).toMatchObject({
			documentNumber: 'L8988901C',
			surname: 'ERIKSSON',
			givenNames: 'ANNA MARIA',
			birthDateRaw: '400907',
			expiryDateRaw: '961210',
			optionalData: '',
		});
		expect(Object.keys(r.checks!).sort()).toEqual(['birthDate', 'documentNumber', 'expiryDate']);
	});

	it('a changed optional-data character is no error on a visa (no check covers it)', () => {
		const r = parse([ICAO_MRV_A[0], set(ICAO_MRV_A[1], 30, 'Q')]);
		expect(r.valid).toBe(true);
		expect(r.fields?.optionalData).toBe('6QE184226B');
	});

	it('a changed document number, birth date or expiry is caught', () => {
		for (const position of [3, 16, 24]) {
			const r = parse([ICAO_MRV_A[0], set(ICAO_MRV_A[1], position, '7')]);
			expect(r.valid).toBe(false);
			expect(codes(r.errors).some((c) => c.startsWith('check_digit:'))).toBe(true);
		}
	});

	it('lines in the wrong order are put back, OCR noise tolerated', () => {
		const r = parse([ICAO_MRV_A[1], ICAO_MRV_A[0].toLowerCase().replace(/</g, '«')]);
		expect(r.format).toBe('MRV-A');
		expect(r.lines).toEqual(ICAO_MRV_A);
		expect(r.valid).toBe(true);
	});

	it('correction repairs a letter in the birth date of a visa', () => {
		const r = parse([ICAO_MRV_B[0], set(ICAO_MRV_B[1], 15, 'O')], { correct: true });
		expect(r.lines).toEqual(ICAO_MRV_B);
		expect(r.valid).toBe(true);
	});
});

describe("France's identity card issued 1994-2021 (2 × 36, not TD2)", () => {
	it('the sample: card number over 1-12, given names on line 2, composite over both lines', () => {
		const r = parse(FRENCH_ID);
		expect(r.format).toBe('FRA-ID');
		expect(r.errors).toEqual([]);
		expect(r.valid).toBe(true);
		expect(r.document).toEqual({ kind: 'id_card', code: 'ID', format: 'FRA-ID' });
		expect(r.fields).toEqual({
			documentCode: 'ID',
			issuingState: 'FRA',
			surname: 'DOUEL',
			givenNames: 'CHRISTIANE NI',
			documentNumber: '050693202043',
			nationality: '',
			birthDate: '1929-06-20',
			birthDateRaw: '290620',
			sex: 'F',
			expiryDate: null,
			expiryDateRaw: '',
			optionalData: '932013',
		});
		expect(r.checks).toEqual({
			documentNumber: { valid: true, expected: '8', actual: '8' },
			birthDate: { valid: true, expected: '9', actual: '9' },
			composite: { valid: true, expected: '3', actual: '3' },
		});
	});

	it('the choice against TD2 is reported', () => {
		const r = parse(FRENCH_ID);
		const choice = r.warnings.find((w) => w.code === 'format_choice');
		expect(choice?.message).toMatch(/read as FRA-ID rather than TD2: its check digits hold/);
	});

	it('a name change on line 1 breaks only the composite', () => {
		const r = parse([set(FRENCH_ID[0], 7, 'X'), FRENCH_ID[1]]);
		expect(r.format).toBe('FRA-ID');
		expect(codes(r.errors)).toEqual(['check_digit:composite']);
	});

	it('a TD2 card from France whose TD2 check digits hold stays TD2', () => {
		const td2 = [ICAO_TD2[0].replace('I<UTO', 'IDFRA'), ICAO_TD2[1].replace('UTO', 'FRA')];
		const r = parse(td2);
		expect(r.format).toBe('TD2');
		expect(r.valid).toBe(true);
		expect(r.document).toEqual({ kind: 'id_card', code: 'ID', format: 'TD2' });
		expect(r.warnings.find((w) => w.code === 'format_choice')?.message).toMatch(
			/read as TD2 rather than FRA-ID/,
		);
	});

	it('with neither layout holding, the likelier (the French card) is kept and the choice reported', () => {
		const r = parse([FRENCH_ID[0], set(FRENCH_ID[1], 3, '9')]);
		expect(r.format).toBe('FRA-ID');
		expect(codes(r.errors)).toEqual(['check_digit:documentNumber', 'check_digit:composite']);
		expect(r.warnings.find((w) => w.code === 'format_choice')?.message).toMatch(
			/read as FRA-ID rather than TD2: no layout has all its check digits hold/,
		);
	});

	it('with correction, the layout is chosen after correcting: a letter in the birth date', () => {
		const misread = [FRENCH_ID[0], set(FRENCH_ID[1], 28, 'Z')];
		expect(parse(misread).valid).toBe(false);
		const r = parse(misread, { correct: true });
		expect(r.format).toBe('FRA-ID');
		expect(r.lines).toEqual(FRENCH_ID);
		expect(r.valid).toBe(true);
	});
});

describe('document kinds', () => {
	it.each([
		['TD3', 'P', 'passport'],
		['TD3', 'PD', 'passport'],
		['MRV-A', 'V', 'visa'],
		['MRV-B', 'VC', 'visa'],
		['TD1', 'I', 'id_card'],
		['TD1', 'ID', 'id_card'],
		['TD2', 'IO', 'id_card'],
		['TD1', 'IR', 'residence_permit'],
		['TD1', 'AR', 'residence_permit'],
		['TD1', 'IP', 'passport'],
		['TD1', 'C', 'other'],
		['TD1', 'CR', 'other'],
		['TD2', 'AC', 'other'],
		['TD1', 'AX', 'other'],
		['TD1', 'X', 'other'],
		['FRA-ID', 'ID', 'id_card'],
	] as const)('%s %s is %s', (format, code, kind) => {
		expect(documentOf(format, code)).toEqual({ kind, code, format });
	});

	it('the specimens', () => {
		expect(parse(ICAO_TD3).document).toEqual({ kind: 'passport', code: 'P', format: 'TD3' });
		expect(parse(ICAO_TD2).document).toEqual({ kind: 'id_card', code: 'I', format: 'TD2' });
		expect(parse(ICAO_TD1).document).toEqual({ kind: 'id_card', code: 'I', format: 'TD1' });
		expect(parse(['NOT AN MRZ']).document).toBeNull();
	});

	it('a TD3 line starting with V is a visa, not a passport with a bad code', () => {
		const r = parse([ICAO_TD3[0].replace('P<', 'V<'), ICAO_TD3[1]]);
		expect(r.format).toBe('MRV-A');
		expect(r.document?.kind).toBe('visa');
	});
});
