/**
 * PDF syntax: the lexical conventions of ISO 32000-1 §7.2 (white space, delimiters, comments) and the
 * objects of §7.3 (booleans, numbers, strings, names, arrays, dictionaries, null, indirect references
 * "n g R"). Only what locating an image needs: string contents are skipped, not decoded, and stream
 * data is never read here (objects.ts finds its bounds). Every step is charged to a Budget; a syntax
 * error throws PdfSyntaxError, which callers treat as "this object is unreadable". docs/pdf-input.md.
 */
import type { Budget } from './budget';

export interface PdfName {
	type: 'name';
	name: string;
}
export interface PdfRef {
	type: 'ref';
	num: number;
	gen: number;
}
export interface PdfString {
	type: 'string';
}
export interface PdfArray {
	type: 'array';
	items: PdfValue[];
}
export interface PdfDict {
	type: 'dict';
	entries: Map<string, PdfValue>;
}
export type PdfValue = null | boolean | number | PdfName | PdfRef | PdfString | PdfArray | PdfDict;

export class PdfSyntaxError extends Error {
	constructor(
		message: string,
		readonly at: number,
	) {
		super(message);
		this.name = 'PdfSyntaxError';
	}
}

/** Byte classes of §7.2.2: Table 1 white space, Table 2 delimiters; everything else is regular. */
const WHITE = 1;
const DELIMITER = 2;
const CLASS = new Uint8Array(256);
for (const byte of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[byte] = WHITE;
for (const char of '()<>[]{}/%') CLASS[char.charCodeAt(0)] = DELIMITER;

export function isWhite(byte: number | undefined): boolean {
	return byte !== undefined && CLASS[byte] === WHITE;
}

export function isDelimiter(byte: number | undefined): boolean {
	return byte !== undefined && CLASS[byte] === DELIMITER;
}

export function isDigit(byte: number | undefined): boolean {
	return byte !== undefined && byte >= 0x30 && byte <= 0x39;
}

/** §7.3.3: an integer ("+17", "-98") or a real ("34.5", "-.002", "4."), else undefined. */
function readNumber(data: Uint8Array, from: number, to: number): Token | undefined {
	let i = from;
	let negative = false;
	if (data[i] === 0x2b || data[i] === 0x2d) negative = data[i++] === 0x2d;
	let value = 0;
	let digits = 0;
	let scale = 0;
	let point = false;
	for (; i < to; i++) {
		const byte = data[i];
		if (byte >= 0x30 && byte <= 0x39) {
			value = value * 10 + (byte - 0x30);
			digits++;
			if (point) scale++;
		} else if (byte === 0x2e && !point) point = true;
		else return undefined;
	}
	if (digits === 0) return undefined;
	const magnitude = scale ? value / 10 ** scale : value;
	return { kind: 'number', value: negative ? -magnitude : magnitude, integer: !point };
}

type Token =
	| { kind: 'number'; value: number; integer: boolean }
	| { kind: 'name'; value: string }
	| { kind: 'string' }
	| { kind: 'open'; value: '<<' | '[' }
	| { kind: 'close'; value: '>>' | ']' }
	| { kind: 'keyword'; value: string }
	| { kind: 'eof' };

/** Names and keywords longer than this are not ones we look for: the rest is skipped, still charged. */
const MAX_WORD = 127;
/** A literal string longer than this is taken as a never-closed one (dictionaries hold short ones). */
const MAX_STRING = 1024 * 1024;
/** Arrays and dictionaries nested deeper than this are malformed for our purposes. */
const MAX_DEPTH = 32;

export class Lexer {
	pos: number;

	constructor(
		readonly data: Buffer,
		start: number,
		private readonly budget: Budget,
	) {
		this.pos = start;
	}

	private fail(message: string): never {
		throw new PdfSyntaxError(message, this.pos);
	}

	/** Skips white space and comments (§7.2.3). */
	skipWhite(): void {
		const { data } = this;
		const from = this.pos;
		while (this.pos < data.length) {
			const byte = data[this.pos];
			if (CLASS[byte] === WHITE) this.pos++;
			else if (byte === 0x25) {
				while (this.pos < data.length && data[this.pos] !== 0x0a && data[this.pos] !== 0x0d)
					this.pos++;
			} else break;
		}
		this.budget.spend('bytes', this.pos - from);
	}

	/** The end of the run of regular characters starting at pos (charged, not yet consumed). */
	private wordEnd(): number {
		const { data } = this;
		let end = this.pos;
		while (end < data.length && CLASS[data[end]] === 0) end++;
		this.budget.spend('bytes', end - this.pos);
		return end;
	}

	private word(): string {
		const end = this.wordEnd();
		const text = latin1(this.data, this.pos, Math.min(end, this.pos + MAX_WORD));
		this.pos = end;
		return text;
	}

	/** §7.3.4.2: balanced parentheses, backslash escapes; the content itself is not needed. */
	private skipLiteralString(): void {
		const { data } = this;
		const from = this.pos;
		const limit = Math.min(data.length, from + MAX_STRING);
		let depth = 1;
		this.pos++;
		while (this.pos < limit && depth > 0) {
			const byte = data[this.pos];
			if (byte === 0x5c) this.pos += 2;
			else {
				if (byte === 0x28) depth++;
				else if (byte === 0x29) depth--;
				this.pos++;
			}
		}
		this.pos = Math.min(this.pos, data.length);
		this.budget.spend('bytes', this.pos - from);
		if (depth > 0) this.fail('unterminated string');
	}

	/** §7.3.4.3: <hex digits>. */
	private skipHexString(): void {
		const end = this.data.indexOf(0x3e, this.pos + 1);
		if (end < 0 || end - this.pos > MAX_STRING) {
			this.budget.spend('searched', (end < 0 ? this.data.length : end) - this.pos);
			this.fail('unterminated hex string');
		}
		this.budget.spend('bytes', end + 1 - this.pos);
		this.pos = end + 1;
	}

	/** §7.3.5: '#xx' escapes decoded, so /DCTDecode and /DCT#44ecode compare equal. */
	private name(): string {
		this.pos++; // '/'
		const raw = this.word();
		return raw.includes('#')
			? raw.replace(/#([0-9A-Fa-f]{2})/g, (_m, hex: string) =>
					String.fromCharCode(parseInt(hex, 16)),
				)
			: raw;
	}

	next(): Token {
		this.skipWhite();
		this.budget.spend('tokens');
		const { data } = this;
		if (this.pos >= data.length) return { kind: 'eof' };
		const byte = data[this.pos];
		if (byte === 0x2f) return { kind: 'name', value: this.name() };
		if (byte === 0x28) {
			this.skipLiteralString();
			return { kind: 'string' };
		}
		if (byte === 0x3c) {
			if (data[this.pos + 1] === 0x3c) {
				this.pos += 2;
				return { kind: 'open', value: '<<' };
			}
			this.skipHexString();
			return { kind: 'string' };
		}
		if (byte === 0x3e) {
			if (data[this.pos + 1] !== 0x3e) this.fail('stray >');
			this.pos += 2;
			return { kind: 'close', value: '>>' };
		}
		if (byte === 0x5b || byte === 0x5d) {
			this.pos++;
			return byte === 0x5b ? { kind: 'open', value: '[' } : { kind: 'close', value: ']' };
		}
		if (byte === 0x29 || byte === 0x7b || byte === 0x7d) {
			this.pos++;
			this.fail('unexpected delimiter');
		}
		const end = this.wordEnd();
		const number = end - this.pos <= 32 ? readNumber(data, this.pos, end) : undefined;
		if (number) {
			this.pos = end;
			return number;
		}
		return { kind: 'keyword', value: this.word() };
	}

	/** The next token without consuming it. */
	peek(): Token {
		const at = this.pos;
		try {
			return this.next();
		} finally {
			this.pos = at;
		}
	}

	/** One object (§7.3), with "n g R" folded into a reference. */
	value(depth = 0): PdfValue {
		return this.valueOf(this.next(), depth);
	}

	private valueOf(token: Token, depth: number): PdfValue {
		if (depth > MAX_DEPTH) this.fail('nested too deeply');
		switch (token.kind) {
			case 'number':
				return token.integer && token.value >= 0 ? this.maybeReference(token.value) : token.value;
			case 'name':
				return { type: 'name', name: token.value };
			case 'string':
				return { type: 'string' };
			case 'open':
				return token.value === '[' ? this.array(depth) : this.dict(depth);
			case 'keyword':
				if (token.value === 'true') return true;
				if (token.value === 'false') return false;
				if (token.value === 'null') return null;
				return this.fail(`unexpected keyword ${token.value.slice(0, 20)}`);
			default:
				return this.fail('unexpected end of object');
		}
	}

	/** "n g R" checked on the bytes (a number is followed by another, then R), without re-lexing. */
	private maybeReference(num: number): PdfValue {
		const { data } = this;
		let i = this.pos;
		while (CLASS[data[i]] === WHITE && i < data.length) i++;
		const genStart = i;
		while (isDigit(data[i])) i++;
		if (i === genStart || i - genStart > 10 || CLASS[data[i]] !== WHITE) return num;
		const genEnd = i;
		while (CLASS[data[i]] === WHITE && i < data.length) i++;
		if (data[i] !== 0x52 || (i + 1 < data.length && CLASS[data[i + 1]] === 0)) return num;
		const gen = Number(latin1(data, genStart, genEnd));
		this.budget.spend('tokens', 2);
		this.budget.spend('bytes', i + 1 - this.pos);
		this.pos = i + 1;
		return { type: 'ref', num, gen };
	}

	private array(depth: number): PdfArray {
		const items: PdfValue[] = [];
		for (;;) {
			const token = this.next();
			if (token.kind === 'close' && token.value === ']') return { type: 'array', items };
			if (token.kind === 'eof') this.fail('unterminated array');
			items.push(this.valueOf(token, depth + 1));
		}
	}

	private dict(depth: number): PdfDict {
		const entries = new Map<string, PdfValue>();
		for (;;) {
			const key = this.next();
			if (key.kind === 'close' && key.value === '>>') return { type: 'dict', entries };
			if (key.kind !== 'name') this.fail('dictionary key is not a name');
			entries.set(key.value, this.value(depth + 1));
		}
	}
}

/** Latin-1 text of a byte range (ASCII keywords and names). */
function latin1(data: Buffer, from: number, to: number): string {
	return data.toString('latin1', from, to);
}

// Accessors that accept anything: malformed files put any type anywhere.

export function dictGet(value: PdfValue | undefined, key: string): PdfValue | undefined {
	return value && typeof value === 'object' && value.type === 'dict'
		? value.entries.get(key)
		: undefined;
}

export function asDict(value: PdfValue | undefined): PdfDict | undefined {
	return value && typeof value === 'object' && value.type === 'dict' ? value : undefined;
}

export function asName(value: PdfValue | undefined): string | undefined {
	return value && typeof value === 'object' && value.type === 'name' ? value.name : undefined;
}

export function asRef(value: PdfValue | undefined): PdfRef | undefined {
	return value && typeof value === 'object' && value.type === 'ref' ? value : undefined;
}

export function asArray(value: PdfValue | undefined): PdfValue[] | undefined {
	return value && typeof value === 'object' && value.type === 'array' ? value.items : undefined;
}

export function asInteger(value: PdfValue | undefined): number | undefined {
	return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}
