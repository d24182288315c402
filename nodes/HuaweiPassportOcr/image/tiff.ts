/** TIFF (classic and BigTIFF, either byte order): size from IFD0; strips/tiles must lie in the file. */
import { positive, u16, u32, u64, u8 } from './bytes';
import type { Dimensions } from './types';

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

export function tiffLayout(data: Uint8Array): TiffLayout | undefined {
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

export function tiffDimensions(data: Uint8Array, layout: TiffLayout): Dimensions {
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
