/** ICAO 9303 check digit: 0-9 as themselves, A-Z = 10-35, '<' = 0; weights 7, 3, 1 from the left. */
const WEIGHTS = [7, 3, 1];

export function characterValue(char: string): number | undefined {
	if (char === '<') return 0;
	const code = char.charCodeAt(0);
	if (code >= 48 && code <= 57) return code - 48;
	if (code >= 65 && code <= 90) return code - 55;
	return undefined;
}

/** The check digit of an MRZ field, or undefined when it holds a character the MRZ cannot. */
export function checkDigit(field: string): number | undefined {
	let sum = 0;
	for (let i = 0; i < field.length; i++) {
		const value = characterValue(field[i]);
		if (value === undefined) return undefined;
		sum += value * WEIGHTS[i % 3];
	}
	return sum % 10;
}
