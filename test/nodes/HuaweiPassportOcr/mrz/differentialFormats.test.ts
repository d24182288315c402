/**
 * Differential tests of the visa formats and France's 1994-2021 card against cheminfo's `mrz`
 * (devDependency oracle, 5.0.2).
 *
 * Format names: its FRENCH_NATIONAL_ID is our FRA-ID. It has no visa format: it reads a 2 × 44 visa as
 * TD3 and a 2 × 36 one as TD2, so it invalidates the document code 'V' and reports the check digits a
 * visa does not have (TD3's personal-number and composite, TD2's composite); only the fields and the
 * three check digits visas share with TD3/TD2 (document number, birth date, expiry) are compared.
 *
 * Known differences, by design:
 * - French given names: `mrz` keeps a space per filler ('CHRISTIANE  NI'); we write one space.
 * - French card number: both give all 12 characters (`mrz` also splits them into issue date,
 *   department and number, which we leave whole).
 * - UTO: `mrz` rejects ICAO's specimen state (see differential.test.ts).
 */
import { characterValue } from '../../../../nodes/HuaweiPassportOcr/mrz/checkDigit';
import { parseMrz, type MrzResult } from '../../../../nodes/HuaweiPassportOcr/mrz';
import type { MrzFormat } from '../../../../nodes/HuaweiPassportOcr/mrz/formats';
import { generateMrz, seeded } from './generator';
import { oracleParse, type OracleResult } from './oracle';
import { FRENCH_ID, ICAO_MRV_A, ICAO_MRV_B, TODAY } from './specimens';

const THEIR_FORMAT: Record<string, string> = {
	'MRV-A': 'TD3',
	'MRV-B': 'TD2',
	'FRA-ID': 'FRENCH_NATIONAL_ID',
};
const SEX: Record<string, string> = { male: 'M', female: 'F', nonspecified: 'unspecified' };
const CHECK_NAMES: Record<string, string> = {
	documentNumberCheckDigit: 'documentNumber',
	birthDateCheckDigit: 'birthDate',
	expirationDateCheckDigit: 'expiryDate',
	compositeCheckDigit: 'composite',
};
const spaces = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/** Shared fields and the failed check digits among those both formats have. */
function ours(r: MrzResult, shared: string[]) {
	const f = r.fields!;
	return {
		documentNumber: f.documentNumber,
		surname: f.surname,
		givenNames: f.givenNames,
		birthDate: f.birthDateRaw,
		expiryDate: f.expiryDateRaw || null,
		sex: f.sex,
		failedChecks: Object.entries(r.checks!)
			.filter(([name, c]) => shared.includes(name) && !c.valid)
			.map(([name]) => name)
			.sort(),
	};
}

function theirs(o: OracleResult, shared: string[]) {
	return {
		documentNumber: o.documentNumber,
		surname: spaces(o.fields.lastName),
		givenNames: spaces(o.fields.firstName),
		birthDate: o.fields.birthDate,
		expiryDate: o.fields.expirationDate ?? null,
		sex: o.fields.sex ? SEX[o.fields.sex] : null,
		failedChecks: o.invalid
			.filter((name) => name in CHECK_NAMES && shared.includes(CHECK_NAMES[name]))
			.map((name) => CHECK_NAMES[name])
			.sort(),
	};
}

const SHARED_CHECKS: Record<string, string[]> = {
	'MRV-A': ['documentNumber', 'birthDate', 'expiryDate'],
	'MRV-B': ['documentNumber', 'birthDate', 'expiryDate'],
	'FRA-ID': ['documentNumber', 'birthDate', 'composite'],
};
const parse = (lines: string[]) => parseMrz(lines, { today: TODAY });

describe('differential: the specimens of the new formats', () => {
	it('Doc 9303 visas: the same fields and the shared check digits; mrz reads them as TD3 / TD2', () => {
		const [a, b] = oracleParse([ICAO_MRV_A, ICAO_MRV_B]);
		expect([a.format, b.format]).toEqual(['TD3', 'TD2']);
		expect(a.invalid).toEqual(
			expect.arrayContaining(['documentCode', 'personalNumberCheckDigit', 'compositeCheckDigit']),
		);
		expect(ours(parse(ICAO_MRV_A), SHARED_CHECKS['MRV-A'])).toEqual(
			theirs(a, SHARED_CHECKS['MRV-A']),
		);
		expect(ours(parse(ICAO_MRV_B), SHARED_CHECKS['MRV-B'])).toEqual(
			theirs(b, SHARED_CHECKS['MRV-B']),
		);
	});

	it('the French card: both FRA-ID, valid, the same fields', () => {
		const [o] = oracleParse([FRENCH_ID]);
		expect(o).toMatchObject({ format: 'FRENCH_NATIONAL_ID', valid: true });
		const r = parse(FRENCH_ID);
		expect(r.valid).toBe(true);
		expect(ours(r, SHARED_CHECKS['FRA-ID'])).toEqual(theirs(o, SHARED_CHECKS['FRA-ID']));
		// Known difference: a space per filler in its given names.
		expect(o.fields.firstName).toBe('CHRISTIANE  NI');
	});
});

describe.each(['MRV-A', 'MRV-B', 'FRA-ID'] as MrzFormat[])(
	'differential: generated %s',
	(format) => {
		const rand = seeded(43);
		const shared = SHARED_CHECKS[format];
		const valid = Array.from({ length: 120 }, () => generateMrz(rand, format, TODAY).lines);
		// One corrupted character per MRZ on line 2, to compare the check-digit verdicts.
		const corrupted = valid.map((lines) => {
			const position = Math.floor(rand() * lines[1].length);
			const original = lines[1][position];
			const replacement = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'
				.split('')
				.filter((c) => c !== original && characterValue(c) !== undefined)[Math.floor(rand() * 35)];
			return [lines[0], lines[1].slice(0, position) + replacement + lines[1].slice(position + 1)];
		});
		let oracle: OracleResult[];
		beforeAll(() => {
			oracle = oracleParse([...valid, ...corrupted]);
		});

		it(`the oracle reads them all as ${THEIR_FORMAT[format]}`, () => {
			expect(oracle.slice(0, valid.length).map((o) => o.format)).toEqual(
				valid.map(() => THEIR_FORMAT[format]),
			);
		});

		it('valid MRZs: ours valid, the same fields, none of the shared check digits failing', () => {
			valid.forEach((lines, i) => {
				const r = parse(lines);
				expect(r.valid).toBe(true);
				expect(ours(r, shared)).toEqual(theirs(oracle[i], shared));
				if (format === 'FRA-ID') expect(oracle[i].valid).toBe(true);
			});
		});

		it('corrupted MRZs: the same shared check digits fail', () => {
			let compared = 0;
			corrupted.forEach((lines, i) => {
				const o = oracle[valid.length + i];
				const r = parse(lines);
				if (o.error || o.format !== THEIR_FORMAT[format] || r.format !== format) return;
				compared++;
				expect(ours(r, shared).failedChecks).toEqual(theirs(o, shared).failedChecks);
			});
			expect(compared).toBeGreaterThan(corrupted.length * 0.8);
		});
	},
);
