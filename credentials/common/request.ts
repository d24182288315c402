/**
 * Request shaping shared by both credentials' `authenticate`: the `{project_id}` placeholder,
 * the project id in use, and the exact URL/body bytes that AK/SK signing needs.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestOptions,
} from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import { textField } from './fieldValue';
import { headerValue } from './values';

/**
 * Nodes write OCR URLs as `${ocrEndpoint}/v2/{project_id}/ocr/passport`; authenticate() puts the
 * project id in. The id is known only after preAuthentication, which n8n runs inside the very
 * request, so the node cannot know it when it builds the first URL.
 */
export const PROJECT_ID_PLACEHOLDER = '{project_id}';

/** Scope of a cached AK/SK project lookup: a change of region, endpoint or keys invalidates it. */
export function projectCacheScope(region: string, iamEndpoint: string, accessKey: string): string {
	return `${region}|${iamEndpoint}|${accessKey}`;
}

/**
 * The project id the OCR path needs ('' when not known yet):
 * IAM credential → the id from the token body (paired with the cached token), else the user's;
 * AK/SK credential → the user's, else the cached lookup when it belongs to the current scope.
 */
export function getProjectId(
	credentials: ICredentialDataDecryptedObject,
	currentScope?: string,
): string {
	const fromToken = textField(credentials, 'projectId');
	if (fromToken) return fromToken;
	const resolved = textField(credentials, 'resolvedProjectId');
	const scope = textField(credentials, 'resolvedProjectScope');
	if (resolved && (currentScope === undefined || !scope || scope === currentScope)) return resolved;
	return textField(credentials, 'scopeProjectId');
}

// Remembers where the node aimed the request (url, baseURL, qs as written), so that n8n's one
// refresh-and-resend after a 401 (it passes the already-authenticated options back to
// authenticate) can fill in a new project id and sign again.
const ORIGINAL_TARGET = Symbol('huaweiOriginalTarget');
interface Target {
	url: string;
	baseURL?: string;
	qs?: IHttpRequestOptions['qs'];
}
type Remembering = IHttpRequestOptions & { [ORIGINAL_TARGET]?: Target };

function originalTarget(options: IHttpRequestOptions): Target {
	return (
		(options as Remembering)[ORIGINAL_TARGET] ?? {
			url: options.url,
			baseURL: options.baseURL,
			qs: options.qs,
		}
	);
}

/** Copies the remembered target onto a derived copy of the options (spreading drops it). */
export function carryTarget<T extends IHttpRequestOptions>(from: IHttpRequestOptions, to: T): T {
	Object.defineProperty(to, ORIGINAL_TARGET, { value: originalTarget(from), enumerable: false });
	return to;
}

export function needsProjectId(options: IHttpRequestOptions): boolean {
	return originalTarget(options).url.includes(PROJECT_ID_PLACEHOLDER);
}

/** A copy of the options with `{project_id}` filled in (headers copied too, never shared). */
export function withProjectId(
	options: IHttpRequestOptions,
	projectId: string,
): IHttpRequestOptions {
	const target = originalTarget(options);
	const copy: IHttpRequestOptions = {
		...options,
		headers: { ...(options.headers ?? {}) },
		url: projectId
			? target.url.split(PROJECT_ID_PLACEHOLDER).join(encodeURIComponent(projectId))
			: target.url,
	};
	delete copy.baseURL;
	delete copy.qs;
	if (target.baseURL !== undefined) copy.baseURL = target.baseURL;
	if (target.qs !== undefined) copy.qs = target.qs;
	return carryTarget(options, copy);
}

/** Absolute URL with `qs` folded in, so that the signed query is exactly the one sent. */
export function absoluteUrl(options: IHttpRequestOptions): string {
	const url = options.baseURL
		? new URL(options.url.replace(/^\/+/, ''), options.baseURL.replace(/\/*$/, '/'))
		: new URL(options.url);
	for (const [key, value] of Object.entries(options.qs ?? {})) {
		if (value === undefined || value === null) continue;
		const values = Array.isArray(value) ? value : [value];
		for (const item of values) url.searchParams.append(key, String(item));
	}
	return url.toString();
}

const NO_BODY_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function hasHeader(headers: IDataObject, name: string): boolean {
	return headerValue(headers, name) !== undefined;
}

/**
 * Turns the body into the exact bytes that will go on the wire (JSON text for objects), because a
 * signature covers the body's hash. Streams and multipart bodies cannot be signed.
 */
export function serializeBody(options: IHttpRequestOptions): {
	body: string | Buffer;
	options: IHttpRequestOptions;
} {
	const method = (options.method ?? 'GET').toUpperCase();
	const headers = { ...(options.headers ?? {}) };
	const { body } = options;
	if (NO_BODY_METHODS.has(method) || body === undefined || body === null || body === '') {
		const rest = { ...options, headers };
		delete rest.body;
		return { body: '', options: rest };
	}
	if (typeof body === 'string' || Buffer.isBuffer(body)) {
		return { body, options: { ...options, headers } };
	}
	if (body instanceof URLSearchParams) {
		if (!hasHeader(headers, 'content-type'))
			headers['Content-Type'] = 'application/x-www-form-urlencoded';
		const serialized = body.toString();
		return { body: serialized, options: { ...options, headers, body: serialized } };
	}
	if (
		typeof (body as { pipe?: unknown }).pipe === 'function' ||
		typeof (body as { getHeaders?: unknown }).getHeaders === 'function'
	) {
		throw new UserError(
			'Access-key signing needs the whole request body up front: send JSON, not a stream or form-data',
		);
	}
	if (!hasHeader(headers, 'content-type')) headers['Content-Type'] = 'application/json';
	const serialized = JSON.stringify(body);
	return { body: serialized, options: { ...options, headers, body: serialized } };
}
