/** Everything else: recognised only to name it in a helpful error. */
import { ascii, u32 } from './bytes';

const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs']);
const AVIF_BRANDS = new Set(['avif', 'avis']);
const MIF_BRANDS = new Set(['mif1', 'msf1']);

export function isoMediaFormat(data: Uint8Array): 'heic' | 'avif' | undefined {
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
export function isMostlyText(data: Uint8Array): boolean {
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

export function markupFormat(data: Uint8Array): 'svg' | 'html' | undefined {
	const head = ascii(data, 0, TEXT_SAMPLE)
		.replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
		.trimStart()
		.toLowerCase();
	if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) return 'svg';
	if (head.startsWith('<!doctype html') || head.startsWith('<html')) return 'html';
	return undefined;
}

export function textLabel(data: Uint8Array): string {
	const head = ascii(data, 0, 64).trimStart();
	if (/^data:[\w.+-]+\/[\w.+-]+;base64,/i.test(head)) return 'a data: URL (text, not image bytes)';
	if (/^[A-Za-z0-9+/]{32,}/.test(head)) return 'base64 text (not image bytes)';
	return 'plain text';
}
