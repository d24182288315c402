/** BMP: file header (14 bytes) + DIB header; the pixel array must fit in the file. */
import { i32le, positive, u16, u32 } from './bytes';
import { isMostlyText } from './others';
import type { Dimensions } from './types';

const BMP_HEADER_SIZES = new Set([12, 16, 40, 52, 56, 64, 108, 124]);
const BMP_UNCOMPRESSED = new Set([0, 3, 6]); // BI_RGB, BI_BITFIELDS, BI_ALPHABITFIELDS

export function looksLikeBmp(data: Uint8Array): boolean {
	if (data[0] !== 0x42 || data[1] !== 0x4d) return false;
	// 'BM' alone is too weak (text can start with it): a known DIB header size confirms it.
	const headerSize = u32(data, 14, true);
	return headerSize === undefined
		? data.length < 18 && !isMostlyText(data)
		: BMP_HEADER_SIZES.has(headerSize);
}

export function bmpDimensions(data: Uint8Array): Dimensions {
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
