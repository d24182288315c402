/**
 * Huawei Cloud API signing, SDK-HMAC-SHA256 (the algorithm of Huawei's official SDKs).
 * Pure functions over node:crypto, pinned by the published test vectors in
 * test/credentials/signing.test.ts. The simulator verifies signatures with its own code
 * (test/simulator/sdkSignature.ts): a test oracle shares no code with what it tests.
 */
import { createHash, createHmac } from 'node:crypto';

export const SIGNING_ALGORITHM = 'SDK-HMAC-SHA256';

export interface SignableRequest {
	method: string;
	/** Absolute URL (host, path and query are all signed). */
	url: string;
	/** Header names in any case; `host` is taken from the URL when absent. */
	headers: Record<string, string | number | undefined>;
	/** Exactly the bytes that will be sent ('' when there is no body). */
	body: string | Buffer;
}

export interface SigningKeys {
	accessKey: string;
	secretKey: string;
}

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** RFC 3986: keep unreserved characters, percent-encode every other byte (upper-case hex). */
export function uriEncode(value: string): string {
	return encodeURIComponent(value).replace(
		/[!'()*]/g,
		(c) => '%' + c.charCodeAt(0).toString(16).toUpperCase(),
	);
}

/** Each path segment encoded, always ending with '/', as the SDKs do. */
export function canonicalUri(pathname: string): string {
	const segments = pathname.split('/').map((segment) => uriEncode(decodeURIComponent(segment)));
	const joined = segments.join('/');
	return joined.endsWith('/') ? joined : joined + '/';
}

export function canonicalQuery(search: URLSearchParams): string {
	const pairs = [...search.entries()].map(([k, v]) => [uriEncode(k), uriEncode(v)]);
	pairs.sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1));
	return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

function lowerCaseHeaders(headers: SignableRequest['headers']): Map<string, string> {
	const map = new Map<string, string>();
	for (const [name, value] of Object.entries(headers)) {
		if (value === undefined) continue;
		map.set(name.toLowerCase(), String(value).trim());
	}
	return map;
}

export function canonicalRequest(request: SignableRequest, signedHeaders: string[]): string {
	const url = new URL(request.url);
	const headers = lowerCaseHeaders(request.headers);
	if (!headers.has('host')) headers.set('host', url.host);
	const names = [...signedHeaders].map((h) => h.toLowerCase()).sort();
	const headerLines = names.map((name) => `${name}:${headers.get(name) ?? ''}\n`).join('');
	return [
		request.method.toUpperCase(),
		canonicalUri(url.pathname),
		canonicalQuery(url.searchParams),
		headerLines,
		names.join(';'),
		sha256Hex(request.body),
	].join('\n');
}

export function stringToSign(canonical: string, sdkDate: string): string {
	return `${SIGNING_ALGORITHM}\n${sdkDate}\n${sha256Hex(canonical)}`;
}

export function signString(secretKey: string, toSign: string): string {
	return createHmac('sha256', secretKey).update(toSign).digest('hex');
}

/** `YYYYMMDDTHHMMSSZ` in UTC. */
export function formatSdkDate(date: Date): string {
	return date
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');
}

/** Headers that are never signed: they are added or changed by HTTP clients and proxies. */
const UNSIGNED_HEADERS = new Set([
	'authorization',
	'content-length',
	'user-agent',
	'connection',
	'accept-encoding',
]);

/**
 * Returns the headers to add: `X-Sdk-Date` and `Authorization`. Signs every header given
 * (plus host), except the ones above.
 */
export function signRequest(
	request: SignableRequest,
	keys: SigningKeys,
	now: Date = new Date(),
): { 'X-Sdk-Date': string; Authorization: string } {
	const sdkDate = formatSdkDate(now);
	const headers: SignableRequest['headers'] = { ...request.headers, 'X-Sdk-Date': sdkDate };
	const names = new Set(['host', 'x-sdk-date']);
	for (const name of Object.keys(headers)) {
		const lower = name.toLowerCase();
		if (!UNSIGNED_HEADERS.has(lower) && headers[name] !== undefined) names.add(lower);
	}
	const signed = [...names].sort();
	const canonical = canonicalRequest({ ...request, headers }, signed);
	const signature = signString(keys.secretKey, stringToSign(canonical, sdkDate));
	return {
		'X-Sdk-Date': sdkDate,
		Authorization: `${SIGNING_ALGORITHM} Access=${keys.accessKey}, SignedHeaders=${signed.join(';')}, Signature=${signature}`,
	};
}
