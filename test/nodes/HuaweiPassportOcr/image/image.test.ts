import { IMAGE_LIMITS } from '../../../../nodes/HuaweiPassportOcr/helpers/imageInput';
import {
	sniffImage,
	type ImageFormat,
	type ImageInfo,
} from '../../../../nodes/HuaweiPassportOcr/image';
import { base64Length } from '../../../../nodes/HuaweiPassportOcr/transport/jsonBody';
import { BAD_FILE_KINDS, makeBadFile, type BadFileKind } from '../../../fixtures';
import {
	encodeBmp,
	encodeJpeg,
	encodePng,
	encodeTiff,
	type EncodeOptions,
} from '../../../fixtures/encoders';
import { renderPassportPage, seededRandom } from '../../../fixtures/raster';

const page = renderPassportPage(undefined, 37, 23);
const encoded = {
	jpeg: (options?: EncodeOptions) => encodeJpeg(page, options),
	png: (options?: EncodeOptions) => encodePng(page, options),
	bmp: (options?: EncodeOptions) => encodeBmp(page, options),
	tiff: (options?: EncodeOptions) => encodeTiff(page, options),
};

function bytes(...parts: Array<number[] | string>): Buffer {
	return Buffer.concat(
		parts.map((part) =>
			typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part),
		),
	);
}

function segment(marker: number, payload: number[]): number[] {
	const length = payload.length + 2;
	return [0xff, marker, length >> 8, length & 0xff, ...payload];
}

describe('sniffImage: the four accepted formats', () => {
	it.each([
		['jpeg', 'JPEG', 'image/jpeg'],
		['png', 'PNG', 'image/png'],
		['bmp', 'BMP', 'image/bmp'],
		['tiff', 'TIFF', 'image/tiff'],
	] as const)('%s: format, label, MIME type and exact size', (format, label, mimeType) => {
		expect(sniffImage(encoded[format]())).toEqual({
			format,
			supported: true,
			label,
			mimeType,
			width: 37,
			height: 23,
		});
	});

	it.each([
		['big-endian TIFF', encodeTiff(page, { bigEndian: true })],
		['TIFF with LONG dimensions', encodeTiff(page, { longDimensions: true })],
		[
			'big-endian TIFF with LONG dimensions',
			encodeTiff(page, { bigEndian: true, longDimensions: true }),
		],
		['top-down BMP (negative height)', encodeBmp(page, { topDown: true })],
		['BMP with a BITMAPCOREHEADER', encodeBmp(page, { coreHeader: true })],
	])('%s', (_name, file) => {
		const info = sniffImage(file);
		expect([info.width, info.height, info.supported, info.truncated]).toEqual([
			37,
			23,
			true,
			undefined,
		]);
	});

	it('reads a wide page in both TIFF byte orders (values above 255 expose a wrong byte order)', () => {
		const wide = renderPassportPage(undefined, 300, 20);
		for (const bigEndian of [false, true]) {
			for (const longDimensions of [false, true]) {
				const info = sniffImage(encodeTiff(wide, { bigEndian, longDimensions }));
				expect([info.width, info.height]).toEqual([300, 20]);
			}
		}
	});

	it('JPEG: skips fill bytes, standalone markers, DHT (C4) and other C-range non-frames to reach SOF2', () => {
		const file = bytes(
			[0xff, 0xd8],
			segment(0xe0, [...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0]),
			[0xff, 0xff, 0xff], // fill bytes before the next marker
			segment(0xc4, [0x00, 0x08, 0x01, 0x11, 0x22]), // DHT looks like a frame header to a naive scan
			segment(0xcc, [0x01, 0x02, 0x03, 0x04, 0x05]), // DAC
			segment(0xc8, [0x09, 0x09, 0x09, 0x09, 0x09]), // JPG extension
			[0xff, 0xd0], // a stray RST marker
			segment(0xc2, [8, 0x01, 0x2c, 0x02, 0x58, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]), // 600×300
			segment(0xda, [1, 1, 0, 0, 0x3f, 0]),
			[0x12, 0xff, 0x00, 0x34, 0xff, 0xd1, 0x56], // entropy data with a stuffed byte and RST1
			[0xff, 0xd9],
		);
		expect(sniffImage(file)).toMatchObject({ format: 'jpeg', width: 600, height: 300 });
		expect(sniffImage(file).truncated).toBeUndefined();
	});

	it('JPEG: a frame height of 0 (set later by DNL) is left unknown rather than reported as 0', () => {
		const file = bytes(
			[0xff, 0xd8],
			segment(0xc0, [8, 0, 0, 0, 40, 1, 1, 0x11, 0]),
			segment(0xda, [1, 1, 0, 0, 0x3f, 0]),
			[0xff, 0xd9],
		);
		const info = sniffImage(file);
		expect([info.width, info.height]).toEqual([40, undefined]);
	});

	it('BigTIFF is parsed and labelled (format tiff, label BigTIFF)', () => {
		const file = Buffer.alloc(64);
		file.write('II', 0, 'latin1');
		file.writeUInt16LE(43, 2);
		file.writeUInt16LE(8, 4); // offset size
		file.writeBigUInt64LE(16n, 8); // IFD0
		file.writeBigUInt64LE(2n, 16); // two entries of 20 bytes
		file.writeUInt16LE(256, 24);
		file.writeUInt16LE(16, 26); // LONG8
		file.writeBigUInt64LE(1n, 28);
		file.writeBigUInt64LE(70000n, 36);
		file.writeUInt16LE(257, 44);
		file.writeUInt16LE(3, 46); // SHORT
		file.writeBigUInt64LE(1n, 48);
		file.writeUInt16LE(512, 56);
		expect(sniffImage(file)).toMatchObject({
			format: 'tiff',
			label: 'BigTIFF',
			supported: true,
			width: 70000,
			height: 512,
		});
	});
});

describe('sniffImage: truncation', () => {
	it.each(['jpeg', 'png', 'bmp', 'tiff'] as const)(
		'%s cut short is truncated; whole is not',
		(format) => {
			const whole = encoded[format]();
			expect(sniffImage(whole).truncated).toBeUndefined();
			const cut = sniffImage(whole.subarray(0, whole.length - 20));
			expect(cut).toMatchObject({ format, supported: true, truncated: true });
			// The headers are intact, so the size is still known.
			expect([cut.width, cut.height]).toEqual([37, 23]);
		},
	);

	it('bytes after the BMP pixel array (the embedded truth) do not count as damage', () => {
		const withTrailer = Buffer.concat([encodeBmp(page), Buffer.from('HWSIM-TRUTH:abc;')]);
		expect(sniffImage(withTrailer).truncated).toBeUndefined();
	});

	it('a TIFF whose strip offsets table lies past the end is truncated', () => {
		const tiff = encodeTiff(renderPassportPage(undefined, 200, 120)); // several strips: offsets stored out of line
		expect(sniffImage(tiff.subarray(0, 200))).toMatchObject({ format: 'tiff', truncated: true });
	});

	it('a PNG cut inside its signature area still says PNG, truncated, without a size', () => {
		expect(sniffImage(encoded.png().subarray(0, 12))).toEqual({
			format: 'png',
			supported: true,
			label: 'PNG',
			mimeType: 'image/png',
			truncated: true,
		});
	});
});

describe('sniffImage: the bad fixture files', () => {
	const expected: Record<BadFileKind, Partial<ImageInfo>> = {
		pdf: { format: 'pdf', supported: false, label: 'PDF document', mimeType: 'application/pdf' },
		gif: { format: 'gif', supported: false, label: 'GIF', mimeType: 'image/gif' },
		webp: { format: 'webp', supported: false, label: 'WebP', mimeType: 'image/webp' },
		heic: { format: 'heic', supported: false, label: 'HEIC', mimeType: 'image/heic' },
		empty: { format: 'empty', supported: false, label: 'an empty file' },
		text: { format: 'text', supported: false, label: 'plain text', mimeType: 'text/plain' },
		'truncated-jpeg': { format: 'jpeg', supported: true, width: 900, height: 630, truncated: true },
		tiny: { format: 'png', supported: true, width: 10, height: 10 },
		'too-wide': { format: 'png', supported: true, width: 9000, height: 630 },
		'wide-4500': { format: 'png', supported: true, width: 4500, height: 630 },
		huge: { format: 'bmp', supported: true, width: 2000, height: 1400 },
		'no-truth': { format: 'jpeg', supported: true, width: 900, height: 630 },
	};

	it.each(BAD_FILE_KINDS.map((kind) => [kind]))('%s', (kind) => {
		const info = sniffImage(makeBadFile(kind));
		expect(info).toMatchObject(expected[kind]);
		if (expected[kind].truncated === undefined) expect(info.truncated).toBeUndefined();
	});

	it('the size kinds break exactly the limit they are named for', () => {
		const side = (kind: BadFileKind) => sniffImage(makeBadFile(kind)).width!;
		expect(side('tiny')).toBeLessThan(IMAGE_LIMITS.minSide);
		expect(side('too-wide')).toBeGreaterThan(IMAGE_LIMITS.maxSide.international);
		expect(side('wide-4500')).toBeGreaterThan(IMAGE_LIMITS.maxSide.g42);
		expect(side('wide-4500')).toBeLessThanOrEqual(IMAGE_LIMITS.maxSide.international);
		const huge = makeBadFile('huge');
		expect(base64Length(huge.length)).toBeGreaterThan(IMAGE_LIMITS.maxBase64Bytes);
		expect(base64Length(huge.length)).toBeLessThan(IMAGE_LIMITS.maxRequestBytes);
		expect(Math.max(sniffImage(huge).width!, sniffImage(huge).height!)).toBeLessThanOrEqual(
			IMAGE_LIMITS.maxSide.g42,
		);
	});
});

describe('sniffImage: other formats are named, never supported', () => {
	const ftyp = (major: string, ...compatible: string[]) => {
		const box = Buffer.alloc(16 + compatible.length * 4);
		box.writeUInt32BE(box.length, 0);
		box.write(`ftyp${major}`, 4, 'latin1');
		compatible.forEach((brand, i) => box.write(brand, 16 + i * 4, 'latin1'));
		return box;
	};
	it.each<[string, Buffer, ImageFormat, string]>([
		[
			'SVG',
			Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'),
			'svg',
			'image/svg+xml',
		],
		['bare SVG with a BOM', Buffer.from('\uFEFF  <svg width="10"></svg>'), 'svg', 'image/svg+xml'],
		[
			'HTML error page',
			Buffer.from('<!DOCTYPE html><html><body>403 Forbidden</body></html>'),
			'html',
			'text/html',
		],
		['ZIP / docx', bytes('PK', [3, 4, 20, 0, 0, 0]), 'zip', 'application/zip'],
		[
			'JPEG 2000 (jp2 box)',
			bytes([0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a, 0, 0]),
			'jpeg2000',
			'image/jp2',
		],
		['JPEG 2000 codestream', bytes([0xff, 0x4f, 0xff, 0x51, 0, 0x2f]), 'jpeg2000', 'image/jp2'],
		['ICO', bytes([0, 0, 1, 0, 1, 0, 16, 16, 0, 0]), 'ico', 'image/x-icon'],
		['AVIF', ftyp('avif', 'mif1', 'miaf'), 'avif', 'image/avif'],
		['AVIF behind a mif1 major brand', ftyp('mif1', 'avif'), 'avif', 'image/avif'],
		['HEIF (mif1)', ftyp('mif1', 'heic'), 'heic', 'image/heic'],
		['GIF87a', Buffer.from('GIF87a\x01\x00\x01\x00', 'latin1'), 'gif', 'image/gif'],
		[
			'unknown binary',
			bytes([0x00, 0x9f, 0x12, 0x80, 0x01]),
			'unknown',
			'application/octet-stream',
		],
		['MP4 video (ftyp isom)', ftyp('isom', 'mp41'), 'unknown', 'application/octet-stream'],
		['text that starts with BM', Buffer.from('BMW owners manual, page 1'), 'text', 'text/plain'],
		['UTF-8 text', Buffer.from('护照 passport scan'), 'text', 'text/plain'],
	])('%s', (_name, file, format, mimeType) => {
		const info = sniffImage(file);
		expect([info.format, info.mimeType, info.supported]).toEqual([format, mimeType, false]);
		expect(info.width).toBeUndefined();
	});

	it('labels pasted base64 and data: URLs so the message can say what went wrong', () => {
		const jpegBase64 = encoded.jpeg().toString('base64');
		expect(sniffImage(Buffer.from(jpegBase64)).label).toBe('base64 text (not image bytes)');
		expect(sniffImage(Buffer.from(`data:image/jpeg;base64,${jpegBase64}`)).label).toBe(
			'a data: URL (text, not image bytes)',
		);
	});
});

describe('base64Length and IMAGE_LIMITS', () => {
	it('matches the real encoder for every length up to 100', () => {
		for (let n = 0; n <= 100; n++)
			expect(base64Length(n)).toBe(Buffer.alloc(n).toString('base64').length);
	});

	it('holds the documented limits', () => {
		expect(IMAGE_LIMITS).toEqual({
			minSide: 15,
			maxSide: { international: 8192, g42: 4096 },
			maxBase64Bytes: 10 * 1024 * 1024,
			maxRequestBytes: 12 * 1024 * 1024,
		});
		expect(Object.isFrozen(IMAGE_LIMITS) && Object.isFrozen(IMAGE_LIMITS.maxSide)).toBe(true);
	});
});

describe('sniffImage: robustness', () => {
	const FORMATS = new Set<ImageFormat>([
		'jpeg',
		'png',
		'bmp',
		'tiff',
		'pdf',
		'gif',
		'webp',
		'heic',
		'avif',
		'svg',
		'zip',
		'jpeg2000',
		'ico',
		'html',
		'text',
		'empty',
		'unknown',
	]);
	const random = seededRandom(20261125);
	const randomBytes = (length: number) =>
		Buffer.from(Array.from({ length }, () => Math.floor(random() * 256)));

	function expectSane(info: ImageInfo): void {
		expect(FORMATS.has(info.format)).toBe(true);
		expect(info.supported).toBe(['jpeg', 'png', 'bmp', 'tiff'].includes(info.format));
		for (const side of [info.width, info.height]) {
			if (side !== undefined) expect(Number.isInteger(side) && side > 0).toBe(true);
		}
	}

	it('random bytes of any length give a sane answer', () => {
		for (let i = 0; i < 3000; i++) expectSane(sniffImage(randomBytes(i % 300)));
	});

	it('every prefix of each valid file keeps its format (the parsers stop, they do not throw)', () => {
		for (const [format, encode] of Object.entries(encoded)) {
			const whole = encode();
			// JPEG needs 3 bytes of magic, TIFF 4, PNG 8, BMP 18 (its DIB header size) to be recognised.
			const magic = { jpeg: 3, tiff: 4, png: 8, bmp: 18 }[format]!;
			for (let length = magic; length < Math.min(whole.length, 400); length++) {
				const info = sniffImage(whole.subarray(0, length));
				expectSane(info);
				expect(info.format).toBe(format);
			}
		}
	});

	it('valid magic followed by random or corrupted headers keeps the format and stays sane', () => {
		for (const [format, encode] of Object.entries(encoded)) {
			const whole = encode();
			for (let i = 0; i < 400; i++) {
				const damaged = Buffer.from(whole.subarray(0, 600));
				// Keep the magic (first 8 bytes: enough for BMP only with its header size, kept below).
				for (let k = 0; k < 6; k++)
					damaged[18 + Math.floor(random() * (damaged.length - 18))] = Math.floor(random() * 256);
				const info = sniffImage(damaged);
				expectSane(info);
				expect(info.format).toBe(format);
				const headerOnly = Buffer.concat([whole.subarray(0, 18), randomBytes(i)]);
				expectSane(sniffImage(headerOnly));
				expect(sniffImage(headerOnly).format).toBe(format);
			}
		}
	});

	it('accepts a Uint8Array view into a larger buffer', () => {
		const file = encoded.png();
		const backing = new Uint8Array(file.length + 10);
		backing.set(file, 5);
		expect(sniffImage(backing.subarray(5, 5 + file.length))).toMatchObject({
			format: 'png',
			width: 37,
			height: 23,
		});
	});
});
