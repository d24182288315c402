/**
 * Which files the Input Binary Field points at (binaryFiles.ts), whether a file of "All Files of the
 * Item" can be a page (fileInput.ts), and how combined mode is detected: pure, on items as n8n 1.123,
 * 2.0 and 2.40 hand them over.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { combinedBinaryMode } from '../../../../nodes/HuaweiPassportOcr/actions/recognize/parameters';
import {
	describeItemFiles,
	itemFiles,
	selectFiles,
} from '../../../../nodes/HuaweiPassportOcr/helpers/binaryFiles';
import { skipReason } from '../../../../nodes/HuaweiPassportOcr/helpers/fileInput';
import { sniffImage } from '../../../../nodes/HuaweiPassportOcr/image';
import { makePassportImage } from '../../../fixtures';
import { DOCUMENTS } from '../../../fixtures/documents';
import { readPdfFixture } from '../../../fixtures/pdf';

const photo = { mimeType: 'image/jpeg', id: 'filesystem-v2:photo', fileName: 'p.jpg', data: '' };
const scan = { mimeType: 'application/pdf', data: 'JVBERi0=', fileName: 'scan.pdf' };
const item: INodeExecutionData = {
	json: { _files: { attachment_1: scan, note: 'not a file' }, deep: { file: photo } },
	binary: { attachment_0: photo },
};
const missing = (name: unknown) => `missing ${String(name)}`;

describe('selectFiles', () => {
	it('a name: the binary property (read by name), under _files, or a path in the JSON', () => {
		expect(selectFiles('attachment_0', item, false, missing)).toEqual({
			files: [{ name: 'attachment_0', binary: photo, property: 'attachment_0' }],
			several: false,
		});
		// Combined mode: even an item.binary file is read from its object, never by name.
		expect(selectFiles('attachment_0', item, true, missing)).toEqual({
			files: [{ name: 'attachment_0', binary: photo }],
			several: false,
		});
		expect(selectFiles(' attachment_1 ', item, false, missing)).toEqual({
			files: [{ name: 'attachment_1', binary: scan }],
			several: false,
		});
		expect(selectFiles('deep.file', item, false, missing)).toMatchObject({
			files: [{ name: 'deep.file', binary: photo }],
		});
		expect(selectFiles('note', item, false, missing)).toEqual({ problem: 'missing note' });
	});

	it('objects, lists and comma-separated names; several files name themselves', () => {
		expect(selectFiles(scan, item, false, missing)).toEqual({
			files: [{ name: 'scan.pdf', binary: scan }],
			several: false,
		});
		const list = selectFiles([scan, 'attachment_0'], item, false, missing);
		expect(list).toMatchObject({ several: true });
		expect('files' in list && list.files.map((file) => file.name)).toEqual([
			'scan.pdf',
			'attachment_0',
		]);
		const names = selectFiles('attachment_1, attachment_0,', item, false, missing);
		expect('files' in names && names.files.map((file) => file.name)).toEqual([
			'attachment_1',
			'attachment_0',
		]);
		expect(selectFiles('attachment_0, nope', item, false, missing)).toEqual({
			problem: 'missing nope',
		});
		expect(selectFiles([], item, false, missing)).toEqual({
			problem: expect.stringMatching(/list of files is empty/),
		});
		expect(selectFiles(42, item, false, missing)).toEqual({ problem: 'missing 42' });
	});

	it('every file of the item, binary first, and the listing for the error', () => {
		expect(itemFiles(item, false).map((file) => [file.name, file.property])).toEqual([
			['attachment_0', 'attachment_0'],
			['attachment_1', undefined],
		]);
		expect(describeItemFiles(item)).toBe(
			'binary properties "attachment_0" and files under _files "attachment_1"',
		);
		expect(describeItemFiles({ json: {} })).toBeUndefined();
	});
});

describe('what All Files of the Item skips', () => {
	const reason = (bytes: Buffer) => skipReason(bytes, sniffImage(bytes));
	const png = (width: number, height: number) =>
		makePassportImage({ truth: DOCUMENTS['icao-specimen'], format: 'png', width, height });

	it('a logo, a calendar file and a signature GIF are skipped; a page scan and a PDF are not', () => {
		expect(reason(png(120, 40))).toMatch(/120×40 px: too small to be a document page/);
		expect(reason(Buffer.from('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n'))).toMatch(
			/not an image or PDF/,
		);
		expect(
			reason(Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')),
		).toMatch(/not an image or PDF/);
		expect(reason(png(268, 186))).toBeUndefined();
		expect(reason(readPdfFixture('multi-page.pdf'))).toBeUndefined();
	});
});

describe('combined binary mode detection', () => {
	const context = (settings?: object) =>
		(settings === undefined
			? {}
			: { getWorkflowSettings: () => settings }) as unknown as IExecuteFunctions;

	it('reads the workflow setting where n8n offers it; n8n 2.0 (no getWorkflowSettings) is separate', () => {
		expect(combinedBinaryMode(context({ binaryMode: 'combined' }))).toBe(true);
		expect(combinedBinaryMode(context({ binaryMode: 'separate' }))).toBe(false);
		expect(combinedBinaryMode(context({}))).toBe(false);
		expect(combinedBinaryMode(context())).toBe(false);
	});
});
