import { crossCheck, parseMrz } from '../../../../nodes/HuaweiPassportOcr/mrz';
import { checkDigit } from '../../../../nodes/HuaweiPassportOcr/mrz/checkDigit';
import { ICAO_TD1, ICAO_TD3, TODAY } from './specimens';

const parse = (input: string[], options = {}) => parseMrz(input, { today: TODAY, ...options });
const codes = (issues: { code: string; field?: string }[]) =>
	issues.map((i) => `${i.code}:${i.field ?? ''}`);

/**
 * The ICAO TD3 specimen with another birth date (positions 14-19), its check digit (20) and the
 * composite (44) recomputed here by Doc 9303's arithmetic, over the characters as printed.
 */
function td3WithBirth(birth: string): string[] {
	const line = ICAO_TD3[1];
	const withBirth = line.slice(0, 13) + birth + String(checkDigit(birth)) + line.slice(20, 43);
	const composite = withBirth.slice(0, 10) + withBirth.slice(13, 20) + withBirth.slice(21, 43);
	return [ICAO_TD3[0], withBirth + String(checkDigit(composite))];
}

describe("unknown day or month: '<<' (ICAO), '00' and 'XX' (some issuers)", () => {
	it.each([
		['7408<<', '1974-08', 'day', '<<'],
		['740800', '1974-08', 'day', '00'],
		['7408XX', '1974-08', 'day', 'XX'],
		['74<<<<', '1974', 'month', '<<'],
		['740000', '1974', 'month', '00'],
		['74XXXX', '1974', 'month', 'XX'],
	])('%s: valid, read as %s, the %s reported unknown (written %s)', (birth, iso, part, written) => {
		const r = parse(td3WithBirth(birth));
		expect(r.errors).toEqual([]);
		expect(r.valid).toBe(true);
		expect(r.fields?.birthDate).toBe(iso);
		expect(r.fields?.birthDateRaw).toBe(birth);
		const warning = r.warnings.find((w) => w.code === 'date_partial');
		expect(warning?.field).toBe('birthDate');
		expect(warning?.message).toContain(`the ${part} (written '${written}')`);
	});

	it('the check digit is the one over the characters as printed', () => {
		// 'XX' counts 33 + 33, '00' counts 0: the two print different check digits for the same date.
		expect(checkDigit('7408XX')).not.toBe(checkDigit('740800'));
		const printedAsZero = td3WithBirth('740800');
		const xxDigitOnZeros = [
			printedAsZero[0],
			printedAsZero[1].slice(0, 19) + String(checkDigit('7408XX')) + printedAsZero[1].slice(20),
		];
		const r = parse(xxDigitOnZeros);
		expect(codes(r.errors)).toContain('check_digit:birthDate');
		expect(r.checks?.birthDate.expected).toBe(String(checkDigit('740800')));
	});

	it('strict mode makes an unknown part an error, as before for <<', () => {
		const r = parse(td3WithBirth('7408XX'), { strict: true });
		expect(r.valid).toBe(false);
		expect(codes(r.errors)).toContain('date_partial:birthDate');
	});

	it('a known day with an unknown month is still an error; a month 13 is no date', () => {
		expect(codes(parse(td3WithBirth('740012')).errors)).toContain('invalid_date:birthDate');
		expect(codes(parse(td3WithBirth('74XX12')).errors)).toContain('invalid_date:birthDate');
		expect(codes(parse(td3WithBirth('741300')).errors)).toContain('invalid_date:birthDate');
	});

	it('TD1: an XX day in the birth date reads the same way', () => {
		const birth = '7408XX';
		const line2 = birth + String(checkDigit(birth)) + ICAO_TD1[1].slice(7, 29);
		const composite =
			ICAO_TD1[0].slice(5, 30) + line2.slice(0, 7) + line2.slice(8, 15) + line2.slice(18, 29);
		const r = parse([ICAO_TD1[0], line2 + String(checkDigit(composite)), ICAO_TD1[2]]);
		expect(r.valid).toBe(true);
		expect(r.fields?.birthDate).toBe('1974-08');
	});

	it('the cross-check lets an unknown part match any printed day or month, never the year', () => {
		const r = parse(td3WithBirth('7408XX'));
		expect(crossCheck(r, { date_of_birth: '1974-08-12' }).mismatches).toEqual([]);
		expect(
			crossCheck(parse(td3WithBirth('740000')), { date_of_birth: '1974-03-12' }).mismatches,
		).toEqual([]);
		const otherYear = crossCheck(r, { date_of_birth: '1975-08-12' });
		expect(otherYear.mismatches.map((m) => m.field)).toEqual(['date_of_birth']);
	});
});
