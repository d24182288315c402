/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
import { createServer } from 'node:net';

/** A port that was free a moment ago on loopback (the OS picks it). */
export function freePort(): Promise<number> {
	return new Promise((resolvePort, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolvePort(port));
		});
	});
}

/** Polls `probe` until it resolves truthy or the deadline passes. */
export async function waitFor<T>(
	probe: () => Promise<T | undefined>,
	what: string,
	timeoutMs: number,
	abortReason: () => string | undefined = () => undefined,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let lastError: unknown;
	while (Date.now() < deadline) {
		const reason = abortReason();
		if (reason) throw new Error(`gave up waiting for ${what}: ${reason}`);
		try {
			const value = await probe();
			if (value) return value;
		} catch (error) {
			lastError = error;
		}
		await new Promise((done) => setTimeout(done, 250));
	}
	throw new Error(
		`timed out after ${timeoutMs} ms waiting for ${what}${
			lastError ? `: ${String(lastError)}` : ''
		}`,
	);
}
