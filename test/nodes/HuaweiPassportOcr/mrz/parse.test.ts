import { parseMrz } from '../../../../nodes/HuaweiPassportOcr/mrz';
import { checkDigit } from '../../../../nodes/HuaweiPassportOcr/mrz/checkDigit';
import {
	GBR_TD3,
	GERMAN_TD3,
	ICAO_TD1,
	ICAO_TD2,
	ICAO_TD3,
	LONG_TD1,
	SEED,
	TODAY,
	USA_TD3,
} from './specimens';

const parse = (input: string | string[], options = {}) =>
	parseMrz(input, { today: TODAY, ...options });
const codes = (issues: { code: string; field?: string }[]) =>
	issues.map((i) => `${i.code}:${i.field ?? ''}`);

describe('specimens', () => {
	it('ICAO TD3: every field and check digit', () => {
		const r = parse(ICAO_TD3);
		expect(r.format).toBe('TD3');
		expect(r.valid).toBe(true);
		expect(r.fields).toEqual({
			documentCode: 'P',
			issuingState: 'UTO',
			surname: 'ERIKSSON',
			givenNames: 'ANNA MARIA',
			documentNumber: 'L898902C3',
			nationality: 'UTO',
			birthDate: '1974-08-12',
			birthDateRaw: '740812',
			sex: 'F',
			expiryDate: '2012-04-15',
			expiryDateRaw: '120415',
			optionalData: 'ZE184226B',
		});
		expect(r.checks).toEqual({
			documentNumber: { valid: true, expected: '6', actual: '6' },
			birthDate: { valid: true, expected: '2', actual: '2' },
			expiryDate: { valid: true, expected: '9', actual: '9' },
			optionalData: { valid: true, expected: '1', actual: '1' },
			composite: { valid: true, expected: '0', actual: '0' },
		});
		expect(codes(r.warnings)).toEqual(
			expect.arrayContaining(['specimen_country:issuingState', 'specimen_country:nationality']),
		);
		expect(r.normalisation).toEqual([]);
	});

	it("German specimen: 'D<<' is Germany, empty optional data with check digit '<'", () => {
		const r = parse(GERMAN_TD3);
		expect(r.valid).toBe(true);
		expect(r.fields).toMatchObject({
			issuingState: 'D',
			nationality: 'D',
			documentNumber: 'C01X0006H',
			surname: 'MUSTERMANN',
			givenNames: 'ERIKA',
			birthDate: '1964-08-12',
			expiryDate: '2017-10-31',
		});
		expect(r.checks?.optionalData).toEqual({ valid: true, expected: '0', actual: '<' });
		expect(codes(r.warnings)).not.toContain('unknown_country:issuingState');
	});

	it("GBR sample: empty optional data with check digit '0'", () => {
		const r = parse(GBR_TD3);
		expect(r.valid).toBe(true);
		expect(r.checks?.optionalData).toEqual({ valid: true, expected: '0', actual: '0' });
		expect(r.fields).toMatchObject({
			documentNumber: '707797979',
			sex: 'M',
			birthDate: '1995-05-20',
			expiryDate: '2017-04-22',
		});
	});

	it('USA sample: optional data with an inner filler', () => {
		const r = parse(USA_TD3);
		expect(r.valid).toBe(true);
		expect(r.fields).toMatchObject({
			documentNumber: '340020013',
			optionalData: '710000307<7158',
			birthDate: '1980-01-01',
		});
	});

	it('ICAO TD1', () => {
		const r = parse(ICAO_TD1);
		expect(r.format).toBe('TD1');
		expect(r.valid).toBe(true);
		expect(r.fields).toMatchObject({
			documentCode: 'I',
			documentNumber: 'D23145890',
			surname: 'ERIKSSON',
			givenNames: 'ANNA MARIA',
			optionalData: '',
			optionalData2: '',
			nationality: 'UTO',
		});
		expect(r.checks?.composite).toEqual({ valid: true, expected: '6', actual: '6' });
		expect(r.checks?.optionalData).toBeUndefined();
	});

	it('ICAO TD2', () => {
		const r = parse(ICAO_TD2);
		expect(r.format).toBe('TD2');
		expect(r.valid).toBe(true);
		expect(r.fields).toMatchObject({
			documentNumber: 'D23145890',
			birthDate: '1974-08-12',
			expiryDate: '2012-04-15',
			sex: 'F',
		});
	});

	it('TD1 long document number continues in the optional data with its own check digit', () => {
		const r = parse(LONG_TD1);
		expect(r.valid).toBe(true);
		expect(r.fields?.documentNumber).toBe('D23145890734');
		expect(r.fields?.optionalData).toBe('');
		expect(r.checks?.documentNumber).toEqual({ valid: true, expected: '9', actual: '9' });
		// Born 1934 (2034 is in the future); expiry 1995 (2095 is beyond any passport's validity).
		expect(r.fields).toMatchObject({ birthDate: '1934-07-12', expiryDate: '1995-07-12' });
	});

	it("TD1 long number: a check digit computed with the '<' kept in the number is an issuer variant, with a warning", () => {
		// D23145890 + continuation 12: the digit differs with and without the '<' (7 vs 1 by weights).
		const plain = checkDigit('D2314589012');
		const withFiller = checkDigit('D23145890<12');
		expect(plain).not.toBe(withFiller);
		const line1 = `I<UTOD23145890<12${withFiller}`.padEnd(30, '<');
		const composite = checkDigit(line1.slice(5) + '7408122' + '1204159' + '<<<<<<<<<<<');
		const r = parse([line1, `7408122F1204159UTO<<<<<<<<<<<${composite}`, ICAO_TD1[2]]);
		expect(r.fields?.documentNumber).toBe('D2314589012');
		expect(r.checks?.documentNumber).toEqual({
			valid: true,
			expected: String(withFiller),
			actual: String(withFiller),
			variant: 'filler_included',
		});
		expect(r.valid).toBe(true);
		expect(codes(r.warnings)).toContain('check_digit_variant:documentNumber');
		const wrong = parse([
			line1.replace(`12${withFiller}`, `12${(withFiller! + 5) % 10}`),
			`7408122F1204159UTO<<<<<<<<<<<${composite}`,
			ICAO_TD1[2],
		]);
		expect(wrong.checks?.documentNumber.valid).toBe(false);
	});

	it('Huawei seed example: normalises the stray spaces, reads every field, and fails the masked number', () => {
		const r = parse(SEED);
		expect(r.lines[0]).toBe('P<ETFHUZHAO<<ZHAOMIN<DESALEGN<<<<<<<<<<<<<<<');
		expect(r.normalisation).toEqual([
			{ what: 'space_removed', line: 1, from: SEED[0], to: r.lines[0] },
		]);
		expect(r.fields).toMatchObject({
			surname: 'HUZHAO',
			givenNames: 'ZHAOMIN DESALEGN',
			documentNumber: 'EP435XXXX',
			birthDate: '1985-09-18',
			expiryDate: '2022-01-15',
			sex: 'M',
		});
		expect(r.valid).toBe(false);
		expect(codes(r.errors)).toEqual(['check_digit:documentNumber', 'check_digit:composite']);
		expect(
			r.checks?.birthDate.valid && r.checks?.expiryDate?.valid && r.checks?.optionalData?.valid,
		).toBe(true);
		expect(codes(r.warnings)).toContain('unknown_country:issuingState');
	});
});

describe('tolerant input', () => {
	const reference = parse(ICAO_TD3);

	it.each([
		['one string with a newline', ICAO_TD3.join('\n'), false],
		[
			'one string with CRLF and surrounding blanks',
			`  ${ICAO_TD3[0]}\r\n${ICAO_TD3[1]}  \n`,
			false,
		],
		['one concatenated string', ICAO_TD3.join(''), true],
		['one string, lines separated by a space', ICAO_TD3.join(' '), true],
		['lower case', ICAO_TD3.map((l) => l.toLowerCase()), true],
		['« for <', ICAO_TD3.map((l) => l.replace(/</g, '«')), true],
		['‹ and ＜ for <', [ICAO_TD3[0].replace(/<</g, '‹＜'), ICAO_TD3[1]], true],
		['padding dropped', [ICAO_TD3[0].replace(/<+$/, ''), ICAO_TD3[1]], true],
		['extra padding', [`${ICAO_TD3[0]}<<<`, ICAO_TD3[1]], true],
		[
			'other text around the MRZ',
			['PASSPORT', 'Surname / Nom', ICAO_TD3[0], ICAO_TD3[1], 'page 2'],
			true,
		],
	])('%s', (_label, input, reportsChange) => {
		const r = parse(input);
		expect(r.lines).toEqual(ICAO_TD3);
		expect(r.fields).toEqual(reference.fields);
		expect(r.normalisation.length > 0).toBe(reportsChange);
	});

	it('reports a line that had to be padded as a warning, and as an error in strict mode', () => {
		const input = [ICAO_TD3[0].replace(/<+$/, ''), ICAO_TD3[1]];
		expect(codes(parse(input).warnings)).toContain('line_length:');
		const strict = parse(input, { strict: true });
		expect(strict.valid).toBe(false);
		expect(codes(strict.errors)).toContain('line_length:');
	});

	it('puts a filler dropped inside a data line back where the check digits say', () => {
		// ZE184226B<<<<<1 lost one '<': padding at the end would shift the optional-data check digit.
		const dropped = ICAO_TD3[1].replace('B<<<<<10', 'B<<<<10');
		const r = parse([ICAO_TD3[0], dropped]);
		expect(r.lines).toEqual(ICAO_TD3);
		expect(r.valid).toBe(true);
		expect(r.normalisation.map((c) => c.what)).toEqual(['line_padded', 'filler_restored']);
		expect(r.normalisation[1]).toEqual({
			what: 'filler_restored',
			line: 2,
			from: `${dropped}<`,
			to: ICAO_TD3[1],
		});
	});

	it('a dropped filler rejoins its run; name lines are only padded at the end', () => {
		// GBR: 14 fillers then 0, 0; one '<' dropped — at the end (after '00') the checks fail, inside the run they hold.
		const dropped = [
			'P<GBRPUDARSAN<<HENERT<<<<<<<<<<<<<<<<<<<<<<<',
			'7077979792GBR9505209M1704224<<<<<<<<<<<<<00',
		];
		expect(parse(dropped).lines[1]).toBe('7077979792GBR9505209M1704224<<<<<<<<<<<<<<00');
		// A name line is only ever padded at the end.
		const shortName = parse(['P<UTOERIKSSON<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', ICAO_TD3[1]]);
		expect(shortName.lines[0]).toBe('P<UTOERIKSSON<ANNA<MARIA<<<<<<<<<<<<<<<<<<<<');
		expect(shortName.normalisation.map((c) => c.what)).toEqual(['line_padded']);
	});

	it('reads a space as a filler when dropping it would leave the line short', () => {
		const r = parse([ICAO_TD3[0].replace('ANNA<MARIA', 'ANNA MARIA'), ICAO_TD3[1]]);
		expect(r.normalisation[0].what).toBe('space_as_filler');
		expect(r.fields?.givenNames).toBe('ANNA MARIA');
		expect(r.valid).toBe(true);
	});

	it('reports every change with before and after', () => {
		const r = parse(ICAO_TD3.map((l) => l.toLowerCase().replace(/</g, '«')));
		expect(r.normalisation.map((c) => c.what)).toEqual([
			'upper_case',
			'filler_lookalike',
			'upper_case',
			'filler_lookalike',
		]);
		expect(r.normalisation[1]).toEqual({
			what: 'filler_lookalike',
			line: 1,
			from: ICAO_TD3[0].replace(/</g, '«'),
			to: ICAO_TD3[0],
		});
	});
});

describe('error classes', () => {
	const line2 = ICAO_TD3[1];
	const set = (line: string, position: number, c: string) =>
		line.slice(0, position - 1) + c + line.slice(position);

	it.each([
		['documentNumber', 10],
		['birthDate', 20],
		['expiryDate', 28],
		['optionalData', 43],
		['composite', 44],
	])('a wrong %s check digit', (check, position) => {
		const wrong = String((Number(line2[position - 1]) + 1) % 10);
		const r = parse([ICAO_TD3[0], set(line2, position, wrong)]);
		expect(r.valid).toBe(false);
		expect(r.checks?.[check as 'composite']?.valid).toBe(false);
		expect(codes(r.errors)).toContain(`check_digit:${check}`);
	});

	it("'<' for the optional-data check digit only when the optional data is empty", () => {
		const r = parse([ICAO_TD3[0], set(line2, 43, '<')]);
		expect(r.checks?.optionalData).toEqual({ valid: false, expected: '1', actual: '<' });
	});

	it('an impossible date', () => {
		// 741312: month 13; the check digit is recomputed so only the date itself is wrong.
		const r = parse([
			'P<GBRPUDARSAN<<HENERT<<<<<<<<<<<<<<<<<<<<<<<',
			'7077979792GBR9513209M1704224<<<<<<<<<<<<<<00',
		]);
		expect(codes(r.errors)).toContain('invalid_date:birthDate');
		expect(r.fields?.birthDate).toBeNull();
		expect(r.fields?.birthDateRaw).toBe('951320');
	});

	it('an unknown day stays partial and is flagged', () => {
		const lines = [
			'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<',
			'L898902C36UTO7408<<6F1204159ZE184226B<<<<<10',
		];
		const r = parse(lines);
		expect(r.fields?.birthDate).toBe('1974-08');
		expect(codes(r.warnings)).toContain('date_partial:birthDate');
	});

	it('sex X is accepted with a warning; strict makes it an error', () => {
		const lines = [ICAO_TD3[0], set(line2, 21, 'X')];
		const r = parse(lines);
		expect(r.fields?.sex).toBe('X');
		expect(r.valid).toBe(true);
		expect(codes(r.warnings)).toContain('sex_x:sex');
		expect(parse(lines, { strict: true }).valid).toBe(false);
	});

	it('sex < is unspecified; any other letter is an error', () => {
		expect(parse([ICAO_TD3[0], set(line2, 21, '<')]).fields?.sex).toBe('unspecified');
		const r = parse([ICAO_TD3[0], set(line2, 21, 'Q')]);
		expect(r.fields?.sex).toBeNull();
		expect(codes(r.errors)).toContain('invalid_sex:sex');
	});

	it('unknown and malformed country codes', () => {
		const unknown = parse([ICAO_TD3[0].replace('UTO', 'ABC'), ICAO_TD3[1]]);
		expect(unknown.valid).toBe(true);
		expect(codes(unknown.warnings)).toContain('unknown_country:issuingState');
		expect(parse([ICAO_TD3[0].replace('UTO', 'ABC'), ICAO_TD3[1]], { strict: true }).valid).toBe(
			false,
		);
		const malformed = parse([ICAO_TD3[0].replace('UTO', 'U1O'), ICAO_TD3[1]]);
		expect(codes(malformed.errors)).toContain('invalid_country:issuingState');
	});

	it.each([
		'GBD',
		'GBN',
		'GBO',
		'GBS',
		'GBP',
		'RKS',
		'EUE',
		'UNO',
		'UNA',
		'UNK',
		'XXA',
		'XXB',
		'XXC',
		'XXX',
		'XBA',
		'XIM',
		'XCC',
		'XCE',
		'XCO',
		'XEC',
		'XPO',
		'XES',
		'XOM',
		'XDC',
	])('ICAO code %s is known', (code) => {
		const r = parse([ICAO_TD3[0].replace('UTO', code), ICAO_TD3[1]]);
		expect(r.warnings.filter((w) => w.field === 'issuingState')).toEqual([]);
	});

	it('a passport MRZ must start with P', () => {
		const r = parse([ICAO_TD3[0].replace(/^P/, 'I'), ICAO_TD3[1]]);
		expect(codes(r.errors)).toContain('invalid_document_code:documentCode');
	});

	it('characters outside the MRZ alphabet', () => {
		const r = parse([ICAO_TD3[0].replace('ANNA', 'AN#A'), ICAO_TD3[1]]);
		expect(codes(r.errors)).toContain('invalid_character:name');
		const bad = parse([ICAO_TD3[0], line2.replace('L898902C3', 'L8989$2C3')]);
		expect(bad.checks?.documentNumber).toMatchObject({ valid: false, expected: null });
	});

	it('a specimen is an error in strict mode', () => {
		const r = parse(ICAO_TD3, { strict: true });
		expect(r.valid).toBe(false);
		expect(codes(r.errors)).toEqual([
			'specimen_country:issuingState',
			'specimen_country:nationality',
		]);
	});

	it('unrecognisable input', () => {
		const inputs = ['', 'hello world', ['one line only'], ['a', 'b', 'c', 'd'], null, undefined];
		for (const input of inputs as string[]) {
			const r = parse(input);
			expect(r).toMatchObject({ format: null, valid: false, fields: null, checks: null });
			expect(codes(r.errors)).toEqual(['unrecognised_format:']);
		}
	});

	it('an empty name and an empty document number', () => {
		const r = parse([
			'P<UTO<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<',
			'<<<<<<<<<0UTO7408122F1204159ZE184226B<<<<<10'.replace(/.$/, '6'),
		]);
		expect(codes(r.errors)).toEqual(
			expect.arrayContaining(['missing_name:name', 'missing_document_number:documentNumber']),
		);
	});

	it('a mononym sits in the given-name slot with an empty surname', () => {
		const r = parse(['P<UTO<<ZHAOMIN<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<', ICAO_TD3[1]]);
		expect(r.fields).toMatchObject({ surname: '', givenNames: 'ZHAOMIN' });
		expect(r.valid).toBe(true);
	});

	it('a name that fills its field is flagged as possibly truncated', () => {
		const r = parse(['P<UTOERIKSSON<<ANNA<MARIA<BEATRIX<CHRISTINAJO', ICAO_TD3[1]]);
		expect(codes(r.warnings)).toContain('name_truncated:name');
	});
});
