/**
 * Random valid MRZs for property tests: random names, numbers and dates laid out by Doc 9303 with
 * correct check digits, plus the truth the parser must give back. Seeded, so failures reproduce.
 */
import { checkDigit } from '../../../../nodes/HuaweiPassportOcr/mrz/checkDigit';
import type { MrzFormat } from '../../../../nodes/HuaweiPassportOcr/mrz/formats';
import { seededRandom } from '../../../fixtures/raster';

export type Random = () => number;

/** The fixtures' seeded PRNG (mulberry32), so failures reproduce. */
export const seeded = (seed: number): Random => seededRandom(seed);

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const COUNTRIES = [
	'FRA',
	'DEU',
	'D',
	'GBR',
	'USA',
	'CHN',
	'ETH',
	'NLD',
	'JPN',
	'BRA',
	'IND',
	'XXA',
	'EUE',
	'RKS',
];

const pick = <T>(rand: Random, items: ArrayLike<T>): T => items[Math.floor(rand() * items.length)];
const int = (rand: Random, min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
const text = (rand: Random, alphabet: string, length: number) =>
	Array.from({ length }, () => pick(rand, alphabet)).join('');
const cd = (field: string) => String(checkDigit(field));
const two = (n: number) => String(n).padStart(2, '0');
const fill = (value: string, length: number) => value.padEnd(length, '<');

export interface MrzTruth {
	documentCode: string;
	issuingState: string;
	surname: string;
	givenNames: string;
	documentNumber: string;
	nationality: string;
	birthDate: string;
	birthDateRaw: string;
	sex: 'M' | 'F' | 'unspecified';
	/** null on France's 1994-2021 card, which has no expiry in its MRZ. */
	expiryDate: string | null;
	expiryDateRaw: string;
	optionalData: string;
	optionalData2?: string;
}

export interface GeneratedMrz {
	format: MrzFormat;
	lines: string[];
	truth: MrzTruth;
}

type IcaoDocumentFormat = 'TD1' | 'TD2' | 'TD3';
const LINE_LENGTH: Record<IcaoDocumentFormat, number> = { TD1: 30, TD2: 36, TD3: 44 };

/** A random date (ISO and YYMMDD) between two years, inclusive; days up to 28 keep it always valid. */
/** The fields a TD1/TD2/TD3 or visa MRZ holds, as the engine must read them back. */
function truthOf(parts: {
	code: string;
	state: string;
	name: { surname: string; givenNames: string };
	documentNumber: string;
	nationality: string;
	birth: { iso: string; raw: string };
	sex: 'M' | 'F' | '<';
	expiry: { iso: string | null; raw: string };
	optionalData: string;
}): MrzTruth {
	const { code, name, sex, birth, expiry } = parts;
	return {
		documentCode: code.replace(/<$/, ''),
		issuingState: parts.state,
		surname: name.surname,
		givenNames: name.givenNames,
		documentNumber: parts.documentNumber,
		nationality: parts.nationality,
		birthDate: birth.iso,
		birthDateRaw: birth.raw,
		sex: sex === '<' ? 'unspecified' : sex,
		expiryDate: expiry.iso,
		expiryDateRaw: expiry.raw,
		optionalData: parts.optionalData,
	};
}

function randomDate(rand: Random, fromYear: number, toYear: number) {
	const year = int(rand, fromYear, toYear);
	const month = int(rand, 1, 12);
	const day = int(rand, 1, 28);
	return {
		iso: `${year}-${two(month)}-${two(day)}`,
		raw: `${two(year % 100)}${two(month)}${two(day)}`,
	};
}

function randomName(
	rand: Random,
	room: number,
): { surname: string; givenNames: string; field: string } {
	const word = () => text(rand, LETTERS, int(rand, 2, 8));
	const surname = Array.from({ length: int(rand, 1, 2) }, word).join(' ');
	const givenNames = Array.from({ length: int(rand, 0, 2) }, word).join(' ');
	const field = `${surname}<<${givenNames}`.replace(/ /g, '<');
	// Names that fit with room for a filler, so the truth is never truncated.
	return field.length < room
		? { surname, givenNames, field: fill(field, room) }
		: randomName(rand, room);
}

/** A valid MRZ of the format. `today` bounds the dates so the century rules give back the truth. */
export function generateMrz(
	rand: Random,
	format: MrzFormat,
	today = new Date(Date.UTC(2026, 10, 25)),
	options: GenerateOptions = {},
): GeneratedMrz {
	if (format === 'MRV-A' || format === 'MRV-B') return generateVisa(rand, format, today, options);
	if (format === 'FRA-ID') return generateFrenchId(rand, today, options);
	return generateDocument(rand, format, today, options);
}

export interface GenerateOptions {
	/** Print the birth date's day or month as unknown, written '<<', '00' or 'XX' (the check digits follow). */
	unknownBirth?: { part: 'day' | 'month'; written: '<<' | '00' | 'XX' };
}

/** A random birth date within the last 99 years (one century possible), with the unknown part applied. */
function birthDate(rand: Random, today: Date, options: GenerateOptions) {
	const year = today.getUTCFullYear();
	const date = randomDate(rand, year - 98, year - 1);
	const unknown = options.unknownBirth;
	if (!unknown) return date;
	// An unknown month leaves the day unknown too (a day without a month is no date).
	return unknown.part === 'day'
		? { iso: date.iso.slice(0, 7), raw: date.raw.slice(0, 4) + unknown.written }
		: { iso: date.iso.slice(0, 4), raw: date.raw.slice(0, 2) + unknown.written.repeat(2) };
}

function generateDocument(
	rand: Random,
	format: IcaoDocumentFormat,
	today: Date,
	options: GenerateOptions,
): GeneratedMrz {
	const width = LINE_LENGTH[format];
	const year = today.getUTCFullYear();
	// Birth strictly within the last 99 years and before this year: one century only is possible.
	const birth = birthDate(rand, today, options);
	const expiry = randomDate(rand, year - 5, year + 10);
	const sex = pick(rand, ['M', 'F', '<'] as const);
	const state = pick(rand, COUNTRIES);
	const nationality = pick(rand, COUNTRIES);
	const long = format !== 'TD3' && rand() < 0.3;
	const documentNumber = text(rand, LETTERS + DIGITS, long ? int(rand, 10, 12) : 9);
	const optionalLength = format === 'TD3' ? 14 : format === 'TD2' ? 7 : 15;
	const code =
		format === 'TD3' ? pick(rand, ['P<', 'PD', 'PO']) : pick(rand, ['I<', 'ID', 'AC', 'C<']);
	const name = randomName(rand, format === 'TD1' ? 30 : width - 5);
	const stateField = fill(state, 3);
	const nationalityField = fill(nationality, 3);

	let optionalData =
		rand() < 0.5 ? '' : text(rand, LETTERS + DIGITS, int(rand, 1, long ? 2 : optionalLength - 1));
	let numberField: string;
	let optionalField: string;
	if (long) {
		const continuation = documentNumber.slice(9) + cd(documentNumber);
		numberField = `${documentNumber.slice(0, 9)}<`;
		optionalField = fill(
			optionalData ? `${continuation}<${optionalData}` : continuation,
			optionalLength,
		);
	} else {
		numberField = documentNumber + cd(documentNumber);
		optionalField = fill(optionalData, optionalLength);
	}
	if (optionalField.length > optionalLength) optionalData = '';
	optionalField = optionalField.slice(0, optionalLength);

	const truth = truthOf({
		code,
		state,
		name,
		documentNumber,
		nationality,
		birth,
		sex,
		expiry,
		optionalData,
	});
	const birthPart = birth.raw + cd(birth.raw);
	const expiryPart = expiry.raw + cd(expiry.raw);
	if (format === 'TD1') {
		const optional2 = rand() < 0.5 ? '' : text(rand, LETTERS + DIGITS, int(rand, 1, 10));
		truth.optionalData2 = optional2;
		const line1 = code + stateField + numberField + optionalField;
		const line2Start = birthPart + sex + expiryPart + nationalityField + fill(optional2, 11);
		const composite = cd(line1.slice(5, 30) + birthPart + expiryPart + fill(optional2, 11));
		return { format, lines: [line1, line2Start + composite, name.field], truth };
	}
	let tail = optionalField;
	if (format === 'TD3') {
		const empty = /^<*$/.test(optionalField);
		tail += empty ? pick(rand, ['<', '0']) : cd(optionalField);
	}
	const composite = cd(numberField + birthPart + expiryPart + tail);
	const line2 = numberField + nationalityField + birthPart + sex + expiryPart + tail + composite;
	return { format, lines: [code + stateField + name.field, line2], truth };
}

/**
 * A visa by Doc 9303 Part 7: line 1 as TD3/TD2 with code 'V' + a letter or '<'; line 2 number, its
 * check digit, nationality, birth date and check, sex, expiry and check, then optional data to the
 * end with no check digit over it and no composite.
 */
function generateVisa(
	rand: Random,
	format: 'MRV-A' | 'MRV-B',
	today: Date,
	options: GenerateOptions,
): GeneratedMrz {
	const width = format === 'MRV-A' ? 44 : 36;
	const year = today.getUTCFullYear();
	const birth = birthDate(rand, today, options);
	const expiry = randomDate(rand, year - 5, year + 10);
	const sex = pick(rand, ['M', 'F', '<'] as const);
	const state = pick(rand, COUNTRIES);
	const nationality = pick(rand, COUNTRIES);
	const documentNumber = text(rand, LETTERS + DIGITS, 9);
	const code = pick(rand, ['V<', 'VI', 'VC', 'VD']);
	const name = randomName(rand, width - 5);
	const optionalLength = width - 28;
	const optionalData =
		rand() < 0.4 ? '' : text(rand, LETTERS + DIGITS, int(rand, 1, optionalLength));
	const line2 =
		documentNumber +
		cd(documentNumber) +
		fill(nationality, 3) +
		birth.raw +
		cd(birth.raw) +
		sex +
		expiry.raw +
		cd(expiry.raw) +
		fill(optionalData, optionalLength);
	const truth = truthOf({
		code,
		state,
		name,
		documentNumber,
		nationality,
		birth,
		sex,
		expiry,
		optionalData,
	});
	return { format, lines: [code + fill(state, 3) + name.field, line2], truth };
}

/** Words of capitals joined by `joiner`, shorter than `room` so a filler always follows. */
function frenchName(
	rand: Random,
	count: [number, number],
	joiner: string,
	room: number,
): { words: string[]; field: string } {
	const words = Array.from({ length: int(rand, count[0], count[1]) }, () =>
		text(rand, LETTERS, int(rand, 2, 7)),
	);
	const field = words.join(joiner);
	return field.length < room
		? { words, field: fill(field, room) }
		: frenchName(rand, count, joiner, room);
}

/**
 * France's identity card of 1994-2021 (cheminfo/mrz's description of the layout): line 1 'IDFRA',
 * surname to 30, administrative code 31-36; line 2 card number 1-12 (issue YYMM, department, a
 * sequence) and its check digit, given names 14-27, birth date 28-33 and check, sex, and a composite
 * over line 1 and line 2 up to 35.
 */
function generateFrenchId(rand: Random, today: Date, options: GenerateOptions): GeneratedMrz {
	const birth = birthDate(rand, today, options);
	const surname = frenchName(rand, [1, 2], '<', 25);
	const given = frenchName(rand, [1, 2], '<<', 14);
	const administrative =
		rand() < 0.3
			? ''
			: pick(rand, [
					text(rand, DIGITS, 6),
					`${text(rand, DIGITS, 1)}${text(rand, LETTERS, 3)}${text(rand, DIGITS, 2)}`,
				]);
	const department = pick(rand, [
		text(rand, DIGITS, 3),
		`2${pick(rand, 'AB')}${text(rand, DIGITS, 1)}`,
	]);
	const issue = `${two(int(rand, 94, 121) % 100)}${two(int(rand, 1, 12))}`;
	const documentNumber = issue + department + text(rand, DIGITS, 5);
	const sex = pick(rand, ['M', 'F'] as const);
	const line1 = `IDFRA${surname.field}${fill(administrative, 6)}`;
	const line2Start =
		documentNumber + cd(documentNumber) + given.field + birth.raw + cd(birth.raw) + sex;
	const truth: MrzTruth = {
		documentCode: 'ID',
		issuingState: 'FRA',
		surname: surname.words.join(' '),
		givenNames: given.words.join(' '),
		documentNumber,
		nationality: '',
		birthDate: birth.iso,
		birthDateRaw: birth.raw,
		sex,
		expiryDate: null,
		expiryDateRaw: '',
		optionalData: administrative,
	};
	return {
		format: 'FRA-ID',
		lines: [line1, line2Start + cd(line1 + line2Start)],
		truth,
	};
}
