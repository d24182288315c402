/**
 * Image sniffing: which format a file really is (by its magic bytes, never by name or declared type)
 * and, for the four formats Huawei's passport OCR accepts, the pixel size and whether the file ends
 * early. Pure and total: any byte sequence gives an answer, nothing throws.
 *
 * BigTIFF (version 43) is parsed like classic TIFF and reported as format 'tiff' with the label
 * 'BigTIFF': it is a TIFF, so the service decides; we only measure it.
 */
import { ascii, startsWith, u16 } from './bytes';
import { bmpDimensions, looksLikeBmp } from './bmp';
import { jpegDimensions } from './jpeg';
import { isMostlyText, isoMediaFormat, markupFormat, textLabel } from './others';
import { PNG_SIGNATURE, pngDimensions } from './png';
import { tiffDimensions, tiffLayout } from './tiff';
import type { Dimensions, ImageFormat, ImageInfo } from './types';

export type { ImageFormat, ImageInfo, SupportedImageFormat } from './types';

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
