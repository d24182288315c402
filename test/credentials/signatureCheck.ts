/**
 * Checking an SDK-HMAC-SHA256 signature the way Huawei's gateway does, for the credential tests only:
 * it recomputes the signature with the credential's own canonical request, so it pins that the
 * Authorization header is consistent (the simulator's independent verifier is
 * test/simulator/sdkSignature.ts).
 */
import { timingSafeEqual } from 'node:crypto';

import { canonicalRequest, signString, stringToSign } from '../../credentials/common/signing';
import type { SignableRequest } from '../../credentials/common/signing';

export interface ParsedAuthorization {
	accessKey: string;
	signedHeaders: string[];
	signature: string;
}

export function parseAuthorization(value: string | undefined): ParsedAuthorization | undefined {
	if (!value) return undefined;
	const m =
		/^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-fA-F]+)\s*$/.exec(
			value.trim(),
		);
	if (!m) return undefined;
	return { accessKey: m[1], signedHeaders: m[2].split(';'), signature: m[3].toLowerCase() };
}

/** Recomputes the signature over exactly the headers named in SignedHeaders. */
export function verifySignature(
	request: SignableRequest,
	parsed: ParsedAuthorization,
	secretKey: string,
	sdkDate: string,
): boolean {
	const canonical = canonicalRequest(request, parsed.signedHeaders);
	const expected = Buffer.from(signString(secretKey, stringToSign(canonical, sdkDate)), 'hex');
	const given = Buffer.from(parsed.signature, 'hex');
	return expected.length === given.length && timingSafeEqual(expected, given);
}
