/**
 * Differential tests against cheminfo's `mrz` (devDependency oracle) where the two rule sets agree.
 *
 * Known differences, by design:
 * - Century: `mrz` returns dates as raw YYMMDD; we add an ISO date with the century inferred. Compared: raw.
 * - UTO: `mrz` rejects ICAO's specimen state; we accept it with a 'specimen_country' warning.
 * - Sex X: `mrz` rejects it; we accept it with a 'sex_x' warning (Doc 9303 says '<', some documents print X).
 * - Unknown codes (e.g. Huawei's masked 'ETF'): `mrz` invalidates the field; we warn ('unknown_country').
 * - TD1/TD2 long document number: both read the full number; `mrz` leaves its continuation in the
 *   optional data, we take it out.
 * - Optional data: `mrz` shows an inner '<' as a space; we keep the MRZ character.
 * - Dates: `mrz` accepts any day 1–31 (e.g. 31 February); we reject days the month does not have.
 * - Check digits over characters outside the alphabet: `mrz` gives no digit, we report expected null.
 * - Country list: `mrz` also knows the withdrawn ANT (Netherlands Antilles), NTZ (Neutral Zone) and
 *   XXK (an older Kosovo code); docs/mrz-rules.md (section 6) lists none of them, so they are unknown for us.
 * - A 36-character MRZ starting 'IDFRA' is a French national ID card for `mrz`; for us it is one
 *   (FRA-ID) unless only TD2's check digits hold (differentialFormats.test.ts compares FRA-ID).
 * - Long document numbers: both accept the check digit computed with or without the '<' before the
 *   continuation (we add a 'check_digit_variant' warning for the latter).
 */
import { characterValue } from '../../../../nodes/HuaweiPassportOcr/mrz/checkDigit';
import { parseMrz, type MrzResult } from '../../../../nodes/HuaweiPassportOcr/mrz';
import {
	icaoSpecialCodes,
	isoCountryCodes,
} from '../../../../nodes/HuaweiPassportOcr/mrz/countries';
import type { MrzFormat } from '../../../../nodes/HuaweiPassportOcr/mrz/formats';
import { generateMrz, seeded } from './generator';
import { oracleParse, oracleStates, type OracleResult } from './oracle';
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

const SEX: Record<string, string> = { male: 'M', female: 'F', nonspecified: 'unspecified' };
const CHECK_NAMES: Record<string, string> = {
	documentNumberCheckDigit: 'documentNumber',
	birthDateCheckDigit: 'birthDate',
	expirationDateCheckDigit: 'expiryDate',
	personalNumberCheckDigit: 'optionalData',
	compositeCheckDigit: 'composite',
};

/** The fields both parsers read the same way, in a common shape. */
function ours(r: MrzResult) {
	const f = r.fields!;
	return {
		format: r.format,
		documentNumber: f.documentNumber,
		surname: f.surname,
		givenNames: f.givenNames,
		birthDate: f.birthDateRaw,
		expiryDate: f.expiryDateRaw,
		sex: f.sex,
		failedChecks: Object.entries(r.checks!)
			.filter(([, c]) => !c.valid)
			.map(([name]) => name)
			.sort(),
	};
}

function theirs(o: OracleResult) {
	return {
		format: o.format,
		documentNumber: o.documentNumber,
		surname: o.fields.lastName,
		givenNames: o.fields.firstName,
		birthDate: o.fields.birthDate,
		expiryDate: o.fields.expirationDate,
		sex: o.fields.sex ? SEX[o.fields.sex] : null,
		failedChecks: o.invalid
			.filter((name) => name in CHECK_NAMES)
			.map((name) => CHECK_NAMES[name])
			.sort(),
	};
}

const parse = (lines: string[]) => parseMrz(lines, { today: TODAY });

it('differential: the same country codes, apart from the three historical ones', () => {
	const ourCodes = [...isoCountryCodes(), ...icaoSpecialCodes()].sort();
	const theirCodes = oracleStates()
		.filter((code) => !['ANT', 'NTZ', 'XXK'].includes(code))
		.sort();
	expect(ourCodes).toEqual(theirCodes);
	expect(isoCountryCodes()).toHaveLength(249);
});

describe('differential: specimens', () => {
	const specimens = {
		ICAO_TD3,
		GERMAN_TD3,
		GBR_TD3,
		USA_TD3,
		ICAO_TD1,
		ICAO_TD2,
		LONG_TD1,
		SEED: SEED.map((l) => l.replace(/ /g, '')),
	};
	let oracle: OracleResult[];
	beforeAll(() => {
		oracle = oracleParse(Object.values(specimens));
	});

	it('every shared field and every check-digit verdict agree', () => {
		Object.values(specimens).forEach((lines, i) =>
			expect(ours(parse(lines))).toEqual(theirs(oracle[i])),
		);
	});

	it('known difference: UTO is invalid for mrz, a specimen warning for us', () => {
		const i = Object.keys(specimens).indexOf('ICAO_TD3');
		expect(oracle[i].invalid).toEqual(['issuingState', 'nationality']);
		const r = parse(ICAO_TD3);
		expect(r.valid).toBe(true);
		expect(r.warnings.filter((w) => w.code === 'specimen_country')).toHaveLength(2);
	});

	it('known difference: the TD1 long number continuation stays in mrz optional data, not in ours', () => {
		const i = Object.keys(specimens).indexOf('LONG_TD1');
		expect(oracle[i].fields.optional1).toBe('7349');
		expect(parse(LONG_TD1).fields?.optionalData).toBe('');
	});

	it('known difference: sex X', () => {
		const withX = [GBR_TD3[0], GBR_TD3[1].replace('9M17', '9X17')];
		const [o] = oracleParse([withX]);
		expect(o.invalid).toEqual(['sex']);
		expect(parse(withX)).toMatchObject({ valid: true, fields: { sex: 'X' } });
	});
});

describe.each(['TD3', 'TD2', 'TD1'] as MrzFormat[])('differential: generated %s', (format) => {
	const rand = seeded(42);
	const valid = Array.from({ length: 120 }, () => generateMrz(rand, format, TODAY).lines);
	// One corrupted character per MRZ (anywhere but the name), to compare the check-digit verdicts.
	const corrupted = valid.map((lines) => {
		const line = lines.length === 3 ? Math.floor(rand() * 2) : 1;
		const position = Math.floor(rand() * lines[line].length);
		const original = lines[line][position];
		const replacement = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'
			.split('')
			.filter((c) => c !== original && characterValue(c) !== undefined)[Math.floor(rand() * 35)];
		return lines.map((text, i) =>
			i === line ? text.slice(0, position) + replacement + text.slice(position + 1) : text,
		);
	});
	let oracle: OracleResult[];
	beforeAll(() => {
		oracle = oracleParse([...valid, ...corrupted]);
	});

	it('the oracle reads (nearly) all of them in the same format', () => {
		const sameLayout = oracle.slice(0, valid.length).filter((o) => o.format === format).length;
		expect(sameLayout).toBeGreaterThan(valid.length * 0.9);
	});

	it('valid MRZs: both valid, same fields', () => {
		valid.forEach((lines, i) => {
			if (oracle[i].format !== format) return; // known difference: see sameLayout
			expect(oracle[i].valid).toBe(true);
			expect(parse(lines).valid).toBe(true);
			expect(ours(parse(lines))).toEqual(theirs(oracle[i]));
		});
	});

	it('corrupted MRZs: the same check digits fail', () => {
		corrupted.forEach((lines, i) => {
			const o = oracle[valid.length + i];
			// mrz throws on some layouts (e.g. a corrupted document code) and reads 'ID' + 'FRA' in 36
			// characters as a French national ID card: nothing to compare there.
			if (o.error || o.format !== format) return;
			expect(ours(parse(lines)).failedChecks).toEqual(theirs(o).failedChecks);
		});
	});
});
