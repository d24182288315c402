/** Bounds-checked readers: undefined past the end, so parsers stop instead of reading garbage. */

export function u8(data: Uint8Array, offset: number): number | undefined {
	return offset >= 0 && offset < data.length ? data[offset] : undefined;
}

export function u16(data: Uint8Array, offset: number, littleEndian: boolean): number | undefined {
	if (offset < 0 || offset + 2 > data.length) return undefined;
	return littleEndian
		? data[offset] | (data[offset + 1] << 8)
		: (data[offset] << 8) | data[offset + 1];
}

export function u32(data: Uint8Array, offset: number, littleEndian: boolean): number | undefined {
	if (offset < 0 || offset + 4 > data.length) return undefined;
	const b = data.subarray(offset, offset + 4);
	const value = littleEndian
		? b[0] + b[1] * 0x100 + b[2] * 0x10000 + b[3] * 0x1000000
		: b[3] + b[2] * 0x100 + b[1] * 0x10000 + b[0] * 0x1000000;
	return value;
}

export function i32le(data: Uint8Array, offset: number): number | undefined {
	const value = u32(data, offset, true);
	return value === undefined ? undefined : value | 0;
}

/** 64-bit unsigned as a JS number (exact up to 2^53, which covers any file we could hold). */
export function u64(data: Uint8Array, offset: number, littleEndian: boolean): number | undefined {
	const first = u32(data, offset, littleEndian);
	const second = u32(data, offset + 4, littleEndian);
	if (first === undefined || second === undefined) return undefined;
	return littleEndian ? second * 0x100000000 + first : first * 0x100000000 + second;
}

export function startsWith(data: Uint8Array, bytes: readonly number[], offset = 0): boolean {
	if (offset + bytes.length > data.length) return false;
	for (let i = 0; i < bytes.length; i++) if (data[offset + i] !== bytes[i]) return false;
	return true;
}

export function ascii(data: Uint8Array, offset: number, length: number): string {
	let text = '';
	for (let i = offset; i < Math.min(offset + length, data.length); i++)
		text += String.fromCharCode(data[i]);
	return text;
}

export function positive(value: number | undefined): number | undefined {
	return value !== undefined && value > 0 ? value : undefined;
}
