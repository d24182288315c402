import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** A credential field as trimmed text ('' when absent or not a string). */
export function textField(credentials: ICredentialDataDecryptedObject, name: string): string {
	const value = credentials[name];
	return typeof value === 'string' ? value.trim() : '';
}
