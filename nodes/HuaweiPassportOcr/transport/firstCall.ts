/**
 * Whether a run's first call must go alone. n8n runs a credential's preAuthentication inside any
 * request that finds the credential's expirable field empty, so concurrent first requests would each
 * run it: one IAM token exchange (or project lookup) per request instead of one. Sending the first
 * call alone prevents that race, at the price of one latency per run; where there is no such race it
 * is skipped:
 * - IAM user: a token is stored and, by its `expiresAt`, still good for a minute. (A token that turns
 *   out to be refused is refreshed once by the transport's refresh gate, not per request.)
 * - Access key: signing needs no token; only a project lookup is a call, needed when no Project ID is
 *   given and none has been resolved yet. A resolved id of another scope makes the first calls 401,
 *   which the refresh gate also handles one at a time.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { AKSK_CREDENTIAL_TYPE, textField } from '../credentialsSeam';

/** A token this close to its expiry is treated as expired. */
const EXPIRY_MARGIN_MS = 60_000;

export function firstCallGoesAlone(
	credentialType: string,
	credentials: ICredentialDataDecryptedObject,
	nowMs: number,
): boolean {
	if (credentialType === AKSK_CREDENTIAL_TYPE)
		return !textField(credentials, 'projectId') && !textField(credentials, 'resolvedProjectId');
	if (!textField(credentials, 'token')) return true;
	const expiresAt = Date.parse(textField(credentials, 'expiresAt'));
	// No readable expiry: n8n will use the stored token as it is.
	return Number.isFinite(expiresAt) && expiresAt - EXPIRY_MARGIN_MS <= nowMs;
}
