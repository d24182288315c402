/** JPEG: walk the marker segments to the first SOFn; the file is whole when an EOI follows the scan. */
import { positive, u16, u8 } from './bytes';
import type { Dimensions } from './types';

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

export function jpegDimensions(data: Uint8Array): Dimensions {
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
