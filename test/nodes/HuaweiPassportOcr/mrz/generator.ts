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
	expiryDate: string;
	expiryDateRaw: string;
	optionalData: string;
	optionalData2?: string;
}

export interface GeneratedMrz {
	format: MrzFormat;
	lines: string[];
	truth: MrzTruth;
}

const LINE_LENGTH: Record<MrzFormat, number> = { TD1: 30, TD2: 36, TD3: 44 };

/** A random date (ISO and YYMMDD) between two years, inclusive; days up to 28 keep it always valid. */
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
): GeneratedMrz {
	const width = LINE_LENGTH[format];
	const year = today.getUTCFullYear();
	// Birth strictly within the last 99 years and before this year: one century only is possible.
	const birth = randomDate(rand, year - 98, year - 1);
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

	const truth: MrzTruth = {
		documentCode: code.replace(/<$/, ''),
		issuingState: state,
		surname: name.surname,
		givenNames: name.givenNames,
		documentNumber,
		nationality,
		birthDate: birth.iso,
		birthDateRaw: birth.raw,
		sex: sex === '<' ? 'unspecified' : sex,
		expiryDate: expiry.iso,
		expiryDateRaw: expiry.raw,
		optionalData,
	};
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
