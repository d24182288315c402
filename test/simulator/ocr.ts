/** The OCR service behind the gateway: body checks in Huawei's order, then recognition from the truth. */
import { readTruth } from '../fixtures/truth';
import { allowedUrl, download } from './download';
import { HUAWEI_LIMITS } from './limits';
import { readPicture } from './picture';
import { recognisePassport, recogniseText, type PassportMode } from './recognition';
import { ok, serviceError, SERVICE, type SimResponse } from './responses';
import type { SimState } from './state';
import type { Edition } from './types';

export type OcrApi = 'passport' | 'general-text';

const invalid = (detail: string) => serviceError(400, 'AIS.0101', SERVICE.invalidParameter(detail));
const unsupported = () => serviceError(400, 'AIS.0102', SERVICE.formatNotSupported);
const tooLarge = () => serviceError(400, 'ModelArts.4104', SERVICE.bodyTooLarge);

/**
 * Strict padded base64 (what Buffer, btoa and Python produce). Checked with a flat scan, not a grouped
 * regex, which would overflow the stack on 10 MB strings.
 */
function isStrictBase64(text: string): boolean {
	if (text.length % 4 !== 0 || /[^A-Za-z0-9+/=]/.test(text)) return false;
	const padding = text.indexOf('=');
	return (
		padding < 0 ||
		(padding >= text.length - 2 && (padding === text.length - 1 || text[text.length - 1] === '='))
	);
}

function decodeImage(image: string): Buffer | SimResponse {
	if (image.startsWith('data:') || !isStrictBase64(image)) return unsupported();
	return Buffer.from(image, 'base64');
}

async function fetchImage(state: SimState, urlText: string): Promise<Buffer | SimResponse> {
	const url = allowedUrl(urlText);
	if (!url) return serviceError(400, 'ModelArts.4601', SERVICE.urlNotAllowed);
	state.counters.downloads.total++;
	const result = await download(
		url,
		state.knobs.downloadTimeoutMs,
		HUAWEI_LIMITS.maxImageBytes,
		state.stopSignal,
	);
	if (!result.ok) {
		state.counters.downloads.failed++;
		return result.reason === 'too-large'
			? tooLarge()
			: serviceError(400, 'ModelArts.4603', SERVICE.downloadFailed);
	}
	state.counters.downloads.bytes += result.data.length;
	return result.data;
}

/** Format by magic bytes (also truncated/undecodable files), then the side limits of the edition. */
function checkPicture(
	data: Buffer,
	sizeForLimit: number,
	edition: Edition,
): SimResponse | undefined {
	const picture = readPicture(data);
	if (!picture?.complete || picture.width === undefined || picture.height === undefined)
		return unsupported();
	if (sizeForLimit > HUAWEI_LIMITS.maxImageBytes) return tooLarge();
	const maxSide = HUAWEI_LIMITS.maxSidePx[edition];
	const sides = [picture.width, picture.height];
	if (sides.some((side) => side < HUAWEI_LIMITS.minSidePx || side > maxSide)) {
		return serviceError(400, 'AIS.0103', SERVICE.sizeOutOfRange);
	}
	return undefined;
}

function passportMode(body: Record<string, unknown>, edition: Edition): PassportMode | SimResponse {
	if (!('country_code' in body)) return 'auto';
	if (edition === 'g42') return invalid('country_code is not supported');
	const value = body.country_code;
	if (value === 'GENERAL' || value === 'CHN') return value;
	return invalid('country_code must be GENERAL or CHN');
}

const isResponse = (value: unknown): value is SimResponse =>
	typeof value === 'object' && value !== null && 'status' in value && !Buffer.isBuffer(value);

export async function runOcr(state: SimState, api: OcrApi, rawBody: Buffer): Promise<SimResponse> {
	const edition = state.knobs.edition;
	let body: unknown;
	try {
		body = JSON.parse(rawBody.toString('utf8'));
	} catch {
		return serviceError(400, 'ModelArts.4105', SERVICE.malformedJson);
	}
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return serviceError(400, 'ModelArts.4105', SERVICE.malformedJson);
	}
	const fields = body as Record<string, unknown>;
	const hasImage = fields.image !== undefined && fields.image !== '';
	const hasUrl = fields.url !== undefined && fields.url !== '';
	if (hasImage === hasUrl) return invalid('exactly one of image and url is required');
	if (hasImage && typeof fields.image !== 'string') return invalid('image must be a base64 string');
	if (hasUrl && typeof fields.url !== 'string') return invalid('url must be a string');

	const data = hasImage
		? decodeImage(fields.image as string)
		: await fetchImage(state, fields.url as string);
	if (isResponse(data)) return data;
	// The 10 MB limit is on the base64 text for image, on the file for url.
	const sizeForLimit = hasImage ? (fields.image as string).length : data.length;
	const pictureError = checkPicture(data, sizeForLimit, edition);
	if (pictureError) return pictureError;

	const mode = api === 'passport' ? passportMode(fields, edition) : 'auto';
	if (isResponse(mode)) return mode;
	const truth = readTruth(data);
	if (!truth) return serviceError(400, 'AIS.0104', SERVICE.notRecognised);
	if (api === 'general-text')
		return ok(200, { result: recogniseText(truth, fields.detect_direction === true) });
	const result = recognisePassport(truth, mode, edition);
	return result ? ok(200, { result }) : serviceError(400, 'AIS.0104', SERVICE.notRecognised);
}
