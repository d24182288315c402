/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
import { readFileSync } from 'node:fs';

/** Where a secret was found: which source and a little context around it (secret masked). */
export interface SecretLeak {
	source: string;
	secretName: string;
	context: string;
}

/**
 * Looks for each secret in each text. Secrets shorter than 6 characters are refused: they would
 * match by chance and make the check meaningless.
 */
export function findSecretLeaks(
	secrets: Record<string, string>,
	sources: Record<string, string>,
): SecretLeak[] {
	const leaks: SecretLeak[] = [];
	for (const [secretName, secret] of Object.entries(secrets)) {
		if (secret.length < 6) throw new Error(`secret "${secretName}" is too short to search for`);
		for (const [source, text] of Object.entries(sources)) {
			const at = text.indexOf(secret);
			if (at < 0) continue;
			const context = text
				.slice(Math.max(0, at - 60), at + secret.length + 60)
				.replace(secret, `<${secretName}>`);
			leaks.push({ source, secretName, context });
		}
	}
	return leaks;
}

export function readLog(file: string): string {
	return readFileSync(file, 'utf8');
}
