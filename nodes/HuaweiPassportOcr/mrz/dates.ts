/**
 * Calendar dates as plain year/month/day in UTC: no local time zone anywhere, so a run just before or
 * after midnight in any zone gives the same answers.
 */
export interface Ymd {
	year: number;
	month: number;
	day: number;
}

const DAY_MS = 86_400_000;

/** Today's calendar date in UTC. */
export function utcYmd(date: Date): Ymd {
	return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

export function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isValidYmd({ year, month, day }: Ymd): boolean {
	return (
		Number.isInteger(year) &&
		month >= 1 &&
		month <= 12 &&
		day >= 1 &&
		day <= daysInMonth(year, month)
	);
}

export function compareYmd(a: Ymd, b: Ymd): number {
	return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** Whole days from a to b (negative when b is earlier). */
export function daysBetween(a: Ymd, b: Ymd): number {
	return Math.round(
		(Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY_MS,
	);
}

/** Adds calendar months, clamping the day to the end of a shorter month (31 Aug + 6 months = 28/29 Feb). */
export function addMonths(date: Ymd, months: number): Ymd {
	const index = date.year * 12 + (date.month - 1) + months;
	const year = Math.floor(index / 12);
	const month = (index % 12) + 1;
	return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

/**
 * Whole years from birth to on. Someone born on 29 February has their birthday on 1 March in common
 * years (the day after 28 February), the reading most civil registries use.
 */
export function wholeYears(birth: Ymd, on: Ymd): number {
	const years = on.year - birth.year;
	const birthdayPassed =
		on.month > birth.month || (on.month === birth.month && on.day >= birth.day);
	return birthdayPassed ? years : years - 1;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function toIso({ year, month, day }: Ymd): string {
	return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** Reads YYYY-MM-DD (anything after the date, such as a time, is ignored); null when not a real date. */
export function parseIsoDate(text: string): Ymd | null {
	const match = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})/.exec(text);
	if (!match) return null;
	const ymd = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
	return isValidYmd(ymd) ? ymd : null;
}

export type DateKind = 'birth' | 'expiry';

export interface MrzDate {
	raw: string;
	/** YYYY-MM-DD; YYYY-MM or YYYY when the MRZ leaves day or month unknown; null when invalid. */
	iso: string | null;
	/** The rule that chose the century (MRZ dates have none). */
	centuryRule: string | null;
	/** Day or month unknown. */
	partial: boolean;
	/** The unknown parts, each with how the MRZ writes it ('<<', '00' or 'XX'). */
	unknown?: { part: 'month' | 'day'; written: string }[];
	error?: string;
}

/** Passports last at most 10 years, so an expiry further ahead than that must be from the last century. */
const MAX_VALIDITY_YEARS = 10;

/**
 * How an unknown month or day is written: ICAO's filler '<<' (Part 3, representation of dates), and
 * '00' or 'XX', which some issuers print instead (project rule: all three accepted).
 */
export const UNKNOWN_DATE_PARTS: readonly string[] = ['<<', '00', 'XX'];

const invalid = (raw: string, error: string, partial = false, centuryRule: string | null = null) =>
	({ raw, iso: null, centuryRule, partial, error }) satisfies MrzDate;

/** The century of a YY (birth: latest not in the future; expiry: within the longest validity). */
function centuryOf(yy: number, kind: DateKind, probe: (year: number) => Ymd, today: Ymd) {
	if (kind === 'birth') {
		const year = compareYmd(probe(2000 + yy), today) <= 0 ? 2000 + yy : 1900 + yy;
		return { year, centuryRule: 'birth: latest date not in the future' };
	}
	const year = 2000 + yy > today.year + MAX_VALIDITY_YEARS ? 1900 + yy : 2000 + yy;
	const centuryRule =
		year < 2000 ? 'expiry: 19YY (20YY would exceed the 10-year maximum validity)' : 'expiry: 20YY';
	return { year, centuryRule };
}

/**
 * Birth: the latest date that is not in the future. Expiry: 20YY, unless that is more than the longest
 * validity ahead of today, which only an old expired document (19YY) can be. An unknown month or day
 * ('<<', '00', 'XX') leaves the ISO date shorter (YYYY-MM, YYYY).
 */
export function readMrzDate(raw: string, kind: DateKind, today: Ymd): MrzDate {
	const match = /^(\d\d)(\d\d|<<|XX)(\d\d|<<|XX)$/.exec(raw);
	if (!match) return invalid(raw, `not a YYMMDD date: ${raw}`);
	const yy = Number(match[1]);
	const known = (part: string) => (UNKNOWN_DATE_PARTS.includes(part) ? null : Number(part));
	const month = known(match[2]);
	const day = known(match[3]);
	const unknown = [
		...(month === null ? [{ part: 'month' as const, written: match[2] }] : []),
		...(day === null ? [{ part: 'day' as const, written: match[3] }] : []),
	];
	if (month === null && day !== null) return invalid(raw, `day without month: ${raw}`, true);
	// Unknown parts compare as their earliest value: "not in the future" must hold for some day.
	const probe = (y: number): Ymd => ({ year: y, month: month ?? 1, day: day ?? 1 });
	const { year, centuryRule } = centuryOf(yy, kind, probe, today);
	if (month !== null && day !== null && !isValidYmd({ year, month, day })) {
		return invalid(raw, `no such date: ${raw}`, false, centuryRule);
	}
	if (month !== null && (month < 1 || month > 12)) {
		return invalid(raw, `no such month: ${raw}`, true, centuryRule);
	}
	const iso = toIso({ year, month: month ?? 1, day: day ?? 1 }).slice(
		0,
		month === null ? 4 : day === null ? 7 : 10,
	);
	const partial = unknown.length > 0;
	return { raw, iso, centuryRule, partial, ...(partial ? { unknown } : {}) };
}
