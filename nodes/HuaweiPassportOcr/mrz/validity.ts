import { addMonths, compareYmd, daysBetween, parseIsoDate, utcYmd, wholeYears } from './dates';

export interface ValidityRules {
	/** The document must stay valid at least this many days after today. */
	minValidityDays?: number;
	/** The document must stay valid at least this many calendar months after today (e.g. 6). */
	minValidityMonths?: number;
	/** The holder must be at least this old today. */
	minAgeYears?: number;
}

export interface Validity {
	/** null when the expiry date is missing or unreadable. */
	expired: boolean | null;
	/** 0 on the expiry day itself (still valid), negative once expired. */
	daysUntilExpiry: number | null;
	ageYears: number | null;
	/** null when no validity rule was asked for or the expiry is unknown. */
	meetsMinValidity: boolean | null;
	meetsMinAge: boolean | null;
	problems: string[];
}

/**
 * Expiry and age on plain UTC calendar dates (YYYY-MM-DD in, today's UTC date as the reference):
 * a document is valid through its expiry day.
 */
export function documentValidity(
	dates: { dateOfBirth?: string | null; dateOfExpiry?: string | null },
	today: Date,
	rules: ValidityRules = {},
): Validity {
	const now = utcYmd(today);
	const problems: string[] = [];
	const expiry = dates.dateOfExpiry ? parseIsoDate(dates.dateOfExpiry) : null;
	const birth = dates.dateOfBirth ? parseIsoDate(dates.dateOfBirth) : null;
	if (!dates.dateOfExpiry) problems.push('expiry_date_missing');
	else if (!expiry) problems.push('expiry_date_invalid');
	if (!dates.dateOfBirth) problems.push('birth_date_missing');
	else if (!birth) problems.push('birth_date_invalid');

	const expired = expiry ? compareYmd(expiry, now) < 0 : null;
	if (expired) problems.push('expired');
	const ageYears = birth ? wholeYears(birth, now) : null;
	if (birth && compareYmd(birth, now) > 0) problems.push('birth_date_in_future');

	let meetsMinValidity: boolean | null = null;
	const wantsValidity =
		rules.minValidityDays !== undefined || rules.minValidityMonths !== undefined;
	if (wantsValidity && expiry) {
		const byDays =
			rules.minValidityDays === undefined || daysBetween(now, expiry) >= rules.minValidityDays;
		const byMonths =
			rules.minValidityMonths === undefined ||
			compareYmd(expiry, addMonths(now, rules.minValidityMonths)) >= 0;
		meetsMinValidity = byDays && byMonths;
		if (!meetsMinValidity) problems.push('validity_too_short');
	}
	let meetsMinAge: boolean | null = null;
	if (rules.minAgeYears !== undefined && ageYears !== null) {
		meetsMinAge = ageYears >= rules.minAgeYears;
		if (!meetsMinAge) problems.push('under_min_age');
	}
	return {
		expired,
		daysUntilExpiry: expiry ? daysBetween(now, expiry) : null,
		ageYears,
		meetsMinValidity,
		meetsMinAge,
		problems,
	};
}
