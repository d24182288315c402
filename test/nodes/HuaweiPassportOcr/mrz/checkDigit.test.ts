import { checkDigit } from '../../../../nodes/HuaweiPassportOcr/mrz/checkDigit';

describe('checkDigit', () => {
	it.each([
		['L898902C3', 6], // ICAO specimen document number (sum 316)
		['740812', 2],
		['120415', 9],
		['ZE184226B<<<<<', 1],
		['C01X0006H', 1], // German specimen
		['<<<<<<<<<', 0],
	])('%s → %d', (field, digit) => expect(checkDigit(field)).toBe(digit));

	it('refuses characters outside the MRZ alphabet', () => {
		expect(checkDigit('L89890 2C3')).toBeUndefined();
		expect(checkDigit('abc')).toBeUndefined();
	});
});
