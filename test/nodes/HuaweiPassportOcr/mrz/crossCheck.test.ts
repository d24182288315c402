import { crossCheck, parseMrz } from '../../../../nodes/HuaweiPassportOcr/mrz';
import { GERMAN_TD3, ICAO_TD3, SEED, TODAY } from './specimens';

const parse = (lines: string[]) => parseMrz(lines, { today: TODAY });

describe('crossCheck: printed zone against the MRZ', () => {
	it("Huawei's seed example agrees field by field (trailing space in given_name, YYYY-MM-DD dates)", () => {
		const printed = {
			country_code: 'ETF',
			surname: 'HUZHAO',
			given_name: 'ZHAOMIN DESALEGN ',
			passport_number: 'EP435XXXX',
			date_of_birth: '1985-09-18',
			sex: 'M',
			date_of_expiry: '2022-01-15',
		};
		const r = crossCheck(parse(SEED), printed);
		expect(r).toMatchObject({ consistent: true, mismatches: [] });
		expect(r.compared.sort()).toEqual(Object.keys(printed).sort());
		expect(r.notCompared).toEqual([
			{ field: 'nationality', reason: 'missing in the printed zone' },
		]);
	});

	it('reports each disagreeing field with both values', () => {
		const r = crossCheck(parse(ICAO_TD3), {
			passport_number: 'L898902C4',
			surname: 'ERIKSON',
			given_name: 'ANNA MARIA',
			sex: 'M',
			date_of_birth: '1974-08-13',
			date_of_expiry: '2012-04-15',
			nationality: 'FRA',
			country_code: 'UTO',
		});
		expect(r.consistent).toBe(false);
		expect(r.mismatches.map((m) => m.field)).toEqual([
			'passport_number',
			'surname',
			'sex',
			'date_of_birth',
			'nationality',
		]);
		expect(r.mismatches[0]).toEqual({
			field: 'passport_number',
			printed: 'L898902C4',
			mrz: 'L898902C3',
			reason: 'different document number',
		});
		expect(r.mismatches[3]).toMatchObject({ printed: '1974-08-13', mrz: '740812' });
	});

	it('missing or blank printed fields are not compared, never mismatches', () => {
		const r = crossCheck(parse(ICAO_TD3), {
			surname: '  ',
			given_name: undefined,
			passport_number: 'L898902C3',
		});
		expect(r.consistent).toBe(true);
		expect(r.compared).toEqual(['passport_number']);
		expect(r.notCompared.map((n) => n.field)).toEqual(
			expect.arrayContaining(['surname', 'given_name', 'sex', 'nationality']),
		);
	});

	it("Germany: printed 'DEU' equals the MRZ's 'D'", () => {
		const r = crossCheck(parse(GERMAN_TD3), {
			nationality: 'DEU',
			country_code: 'D',
			surname: 'Mustermann',
			given_name: 'Erika',
		});
		expect(r).toMatchObject({ consistent: true, mismatches: [] });
		expect(r.compared).toEqual(['surname', 'given_name', 'nationality', 'country_code']);
	});

	it('a printed value that is not a code or date is not compared', () => {
		const r = crossCheck(parse(ICAO_TD3), {
			nationality: 'Utopian',
			date_of_birth: '12 AUG 1974',
			sex: '?',
		});
		expect(r.compared).toEqual([]);
		expect(r.notCompared.find((n) => n.field === 'nationality')?.reason).toMatch(
			/not a country code/,
		);
	});

	describe('names after MRZ transliteration', () => {
		const mrzWith = (name: string) => parse([`P<UTO${name}`.padEnd(44, '<'), ICAO_TD3[1]]);

		it.each([
			['accents folded', 'MULLER<<JOSE', 'Muller', 'José'],
			['German umlaut as AE/OE/UE', 'MUELLER<<JOERG', 'Müller', 'Jörg'],
			['umlaut as the plain letter', 'MULLER<<JORG', 'Müller', 'Jörg'],
			['hyphen and space become fillers', 'SMITH<JONES<<MARY<ANN', 'Smith-Jones', 'Mary Ann'],
			['apostrophe dropped', 'OCONNOR<<SEAN', "O'Connor", 'Seán'],
			['ß as SS, Ø as OE', 'STROSSE<<SOEREN', 'Stroße', 'Søren'],
		])('%s', (_label, mrzName, surname, given) => {
			const r = crossCheck(mrzWith(mrzName), { surname, given_name: given });
			expect(r.mismatches).toEqual([]);
			expect(r.compared).toEqual(['surname', 'given_name']);
		});

		it('a printed name longer than a full MRZ slot matches when the MRZ is its prefix', () => {
			const mrz = parse(['P<UTOWOLFESCHLEGELSTEINHAUSEN<<HUBERT<BLAINE', ICAO_TD3[1]]);
			const r = crossCheck(mrz, {
				surname: 'Wolfeschlegelsteinhausen',
				given_name: 'Hubert Blaine Wolfe',
			});
			expect(r.mismatches).toEqual([]);
			expect(r.notes).toEqual([{ field: 'given_name', note: expect.stringMatching(/truncated/) }]);
		});

		it('a printed name without Latin letters is not compared', () => {
			const r = crossCheck(parse(ICAO_TD3), { surname: '张', given_name: 'Anna Maria' });
			expect(r.compared).toEqual(['given_name']);
			expect(r.notCompared).toContainEqual({
				field: 'surname',
				reason: "printed name '张' has no Latin letters",
			});
		});

		it('a prefix does not match when the MRZ name has room left (not truncated)', () => {
			const r = crossCheck(parse(ICAO_TD3), { given_name: 'ANNA MARIANNE' });
			expect(r.mismatches.map((m) => m.field)).toEqual(['given_name']);
		});
	});

	describe('sex', () => {
		const withSex = (c: string) =>
			parse([ICAO_TD3[0], ICAO_TD3[1].slice(0, 20) + c + ICAO_TD3[1].slice(21)]);
		it.each([
			['F', 'F', true],
			['FEMALE', 'F', true],
			['女/F', 'F', true],
			['M', 'F', false],
			['X', '<', true],
			['X', 'X', true],
			['F', '<', false],
		])('printed %s vs MRZ %s', (printed, mrzSex, same) => {
			expect(crossCheck(withSex(mrzSex), { sex: printed }).consistent).toBe(same);
		});
	});

	describe('dates', () => {
		it('compares YYMMDD and notes when the printed century differs from the inference', () => {
			// Expiry 120415: the rule reads 2012; a printed 1912 still has the same YYMMDD.
			const r = crossCheck(parse(ICAO_TD3), { date_of_expiry: '1912-04-15' });
			expect(r.consistent).toBe(true);
			expect(r.notes).toEqual([
				{ field: 'date_of_expiry', note: 'printed year 1912; the MRZ century rule gave 2012' },
			]);
		});

		it("an MRZ '<<' day matches any printed day", () => {
			const partial = parse([ICAO_TD3[0], 'L898902C36UTO7408<<6F1204159ZE184226B<<<<<10']);
			expect(crossCheck(partial, { date_of_birth: '1974-08-30' }).consistent).toBe(true);
			expect(crossCheck(partial, { date_of_birth: '1974-09-30' }).consistent).toBe(false);
		});

		it('accepts a bare YYMMDD printed date', () => {
			expect(crossCheck(parse(ICAO_TD3), { date_of_birth: '740812' }).compared).toEqual([
				'date_of_birth',
			]);
		});
	});

	it('an unreadable MRZ compares nothing', () => {
		const r = crossCheck(parseMrz('nonsense'), { surname: 'X', passport_number: '1' });
		expect(r.compared).toEqual([]);
		expect(r.consistent).toBe(true);
		expect(r.notCompared.find((n) => n.field === 'surname')?.reason).toBe('no MRZ');
	});
});
