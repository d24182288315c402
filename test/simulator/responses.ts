/**
 * The three error shapes Huawei answers with, and the simulator's response value.
 * Messages marked in README.md as unverified are best guesses; codes and statuses follow docs/huawei-api.md.
 */

export interface SimResponse {
	status: number;
	/** Serialised as JSON. */
	json?: unknown;
	/** Sent as-is (the malformed-JSON fault). */
	raw?: string;
	headers?: Record<string, string>;
	/** Destroy the socket instead of answering (the dropped-connection fault). */
	drop?: boolean;
}

export const ok = (
	status: number,
	json: unknown,
	headers?: Record<string, string>,
): SimResponse => ({
	status,
	json,
	headers,
});

/** API gateway shape: error_code, error_msg, request_id. */
export function gatewayError(
	status: number,
	code: string,
	message: string,
	requestId: string,
): SimResponse {
	return { status, json: { error_code: code, error_msg: message, request_id: requestId } };
}

/** OCR service (AIS / ModelArts) shape: error_code, error_msg. */
export function serviceError(status: number, code: string, message: string): SimResponse {
	return { status, json: { error_code: code, error_msg: message } };
}

const IAM_TITLES: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
};

/** IAM shape: {"error":{"code":401,"message":"...","title":"Unauthorized"}}. */
export function iamError(status: number, message: string): SimResponse {
	return {
		status,
		json: { error: { code: status, message, title: IAM_TITLES[status] ?? 'Error' } },
	};
}

export const GATEWAY = {
	notFound: 'The API does not exist or has not been published in the environment',
	tooLarge: 'Request entity too large',
	backendUnavailable: 'Backend unavailable',
	backendTimeout: 'Backend timeout',
	tokenMissing: 'Incorrect IAM authentication information: x-auth-token not found',
	tokenUndecryptable: 'Incorrect IAM authentication information: decrypt token fail',
	tokenMustBeUpdated: 'The token must be updated.',
	signatureInvalid: 'Incorrect IAM authentication information: verify aksk signature fail',
	sdkDateMissing: 'Incorrect IAM authentication information: x-sdk-date not found',
	signatureExpired:
		'Incorrect IAM authentication information: verify aksk signature fail, the X-Sdk-Date is out of the allowed range',
	securityTokenInvalid: 'Incorrect IAM authentication information: verify security token fail',
	akNotExist: (accessKey: string) =>
		`Incorrect IAM authentication information: ak ${accessKey} not exist`,
	throttled: (perMinute: number) =>
		`The throttling threshold has been reached: policy user over ratelimit,limit:${perMinute},time:1 minute`,
} as const;

export const SERVICE = {
	invalidParameter: (detail: string) => `The parameter is invalid: ${detail}`,
	formatNotSupported: 'The image format is not supported.',
	sizeOutOfRange: 'The image size does not meet the requirements.',
	notRecognised: 'The image is not a passport or its quality is too poor to recognise.',
	recognitionFailed: 'Recognition failed.',
	tokenNotProjectScoped:
		'The token is not project-scoped: get a token scoped to a project of this region.',
	noPermission: 'No permission to call this API.',
	notSubscribed: 'The API has not been subscribed to (enabled) in this region.',
	bodyTooLarge: 'The image is larger than 10 MB.',
	malformedJson: 'The request body is not valid JSON.',
	maxConcurrency: 'The maximum number of concurrent requests has been reached.',
	backendTimeout: 'The backend timed out.',
	unavailable: 'The service is temporarily unavailable.',
	urlNotAllowed: 'The URL is not allowed.',
	downloadFailed: 'Failed to download the image from the URL.',
} as const;
