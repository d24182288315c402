/**
 * Cross-reference data (ISO 32000-1 §7.5.4 tables, §7.5.5 trailer and startxref, §7.5.6 incremental
 * updates, §7.5.8 cross-reference streams including hybrid files' /XRefStm). Sections are read newest
 * first, following /Prev, and the first entry seen for an object number wins, so an object redefined by
 * an update resolves to its newest definition. A cross-reference stream can only be read when it is
 * not compressed (no /Filter); a compressed one, like any broken offset, marks the table incomplete and
 * the store falls back to its scan (objects.ts). docs/pdf-input.md.
 */
import { attempt } from './attempt';
import type { Budget } from './budget';
import { asArray, asDict, asInteger, asName, dictGet, Lexer, PdfSyntaxError } from './lexer';
import type { PdfDict, PdfValue } from './lexer';
import { parseObjectAt } from './objects';
import type { PdfObject, ScanResult } from './objects';
import type { XrefEntry, XrefTable } from './xrefTable';

/** More revisions than any real file has; a /Prev loop ends here too. */
const MAX_SECTIONS = 256;

class XrefReader {
	readonly table: XrefTable = { entries: new Map(), sections: 0, complete: true };

	constructor(
		private readonly data: Buffer,
		private readonly budget: Budget,
	) {}

	private add(num: number, entry: XrefEntry): void {
		if (!this.table.entries.has(num)) this.table.entries.set(num, entry);
	}

	private mergeTrailer(dict: PdfDict): void {
		const merged = this.table.trailer ?? { type: 'dict', entries: new Map() };
		for (const [key, value] of dict.entries)
			if (!merged.entries.has(key)) merged.entries.set(key, value);
		this.table.trailer = merged;
	}

	/** §7.5.4: "xref", subsections "first count" of "offset gen n|f" lines, then "trailer" <<…>>. */
	private readTable(lexer: Lexer): { entries: Array<[number, XrefEntry]>; trailer: PdfDict } {
		const entries: Array<[number, XrefEntry]> = [];
		for (;;) {
			const token = lexer.next();
			if (token.kind === 'keyword' && token.value === 'trailer') {
				const trailer = asDict(lexer.value());
				if (!trailer) throw new PdfSyntaxError('trailer is not a dictionary', lexer.pos);
				return { entries, trailer };
			}
			const count = lexer.next();
			if (token.kind !== 'number' || count.kind !== 'number' || !token.integer || !count.integer)
				throw new PdfSyntaxError('bad xref subsection', lexer.pos);
			for (let i = 0; i < count.value; i++) {
				const offset = lexer.next();
				lexer.next(); // generation
				const type = lexer.next();
				if (offset.kind !== 'number' || type.kind !== 'keyword')
					throw new PdfSyntaxError('bad xref entry', lexer.pos);
				entries.push([
					token.value + i,
					type.value === 'n' ? { kind: 'offset', offset: offset.value } : { kind: 'free' },
				]);
			}
		}
	}

	/** §7.5.8.2-3: binary rows of /W field widths, numbered by /Index (default [0 Size]). */
	private readStreamEntries(object: PdfObject): void {
		const dict = object.value;
		if (dictGet(dict, 'Filter') !== undefined || !object.stream) {
			this.table.complete = false; // compressed rows: only an inflater could read them
			return;
		}
		const widths = (asArray(dictGet(dict, 'W')) ?? []).map((w) => asInteger(w) ?? -1);
		if (widths.length !== 3 || widths.some((w) => w < 0 || w > 8)) {
			this.table.complete = false;
			return;
		}
		const rowSize = widths[0] + widths[1] + widths[2];
		const index = (asArray(dictGet(dict, 'Index')) ?? [0, dictGet(dict, 'Size') ?? 0]).map(
			(n) => asInteger(n) ?? -1,
		);
		const { start } = object.stream;
		const length = asInteger(dictGet(dict, 'Length')) ?? 0;
		const read = (at: number, width: number, fallback: number) => {
			if (width === 0) return fallback;
			let value = 0;
			for (let k = 0; k < width; k++) value = value * 256 + (this.data[at + k] ?? 0);
			return value;
		};
		let row = 0;
		for (let pair = 0; pair + 1 < index.length; pair += 2) {
			const [first, count] = [index[pair], index[pair + 1]];
			if (first < 0 || count < 0) break;
			for (let i = 0; i < count; i++, row++) {
				const at = start + row * rowSize;
				if (rowSize === 0 || (row + 1) * rowSize > length || at + rowSize > this.data.length)
					return;
				this.budget.spend('tokens');
				const type = read(at, widths[0], 1);
				const second = read(at + widths[0], widths[1], 0);
				if (type === 1) this.add(first + i, { kind: 'offset', offset: second });
				else if (type === 2) this.add(first + i, { kind: 'compressed', stream: second });
				else if (type === 0) this.add(first + i, { kind: 'free' });
			}
		}
	}

	/** A cross-reference stream at `offset`; undefined when there is none. */
	private readStreamSection(offset: number): PdfDict | undefined {
		const object = parseObjectAt(this.data, offset, this.budget);
		const dict = asDict(object.value);
		if (!dict || asName(dictGet(dict, 'Type')) !== 'XRef') return undefined;
		this.readStreamEntries(object);
		return dict;
	}

	readSection(offset: number): number | undefined {
		const lexer = new Lexer(this.data, offset, this.budget);
		const first = lexer.peek();
		let trailer: PdfDict | undefined;
		if (first.kind === 'keyword' && first.value === 'xref') {
			lexer.next();
			const section = this.readTable(lexer);
			trailer = section.trailer;
			// Hybrid file (§7.5.8.4): the hidden stream's entries first, so the table's "free"
			// placeholders for its objects do not hide them.
			const hidden = asInteger(dictGet(trailer, 'XRefStm'));
			if (hidden !== undefined) {
				const read = attempt(() => this.readStreamSection(hidden), PdfSyntaxError);
				if (!read.ok) this.table.complete = false;
			}
			for (const [num, entry] of section.entries) this.add(num, entry);
		} else {
			trailer = this.readStreamSection(offset);
		}
		if (!trailer) {
			this.table.complete = false;
			return undefined;
		}
		this.table.sections++;
		this.mergeTrailer(trailer);
		return asInteger(dictGet(trailer, 'Prev'));
	}
}

/** The "startxref" offset of the newest revision (§7.5.5), if the file has one. */
function lastStartXref(data: Buffer, budget: Budget): number | undefined {
	const at = data.lastIndexOf('startxref', data.length, 'latin1');
	budget.spend('searched', at < 0 ? data.length : data.length - at);
	if (at < 0) return undefined;
	const token = attempt(() => new Lexer(data, at + 9, budget).next(), PdfSyntaxError);
	return token.ok && token.value.kind === 'number' && token.value.integer
		? token.value.value
		: undefined;
}

/** Every revision's cross-reference section, newest first. Never throws on malformed input. */
export function readXref(data: Buffer, budget: Budget): XrefTable {
	const reader = new XrefReader(data, budget);
	const visited = new Set<number>();
	let offset = lastStartXref(data, budget);
	if (offset === undefined) reader.table.complete = false;
	while (offset !== undefined) {
		if (
			visited.has(offset) ||
			visited.size >= MAX_SECTIONS ||
			offset < 0 ||
			offset >= data.length
		) {
			reader.table.complete = false;
			break;
		}
		visited.add(offset);
		const section = offset;
		const read = attempt(() => reader.readSection(section), PdfSyntaxError);
		if (!read.ok) {
			reader.table.complete = false;
			break;
		}
		offset = read.value;
	}
	return reader.table;
}

/**
 * The trailer of a file whose cross-reference data is broken: the later of the last "trailer"
 * dictionary and the last cross-reference stream dictionary the scan found; failing both, one that
 * points at the newest /Type /Catalog object, as PDF readers do when they repair a file.
 */
export function recoverTrailer(
	data: Buffer,
	budget: Budget,
	scan: ScanResult,
): PdfDict | undefined {
	let best: { at: number; dict: PdfDict } | undefined;
	const keyword = data.lastIndexOf('trailer', data.length, 'latin1');
	budget.spend('searched', keyword < 0 ? data.length : data.length - keyword);
	if (keyword >= 0) {
		const read = attempt(
			() => asDict(new Lexer(data, keyword + 7, budget).value()),
			PdfSyntaxError,
		);
		if (read.ok && read.value) best = { at: keyword, dict: read.value };
	}
	let catalog: PdfObject | undefined;
	for (let i = scan.inOrder.length - 1; i >= 0; i--) {
		const object = scan.inOrder[i];
		const type = asName(dictGet(object.value, 'Type'));
		if (type === 'Catalog') catalog ??= object;
		if (type !== 'XRef') continue;
		const dict = asDict(object.value);
		if (dict && (!best || object.offset > best.at)) best = { at: object.offset, dict };
		break;
	}
	if (best || !catalog) return best?.dict;
	const root: PdfValue = { type: 'ref', num: catalog.num, gen: catalog.gen };
	return { type: 'dict', entries: new Map([['Root', root]]) };
}
