/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/**
 * A seeded 429 injector in front of the simulator. The simulator's own fault knobs inject 5xx answers,
 * dropped connections, malformed JSON and slow answers, but its 429s come only from its QPS bucket
 * (time-driven, Retry-After ≥ 1 s) or its concurrency cap: neither gives "10 % of calls, same ones
 * every run". Everything not throttled is forwarded untouched; an upstream drop stays a drop.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { send } from '../simulator/http';
import { seededRandom } from '../simulator/knobs';
import { gatewayError, GATEWAY } from '../simulator/responses';

export interface ThrottlingProxy {
	url: string;
	/** OCR calls answered 429 by the proxy so far. */
	throttled(): number;
	stop(): Promise<void>;
}

const OCR_CALL = /^\/v2\/[^/]+\/ocr\//;

export async function startThrottlingProxy(
	targetUrl: string,
	options: { rate: number; seed: number },
): Promise<ThrottlingProxy> {
	const target = new URL(targetUrl);
	const random = seededRandom(options.seed);
	let throttled = 0;
	const server = http.createServer((req, res) => {
		if (req.method === 'POST' && OCR_CALL.test(req.url ?? '') && random() < options.rate) {
			throttled++;
			req.resume();
			req.on('end', () =>
				send(
					res,
					gatewayError(429, 'APIGW.0308', GATEWAY.throttled(600), randomUUID().replace(/-/g, '')),
				),
			);
			return;
		}
		const upstream = http.request(
			{
				host: target.hostname,
				port: target.port,
				method: req.method,
				path: req.url,
				headers: req.headers,
			},
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			},
		);
		upstream.on('error', () => req.socket.destroy());
		req.pipe(upstream);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		throttled: () => throttled,
		stop: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
