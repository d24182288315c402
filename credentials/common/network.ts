/**
 * Network failures in words. The raw codes stay out of messages on purpose: n8n's NodeError replaces
 * any message containing ECONNREFUSED, ENOTFOUND… with a generic sentence that loses the endpoint.
 */
const NETWORK_WORDS: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ECONNRESET: 'connection reset',
	EPIPE: 'connection closed',
	ETIMEDOUT: 'timed out',
	ECONNABORTED: 'timed out',
	ENOTFOUND: 'host name not found',
	EAI_AGAIN: 'host name lookup failed',
	EHOSTUNREACH: 'host unreachable',
	ENETUNREACH: 'network unreachable',
	EADDRNOTAVAIL: 'address not available',
	ERR_CANCELED: 'cancelled',
};

/** Words for a Node.js network error code (ECONNREFUSED, ENOTFOUND, …). */
export function networkWords(code: string): string {
	if (NETWORK_WORDS[code]) return NETWORK_WORDS[code];
	if (/CERT|SSL|TLS/i.test(code)) return 'TLS certificate problem';
	return 'network error';
}
