import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

/**
 * Huawei Cloud error codes → what happened and what the user should do (pure; no HTTP, no n8n).
 * Covers the three response shapes: OCR service {error_code, error_msg}, API gateway
 * {error_code, error_msg, request_id} (docs write both APIG. and APIGW.) and IAM {error: {code, message, title}}.
 */

/** What a failed response told us, in one shape whatever the source. */
export interface HuaweiFailure {
	/** HTTP status, when there was a response. */
	status?: number;
	/** Huawei's code, normalised (APIG.xxxx → APIGW.xxxx); undefined for IAM or network errors. */
	code?: string;
	/** Huawei's own message, verbatim. */
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
}

/** Where the call went, so the advice can name the region and the endpoint. */
export interface ErrorContext {
	region?: string;
	endpoint?: string;
	edition?: 'international' | 'g42';
	/** The Timeout option, to name it when a call outlived it. */
	timeoutMs?: number;
	/** Where the item's image came from: a URL is downloaded by Huawei, so the advice differs. */
	imageSource?: 'binaryData' | 'url' | 'base64';
}

export type RetryClass = 'throttled' | 'unavailable' | 'no';

export interface ErrorAdvice {
	/** One line: what happened. */
	message: string;
	/** Words for the parenthesis after the message, next to Huawei's code (e.g. "connection refused"). */
	tag?: string;
	/** What to do about it. */
	action: string;
	retry: RetryClass;
	/** A token problem that a fresh token may cure (IAM credential only). */
	tokenProblem: boolean;
}

interface Entry {
	message: string;
	action: (context: ErrorContext) => string;
	retry?: RetryClass;
	tokenProblem?: boolean;
}

const region = (context: ErrorContext) =>
	context.region ? `region ${context.region}` : "the credential's region";

const TOKEN_ACTION = () =>
	"The node asked for a new token once and the call still failed: check that the credential's region matches the project, and that the IAM user can still log in.";
const PERMISSION_ACTION = (context: ErrorContext) =>
	`Give the IAM user the OCR permission (e.g. the "OCR FullAccess" policy) for the project in ${region(
		context,
	)}, or use an account that has it.`;
/** Backend timeouts and outages (retried before this message is shown). */
const TEMPORARY_ACTION = () =>
	'A temporary problem at Huawei: the node retried; try again later or raise Max Retries.';

const URL_ACTION = () =>
	'Huawei could not fetch the image URL: use a public http(s) URL or an OBS object Huawei can read, or send the image itself (Image Source: Binary File or Base64 Text).';

/** Every code of the facts file §2. Keys are normalised codes. */
const TABLE: Record<string, Entry> = {
	'AIS.0101': {
		message: 'Huawei rejected a request parameter',
		action: () =>
			'Send exactly one of image or URL, and a recognition mode the region supports (the G42 edition takes no mode).',
	},
	'AIS.0102': {
		message: 'Huawei says the image format is not supported',
		// Local checks stop bad binary/base64 input, so this mostly comes from a URL Huawei downloaded.
		action: (context) =>
			context.imageSource === 'url'
				? 'The image URL must point directly at a JPEG, PNG, BMP or TIFF file, not a web page or PDF.'
				: 'Send a JPEG, PNG, BMP or TIFF file as plain base64 (no "data:" prefix).',
	},
	'AIS.0103': {
		message: 'The image size is out of range',
		action: (context) =>
			`${
				context.imageSource === 'url' ? 'In the image the URL points at, each' : 'Each'
			} side must be 15–${
				context.edition === 'g42' ? '4096' : '8192'
			} pixels and the base64 at most 10 MB: resize or re-scan the page.`,
	},
	'AIS.0104': {
		message: 'Huawei found no readable passport in the image',
		action: () =>
			'It is not a passport data page or it is too blurry, dark or cropped: send a sharp, flat, well-lit photo of the whole data page.',
	},
	'AIS.0105': {
		message: 'Huawei could not recognise the passport',
		action: () =>
			'Try a sharper image of the whole data page; if it keeps failing, try the other recognition mode.',
	},
	'ModelArts.4204': {
		message: 'The passport OCR API is not enabled in this region',
		action: (context) =>
			`Open the OCR console of ${region(
				context,
			)}, find "Passport" and click Enable (subscribe); it must be the same region as the credential.`,
	},
	'ModelArts.4203': {
		message: 'The account has no permission for this OCR API',
		action: PERMISSION_ACTION,
	},
	'ModelArts.0212': {
		message: 'The token is not scoped to a project',
		action: () =>
			'The credential must request a project-scoped token: set the region (or project) in the credential.',
		tokenProblem: true,
	},
	'ModelArts.4101': {
		message: 'The request carried no token',
		action: TOKEN_ACTION,
		tokenProblem: true,
	},
	'ModelArts.4102': {
		message: 'Huawei could not parse the token',
		action: TOKEN_ACTION,
		tokenProblem: true,
	},
	'ModelArts.4103': {
		message: 'The token is invalid or expired',
		action: TOKEN_ACTION,
		tokenProblem: true,
	},
	'ModelArts.0203': { message: 'The token is invalid', action: TOKEN_ACTION, tokenProblem: true },
	'ModelArts.4104': {
		message: 'The request is too large',
		action: () =>
			'Keep the image under 10 MB of base64 (about 7.5 MB of file): compress or resize it.',
	},
	'ModelArts.4105': {
		message: 'Huawei could not parse the request body',
		action: () =>
			'This is a bug in the node or a proxy in between: please report it with the request id.',
	},
	'ModelArts.4401': {
		message: 'Too many concurrent requests',
		action: () => 'The node retried with back-off; lower Concurrency or raise Max Retries.',
		retry: 'throttled',
	},
	'ModelArts.4402': {
		message: 'The OCR backend timed out',
		action: TEMPORARY_ACTION,
		retry: 'unavailable',
	},
	'ModelArts.4403': {
		message: 'The OCR backend is unavailable',
		action: TEMPORARY_ACTION,
		retry: 'unavailable',
	},
	'ModelArts.4601': { message: 'The image URL is not allowed', action: URL_ACTION },
	'ModelArts.4603': { message: 'Huawei could not download the image URL', action: URL_ACTION },
	'ModelArts.4702': { message: 'The OBS image could not be read', action: URL_ACTION },
	'ModelArts.4703': { message: 'The OBS image could not be read', action: URL_ACTION },
	'ModelArts.4704': { message: 'The OBS image could not be read', action: URL_ACTION },
	'ModelArts.4705': { message: 'The OBS image could not be read', action: URL_ACTION },
	'ModelArts.4706': { message: 'The OBS image could not be read', action: URL_ACTION },
	'APIGW.0101': {
		message: 'The API was not found',
		action: (context) =>
			`Wrong region or project: check that the credential's region (${
				context.region ?? 'unset'
			}), OCR endpoint${
				context.endpoint ? ` (${context.endpoint})` : ''
			} and project id belong together and that this region offers passport OCR.`,
	},
	'APIGW.0201': {
		message: 'The API gateway rejected or could not forward the request',
		action: () =>
			'If the image is over 12 MB, make it smaller; otherwise the backend was busy: the node retried, try again later.',
	},
	'APIGW.0301': {
		message: 'Huawei could not authenticate the request',
		action: () =>
			'For an access key: check the AK/SK pair and that the machine clock is right (±15 min). For an IAM user: the token was refreshed once and still refused — check the credential.',
		tokenProblem: true,
	},
	'APIGW.0307': {
		message: 'The token must be renewed (expired, or from another region)',
		action: () =>
			"The token was refreshed once and still refused: make sure the credential's IAM endpoint and OCR endpoint are the same region.",
		tokenProblem: true,
	},
	'APIGW.0308': {
		message: 'Huawei throttled the requests',
		action: () =>
			"The node retried with back-off and slowed its pace; set Max Requests Per Second to your account's quota or raise Max Retries.",
		retry: 'throttled',
	},
	'APIGW.0302': { message: 'The user is not authorised for this API', action: PERMISSION_ACTION },
	'APIGW.0306': { message: 'Access to this API is denied', action: PERMISSION_ACTION },
	'APIGW.0310': {
		message: 'The project is unavailable',
		action: (context) =>
			`Check that the project in ${region(
				context,
			)} exists, is not frozen and the account is in good standing.`,
	},
};

/** IAM answers by HTTP status (its body carries no Huawei code). */
const IAM_BY_STATUS: Record<number, Entry> = {
	400: {
		message: 'IAM rejected the token request',
		action: () =>
			'Check the account (domain) name, the user name and the project or region in the credential.',
	},
	401: {
		message: 'IAM refused the login',
		action: () =>
			'Check the IAM user name, its password and the account (domain) name. Users with login MFA cannot be used unattended; HUAWEI ID accounts need an IAM user.',
	},
	403: {
		message: 'IAM forbids this user to get a token',
		action: () => 'Check that the IAM user is enabled and allowed programmatic access.',
	},
	404: {
		message: 'IAM did not find the account or project',
		action: () => 'Check the account name and the project / region in the credential.',
	},
	500: {
		message: 'IAM failed',
		action: () => 'A temporary problem at Huawei IAM: try again later.',
	},
	503: {
		message: 'IAM is unavailable',
		action: () => 'A temporary problem at Huawei IAM: try again later.',
	},
};

const RETRYABLE_STATUS: Record<number, RetryClass> = {
	429: 'throttled',
	502: 'unavailable',
	503: 'unavailable',
	504: 'unavailable',
};
const NETWORK_WORDS: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ECONNRESET: 'connection reset',
	EPIPE: 'connection closed',
	ETIMEDOUT: 'timed out',
	ECONNABORTED: 'timed out',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'DNS lookup failed',
	EHOSTUNREACH: 'host unreachable',
	ERR_CANCELED: 'cancelled',
};

const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT']);

const RETRYABLE_NETWORK = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED_SOCKET']);

/** APIG.0308 and APIGW.0308 are the same error. */
export function normaliseCode(code: string | undefined): string | undefined {
	if (!code) return undefined;
	const trimmed = code.trim();
	return trimmed.replace(/^APIG\./i, 'APIGW.');
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value !== ''
		? value
		: typeof value === 'number'
			? String(value)
			: undefined;
}

/** An access key id shown as its first 4 characters: enough to tell keys apart, not to use one. */
const shortKey = (accessKey: string) => `${accessKey.slice(0, 4)}…`;

/**
 * Never echo a secret from Huawei's messages: IAM tokens (start with MII, run to kilobytes) and access
 * key ids (the gateway answers an unknown key with "ak <id> not exist"; permanent ids are 20 upper-case
 * letters and digits, temporary ones longer).
 */
export function redact(message: string | undefined): string | undefined {
	return message
		?.replace(/MII[A-Za-z0-9+/=_-]{16,}/g, '[token]')
		.replace(
			/\b([Aa][Kk]|[Aa]ccess[ _-]?[Kk]ey(?:[ _-]?[Ii][Dd])?)([\s:='"]+)([A-Z0-9]{5,})\b/g,
			(_match, label: string, gap: string, key: string) => `${label}${gap}${shortKey(key)}`,
		)
		.replace(/\b(?=[A-Z0-9]*[A-Z])(?=[A-Z0-9]*[0-9])[A-Z0-9]{20,64}\b/g, shortKey);
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
	const raw = Array.isArray(value) ? value[0] : value;
	if (typeof raw === 'number') return raw >= 0 ? raw : undefined;
	if (typeof raw !== 'string' || raw.trim() === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(raw.trim())) return Number(raw.trim());
	const date = Date.parse(raw);
	return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}

function header(headers: Record<string, unknown> | undefined, name: string): unknown {
	if (!headers) return undefined;
	const wanted = name.toLowerCase();
	for (const key of Object.keys(headers)) if (key.toLowerCase() === wanted) return headers[key];
	return undefined;
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
	const requestId = text(header(headers, 'x-request-id'));
	if (isRecord(data)) {
		failure.code = normaliseCode(text(data.error_code));
		failure.huaweiMessage = redact(text(data.error_msg));
		failure.requestId = text(data.request_id) ?? requestId;
		if (isRecord(data.error)) {
			failure.iam = failure.code === undefined;
			failure.huaweiMessage ??= redact(text(data.error.message));
			failure.code ??= normaliseCode(
				text(data.error.code)?.includes('.') ? text(data.error.code) : undefined,
			);
		}
	} else {
		failure.requestId = requestId;
		if (typeof data === 'string' && data.trim() !== '')
			failure.huaweiMessage = redact(data.trim().slice(0, 300));
	}
	failure.retryAfterSeconds = parseRetryAfter(header(headers, 'retry-after'));
	return failure;
}

/** Whether (and why) a failure is worth another attempt. Other 4xx never are. */
export function retryClass(failure: HuaweiFailure): RetryClass {
	const entry = failure.code ? TABLE[failure.code] : undefined;
	if (entry?.retry) return entry.retry;
	if (failure.malformed) return 'unavailable';
	if (failure.iam) return 'no';
	if (failure.status !== undefined) return RETRYABLE_STATUS[failure.status] ?? 'no';
	return failure.networkCode && RETRYABLE_NETWORK.has(failure.networkCode) ? 'unavailable' : 'no';
}

/** Whether a fresh IAM token may cure this failure (401 on the OCR call). */
export function isTokenProblem(failure: HuaweiFailure): boolean {
	if (failure.iam || failure.status !== 401) return false;
	const entry = failure.code ? TABLE[failure.code] : undefined;
	return entry ? entry.tokenProblem === true : true;
}

/** The message and the advice for a failure; unknown codes fall back to the HTTP status. */
export function adviseOnFailure(failure: HuaweiFailure, context: ErrorContext = {}): ErrorAdvice {
	const entry =
		(failure.code ? TABLE[failure.code] : undefined) ??
		(failure.iam && failure.status !== undefined ? IAM_BY_STATUS[failure.status] : undefined);
	const retry = retryClass(failure);
	if (failure.malformed) {
		return {
			message: "Huawei's answer could not be read (cut off or not JSON)",
			action: 'The node retried; if it persists, check proxies between n8n and Huawei Cloud.',
			retry,
			tokenProblem: false,
		};
	}
	if (entry) {
		return {
			message: entry.message,
			action: entry.action(context),
			retry,
			tokenProblem: isTokenProblem(failure),
		};
	}
	if (
		failure.status === undefined &&
		failure.networkCode &&
		TIMEOUT_CODES.has(failure.networkCode)
	) {
		const limit = context.timeoutMs !== undefined ? ` within ${context.timeoutMs} ms` : '';
		return {
			message: `Huawei Cloud gave no answer${limit} (Timeout option)`,
			action:
				'Raise the Timeout option (large images and URL downloads take longer), or lower Concurrency. The call was not retried: Huawei may still have processed it.',
			retry,
			tokenProblem: false,
		};
	}
	if (failure.status === undefined) {
		// n8n replaces any message that contains a code like ECONNREFUSED with a generic sentence: use words.
		const what = failure.networkCode
			? (NETWORK_WORDS[failure.networkCode] ?? 'network error')
			: 'network error';
		return {
			message: `Could not reach Huawei Cloud${context.endpoint ? ` at ${context.endpoint}` : ''}`,
			tag: what,
			action:
				"Check the credential's Region (or its OCR Endpoint, for a custom region) and that n8n can reach that host; raise Timeout if large images time out.",
			retry,
			tokenProblem: false,
		};
	}
	const byClass: Array<[(status: number) => boolean, string, string]> = [
		[(s) => s === 429, 'Huawei throttled the requests', 'Lower Concurrency or raise Max Retries.'],
		[
			(s) => s === 401,
			'Huawei refused the credential',
			'Check the credential (user, password, account, region or AK/SK).',
		],
		[(s) => s === 403, 'Huawei forbids this request', PERMISSION_ACTION(context)],
		[(s) => s === 404, 'The API was not found', TABLE['APIGW.0101'].action(context)],
		[
			(s) => s >= 500,
			'Huawei Cloud had a server error',
			'Try again later; the node retries 502/503/504 by itself.',
		],
		[() => true, 'Huawei rejected the request', 'Check the image and the parameters.'],
	];
	const [, message, action] = byClass.find(([test]) => test(failure.status as number)) as [
		unknown,
		string,
		string,
	];
	return { message, action, retry, tokenProblem: isTokenProblem(failure) };
}

/** Every code the table knows (for tests and docs). */
export const KNOWN_CODES = Object.keys(TABLE);

/**
 * The error message, self-sufficient because n8n keeps only the message in an error item's JSON
 * (continue-on-fail, error output): "Item N: what happened (code, HTTP status, retried K times): what
 * to do. Request id: X." The description repeats the advice with Huawei's own words.
 */
export function describeFailure(
	failure: HuaweiFailure,
	advice: ErrorAdvice,
	itemIndex?: number,
): { message: string; description: string } {
	const retries = (failure.attempts ?? 1) - 1;
	const retried =
		retries > 0 ? `retried ${retries === 1 ? 'once' : `${retries} times`}` : undefined;
	const tag = [
		failure.code,
		failure.status !== undefined ? `HTTP ${failure.status}` : undefined,
		advice.tag,
		retried,
	]
		.filter(Boolean)
		.join(', ');
	const huawei = failure.huaweiMessage ? ` Huawei said: "${failure.huaweiMessage}".` : '';
	const request = failure.requestId ? ` Request id: ${failure.requestId}.` : '';
	const item = itemIndex !== undefined ? `Item ${itemIndex}: ` : '';
	return {
		message: `${item}${advice.message}${tag ? ` (${tag})` : ''}: ${advice.action}${request}`,
		description: `${advice.action}${huawei}${request}`,
	};
}

/** The NodeApiError the node throws: our message and advice, Huawei's code and request id in the details. */
export function toNodeApiError(
	node: INode,
	failure: HuaweiFailure,
	context: ErrorContext,
	itemIndex?: number,
): NodeApiError {
	const advice = adviseOnFailure(failure, context);
	const { message, description } = describeFailure(failure, advice, itemIndex);
	const details: JsonObject = {
		code: failure.code ?? null,
		httpStatus: failure.status ?? null,
		huaweiMessage: failure.huaweiMessage ?? null,
		requestId: failure.requestId ?? null,
		region: context.region ?? null,
		imageSource: context.imageSource ?? null,
		attempts: failure.attempts ?? null,
	};
	const error = new NodeApiError(node, details, {
		message,
		description,
		httpCode: failure.status !== undefined ? String(failure.status) : undefined,
		itemIndex,
	});
	Object.assign(error.context, {
		huaweiCode: failure.code,
		requestId: failure.requestId,
		imageSource: context.imageSource,
	});
	return error;
}
