/**
 * Image sniffing: which format a file really is (by its magic bytes, never by name or declared type)
 * and, for the four formats Huawei's passport OCR accepts, the pixel size and whether the file ends
 * early. Pure and total: any byte sequence gives an answer, nothing throws.
 *
 * BigTIFF (version 43) is parsed like classic TIFF and reported as format 'tiff' with the label
 * 'BigTIFF': it is a TIFF, so the service decides; we only measure it.
 */
import type { Edition } from '../credentialsSeam';

export type SupportedImageFormat = 'jpeg' | 'png' | 'bmp' | 'tiff';
export type ImageFormat =
	| SupportedImageFormat
	| 'pdf'
	| 'gif'
	| 'webp'
	| 'heic'
	| 'avif'
	| 'svg'
	| 'zip'
	| 'jpeg2000'
	| 'ico'
	| 'html'
	| 'text'
	| 'empty'
	| 'unknown';

export interface ImageInfo {
	format: ImageFormat;
	/** True for jpeg/png/bmp/tiff only. */
	supported: boolean;
	/** Human words for messages: 'JPEG', 'PDF document', 'an empty file', ... */
	label: string;
	mimeType: string;
	/** Set when the headers of a supported format are intact. */
	width?: number;
	height?: number;
	/** True when the file visibly ends early. */
	truncated?: boolean;
}

export const IMAGE_LIMITS: {
	minSide: 15;
	maxSide: Record<Edition, number>;
	maxBase64Bytes: number;
	maxRequestBytes: number;
} = Object.freeze({
	minSide: 15,
	// The G42 (ae-ad-1) edition and older docs still say 4096.
	maxSide: Object.freeze({ international: 8192, g42: 4096 }),
	maxBase64Bytes: 10 * 1024 * 1024,
	maxRequestBytes: 12 * 1024 * 1024,
});

/** Encoded size of n bytes in padded base64. */
export function base64Length(byteLength: number): number {
	return Math.ceil(Math.max(0, byteLength) / 3) * 4;
}

type Dimensions = Pick<ImageInfo, 'width' | 'height' | 'truncated'>;

// ---------------------------------------------------------------------------------------------
// Bounds-checked readers: undefined past the end, so parsers stop instead of reading garbage.

function u8(data: Uint8Array, offset: number): number | undefined {
	return offset >= 0 && offset < data.length ? data[offset] : undefined;
}

function u16(data: Uint8Array, offset: number, littleEndian: boolean): number | undefined {
	if (offset < 0 || offset + 2 > data.length) return undefined;
	return littleEndian
		? data[offset] | (data[offset + 1] << 8)
		: (data[offset] << 8) | data[offset + 1];
}

function u32(data: Uint8Array, offset: number, littleEndian: boolean): number | undefined {
	if (offset < 0 || offset + 4 > data.length) return undefined;
	const b = data.subarray(offset, offset + 4);
	const value = littleEndian
		? b[0] + b[1] * 0x100 + b[2] * 0x10000 + b[3] * 0x1000000
		: b[3] + b[2] * 0x100 + b[1] * 0x10000 + b[0] * 0x1000000;
	return value;
}

function i32le(data: Uint8Array, offset: number): number | undefined {
	const value = u32(data, offset, true);
	return value === undefined ? undefined : value | 0;
}

/** 64-bit unsigned as a JS number (exact up to 2^53, which covers any file we could hold). */
function u64(data: Uint8Array, offset: number, littleEndian: boolean): number | undefined {
	const first = u32(data, offset, littleEndian);
	const second = u32(data, offset + 4, littleEndian);
	if (first === undefined || second === undefined) return undefined;
	return littleEndian ? second * 0x100000000 + first : first * 0x100000000 + second;
}

function startsWith(data: Uint8Array, bytes: readonly number[], offset = 0): boolean {
	if (offset + bytes.length > data.length) return false;
	for (let i = 0; i < bytes.length; i++) if (data[offset + i] !== bytes[i]) return false;
	return true;
}

function ascii(data: Uint8Array, offset: number, length: number): string {
	let text = '';
	for (let i = offset; i < Math.min(offset + length, data.length); i++)
		text += String.fromCharCode(data[i]);
	return text;
}

function positive(value: number | undefined): number | undefined {
	return value !== undefined && value > 0 ? value : undefined;
}

// ---------------------------------------------------------------------------------------------
// JPEG: walk the marker segments to the first SOFn; the file is whole when an EOI follows the scan.

const JPEG_STANDALONE = new Set([0x01, 0xd0, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8]);

function isStartOfFrame(marker: number): boolean {
	// C4 = DHT, C8 = JPG extension, CC = DAC: same range, not frames.
	return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function hasEndOfImage(data: Uint8Array, from: number): boolean {
	// Inside entropy-coded data a real 0xFF is stuffed as FF 00, so FF D9 can only be the EOI.
	for (let i = data.length - 2; i >= from; i--) {
		if (data[i] === 0xff && data[i + 1] === 0xd9) return true;
	}
	return false;
}

function jpegDimensions(data: Uint8Array): Dimensions {
	const result: Dimensions = {};
	let offset = 2;
	while (offset < data.length) {
		if (data[offset] !== 0xff) {
			// Garbage between segments: decoders resynchronise on the next marker, so do we.
			offset++;
			continue;
		}
		while (offset < data.length && data[offset] === 0xff) offset++; // fill bytes
		const marker = u8(data, offset);
		if (marker === undefined) break;
		offset++;
		if (JPEG_STANDALONE.has(marker) || marker === 0x00) continue;
		if (marker === 0xd9) return result; // EOI before any scan: headers only, but whole
		const length = u16(data, offset, false);
		if (length === undefined || length < 2) break;
		if (isStartOfFrame(marker) && result.width === undefined) {
			const height = u16(data, offset + 3, false);
			const width = u16(data, offset + 5, false);
			if (height !== undefined && width !== undefined && offset + length <= data.length) {
				result.width = positive(width);
				// Height 0 means "defined by DNL later": leave it unknown rather than guess.
				result.height = positive(height);
			}
		}
		if (marker === 0xda) {
			if (!hasEndOfImage(data, offset + length)) result.truncated = true;
			return result;
		}
		offset += length;
	}
	result.truncated = true;
	return result;
}

// ---------------------------------------------------------------------------------------------
// PNG: IHDR gives the size; walking the chunks to IEND tells whether the file is whole.

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function pngDimensions(data: Uint8Array): Dimensions {
	const result: Dimensions = {};
	if (ascii(data, 12, 4) === 'IHDR' && data.length >= 24) {
		result.width = positive(u32(data, 16, false));
		result.height = positive(u32(data, 20, false));
	}
	let offset = 8;
	while (offset + 8 <= data.length) {
		const length = u32(data, offset, false) ?? 0;
		const end = offset + 12 + length;
		if (ascii(data, offset + 4, 4) === 'IEND') return result;
		if (end > data.length) break;
		offset = end;
	}
	result.truncated = true;
	return result;
}

// ---------------------------------------------------------------------------------------------
// BMP: file header (14 bytes) + DIB header; the pixel array must fit in the file.

const BMP_HEADER_SIZES = new Set([12, 16, 40, 52, 56, 64, 108, 124]);
const BMP_UNCOMPRESSED = new Set([0, 3, 6]); // BI_RGB, BI_BITFIELDS, BI_ALPHABITFIELDS

function looksLikeBmp(data: Uint8Array): boolean {
	if (data[0] !== 0x42 || data[1] !== 0x4d) return false;
	// 'BM' alone is too weak (text can start with it): a known DIB header size confirms it.
	const headerSize = u32(data, 14, true);
	return headerSize === undefined
		? data.length < 18 && !isMostlyText(data)
		: BMP_HEADER_SIZES.has(headerSize);
}

function bmpDimensions(data: Uint8Array): Dimensions {
	const pixelOffset = u32(data, 10, true);
	const headerSize = u32(data, 14, true);
	if (
		pixelOffset === undefined ||
		headerSize === undefined ||
		data.length < 14 + Math.min(headerSize, 40)
	) {
		return { truncated: true };
	}
	let width: number | undefined;
	let signedHeight: number | undefined;
	let bitsPerPixel: number | undefined;
	let compression = 0;
	let imageSize = 0;
	if (headerSize === 12) {
		width = u16(data, 18, true);
		signedHeight = u16(data, 20, true);
		bitsPerPixel = u16(data, 24, true);
	} else {
		width = i32le(data, 18);
		signedHeight = i32le(data, 22); // negative = rows stored top-down
		bitsPerPixel = u16(data, 28, true);
		compression = u32(data, 30, true) ?? 0;
		imageSize = u32(data, 34, true) ?? 0;
	}
	const result: Dimensions = {
		width: positive(width),
		height: positive(signedHeight === undefined ? undefined : Math.abs(signedHeight)),
	};
	let pixelBytes = imageSize;
	if (BMP_UNCOMPRESSED.has(compression) && result.width && result.height && bitsPerPixel) {
		const rowBytes = Math.floor((bitsPerPixel * result.width + 31) / 32) * 4;
		pixelBytes = rowBytes * result.height;
	}
	if (pixelOffset + pixelBytes > data.length) result.truncated = true;
	return result;
}

// ---------------------------------------------------------------------------------------------
// TIFF (classic and BigTIFF, either byte order): size from IFD0; strips/tiles must lie in the file.

const TIFF_TAG = {
	width: 256,
	height: 257,
	stripOffsets: 273,
	stripByteCounts: 279,
	tileOffsets: 324,
	tileByteCounts: 325,
};
const TIFF_TYPE_SIZE: Record<number, number> = { 1: 1, 3: 2, 4: 4, 16: 8 }; // BYTE, SHORT, LONG, LONG8
const MAX_TIFF_VALUES = 1 << 20; // more strips than any real page: refuse to loop over a corrupt count

interface TiffLayout {
	littleEndian: boolean;
	big: boolean;
}

function tiffLayout(data: Uint8Array): TiffLayout | undefined {
	const littleEndian = data[0] === 0x49 && data[1] === 0x49;
	const bigEndian = data[0] === 0x4d && data[1] === 0x4d;
	if (!littleEndian && !bigEndian) return undefined;
	const version = u16(data, 2, littleEndian);
	if (version === 42) return { littleEndian, big: false };
	if (version === 43) return { littleEndian, big: true };
	return undefined;
}

interface TiffEntry {
	type: number;
	count: number;
	/** Where the values are: inside the entry when they fit, else at the stored offset. */
	valueOffset: number;
}

function readTiffValue(
	data: Uint8Array,
	layout: TiffLayout,
	type: number,
	offset: number,
): number | undefined {
	if (type === 1) return u8(data, offset);
	if (type === 3) return u16(data, offset, layout.littleEndian);
	if (type === 4) return u32(data, offset, layout.littleEndian);
	if (type === 16) return u64(data, offset, layout.littleEndian);
	return undefined;
}

function readTiffValues(
	data: Uint8Array,
	layout: TiffLayout,
	entry: TiffEntry | undefined,
): number[] | undefined {
	if (!entry || entry.count > MAX_TIFF_VALUES) return undefined;
	const size = TIFF_TYPE_SIZE[entry.type];
	if (!size) return undefined;
	const values: number[] = [];
	for (let i = 0; i < entry.count; i++) {
		const value = readTiffValue(data, layout, entry.type, entry.valueOffset + i * size);
		if (value === undefined) return undefined;
		values.push(value);
	}
	return values;
}

function readTiffIfd(
	data: Uint8Array,
	layout: TiffLayout,
	ifdOffset: number,
): Map<number, TiffEntry> | undefined {
	const { littleEndian, big } = layout;
	const count = big ? u64(data, ifdOffset, littleEndian) : u16(data, ifdOffset, littleEndian);
	if (count === undefined) return undefined;
	const entrySize = big ? 20 : 12;
	const inlineSize = big ? 8 : 4;
	const first = ifdOffset + (big ? 8 : 2);
	const entries = new Map<number, TiffEntry>();
	for (let i = 0; i < count; i++) {
		const at = first + i * entrySize;
		const tag = u16(data, at, littleEndian);
		const type = u16(data, at + 2, littleEndian);
		const valueCount = big ? u64(data, at + 4, littleEndian) : u32(data, at + 4, littleEndian);
		const field = at + (big ? 12 : 8);
		if (
			tag === undefined ||
			type === undefined ||
			valueCount === undefined ||
			field + inlineSize > data.length
		) {
			return entries.size ? entries : undefined;
		}
		const bytes = (TIFF_TYPE_SIZE[type] ?? 0) * valueCount;
		const stored = big ? u64(data, field, littleEndian) : u32(data, field, littleEndian);
		const valueOffset = bytes <= inlineSize ? field : (stored ?? data.length);
		entries.set(tag, { type, count: valueCount, valueOffset });
	}
	return entries;
}

function segmentsPastEnd(
	data: Uint8Array,
	offsets: number[] | undefined,
	counts: number[] | undefined,
): boolean {
	if (!offsets || !counts) return false;
	return offsets.some((offset, i) => offset + (counts[i] ?? 0) > data.length);
}

function tiffDimensions(data: Uint8Array, layout: TiffLayout): Dimensions {
	const ifdOffset = layout.big
		? u64(data, 8, layout.littleEndian)
		: u32(data, 4, layout.littleEndian);
	const entries = ifdOffset === undefined ? undefined : readTiffIfd(data, layout, ifdOffset);
	if (!entries) return { truncated: true };
	const first = (tag: number) => readTiffValues(data, layout, entries.get(tag))?.[0];
	const result: Dimensions = {
		width: positive(first(TIFF_TAG.width)),
		height: positive(first(TIFF_TAG.height)),
	};
	const values = (tag: number) => readTiffValues(data, layout, entries.get(tag));
	const stripsMissing =
		segmentsPastEnd(data, values(TIFF_TAG.stripOffsets), values(TIFF_TAG.stripByteCounts)) ||
		segmentsPastEnd(data, values(TIFF_TAG.tileOffsets), values(TIFF_TAG.tileByteCounts));
	const offsetsUnreadable = [TIFF_TAG.stripOffsets, TIFF_TAG.tileOffsets].some(
		(tag) => entries.has(tag) && values(tag) === undefined,
	);
	if (stripsMissing || offsetsUnreadable) result.truncated = true;
	return result;
}

// ---------------------------------------------------------------------------------------------
// Everything else: recognised only to name it in a helpful error.

const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs']);
const AVIF_BRANDS = new Set(['avif', 'avis']);
const MIF_BRANDS = new Set(['mif1', 'msf1']);

function isoMediaFormat(data: Uint8Array): 'heic' | 'avif' | undefined {
	if (ascii(data, 4, 4) !== 'ftyp') return undefined;
	const boxSize = Math.min(u32(data, 0, false) ?? 0, data.length, 4096);
	const brands: string[] = [ascii(data, 8, 4)];
	for (let offset = 16; offset + 4 <= boxSize; offset += 4) brands.push(ascii(data, offset, 4));
	if (brands.some((brand) => AVIF_BRANDS.has(brand))) return 'avif';
	if (brands.some((brand) => HEIC_BRANDS.has(brand) || MIF_BRANDS.has(brand))) return 'heic';
	return undefined;
}

const TEXT_SAMPLE = 1024;

/** Printable ASCII, whitespace, or UTF-8 multibyte sequences only, in the first kilobyte. */
function isMostlyText(data: Uint8Array): boolean {
	const end = Math.min(data.length, TEXT_SAMPLE);
	if (end === 0) return false;
	let i = 0;
	while (i < end) {
		const byte = data[i];
		if (byte === 0x09 || byte === 0x0a || byte === 0x0d || (byte >= 0x20 && byte < 0x7f)) {
			i++;
			continue;
		}
		const follow =
			byte >= 0xf0 && byte < 0xf8
				? 3
				: byte >= 0xe0
					? byte < 0xf0
						? 2
						: -1
					: byte >= 0xc2
						? 1
						: -1;
		if (follow < 0) return false;
		for (let k = 1; k <= follow; k++) {
			const next = data[i + k];
			// A multibyte character cut by the sample window still counts as text.
			if (i + k >= end) return true;
			if (next < 0x80 || next > 0xbf) return false;
		}
		i += follow + 1;
	}
	return true;
}

function markupFormat(data: Uint8Array): 'svg' | 'html' | undefined {
	const head = ascii(data, 0, TEXT_SAMPLE)
		.replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
		.trimStart()
		.toLowerCase();
	if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) return 'svg';
	if (head.startsWith('<!doctype html') || head.startsWith('<html')) return 'html';
	return undefined;
}

function textLabel(data: Uint8Array): string {
	const head = ascii(data, 0, 64).trimStart();
	if (/^data:[\w.+-]+\/[\w.+-]+;base64,/i.test(head)) return 'a data: URL (text, not image bytes)';
	if (/^[A-Za-z0-9+/]{32,}/.test(head)) return 'base64 text (not image bytes)';
	return 'plain text';
}

// ---------------------------------------------------------------------------------------------

function info(
	format: ImageFormat,
	label: string,
	mimeType: string,
	dimensions: Dimensions = {},
): ImageInfo {
	const result: ImageInfo = {
		format,
		supported: format === 'jpeg' || format === 'png' || format === 'bmp' || format === 'tiff',
		label,
		mimeType,
	};
	if (dimensions.width !== undefined) result.width = dimensions.width;
	if (dimensions.height !== undefined) result.height = dimensions.height;
	if (dimensions.truncated) result.truncated = true;
	return result;
}

function sniffSupported(data: Uint8Array): ImageInfo | undefined {
	if (startsWith(data, [0xff, 0xd8, 0xff]))
		return info('jpeg', 'JPEG', 'image/jpeg', jpegDimensions(data));
	if (startsWith(data, PNG_SIGNATURE)) return info('png', 'PNG', 'image/png', pngDimensions(data));
	const tiff = tiffLayout(data);
	if (tiff)
		return info('tiff', tiff.big ? 'BigTIFF' : 'TIFF', 'image/tiff', tiffDimensions(data, tiff));
	if (looksLikeBmp(data)) return info('bmp', 'BMP', 'image/bmp', bmpDimensions(data));
	return undefined;
}

function sniffOther(data: Uint8Array): ImageInfo | undefined {
	const head = ascii(data, 0, 12);
	if (head.startsWith('%PDF-')) return info('pdf', 'PDF document', 'application/pdf');
	if (head.startsWith('GIF87a') || head.startsWith('GIF89a'))
		return info('gif', 'GIF', 'image/gif');
	if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP')
		return info('webp', 'WebP', 'image/webp');
	const media = isoMediaFormat(data);
	if (media === 'heic') return info('heic', 'HEIC', 'image/heic');
	if (media === 'avif') return info('avif', 'AVIF', 'image/avif');
	if (
		startsWith(data, [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a]) ||
		startsWith(data, [0xff, 0x4f, 0xff, 0x51])
	) {
		return info('jpeg2000', 'JPEG 2000', 'image/jp2');
	}
	if (head.startsWith('PK\x03\x04') || head.startsWith('PK\x05\x06')) {
		return info('zip', 'ZIP archive (or Office document)', 'application/zip');
	}
	const iconCount = u16(data, 4, true);
	if (
		startsWith(data, [0x00, 0x00, 0x01, 0x00]) &&
		iconCount !== undefined &&
		iconCount > 0 &&
		iconCount < 256
	) {
		return info('ico', 'ICO icon', 'image/x-icon');
	}
	return undefined;
}

function sniffText(data: Uint8Array): ImageInfo | undefined {
	if (!isMostlyText(data)) return undefined;
	const markup = markupFormat(data);
	if (markup === 'svg') return info('svg', 'SVG image', 'image/svg+xml');
	if (markup === 'html') return info('html', 'HTML page', 'text/html');
	return info('text', textLabel(data), 'text/plain');
}

/** What the bytes are. Never throws; unknown bytes give format 'unknown'. */
export function sniffImage(data: Uint8Array): ImageInfo {
	if (!data || data.length === 0) return info('empty', 'an empty file', 'application/octet-stream');
	try {
		return (
			sniffSupported(data) ??
			sniffOther(data) ??
			sniffText(data) ??
			info('unknown', 'an unknown format', 'application/octet-stream')
		);
	} catch {
		// Belt and braces: the parsers are bounds-checked, but a sniffer must never break the caller.
		return info('unknown', 'an unknown format', 'application/octet-stream');
	}
}
