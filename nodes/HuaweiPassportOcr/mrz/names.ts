/** The primary and secondary identifiers of the name field. */
export interface MrzName {
	surname: string;
	givenNames: string;
	/** The field is full to its last position, so the name may have been cut (Doc 9303 truncation). */
	mayBeTruncated: boolean;
}

/** Surname, '<<', given names separated by '<'; trailing fillers are padding. */
export function splitName(field: string): MrzName {
	const mayBeTruncated = field.length > 0 && !field.endsWith('<');
	const name = field.replace(/<+$/, '');
	const separator = name.indexOf('<<');
	const surname = separator === -1 ? name : name.slice(0, separator);
	const given = separator === -1 ? '' : name.slice(separator + 2);
	const words = (text: string) => text.split('<').filter(Boolean).join(' ');
	return { surname: words(surname), givenNames: words(given), mayBeTruncated };
}

/** Latin letters Doc 9303 (part 3, section 6) transliterates to two letters; the rest lose their accents. */
const TWO_LETTER: Record<string, string> = {
	Ä: 'AE',
	Æ: 'AE',
	Å: 'AA',
	Ö: 'OE',
	Ø: 'OE',
	Ü: 'UE',
	ß: 'SS',
	ẞ: 'SS',
	Þ: 'TH',
	Œ: 'OE',
	Ĳ: 'IJ',
};

const ONE_LETTER: Record<string, string> = {
	Đ: 'D',
	Ð: 'D',
	Ł: 'L',
	Ħ: 'H',
	Ŧ: 'T',
	Ŀ: 'L',
	Ƒ: 'F',
};

function foldAccents(text: string): string {
	return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/**
 * A printed name written as the MRZ writes it: upper case, accents folded, spaces and hyphens to '<',
 * apostrophes and other punctuation dropped. Both readings of letters like Ä ('AE' and 'A') are
 * returned because issuers differ.
 */
export function transliterations(printed: string): string[] {
	const upper = printed.trim().toUpperCase();
	const variants = new Set([
		[...upper].map((c) => TWO_LETTER[c] ?? ONE_LETTER[c] ?? c).join(''),
		[...upper].map((c) => ONE_LETTER[c] ?? (c === 'ß' ? 'SS' : c)).join(''),
	]);
	return [...variants].map((variant) =>
		foldAccents(variant)
			.replace(/[\s\-‐‑–]+/g, '<')
			.replace(/[^A-Z<]/g, '')
			.replace(/^<+|<+$/g, ''),
	);
}

/** An MRZ name part ('ANNA MARIA') in MRZ form ('ANNA<MARIA'). */
export const mrzForm = (namePart: string) => namePart.trim().replace(/\s+/g, '<');
