/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/** URL mode: the service downloads the image itself. The simulator only ever fetches loopback addresses. */
import http from 'node:http';
import https from 'node:https';

export type Download =
	| { ok: true; data: Buffer }
	| { ok: false; reason: 'not-allowed' | 'failed' | 'too-large' };

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);

/** http(s) to a loopback host only: the simulator must never reach the internet. */
export function allowedUrl(text: string): URL | undefined {
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return undefined;
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
	const loopback =
		LOOPBACK_HOSTS.has(url.hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(url.hostname);
	return loopback ? url : undefined;
}

/** GET with a deadline and a size cap; a redirect, non-2xx, error or timeout is a failed download. */
export function download(
	url: URL,
	timeoutMs: number,
	maxBytes: number,
	stopSignal: AbortSignal,
): Promise<Download> {
	const client = url.protocol === 'https:' ? https : http;
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let settled = false;
		const finish = (result: Download) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			stopSignal.removeEventListener('abort', abort);
			request.destroy();
			resolve(result);
		};
		const abort = () => finish({ ok: false, reason: 'failed' });
		const timer = setTimeout(abort, timeoutMs);
		// agent: false → a fresh socket closed afterwards, so nothing keeps the process alive.
		const request = client.get(url, { agent: false, rejectUnauthorized: false }, (response) => {
			const status = response.statusCode ?? 0;
			if (status < 200 || status >= 300) return finish({ ok: false, reason: 'failed' });
			response.on('data', (chunk: Buffer) => {
				size += chunk.length;
				if (size > maxBytes) return finish({ ok: false, reason: 'too-large' });
				chunks.push(chunk);
			});
			response.on('end', () => finish({ ok: true, data: Buffer.concat(chunks, size) }));
			response.on('error', abort);
		});
		request.on('error', abort);
		stopSignal.addEventListener('abort', abort);
	});
}
