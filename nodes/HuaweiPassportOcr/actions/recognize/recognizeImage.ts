/**
 * What happens to one image (a file, a URL, or one page of a PDF): Huawei's passport read, the key
 * fields, the document checks (with a second, general-text read when asked for) and the verdict.
 */
import type { IDataObject } from 'n8n-workflow';

import { textValue } from '../../credentialsSeam';

import {
	crossCheckReport,
	findMrzLines,
	mrzCheck,
	mrzReport,
	textLinesOf,
	validityCheck,
	validityReport,
} from '../../helpers/documentChecks';
import type { ImagePayload } from '../../helpers/imageInput';
import { withCallContext } from '../../helpers/nodeErrors';
import { shapeResult } from '../../helpers/output';
import { combineChecks, confidenceCheck } from '../../helpers/verdict';
import type { Check } from '../../helpers/verdict';
import type { BodyFields } from '../../transport/jsonBody';
import { ocrUrl } from '../../transport/ocrTransport';
import type { HuaweiResponse, OcrTransport } from '../../transport/ocrTransport';
import type { Recognition } from '../common/outcomes';
import { findMrz } from './mrzSearch';
import type { RecognizeItem, RecognizeRun } from './parameters';

/** The Huawei calls an operation makes: OcrTransport, or a fake in the operation's unit test. */
export type OcrPoster = Pick<OcrTransport, 'post'>;

/** The two OCR APIs an image may be sent to; a failure leaves with the run's and the item's context. */
export interface ImageCalls {
	passport(body: BodyFields): Promise<HuaweiResponse>;
	generalText(body: BodyFields): Promise<HuaweiResponse>;
}

/** The calls of one item: its failures name the region, endpoint, edition, timeout and image source. */
export function imageCalls(
	transport: OcrPoster,
	run: RecognizeRun,
	item: RecognizeItem,
): ImageCalls {
	const { region, ocrEndpoint } = run.endpoints;
	const context = {
		region,
		endpoint: ocrEndpoint,
		edition: run.edition,
		timeoutMs: run.timeoutMs,
		imageSource: item.image.source,
	};
	const post = (api: string) => async (body: BodyFields) =>
		await transport.post(ocrUrl(ocrEndpoint, api), body).catch((error: unknown) => {
			throw withCallContext(error, context);
		});
	return { passport: post('passport'), generalText: post('general-text') };
}

/** The request body for any OCR API of the same image. */
function imageBody(payload: ImagePayload): BodyFields {
	return payload.kind === 'image' ? { image: payload.bytes } : { url: payload.url };
}

/** The MRZ check of a result (which it extends with `mrz`), and the MRZ's dates for validity. */
async function checkMrz(
	result: IDataObject,
	checks: RecognizeItem['checks'],
	secondRead: () => Promise<string[] | undefined>,
): Promise<{ check?: Check; birth?: string | null; expiry?: string | null }> {
	const search = await findMrz(result, checks.secondRead, secondRead);
	if (search.lines) {
		const { parsed, report } = mrzReport(search.lines, search.source, checks);
		const agreement = crossCheckReport(parsed, result);
		report.crossCheck = agreement;
		result.mrz = report;
		const { birthDate: birth, expiryDate: expiry } = parsed.fields ?? {};
		return { check: mrzCheck(report, agreement), birth, expiry };
	}
	if (!search.source) return {};
	const { message, code } = search;
	result.mrz = {
		source: search.source,
		valid: false,
		found: false,
		message,
		...(code !== undefined ? { code } : {}),
	};
	const check = {
		name: 'mrz',
		passed: false,
		reason: `Needs review: ${message}`,
		details: { valid: false },
	};
	return { check };
}

/**
 * MRZ and validity checks on a result (which they extend with `mrz` and `validity`); their verdict
 * checks count only when the user asks for it.
 */
async function runDocumentChecks(
	result: IDataObject,
	checks: RecognizeItem['checks'],
	secondRead: () => Promise<string[] | undefined>,
): Promise<Check[]> {
	const mrz = await checkMrz(result, checks, secondRead);
	const printed = (name: string) => textValue(result[name]);
	const validity = validityReport(
		{
			dateOfBirth: printed('date_of_birth') ?? mrz.birth,
			dateOfExpiry: printed('date_of_expiry') ?? mrz.expiry,
		},
		checks,
	);
	result.validity = validity;
	const documentChecks = mrz.check ? [mrz.check] : [];
	documentChecks.push(validityCheck(validity, checks));
	return checks.includeInVerdict ? documentChecks : [];
}

/** One image read, checked and judged: its result, with a verdict unless the verdict mode is off. */
export async function recognizeImage(
	payload: ImagePayload,
	item: RecognizeItem,
	run: RecognizeRun,
	calls: ImageCalls,
): Promise<Recognition> {
	const body = imageBody(payload);
	// The G42 edition rejects country_code (AIS.0101), so its engine choice is never sent there.
	if (item.recognitionMode !== 'auto' && run.edition !== 'g42')
		body.country_code = item.recognitionMode;
	const response = await calls.passport(body);
	const result = shapeResult(response.body, item.output);
	if (payload.kind === 'image' && payload.source) result.source = payload.source;
	const documentChecks = await runDocumentChecks(result, item.checks, async () => {
		const text = await calls.generalText(imageBody(payload));
		return findMrzLines(textLinesOf(text.body));
	});
	if (!item.rules) return { result };
	const checks = [confidenceCheck(result, item.rules), ...documentChecks];
	return { result, verdict: combineChecks(checks) };
}
