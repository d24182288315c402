/**
 * Keeping secrets out of messages (defence in depth against servers that echo them): the secrets we
 * know (password, keys), and the shapes of the ones we do not (IAM tokens, access key ids).
 */

/** Removes every occurrence of the given secrets. */
export function redactSecrets(text: string, secrets: Array<string | undefined>): string {
	let result = text;
	for (const secret of secrets) {
		if (secret && secret.length >= 4) result = result.split(secret).join('***');
	}
	return result;
}

/** An access key id shown as its first 4 characters: enough to tell keys apart, not to use one. */
const shortKey = (accessKey: string) => `${accessKey.slice(0, 4)}…`;

/**
 * Never echo a secret from Huawei's messages: IAM tokens (start with MII, run to kilobytes) and access
 * key ids (the gateway answers an unknown key with "ak <id> not exist"; permanent ids are 20 upper-case
 * letters and digits, temporary ones longer).
 */
export function redact(message: string | undefined): string | undefined {
	return message
		?.replace(/MII[A-Za-z0-9+/=_-]{16,}/g, '[token]')
		.replace(
			/\b([Aa][Kk]|[Aa]ccess[ _-]?[Kk]ey(?:[ _-]?[Ii][Dd])?)([\s:='"]+)([A-Z0-9]{5,})\b/g,
			(_match, label: string, gap: string, key: string) => `${label}${gap}${shortKey(key)}`,
		)
		.replace(/\b(?=[A-Z0-9]*[A-Z])(?=[A-Z0-9]*[0-9])[A-Z0-9]{20,64}\b/g, shortKey);
}
