/** The 13 key fields of Huawei's PassportResult, in the order of its documentation. */
export const KEY_FIELDS = [
	'passport_type',
	'country_code',
	'passport_number',
	'nationality',
	'surname',
	'given_name',
	'sex',
	'date_of_birth',
	'date_of_expiry',
	'date_of_issue',
	'place_of_birth',
	'place_of_issue',
	'issuing_authority',
] as const;

export type KeyField = (typeof KEY_FIELDS)[number];

/** The two MRZ lines some editions (G42) return beside the key fields. */
export const MRZ_LINE_FIELDS = ['machine_code', 'machine_code2'] as const;

/** "date_of_birth" → "Date of Birth" (for option lists). */
export function fieldDisplayName(field: string): string {
	const small = new Set(['of']);
	return field
		.split('_')
		.map((word) => (small.has(word) ? word : word.charAt(0).toUpperCase() + word.slice(1)))
		.join(' ');
}
