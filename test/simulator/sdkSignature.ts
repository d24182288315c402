/**
 * The gateway's side of SDK-HMAC-SHA256 (docs/huawei-api.md, "AK/SK signing"), written from Huawei's
 * published algorithm and not from the credential's `credentials/common/signing.ts`: the simulator is
 * what the credential's signatures are checked against, so it must not share their canonicalisation.
 * Pinned by the published vectors in `sdkSignature.test.ts`.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

const ALGORITHM = 'SDK-HMAC-SHA256';

export interface AuthorizationHeader {
	accessKey: string;
	/** Lower-case header names, in the order the client listed them. */
	signedHeaders: string[];
	/** Lower-case hex. */
	signature: string;
}

/** `SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;b, Signature=hex`; undefined when it is not that. */
export function readAuthorization(value: string | undefined): AuthorizationHeader | undefined {
	const text = value?.trim() ?? '';
	if (!text.startsWith(`${ALGORITHM} `)) return undefined;
	const parts = new Map<string, string>();
	for (const part of text.slice(ALGORITHM.length).split(',')) {
		const equals = part.indexOf('=');
		if (equals < 0) return undefined;
		parts.set(part.slice(0, equals).trim(), part.slice(equals + 1).trim());
	}
	const accessKey = parts.get('Access');
	const signedHeaders = parts.get('SignedHeaders');
	const signature = parts.get('Signature');
	if (parts.size !== 3 || !accessKey || !signedHeaders || !signature) return undefined;
	if (!/^[0-9a-fA-F]{64}$/.test(signature) || /\s/.test(accessKey + signedHeaders))
		return undefined;
	return {
		accessKey,
		signedHeaders: signedHeaders.split(';').map((name) => name.toLowerCase()),
		signature: signature.toLowerCase(),
	};
}

/** `YYYYMMDDTHHMMSSZ` (UTC) as epoch milliseconds; undefined when malformed or not a real time. */
export function readSdkDate(value: string): number | undefined {
	const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
	if (!m) return undefined;
	const [year, month, day, hour, minute, second] = m.slice(1).map(Number);
	const time = Date.UTC(year, month - 1, day, hour, minute, second);
	const back = new Date(time);
	// Date.UTC rolls 2025-02-30 over into March: such a date is malformed, not another day.
	return back.getUTCMonth() === month - 1 &&
		back.getUTCDate() === day &&
		hour < 24 &&
		minute < 60 &&
		second < 60
		? time
		: undefined;
}

/** RFC 3986 percent-encoding of the UTF-8 bytes: only A-Z a-z 0-9 - _ . ~ stay as they are. */
function percentEncode(text: string): string {
	let out = '';
	for (const byte of Buffer.from(text, 'utf8')) {
		const char = String.fromCharCode(byte);
		out += /[A-Za-z0-9\-_.~]/.test(char)
			? char
			: `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
	}
	return out;
}

const decode = (text: string): string => decodeURIComponent(text);
const decodeQueryPart = (text: string): string => decode(text.replace(/\+/g, ' '));

/** Path segments decoded then re-encoded, always ending with '/'. Throws on a malformed escape. */
function canonicalPath(rawPath: string): string {
	const encoded = rawPath
		.split('/')
		.map((segment) => percentEncode(decode(segment)))
		.join('/');
	return encoded.endsWith('/') ? encoded : `${encoded}/`;
}

/** `k=v` pairs, each side encoded, sorted by key then value, joined by '&'. Throws on a malformed escape. */
function canonicalQuery(rawQuery: string): string {
	const pairs = rawQuery
		.split('&')
		.filter((part) => part !== '')
		.map((part) => {
			const equals = part.indexOf('=');
			const key = equals < 0 ? part : part.slice(0, equals);
			const value = equals < 0 ? '' : part.slice(equals + 1);
			return [percentEncode(decodeQueryPart(key)), percentEncode(decodeQueryPart(value))];
		});
	pairs.sort(([keyA, valueA], [keyB, valueB]) =>
		keyA !== keyB ? (keyA < keyB ? -1 : 1) : valueA < valueB ? -1 : valueA > valueB ? 1 : 0,
	);
	return pairs.map(([key, value]) => `${key}=${value}`).join('&');
}

export interface ReceivedRequest {
	method: string;
	/** Path and query exactly as on the request line. */
	target: string;
	/** Lower-case names; repeated headers already joined. */
	headers: Record<string, string | undefined>;
	body: Buffer;
}

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** The canonical request over exactly the headers the client listed (sorted, as the algorithm wants). */
export function canonicalRequestOf(request: ReceivedRequest, signedHeaders: string[]): string {
	const queryAt = request.target.indexOf('?');
	const path = queryAt < 0 ? request.target : request.target.slice(0, queryAt);
	const query = queryAt < 0 ? '' : request.target.slice(queryAt + 1);
	const names = [...signedHeaders].sort();
	const headerBlock = names
		.map((name) => `${name}:${(request.headers[name] ?? '').trim()}\n`)
		.join('');
	return [
		request.method.toUpperCase(),
		canonicalPath(path),
		canonicalQuery(query),
		headerBlock,
		names.join(';'),
		sha256(request.body),
	].join('\n');
}

export const stringToSignOf = (canonicalRequest: string, sdkDate: string): string =>
	`${ALGORITHM}\n${sdkDate}\n${sha256(canonicalRequest)}`;

export const hmacHex = (secretKey: string, stringToSign: string): string =>
	createHmac('sha256', secretKey).update(stringToSign, 'utf8').digest('hex');

/** True when the signature in the header is the one the secret key gives for this request. */
export function signatureMatches(
	request: ReceivedRequest,
	authorization: AuthorizationHeader,
	secretKey: string,
	sdkDate: string,
): boolean {
	let canonical: string;
	try {
		canonical = canonicalRequestOf(request, authorization.signedHeaders);
	} catch {
		return false; // a malformed %-escape in the path or query: nothing a client could have signed
	}
	const expected = Buffer.from(hmacHex(secretKey, stringToSignOf(canonical, sdkDate)), 'hex');
	const given = Buffer.from(authorization.signature, 'hex');
	return expected.length === given.length && timingSafeEqual(expected, given);
}
