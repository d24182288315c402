/** What a file's cross-reference sections say (pdf/xref.ts reads them, pdf/objects.ts looks objects up in them). */
import type { PdfDict } from './lexer';

export type XrefEntry =
	| { kind: 'offset'; offset: number }
	| { kind: 'compressed'; stream: number }
	| { kind: 'free' };

export interface XrefTable {
	entries: Map<number, XrefEntry>;
	/** The trailer keys, newest section first (for a cross-reference stream, its dictionary). */
	trailer?: PdfDict;
	/** Sections read (one per revision of the file). */
	sections: number;
	/** False when some section could not be read: the scan must fill in. */
	complete: boolean;
}
