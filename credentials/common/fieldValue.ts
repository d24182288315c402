import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

/** A credential field as trimmed text ('' when absent or not a string). */
export function textField(credentials: ICredentialDataDecryptedObject, name: string): string {
	const value = credentials[name];
	return typeof value === 'string' ? value.trim() : '';
}

/** Names the empty required fields up front, instead of letting IAM answer a vague 400/401. */
export function assertFilled(
	credentials: ICredentialDataDecryptedObject,
	fields: Record<string, string>,
): void {
	const missing = Object.entries(fields)
		.filter(([name]) => textField(credentials, name) === '')
		.map(([, label]) => label);
	if (missing.length) throw new UserError(`Enter the ${missing.join(', ')} in the credential`);
}
