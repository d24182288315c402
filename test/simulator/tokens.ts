/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
import { randomBytes } from 'node:crypto';

import type { SimAccount, SimProject, SimUser } from './types';

export interface TokenRecord {
	user: SimUser;
	account: SimAccount;
	/** undefined: a domain-scoped (or unscoped) token, which OCR refuses with ModelArts.0212. */
	project?: SimProject;
	methods: string[];
	issuedAt: number;
	expiresAt: number;
}

/** The DER/CMS prefix real IAM tokens start with (seed page: "MIINRwYJKoZIhvcNAQcCoIIN…"). */
const TOKEN_PREFIX =
	'MIINRwYJKoZIhvcNAQcCoIINODCCDTQCAQExDTALBglghkgBZQMEAgEwgguVBgkqhkiG9w0BBwGgggu';
/** Real tokens are a few KB; clients must cope with that header size. */
const TOKEN_RANDOM_BYTES = 2400;

/** Issued tokens, looked up by their full text like the gateway does. */
export class TokenStore {
	private readonly records = new Map<string, TokenRecord>();

	issue(record: TokenRecord): string {
		// Keystone-style PKI text: base64 with '/' as '-', header-safe.
		const token =
			TOKEN_PREFIX + randomBytes(TOKEN_RANDOM_BYTES).toString('base64').replace(/\//g, '-');
		this.records.set(token, record);
		return token;
	}

	find(token: string): TokenRecord | undefined {
		return this.records.get(token);
	}

	/** Makes every issued token expired as of `now`; returns how many were still valid. */
	expireAll(now: number): number {
		let expired = 0;
		for (const record of this.records.values()) {
			if (record.expiresAt > now) {
				record.expiresAt = now;
				expired++;
			}
		}
		return expired;
	}
}

/** Huawei's timestamp format: 2020-01-04T09:05:22.701000Z (microseconds). */
export const iamTime = (ms: number) => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
