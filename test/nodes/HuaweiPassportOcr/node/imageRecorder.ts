/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/**
 * A loopback recorder in front of the simulator's OCR API: it keeps the decoded `image` of every
 * request body, then forwards the request unchanged and relays the answer. The simulator counts calls
 * but does not keep what it received; this is how a test proves which bytes were sent.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ImageRecorder {
	url: string;
	/** The image bytes of each OCR request, in arrival order (path with them). */
	received(): Array<{ path: string; image: Buffer }>;
	stop(): Promise<void>;
}

export async function startImageRecorder(targetUrl: string): Promise<ImageRecorder> {
	const target = new URL(targetUrl);
	const received: Array<{ path: string; image: Buffer }> = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const body = Buffer.concat(chunks);
			try {
				const image = (JSON.parse(body.toString('utf8')) as { image?: unknown }).image;
				if (typeof image === 'string')
					received.push({ path: req.url ?? '', image: Buffer.from(image, 'base64') });
			} catch {
				// Not JSON: the simulator will say so; nothing to record.
			}
			const upstream = http.request(
				{
					host: target.hostname,
					port: target.port,
					method: req.method,
					path: req.url,
					headers: { ...req.headers, host: target.host },
				},
				(answer) => {
					res.writeHead(answer.statusCode ?? 502, answer.headers);
					answer.pipe(res);
				},
			);
			upstream.on('error', () => res.destroy());
			upstream.end(body);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		received: () => [...received],
		stop: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
