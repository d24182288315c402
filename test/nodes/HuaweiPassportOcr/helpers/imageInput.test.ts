/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
import { readFileSync } from 'node:fs';

import { sniffImage } from '../../../../nodes/HuaweiPassportOcr/image';
import {
	binaryFieldHint,
	binaryReadProblem,
	checkImageBytes,
	checkImageUrl,
	decodeBase64Text,
	imagePayloadFromBytes,
	missingBinaryMessage,
} from '../../../../nodes/HuaweiPassportOcr/helpers/imageInput';
import { InputProblem } from '../../../../nodes/HuaweiPassportOcr/helpers/inputProblem';
import {
	badFileName,
	committedImagePath,
	ensureGeneratedFixture,
	makePassportImage,
} from '../../../fixtures';
import type { BadFileKind } from '../../../fixtures';

/** Committed files (fast); the one too big to commit is generated once per checkout. */
const badFile = (kind: BadFileKind): Buffer =>
	readFileSync(
		kind === 'huge' ? ensureGeneratedFixture('huge') : committedImagePath(badFileName(kind)),
	);

const problemOf = (bytes: Buffer, edition: 'international' | 'g42' = 'international') =>
	checkImageBytes(sniffImage(bytes), bytes.length, edition);

describe('local image checks', () => {
	it('accepts a passport page in each of the four formats', () => {
		for (const file of [
			'icao-specimen.jpg',
			'icao-specimen.png',
			'icao-specimen.bmp',
			'icao-specimen.tif',
		]) {
			expect(problemOf(readFileSync(committedImagePath(file)))).toBeUndefined();
		}
	});

	it('names the format and the fix for files Huawei cannot read', () => {
		expect(problemOf(badFile('pdf'))).toMatch(
			/^PDF document: convert the passport page to JPEG first/,
		);
		expect(problemOf(badFile('gif'))).toMatch(/^GIF: convert it to JPEG or PNG/);
		expect(problemOf(badFile('webp'))).toMatch(/^WebP: convert it to JPEG or PNG/);
		expect(problemOf(badFile('heic'))).toMatch(/^HEIC: convert it to JPEG/);
		expect(problemOf(badFile('empty'))).toMatch(/^An empty file: the file has no content/);
		expect(problemOf(badFile('text'))).toMatch(/^Plain text: send a JPEG, PNG, BMP or TIFF/);
		expect(
			problemOf(
				Buffer.from(makePassportImage({ format: 'png', width: 20, height: 20 }).toString('base64')),
			),
		).toMatch(/base64 text.*Image Source "Base64 Text"/);
	});

	it('refuses truncated files, too-small and too-large sides, and oversize base64', () => {
		expect(problemOf(badFile('truncated-jpeg'))).toMatch(/ends early/);
		expect(problemOf(badFile('tiny'))).toMatch(/10×10 px: each side must be at least 15 px/);
		expect(problemOf(badFile('too-wide'))).toMatch(
			/9000×630 px: the Huawei Cloud international edition accepts at most 8192 px/,
		);
		expect(problemOf(badFile('huge'))).toMatch(/MB as base64; Huawei accepts at most 10 MB/);
	});

	it("applies the edition's side limit: 4500 px passes internationally, fails on G42", () => {
		const wide = badFile('wide-4500');
		expect(problemOf(wide, 'international')).toBeUndefined();
		expect(problemOf(wide, 'g42')).toMatch(/G42 Cloud edition accepts at most 4096 px/);
	});

	it('imagePayloadFromBytes gives base64 or an InputProblem naming the field', () => {
		const jpeg = readFileSync(ensureGeneratedFixture('jpeg-100kb'));
		const payload = imagePayloadFromBytes(jpeg, 'international', 'Input Binary Field');
		expect(payload).toMatchObject({ kind: 'image', byteLength: jpeg.length });
		expect(payload.kind === 'image' && payload.bytes.equals(jpeg)).toBe(true);
		expect(() => imagePayloadFromBytes(badFile('pdf'), 'international', 'Base64 Image')).toThrow(
			InputProblem,
		);
		try {
			imagePayloadFromBytes(badFile('pdf'), 'international', 'Base64 Image');
		} catch (error) {
			expect((error as InputProblem).field).toBe('Base64 Image');
		}
	});
});

describe('base64 text input', () => {
	const png = makePassportImage({ format: 'png', width: 40, height: 30 });

	it('accepts plain, data:-prefixed, wrapped and URL-safe base64', () => {
		const plain = png.toString('base64');
		for (const text of [
			plain,
			`data:image/png;base64,${plain}`,
			`  ${plain.replace(/(.{76})/g, '$1\n')}  `,
			png.toString('base64url'),
		]) {
			const decoded = decodeBase64Text(text);
			expect('bytes' in decoded && decoded.bytes.equals(png)).toBe(true);
		}
	});

	it('explains what is wrong with text that is not base64', () => {
		expect(decodeBase64Text('')).toEqual({ problem: 'The base64 text is empty.' });
		expect(decodeBase64Text('https://example.com/a.jpg')).toMatchObject({
			problem: expect.stringMatching(/Image URL/),
		});
		expect(decodeBase64Text('data:image/png,rawdata')).toMatchObject({
			problem: expect.stringMatching(/not base64-encoded/),
		});
		expect(decodeBase64Text('not base64 at all!')).toMatchObject({
			problem: expect.stringMatching(/not valid base64/),
		});
		expect(decodeBase64Text('abcde')).toMatchObject({
			problem: expect.stringMatching(/not valid base64/),
		});
	});
});

describe('URL input', () => {
	it('takes http(s) URLs only', () => {
		expect(checkImageUrl('https://bucket.obs.example.com/p.jpg')).toBeUndefined();
		expect(checkImageUrl(' http://127.0.0.1:8080/p.jpg ')).toBeUndefined();
		expect(checkImageUrl('')).toMatch(/empty/);
		expect(checkImageUrl('ftp://host/p.jpg')).toMatch(/http\(s\) URLs only/);
		expect(checkImageUrl('data:image/png;base64,AAAA')).toMatch(/Base64 Text/);
		expect(checkImageUrl('passport.jpg')).toMatch(/not a valid URL/);
	});
});

describe('binary property field hints', () => {
	it('recognises base64, data: URLs and expression results typed into the name field', () => {
		expect(binaryFieldHint('data')).toBeUndefined();
		expect(binaryFieldHint('passport_scan')).toBeUndefined();
		expect(
			binaryFieldHint(
				'/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAx',
			),
		).toMatch(/not the file itself.*Base64 Text/);
		expect(binaryFieldHint('data:image/jpeg;base64,/9j/')).toMatch(/Base64 Text/);
		expect(binaryFieldHint({ data: 'x' })).toMatch(/received an object/);
		expect(binaryFieldHint('{{ $binary.data }}')).toMatch(/expression result/);
		expect(binaryFieldHint('')).toMatch(/Enter the name/);
	});

	it('lists the binary properties the item does have', () => {
		expect(missingBinaryMessage('data', { json: {} })).toMatch(
			/no binary data.*Read Files from Disk/,
		);
		expect(
			missingBinaryMessage('data', {
				json: {},
				binary: { scan: { data: '', mimeType: 'image/png' } },
			}),
		).toMatch(/no binary property "data"; it has "scan"/);
	});
});

describe('binary read failures', () => {
	it('a lost file (n8n-core FileNotFoundError, or ENOENT) names the cause and the fix', () => {
		const fileNotFound = Object.assign(new Error('File not found'), {
			extra: { filePath: '/home/n8n/.n8n/binaryData/workflows/1/executions/2/binary_data/x' },
		});
		for (const error of [
			fileNotFound,
			Object.assign(new Error('open failed'), { code: 'ENOENT' }),
		]) {
			const message = binaryReadProblem(error, 'data');
			expect(message).toMatch(
				/^n8n lost the file of binary property "data" before this node read it/,
			);
			expect(message).toMatch(/N8N_DEFAULT_BINARY_DATA_MODE=database/);
			expect(message).not.toMatch(/binaryData|home/);
		}
	});

	it("anything else keeps n8n's words, bounded", () => {
		expect(binaryReadProblem(new Error('Access denied'), 'scan')).toBe(
			'n8n could not read binary property "scan" (Access denied): check that the previous node still outputs the file, then run again.',
		);
		expect(binaryReadProblem('x'.repeat(5), 'scan')).toMatch(
			/^n8n could not read binary property "scan": /,
		);
		expect(binaryReadProblem(new Error('y'.repeat(5000)), 'scan').length).toBeLessThan(400);
	});
});
