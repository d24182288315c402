/** PNG: IHDR gives the size; walking the chunks to IEND tells whether the file is whole. */
import { ascii, positive, u32 } from './bytes';
import type { Dimensions } from './types';

export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function pngDimensions(data: Uint8Array): Dimensions {
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
