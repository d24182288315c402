/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
import type { IncomingHttpHeaders } from 'node:http';

import type { Directory } from './accounts';
import { readAuthorization, readSdkDate, signatureMatches } from './sdkSignature';
import type { SimAkSk } from './types';

export interface SignedRequest {
	method: string;
	/** Path and query as received. */
	path: string;
	headers: IncomingHttpHeaders;
	body: Buffer;
}

export type AkSkResult =
	| { ok: true; aksk: SimAkSk }
	| {
			ok: false;
			reason: 'signature' | 'unknown-ak' | 'no-date' | 'skew' | 'security-token';
			accessKey?: string;
	  };

/** Node gives repeated headers as arrays; a signer saw them joined. */
function flatHeaders(headers: IncomingHttpHeaders): Record<string, string | undefined> {
	const flat: Record<string, string | undefined> = {};
	for (const [name, value] of Object.entries(headers))
		flat[name] = Array.isArray(value) ? value.join(',') : value;
	return flat;
}

/**
 * Verifies an SDK-HMAC-SHA256 request the way the API gateway does: over exactly the headers the client
 * listed in SignedHeaders (including the Host it sent), the path and query as received, and the body bytes.
 */
export function verifyAkSk(
	request: SignedRequest,
	directory: Directory,
	now: number,
	maxSkewSeconds: number,
): AkSkResult {
	const parsed = readAuthorization(headerValue(request.headers.authorization));
	if (!parsed) return { ok: false, reason: 'signature' };
	const aksk = directory.aksk(parsed.accessKey);
	if (!aksk) return { ok: false, reason: 'unknown-ak', accessKey: parsed.accessKey };
	const sdkDateText = headerValue(request.headers['x-sdk-date']);
	const sdkDate = sdkDateText ? readSdkDate(sdkDateText) : undefined;
	if (!sdkDateText || sdkDate === undefined) return { ok: false, reason: 'no-date' };
	if (Math.abs(now - sdkDate) > maxSkewSeconds * 1000) return { ok: false, reason: 'skew' };
	const received = {
		method: request.method,
		target: request.path,
		headers: flatHeaders(request.headers),
		body: request.body,
	};
	if (!signatureMatches(received, parsed, aksk.secretKey, sdkDateText))
		return { ok: false, reason: 'signature' };
	if (
		aksk.securityToken !== undefined &&
		headerValue(request.headers['x-security-token']) !== aksk.securityToken
	) {
		return { ok: false, reason: 'security-token' };
	}
	return { ok: true, aksk };
}

export const headerValue = (value: string | string[] | undefined): string | undefined =>
	Array.isArray(value) ? value[0] : value;
