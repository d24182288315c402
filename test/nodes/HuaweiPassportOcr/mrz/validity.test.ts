import { documentValidity } from '../../../../nodes/HuaweiPassportOcr/mrz';
import { addMonths, readMrzDate, wholeYears } from '../../../../nodes/HuaweiPassportOcr/mrz/dates';

const utc = (iso: string) => new Date(`${iso}Z`);

describe('documentValidity', () => {
	it('expired, days until expiry and age against the UTC date', () => {
		const r = documentValidity(
			{ dateOfBirth: '1974-08-12', dateOfExpiry: '2012-04-15' },
			utc('2026-11-25T10:00:00'),
		);
		expect(r).toEqual({
			expired: true,
			daysUntilExpiry: -5337,
			ageYears: 52,
			meetsMinValidity: null,
			meetsMinAge: null,
			problems: ['expired'],
		});
	});

	it('valid through the expiry day itself, expired the day after', () => {
		expect(
			documentValidity({ dateOfExpiry: '2026-11-25' }, utc('2026-11-25T23:59:59')).expired,
		).toBe(false);
		expect(
			documentValidity({ dateOfExpiry: '2026-11-25' }, utc('2026-11-25T23:59:59')).daysUntilExpiry,
		).toBe(0);
		expect(
			documentValidity({ dateOfExpiry: '2026-11-25' }, utc('2026-11-26T00:00:00')).expired,
		).toBe(true);
	});

	it('near midnight the UTC date decides, whatever the instant is in another zone', () => {
		// 23:30 UTC on 24 Nov is already 25 Nov in Shanghai and Dubai; the UTC calendar date rules.
		const justBefore = new Date(Date.UTC(2026, 10, 24, 23, 30));
		const r = documentValidity(
			{ dateOfBirth: '2008-11-25', dateOfExpiry: '2026-11-24' },
			justBefore,
			{ minAgeYears: 18 },
		);
		expect(r).toMatchObject({
			expired: false,
			daysUntilExpiry: 0,
			ageYears: 17,
			meetsMinAge: false,
		});
		const justAfter = new Date(Date.UTC(2026, 10, 25, 0, 30));
		expect(
			documentValidity({ dateOfBirth: '2008-11-25', dateOfExpiry: '2026-11-24' }, justAfter, {
				minAgeYears: 18,
			}),
		).toMatchObject({
			expired: true,
			ageYears: 18,
			meetsMinAge: true,
		});
	});

	it('a leap-day birthday counts from 1 March in common years', () => {
		const born = { dateOfBirth: '2008-02-29' };
		expect(documentValidity(born, utc('2026-02-28T12:00:00')).ageYears).toBe(17);
		expect(documentValidity(born, utc('2026-03-01T00:00:00')).ageYears).toBe(18);
		expect(documentValidity(born, utc('2028-02-29T00:00:00')).ageYears).toBe(20);
		expect(documentValidity(born, utc('2028-02-28T00:00:00')).ageYears).toBe(19);
	});

	it('minimum remaining validity in months (calendar, clamped) and in days', () => {
		const today = utc('2026-08-31T08:00:00');
		// 31 Aug + 6 months = 28 Feb 2027.
		expect(
			documentValidity({ dateOfExpiry: '2027-02-28' }, today, { minValidityMonths: 6 })
				.meetsMinValidity,
		).toBe(true);
		const short = documentValidity({ dateOfExpiry: '2027-02-27' }, today, { minValidityMonths: 6 });
		expect(short.meetsMinValidity).toBe(false);
		expect(short.problems).toEqual(['birth_date_missing', 'validity_too_short']);
		expect(
			documentValidity({ dateOfExpiry: '2026-09-30' }, today, { minValidityDays: 30 })
				.meetsMinValidity,
		).toBe(true);
		expect(
			documentValidity({ dateOfExpiry: '2026-09-29' }, today, { minValidityDays: 30 })
				.meetsMinValidity,
		).toBe(false);
		expect(
			documentValidity({ dateOfExpiry: '2027-06-01' }, today, {
				minValidityDays: 30,
				minValidityMonths: 12,
			}).meetsMinValidity,
		).toBe(false);
	});

	it('missing and unreadable dates give nulls and name the problem', () => {
		const r = documentValidity(
			{ dateOfBirth: '1974-02-30', dateOfExpiry: undefined },
			utc('2026-01-01T00:00:00'),
			{ minAgeYears: 18, minValidityMonths: 6 },
		);
		expect(r).toEqual({
			expired: null,
			daysUntilExpiry: null,
			ageYears: null,
			meetsMinValidity: null,
			meetsMinAge: null,
			problems: ['expiry_date_missing', 'birth_date_invalid'],
		});
	});

	it('a birth date in the future is a problem', () => {
		expect(
			documentValidity({ dateOfBirth: '2030-01-01' }, utc('2026-01-01T00:00:00')).problems,
		).toContain('birth_date_in_future');
	});
});

describe('dates', () => {
	const today = { year: 2026, month: 11, day: 25 };

	it.each([
		['261125', 'birth', '2026-11-25'], // today itself is not in the future
		['261126', 'birth', '1926-11-26'],
		['000101', 'birth', '2000-01-01'],
		['991231', 'birth', '1999-12-31'],
		['2611<<', 'birth', '2026-11'],
		['2612<<', 'birth', '1926-12'],
		['26<<<<', 'birth', '2026'],
		['361231', 'expiry', '2036-12-31'], // 10 years ahead: still this century
		['370101', 'expiry', '1937-01-01'], // beyond the longest validity
		['120415', 'expiry', '2012-04-15'],
	] as const)('%s as %s date → %s', (raw, kind, iso) => {
		expect(readMrzDate(raw, kind, today).iso).toBe(iso);
	});

	it.each(['741301', '740230', '7408', 'AB0812', '74<<12'])('%s is not a date', (raw) => {
		const date = readMrzDate(raw, 'birth', today);
		expect(date.iso).toBeNull();
		expect(date.error).toBeDefined();
	});

	it('29 February only in leap years', () => {
		expect(readMrzDate('240229', 'birth', today).iso).toBe('2024-02-29');
		expect(readMrzDate('250229', 'birth', today).iso).toBeNull();
	});

	it('calendar helpers', () => {
		expect(addMonths({ year: 2027, month: 11, day: 30 }, 3)).toEqual({
			year: 2028,
			month: 2,
			day: 29,
		});
		expect(addMonths({ year: 2026, month: 1, day: 31 }, -2)).toEqual({
			year: 2025,
			month: 11,
			day: 30,
		});
		expect(wholeYears({ year: 2000, month: 6, day: 15 }, { year: 2026, month: 6, day: 14 })).toBe(
			25,
		);
	});
});
