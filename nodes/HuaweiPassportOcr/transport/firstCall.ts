/**
 * Whether a run's first call must go alone: only where concurrent first requests would each run the
 * credential's token exchange or project lookup (why and when: docs/transport.md, "firstCall.ts").
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
