/**
 * The simulator's own reading of an uploaded picture: which of the four formats Huawei accepts it is,
 * its pixel size, and whether a decoder would find the whole image in it.
 *
 * Written from the format specifications (JPEG: ITU-T T.81 Annex B; PNG: ISO/IEC 15948 §5; BMP:
 * Microsoft's BITMAPFILEHEADER/BITMAPINFOHEADER; TIFF: TIFF 6.0 §2 and BigTIFF), on purpose without
 * any code of the node's `image/` engine: the simulator is the oracle the node's image checks are
 * tested against, so a mistake there must not be copied here. `picture.test.ts` compares the two on
 * every fixture. Bounded and total: any bytes give an answer, nothing throws, loops end.
 */

export type PictureFormat = 'jpeg' | 'png' | 'bmp' | 'tiff';

export interface Picture {
	format: PictureFormat;
	/** Undefined when the headers that hold it are missing or say 0. */
	width?: number;
	height?: number;
	/** False when the file stops before the image data does (a decoder would fail). */
	complete: boolean;
}

/** Reads that answer undefined past the end of the data instead of throwing. */
class Bytes {
	constructor(readonly data: Buffer) {}
	get length(): number {
		return this.data.length;
	}
	has(offset: number, size: number): boolean {
		return Number.isSafeInteger(offset) && offset >= 0 && offset + size <= this.data.length;
	}
	byte(offset: number): number | undefined {
		return this.has(offset, 1) ? this.data.readUInt8(offset) : undefined;
	}
	uint16(offset: number, little: boolean): number | undefined {
		if (!this.has(offset, 2)) return undefined;
		return little ? this.data.readUInt16LE(offset) : this.data.readUInt16BE(offset);
	}
	uint32(offset: number, little: boolean): number | undefined {
		if (!this.has(offset, 4)) return undefined;
		return little ? this.data.readUInt32LE(offset) : this.data.readUInt32BE(offset);
	}
	int32le(offset: number): number | undefined {
		return this.has(offset, 4) ? this.data.readInt32LE(offset) : undefined;
	}
	uint64(offset: number, little: boolean): number | undefined {
		if (!this.has(offset, 8)) return undefined;
		const value = little ? this.data.readBigUInt64LE(offset) : this.data.readBigUInt64BE(offset);
		return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : undefined;
	}
	text(offset: number, size: number): string {
		return this.has(offset, size) ? this.data.toString('latin1', offset, offset + size) : '';
	}
}

const sizeOrUndefined = (value: number | undefined): number | undefined =>
	value && value > 0 ? value : undefined;

// --- JPEG (T.81 B.1.1.2-B.2.3): SOI, marker segments, a frame header SOFn, then SOS and the scan up to EOI.

const SOF_MARKERS = new Set([
	0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf,
]);
/** TEM, RST0-7, SOI: markers without a length field. */
const LONE_MARKERS = new Set([0x01, 0xd0, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8]);
const EOI = Buffer.from([0xff, 0xd9]);

function readJpeg(bytes: Bytes): Picture {
	const picture: Picture = { format: 'jpeg', complete: false };
	let at = 2;
	while (at < bytes.length) {
		if (bytes.byte(at) !== 0xff) {
			at++; // not a marker: skip to the next one, as decoders do
			continue;
		}
		let marker = bytes.byte(++at);
		while (marker === 0xff) marker = bytes.byte(++at); // fill bytes before a marker
		if (marker === undefined) return picture;
		at++;
		if (marker === 0x00 || LONE_MARKERS.has(marker)) continue;
		if (marker === 0xd9) {
			picture.complete = true; // EOI with no scan: nothing is missing
			return picture;
		}
		const length = bytes.uint16(at, false);
		if (length === undefined || length < 2 || !bytes.has(at, length)) return picture;
		if (SOF_MARKERS.has(marker) && picture.width === undefined) {
			// Frame header: Lf(2) P(1) Y(2) X(2). Y = 0 means the height comes later in a DNL segment.
			picture.height = sizeOrUndefined(bytes.uint16(at + 3, false));
			picture.width = sizeOrUndefined(bytes.uint16(at + 5, false));
		}
		if (marker === 0xda) {
			// Entropy-coded data stuffs 0xFF as FF 00, so FF D9 after the scan header can only be EOI.
			picture.complete = bytes.data.lastIndexOf(EOI) >= at + length;
			return picture;
		}
		at += length;
	}
	return picture;
}

// --- PNG (ISO/IEC 15948 §5.2-5.6): signature, IHDR first, chunks of length+type+data+CRC, IEND last.

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function readPng(bytes: Bytes): Picture {
	const picture: Picture = { format: 'png', complete: false };
	// IHDR: the first chunk, 13 data bytes, width and height first. Sizes only from a whole IHDR.
	if (bytes.text(12, 4) === 'IHDR' && bytes.uint32(8, false) === 13 && bytes.has(16, 13)) {
		picture.width = sizeOrUndefined(bytes.uint32(16, false));
		picture.height = sizeOrUndefined(bytes.uint32(20, false));
	}
	for (let at = 8; bytes.has(at, 8); ) {
		const dataLength = bytes.uint32(at, false) ?? 0;
		const type = bytes.text(at + 4, 4);
		if (type === 'IEND') {
			picture.complete = true;
			return picture;
		}
		const next = at + 12 + dataLength;
		if (next > bytes.length) return picture;
		at = next;
	}
	return picture;
}

// --- BMP: BITMAPFILEHEADER (14 bytes: 'BM', size, reserved, bfOffBits) then a DIB header of known size.

/** BITMAPCOREHEADER, OS/2 short and long, BITMAPINFOHEADER, V2/V3 info, V4, V5. */
const DIB_HEADER_SIZES = new Set([12, 16, 64, 40, 52, 56, 108, 124]);
/** biCompression values whose pixel array is plain rows: BI_RGB, BI_BITFIELDS, BI_ALPHABITFIELDS. */
const PLAIN_ROWS = new Set([0, 3, 6]);

function isBmp(bytes: Bytes): boolean {
	return bytes.text(0, 2) === 'BM' && DIB_HEADER_SIZES.has(bytes.uint32(14, true) ?? -1);
}

function readBmp(bytes: Bytes): Picture {
	const picture: Picture = { format: 'bmp', complete: false };
	const pixelsAt = bytes.uint32(10, true);
	const dibSize = bytes.uint32(14, true) ?? 0;
	let bitsPerPixel: number | undefined;
	let compression = 0;
	let declaredPixelBytes = 0;
	if (dibSize === 12) {
		picture.width = sizeOrUndefined(bytes.uint16(18, true));
		picture.height = sizeOrUndefined(bytes.uint16(20, true));
		bitsPerPixel = bytes.uint16(24, true);
	} else {
		const width = bytes.int32le(18);
		const height = bytes.int32le(22); // negative: rows stored top-down
		picture.width = sizeOrUndefined(width);
		picture.height = sizeOrUndefined(height === undefined ? undefined : Math.abs(height));
		bitsPerPixel = bytes.uint16(28, true);
		compression = bytes.uint32(30, true) ?? 0;
		declaredPixelBytes = bytes.uint32(34, true) ?? 0;
	}
	if (pixelsAt === undefined || bitsPerPixel === undefined) return picture;
	let pixelBytes = declaredPixelBytes;
	if (PLAIN_ROWS.has(compression) && picture.width && picture.height) {
		// Each row is padded to a multiple of 4 bytes.
		const rowBytes = Math.ceil((picture.width * bitsPerPixel) / 32) * 4;
		pixelBytes = rowBytes * picture.height;
	}
	picture.complete = pixelsAt + pixelBytes <= bytes.length;
	return picture;
}

// --- TIFF 6.0 / BigTIFF: byte-order mark, 42 (or 43), offset of IFD0; the image data is in strips or tiles.

const TAG = {
	imageWidth: 256,
	imageLength: 257,
	stripOffsets: 273,
	stripByteCounts: 279,
	tileOffsets: 324,
	tileByteCounts: 325,
} as const;
const WANTED_TAGS = new Set<number>(Object.values(TAG));
/** Field types that can hold sizes and offsets, with their byte length: BYTE, SHORT, LONG, LONG8, IFD8. */
const TYPE_BYTES = new Map([
	[1, 1],
	[3, 2],
	[4, 4],
	[16, 8],
	[18, 8],
]);
/** More values than any real page has strips: a corrupt count is not walked. */
const MAX_VALUES = 1_000_000;

interface TiffReader {
	bytes: Bytes;
	little: boolean;
	big: boolean;
}

function tiffReader(bytes: Bytes): TiffReader | undefined {
	const order = bytes.text(0, 2);
	if (order !== 'II' && order !== 'MM') return undefined;
	const little = order === 'II';
	const version = bytes.uint16(2, little);
	if (version === 42) return { bytes, little, big: false };
	if (version === 43) return { bytes, little, big: true };
	return undefined;
}

function readNumber(reader: TiffReader, type: number, at: number): number | undefined {
	const { bytes, little } = reader;
	switch (type) {
		case 1:
			return bytes.byte(at);
		case 3:
			return bytes.uint16(at, little);
		case 4:
			return bytes.uint32(at, little);
		default:
			return bytes.uint64(at, little);
	}
}

/** The values of the tags above in IFD0; a value list that does not fit in the file is `undefined`. */
function readIfd0(reader: TiffReader): Map<number, number[] | undefined> | undefined {
	const { bytes, little, big } = reader;
	const ifdAt = big ? bytes.uint64(8, little) : bytes.uint32(4, little);
	if (ifdAt === undefined) return undefined;
	const entryCount = big ? bytes.uint64(ifdAt, little) : bytes.uint16(ifdAt, little);
	if (entryCount === undefined) return undefined;
	const entrySize = big ? 20 : 12;
	const fieldSize = big ? 8 : 4;
	const tags = new Map<number, number[] | undefined>();
	for (let index = 0; index < entryCount; index++) {
		const entryAt = ifdAt + (big ? 8 : 2) + index * entrySize;
		if (!bytes.has(entryAt, entrySize)) break;
		const tag = bytes.uint16(entryAt, little) as number;
		if (!WANTED_TAGS.has(tag)) continue;
		const type = bytes.uint16(entryAt + 2, little) as number;
		const count = big ? bytes.uint64(entryAt + 4, little) : bytes.uint32(entryAt + 4, little);
		const size = TYPE_BYTES.get(type);
		if (size === undefined || count === undefined || count > MAX_VALUES) {
			tags.set(tag, undefined);
			continue;
		}
		const fieldAt = entryAt + (big ? 12 : 8);
		// Values that fit in the field are stored in it; otherwise the field holds their offset.
		const valuesAt =
			size * count <= fieldSize ? fieldAt : (readNumber(reader, big ? 16 : 4, fieldAt) ?? -1);
		if (!bytes.has(valuesAt, size * count)) {
			tags.set(tag, undefined);
			continue;
		}
		const values: number[] = [];
		for (let i = 0; i < count; i++) values.push(readNumber(reader, type, valuesAt + i * size) ?? 0);
		tags.set(tag, values);
	}
	return tags;
}

function readTiff(reader: TiffReader): Picture {
	const picture: Picture = { format: 'tiff', complete: false };
	const tags = readIfd0(reader);
	if (!tags) return picture;
	picture.width = sizeOrUndefined(tags.get(TAG.imageWidth)?.[0]);
	picture.height = sizeOrUndefined(tags.get(TAG.imageLength)?.[0]);
	const segmentsFit = (offsetsTag: number, countsTag: number): boolean | undefined => {
		if (!tags.has(offsetsTag)) return undefined;
		const offsets = tags.get(offsetsTag);
		const counts = tags.get(countsTag) ?? [];
		return (
			offsets !== undefined &&
			offsets.every((offset, i) => offset + (counts[i] ?? 0) <= reader.bytes.length)
		);
	};
	const strips = segmentsFit(TAG.stripOffsets, TAG.stripByteCounts);
	const tiles = segmentsFit(TAG.tileOffsets, TAG.tileByteCounts);
	picture.complete = strips !== false && tiles !== false && (strips ?? tiles) !== undefined;
	return picture;
}

/** The picture in these bytes, or undefined when they are none of JPEG, PNG, BMP and TIFF. */
export function readPicture(data: Buffer): Picture | undefined {
	const bytes = new Bytes(data);
	if (bytes.byte(0) === 0xff && bytes.byte(1) === 0xd8 && bytes.byte(2) === 0xff)
		return readJpeg(bytes);
	if (data.subarray(0, 8).equals(PNG_SIGNATURE)) return readPng(bytes);
	const tiff = tiffReader(bytes);
	if (tiff) return readTiff(tiff);
	if (isBmp(bytes)) return readBmp(bytes);
	return undefined;
}
