/**
 * Indirect objects (ISO 32000-1 §7.3.10: "n g obj … endobj") and streams (§7.3.8): parsing one
 * object at an offset, finding where a stream's data starts and ends, and the store that resolves
 * references: through the cross-reference data when it is readable (xref.ts), else through a
 * recovery scan of the whole file for object headers, where the LAST definition of a number wins, as
 * it does in an incremental update (§7.5.6). Objects inside compressed object streams (§7.5.7) cannot
 * be read without decompression and are reported as such. docs/pdf-input.md.
 */
import { attempt } from './attempt';
import type { Budget } from './budget';
import {
	asInteger,
	asRef,
	dictGet,
	isDelimiter,
	isDigit,
	isWhite,
	Lexer,
	PdfSyntaxError,
} from './lexer';
import type { PdfDict, PdfValue } from './lexer';
import type { XrefTable } from './xrefTable';

export interface PdfObject {
	num: number;
	gen: number;
	/** Offset of the "n g obj" header. */
	offset: number;
	value: PdfValue;
	/** Streams only: the first data byte and, when found, the offset of the "endstream" keyword. */
	stream?: { start: number; endKeyword?: number };
	/** Where the object ends (after endobj, or after endstream); the scan resumes here. */
	end: number;
}

/** An object we know exists but cannot read: it sits in a compressed object stream. */
export const COMPRESSED = 'compressed';
export type Lookup = PdfObject | typeof COMPRESSED | undefined;

/** §7.3.8.1: "stream" is followed by CRLF or LF (a lone CR is tolerated, as readers do). */
function streamDataStart(data: Uint8Array, afterKeyword: number): number {
	if (data[afterKeyword] === 0x0d)
		return data[afterKeyword + 1] === 0x0a ? afterKeyword + 2 : afterKeyword + 1;
	if (data[afterKeyword] === 0x0a) return afterKeyword + 1;
	return afterKeyword;
}

/** True when, after optional white space, "endstream" starts at `at`. */
function endstreamAt(data: Buffer, at: number): boolean {
	let i = at;
	while (i < data.length && i < at + 4 && isWhite(data[i])) i++;
	return data.toString('latin1', i, i + 9) === 'endstream';
}

/** Parses the object whose header starts at `offset`; throws PdfSyntaxError when it is not one. */
export function parseObjectAt(data: Buffer, offset: number, budget: Budget): PdfObject {
	budget.spend('objects');
	const lexer = new Lexer(data, offset, budget);
	const num = lexer.next();
	const gen = lexer.next();
	const keyword = lexer.next();
	if (
		num.kind !== 'number' ||
		!num.integer ||
		num.value < 0 ||
		gen.kind !== 'number' ||
		!gen.integer ||
		keyword.kind !== 'keyword' ||
		keyword.value !== 'obj'
	) {
		throw new PdfSyntaxError('not an object header', offset);
	}
	const value = lexer.value();
	const object: PdfObject = { num: num.value, gen: gen.value, offset, value, end: lexer.pos };
	if (keywordFollows(lexer, 'stream') && isDict(value)) {
		lexer.next();
		const start = streamDataStart(data, lexer.pos);
		const direct = asInteger(dictGet(value, 'Length'));
		let endKeyword: number | undefined;
		if (
			direct !== undefined &&
			direct >= 0 &&
			start + direct <= data.length &&
			endstreamAt(data, start + direct)
		) {
			endKeyword = data.indexOf('endstream', start + direct, 'latin1');
		} else {
			// Indirect or wrong /Length: the keyword bounds the data (a native search, charged).
			const found = data.indexOf('endstream', start, 'latin1');
			budget.spend('searched', (found < 0 ? data.length : found) - start);
			endKeyword = found < 0 ? undefined : found;
		}
		object.stream = { start, endKeyword };
		object.end = endKeyword === undefined ? start : endKeyword + 9;
		lexer.pos = object.end;
	}
	if (keywordFollows(lexer, 'endobj')) {
		lexer.next();
		object.end = lexer.pos;
	}
	return object;
}

/** Whether the next token is this keyword; garbage after an object's value only ends the object. */
function keywordFollows(lexer: Lexer, keyword: string): boolean {
	const next = attempt(() => lexer.peek(), PdfSyntaxError);
	return next.ok && next.value.kind === 'keyword' && next.value.value === keyword;
}

/** Start of "n g" before an "obj" keyword at `hit`, or undefined when the bytes are no header. */
function headerStart(data: Uint8Array, hit: number): number | undefined {
	let i = hit - 1;
	const white = (limit: number) => {
		const from = i;
		while (i >= 0 && from - i < limit && isWhite(data[i])) i--;
		return from - i;
	};
	const digits = () => {
		const from = i;
		while (i >= 0 && from - i < 10 && isDigit(data[i])) i--;
		return from - i;
	};
	if (white(8) === 0 || digits() === 0 || white(8) === 0 || digits() === 0) return undefined;
	if (i >= 0 && !isWhite(data[i]) && !isDelimiter(data[i])) return undefined;
	return i + 1;
}

export interface ScanResult {
	/** The newest (last in the file) definition of each object number. */
	byNumber: Map<number, PdfObject>;
	/** Every object found, in file order. */
	inOrder: PdfObject[];
}

/**
 * The recovery scan: every "n g obj" in the file, streams skipped by their bounds so image data is
 * never mistaken for syntax. Bounded by the budget (scan hits, objects, bytes).
 */
export function scanObjects(data: Buffer, budget: Budget): ScanResult {
	const byNumber = new Map<number, PdfObject>();
	const inOrder: PdfObject[] = [];
	let pos = 0;
	for (;;) {
		const hit = data.indexOf('obj', pos, 'latin1');
		budget.spend('searched', (hit < 0 ? data.length : hit) - pos);
		if (hit < 0) break;
		budget.spend('scanHits');
		pos = hit + 3;
		if (pos < data.length && !isWhite(data[pos]) && !isDelimiter(data[pos])) continue;
		const start = headerStart(data, hit);
		if (start === undefined) continue;
		const parsed = attempt(() => parseObjectAt(data, start, budget), PdfSyntaxError);
		if (!parsed.ok) continue;
		byNumber.set(parsed.value.num, parsed.value);
		inOrder.push(parsed.value);
		pos = Math.max(pos, parsed.value.end);
	}
	return { byNumber, inOrder };
}

/** References followed in a row before we call it a loop. */
const MAX_REFERENCE_CHAIN = 8;

export class ObjectStore {
	private readonly cache = new Map<number, Lookup>();
	private scanned?: ScanResult;

	constructor(
		readonly data: Buffer,
		readonly budget: Budget,
		private readonly xref: XrefTable | undefined,
	) {}

	/** The recovery scan, run once, on first need. */
	scan(): ScanResult {
		this.scanned ??= scanObjects(this.data, this.budget);
		return this.scanned;
	}

	lookup(num: number): Lookup {
		if (this.cache.has(num)) return this.cache.get(num);
		const found = this.find(num);
		this.cache.set(num, found);
		return found;
	}

	private find(num: number): Lookup {
		const entry = this.xref?.entries.get(num);
		if (entry?.kind === 'compressed') return COMPRESSED;
		if (entry?.kind === 'free') return undefined;
		if (entry?.kind === 'offset') {
			const parsed = attempt(
				() => parseObjectAt(this.data, entry.offset, this.budget),
				PdfSyntaxError,
			);
			if (parsed.ok && parsed.value.num === num) return parsed.value;
		}
		// Not in the table, or the table points at something else: trust what the file holds.
		return this.scan().byNumber.get(num);
	}

	/** The value, with references followed; COMPRESSED when one of them cannot be read. */
	resolve(value: PdfValue | undefined): PdfValue | typeof COMPRESSED | undefined {
		let current = value;
		for (let step = 0; step < MAX_REFERENCE_CHAIN; step++) {
			const ref = asRef(current);
			if (!ref) return current;
			const found = this.lookup(ref.num);
			if (found === COMPRESSED) return COMPRESSED;
			if (!found) return undefined;
			current = found.value;
		}
		return undefined;
	}

	/** Like resolve, for the common case where "cannot read" and "absent" mean the same. */
	value(value: PdfValue | undefined): PdfValue | undefined {
		const resolved = this.resolve(value);
		return resolved === COMPRESSED ? undefined : resolved;
	}

	/**
	 * The exact data of a stream (§7.3.8.2): /Length (direct or indirect) when "endstream" follows it;
	 * else up to the "endstream" keyword less its end-of-line; else /Length alone if it fits the file.
	 */
	streamData(object: PdfObject): Buffer | undefined {
		if (!object.stream) return undefined;
		const { start, endKeyword } = object.stream;
		const length = asInteger(this.value(dictGet(object.value, 'Length')));
		const fits = length !== undefined && length >= 0 && start + length <= this.data.length;
		if (fits && endstreamAt(this.data, start + length))
			return this.data.subarray(start, start + length);
		if (endKeyword !== undefined) {
			let end = endKeyword;
			if (this.data[end - 1] === 0x0a) end--;
			if (this.data[end - 1] === 0x0d) end--;
			return this.data.subarray(start, Math.max(start, end));
		}
		return fits ? this.data.subarray(start, start + length) : undefined;
	}
}

export function isDict(value: PdfValue | undefined): value is PdfDict {
	return !!value && typeof value === 'object' && value.type === 'dict';
}
