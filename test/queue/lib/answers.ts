/**
 * What an upload through the passport webhook (workflows.ts) must be answered with: the kinds of image
 * the loads send, and the check that each answer is the upload's own. Shared by the queue-mode tests
 * and the regular-mode burst (test/e2e/burst.e2e.ts).
 */
import { documentTruth, type DocumentName } from '../../fixtures/documents';
import type { Upload } from './load';

/** Readable passports (each answered with its own fields), in several formats. */
export const GOOD = [
	...['icao-specimen', 'chinese'].flatMap((doc) =>
		['jpg', 'png', 'bmp', 'tif'].map((ext) => `${doc}.${ext}`),
	),
	...['german-specimen', 'gbr', 'usa', 'gbr-expired'].map((doc) => `${doc}.jpg`),
];
export const WEAK = 'low-confidence.jpg';
export const UNREADABLE = 'bad-no-truth.jpg';
export const PDF = 'bad-pdf.pdf';
/** 15 kinds in turn: 60 uploads hold 4 of each. */
export const MIXED = [...GOOD, WEAK, UNREADABLE, PDF];

export const truthOf = (file: string) => documentTruth(file.replace(/\.\w+$/, '') as DocumentName);

export interface Answer {
	requestId?: string;
	execution?: string;
	ocr?: Record<string, unknown> & { error?: string; verdict?: { passed?: boolean } };
}
export const answerOf = (upload: Upload) => (upload.body ?? {}) as Answer;

/** What an upload's answer must say: its own image's fields, or its own clear error. */
export function expectOwnAnswer(upload: Upload): void {
	const answer = answerOf(upload);
	const context = `${upload.requestId} (${upload.file}): ${JSON.stringify(upload.body ?? upload.failure).slice(0, 400)}`;
	expect({ context, status: upload.status, requestId: answer.requestId }).toEqual({
		context,
		status: 200,
		requestId: upload.requestId,
	});
	const ocr = answer.ocr ?? {};
	if (upload.file === PDF) {
		expect({ context, error: ocr.error }).toEqual({ context, error: expect.stringMatching(/PDF/) });
	} else if (upload.file === UNREADABLE) {
		expect({ context, error: ocr.error }).toEqual({
			context,
			error: expect.stringMatching(/no readable passport.*AIS\.0104/i),
		});
	} else {
		const truth = truthOf(upload.file).fields;
		expect({
			context,
			error: ocr.error,
			passport: ocr.passport_number,
			surname: ocr.surname,
		}).toEqual({
			context,
			error: undefined,
			passport: truth.passport_number,
			surname: truth.surname,
		});
		if (upload.file === WEAK)
			expect({ context, passed: ocr.verdict?.passed }).toEqual({ context, passed: false });
	}
}
