/**
 * A failed call as the transport sees it (pure; no n8n): Huawei's answer read into one shape whatever
 * its source, and whether it is worth another attempt. Covers the three response shapes: OCR service
 * {error_code, error_msg}, API gateway {error_code, error_msg, request_id} (docs write both APIG. and
 * APIGW.) and IAM {error: {code, message, title}}; see docs/huawei-api.md. Words for the user are not
 * made here: the action adds what it knows of the item and helpers/nodeErrors.ts words it once.
 */
import { headerValue, isRecord, redact, textValue } from '../credentialsSeam';

/** What a failed response told us, in one shape whatever the source. */
export interface HuaweiFailure {
	/** HTTP status, when there was a response. */
	status?: number;
	/** Huawei's code, normalised (APIG.xxxx → APIGW.xxxx); undefined for IAM or network errors. */
	code?: string;
	/** Huawei's own message, verbatim (secrets redacted). */
	huaweiMessage?: string;
	/** X-Request-Id header or request_id body field. */
	requestId?: string;
	/** Seconds from a Retry-After header. */
	retryAfterSeconds?: number;
	/** The IAM error shape was seen (the token exchange or an IAM-style answer). */
	iam?: boolean;
	/** A transport-level error code (ECONNRESET, ETIMEDOUT...) when no response came back. */
	networkCode?: string;
	/** A 2xx answer whose body is not the JSON result it should be (cut off by a proxy?). */
	malformed?: boolean;
	/** How many attempts the transport made before giving up (1 = not retried). */
	attempts?: number;
	/** The request rate a throttle message states ("limit:240,time:1 minute" → 4 per second). */
	statedRps?: number;
	/** Set when the call gave up because throttling kept it waiting past Max Throttling Wait (ms). */
	waitLimitMs?: number;
}

export type RetryClass = 'throttled' | 'unavailable' | 'no';

/** What the transport throws: the raw failure, or a credential that could not be used at all. */
export class TransportError extends Error {
	readonly failure: HuaweiFailure;

	/** The credential itself failed (token exchange, signing setup): the rest of the run will too. */
	readonly credentialFailure: boolean;

	/** The credential's own description of its failure, when it gave one. */
	readonly detail?: string;

	constructor(options: {
		failure: HuaweiFailure;
		credentialFailure?: boolean;
		/** The credential's message (a plain failure gets a technical one: it is worded later). */
		message?: string;
		detail?: string;
	}) {
		const { failure } = options;
		super(
			options.message ??
				`Huawei Cloud call failed (${
					failure.code ?? failure.networkCode ?? `HTTP ${failure.status ?? '?'}`
				})`,
		);
		this.name = 'TransportError';
		this.failure = failure;
		this.credentialFailure = options.credentialFailure ?? false;
		this.detail = options.detail;
	}
}

const RETRYABLE_STATUS: Record<number, RetryClass> = {
	429: 'throttled',
	502: 'unavailable',
	503: 'unavailable',
	504: 'unavailable',
};

/**
 * The Huawei codes worth another attempt whatever their HTTP status (their words are in
 * helpers/huaweiCodes.ts): too many concurrent requests, the gateway's throttle, backend timeouts.
 */
const RETRYABLE_CODES: Record<string, RetryClass> = {
	'ModelArts.4401': 'throttled',
	'APIGW.0308': 'throttled',
	'ModelArts.4402': 'unavailable',
	'ModelArts.4403': 'unavailable',
};

const RETRYABLE_NETWORK = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED_SOCKET']);

/** APIG.0308 and APIGW.0308 are the same error. */
function normaliseCode(code: string | undefined): string | undefined {
	if (!code) return undefined;
	const trimmed = code.trim();
	return trimmed.replace(/^APIG\./i, 'APIGW.');
}

/** Retry-After is either delta-seconds or an HTTP date. */
function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value.trim());
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}

const SECONDS_PER: Record<string, number> = { second: 1, minute: 60, hour: 3600, day: 86_400 };

/**
 * The gateway's throttle message names the limit that refused the call ("...over ratelimit,
 * limit:240,time:1 minute", docs/huawei-api.md): as requests per second, or undefined.
 */
export function statedRate(message: string | undefined): number | undefined {
	const match =
		/limit:\s*(\d+(?:\.\d+)?)\s*,\s*time:\s*(?:(\d+)\s*)?(second|minute|hour|day)/i.exec(
			message ?? '',
		);
	if (!match) return undefined;
	const seconds = Number(match[2] ?? 1) * SECONDS_PER[match[3].toLowerCase()];
	const rps = Number(match[1]) / seconds;
	return Number.isFinite(rps) && rps > 0 ? rps : undefined;
}

/** Reads any of Huawei's error shapes (the body may arrive as text). */
export function parseFailure(
	status: number | undefined,
	body: unknown,
	headers?: Record<string, unknown>,
): HuaweiFailure {
	let data = body;
	if (typeof data === 'string') {
		try {
			data = JSON.parse(data);
		} catch {
			// a plain-text body (a proxy page): keep it as the message below
		}
	}
	const failure: HuaweiFailure = { status };
	const requestId = textValue(headerValue(headers, 'x-request-id'));
	if (isRecord(data)) {
		failure.code = normaliseCode(textValue(data.error_code));
		failure.huaweiMessage = redact(textValue(data.error_msg));
		failure.requestId = textValue(data.request_id) ?? requestId;
		if (isRecord(data.error)) {
			failure.iam = failure.code === undefined;
			failure.huaweiMessage ??= redact(textValue(data.error.message));
			failure.code ??= normaliseCode(
				textValue(data.error.code)?.includes('.') ? textValue(data.error.code) : undefined,
			);
		}
	} else {
		failure.requestId = requestId;
		if (typeof data === 'string' && data.trim() !== '')
			failure.huaweiMessage = redact(data.trim().slice(0, 300));
	}
	failure.retryAfterSeconds = parseRetryAfter(headerValue(headers, 'retry-after'));
	if (status === 429) failure.statedRps = statedRate(failure.huaweiMessage);
	return failure;
}

/** Whether (and why) a failure is worth another attempt. Other 4xx never are. */
export function retryClass(failure: HuaweiFailure): RetryClass {
	const byCode = failure.code ? RETRYABLE_CODES[failure.code] : undefined;
	if (byCode) return byCode;
	if (failure.malformed) return 'unavailable';
	if (failure.iam) return 'no';
	if (failure.status !== undefined) return RETRYABLE_STATUS[failure.status] ?? 'no';
	return failure.networkCode && RETRYABLE_NETWORK.has(failure.networkCode) ? 'unavailable' : 'no';
}
