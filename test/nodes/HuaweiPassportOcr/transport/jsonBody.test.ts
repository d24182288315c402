/**
 * jsonBytes against the definition it shortcuts: the bytes must always be the UTF-8 of a JSON text
 * that parses back to the body, with the image as Buffer#toString('base64') of its bytes.
 */
import { randomBytes } from 'node:crypto';

import type { BodyFields } from '../../../../nodes/HuaweiPassportOcr/transport/jsonBody';
import { jsonBytes } from '../../../../nodes/HuaweiPassportOcr/transport/jsonBody';
import { seededRandom } from '../../../fixtures/raster';

/** The plain way: JSON.stringify with the image as one base64 string. */
const reference = (fields: BodyFields) =>
	JSON.stringify(
		Object.fromEntries(
			Object.entries(fields).map(([name, value]) => [
				name,
				Buffer.isBuffer(value) ? value.toString('base64') : value,
			]),
		),
	);

const parsed = (bytes: Buffer) => JSON.parse(bytes.toString('utf8')) as unknown;

describe('jsonBytes', () => {
	it('writes the image base64-encoded, after the other fields', () => {
		const image = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 1, 2, 250]);
		expect(jsonBytes({ country_code: 'GENERAL', image }).toString('utf8')).toBe(
			`{"country_code":"GENERAL","image":"${image.toString('base64')}"}`,
		);
		expect(jsonBytes({ image: Buffer.alloc(0) }).toString('utf8')).toBe('{"image":""}');
	});

	it('joins the pieces of large images without a seam: every length around the piece size', () => {
		const piece = 3 * 16 * 1024;
		for (const length of [
			1,
			2,
			3,
			piece - 1,
			piece,
			piece + 1,
			piece + 2,
			3 * piece + 1,
			300_001,
		]) {
			const image = randomBytes(length);
			const bytes = jsonBytes({ image, detect_direction: true });
			expect(parsed(bytes)).toEqual({ detect_direction: true, image: image.toString('base64') });
			expect(bytes.length).toBe(Buffer.byteLength(reference({ detect_direction: true, image })));
		}
	});

	it('sends bodies without image bytes as JSON.stringify does', () => {
		for (const fields of [
			{ url: 'https://example.com/päss port.jpg?a="1"' },
			{ image: 'quote " backslash \\ newline \n' },
			{ image: 'ünïcödé 🛂', detect_direction: true },
			{},
		] as BodyFields[])
			expect(jsonBytes(fields).toString('utf8')).toBe(JSON.stringify(fields));
	});

	it('round-trips random bodies: field names and values of every kind of character', () => {
		const random = seededRandom(0x15_0b0d);
		const alphabets = [
			'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=',
			'"\\\n\t\u0000\u001f\u2028/<>&',
			'éßØ中文🛂\ud800',
		];
		const text = (length: number) =>
			Array.from({ length }, () => {
				const alphabet = alphabets[Math.floor(random() * alphabets.length)];
				return alphabet[Math.floor(random() * alphabet.length)];
			}).join('');
		for (let run = 0; run < 2000; run++) {
			const fields: BodyFields = {};
			fields.image =
				random() < 0.7
					? Buffer.from(Array.from({ length: Math.floor(random() * 64) }, () => random() * 256))
					: text(Math.floor(random() * 40));
			for (let field = Math.floor(random() * 3); field > 0; field--)
				fields[text(1 + Math.floor(random() * 8))] = random() < 0.5 ? text(10) : random() < 0.5;
			expect(parsed(jsonBytes(fields))).toEqual(JSON.parse(reference(fields)));
		}
	});
});
