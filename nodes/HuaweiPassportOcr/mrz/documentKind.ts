/**
 * What kind of document an MRZ belongs to, from its format and document code, as a table: the first
 * row that matches wins. Doc 9303 fixes the first letter (P passport: Part 4 §4.2.2; V visa: Part 7;
 * A, C or I for TD1/TD2 official travel documents: Part 5 §4.2.2, Part 6 §4.2.2) and leaves the
 * second to the issuer; the rows on second letters are what issuers write in practice
 * (docs/mrz-rules.md section 10).
 */
import type { MrzFormat } from './formats';

export type DocumentKind = 'passport' | 'id_card' | 'residence_permit' | 'visa' | 'other';

export interface MrzDocument {
	kind: DocumentKind;
	/** The document code as the MRZ writes it, trailing filler dropped ('P', 'ID', 'I', 'V'). */
	code: string;
	format: MrzFormat;
}

interface KindRule {
	/** Formats the row applies to (all when absent). */
	formats?: MrzFormat[];
	/** The whole code ('IR') or, ending in '*', its first letter ('P*'). */
	codes: string[];
	kind: DocumentKind;
	source: string;
}

export const DOCUMENT_KINDS: readonly KindRule[] = [
	{ formats: ['FRA-ID'], codes: ['ID'], kind: 'id_card', source: "France's 1994-2021 card" },
	{ codes: ['P*'], kind: 'passport', source: 'Doc 9303 Part 4 §4.2.2: P, passport' },
	{ codes: ['V*'], kind: 'visa', source: 'Doc 9303 Part 7: V, visa' },
	{ codes: ['IP'], kind: 'passport', source: 'issuer practice: passport cards' },
	{
		codes: ['IR', 'AR'],
		kind: 'residence_permit',
		source: 'issuer practice: EU residence permit cards',
	},
	{
		codes: ['C', 'CR', 'AC'],
		kind: 'other',
		source: 'issuer practice: crew member and other cards',
	},
	{ codes: ['I', 'ID'], kind: 'id_card', source: 'issuer practice: identity cards' },
	{ codes: ['I*'], kind: 'id_card', source: 'project rule: other I codes as identity cards' },
	{ codes: ['A*', 'C*'], kind: 'other', source: 'Doc 9303 Parts 5 and 6: A or C, other documents' },
];

function matches(rule: KindRule, format: MrzFormat, code: string): boolean {
	if (rule.formats && !rule.formats.includes(format)) return false;
	return rule.codes.some((c) => (c.endsWith('*') ? code.startsWith(c[0]) : code === c));
}

/** The document's kind by DOCUMENT_KINDS; 'other' when no row fits. */
export function documentOf(format: MrzFormat, documentCode: string): MrzDocument {
	const code = documentCode.replace(/<+$/, '');
	const rule = DOCUMENT_KINDS.find((r) => matches(r, format, code));
	return { kind: rule?.kind ?? 'other', code, format };
}
