/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { SimResponse } from './responses';

export interface ReadBody {
	body: Buffer;
	/** More than the cap arrived: the rest was drained and discarded. */
	tooLarge: boolean;
}

/** Collects the body up to `cap` bytes with one final copy; past the cap keeps draining so the client can read the answer. */
export async function readBody(req: IncomingMessage, cap: number): Promise<ReadBody> {
	const declared = Number(req.headers['content-length']);
	let tooLarge = Number.isFinite(declared) && declared > cap;
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req as AsyncIterable<Buffer>) {
		if (tooLarge) continue;
		size += chunk.length;
		if (size > cap) {
			tooLarge = true;
			chunks.length = 0;
			continue;
		}
		chunks.push(chunk);
	}
	return { body: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks, size), tooLarge };
}

export function send(res: ServerResponse, response: SimResponse): void {
	if (res.destroyed || res.writableEnded) return;
	if (response.drop) {
		res.socket?.destroy();
		return;
	}
	const payload = response.raw ?? JSON.stringify(response.json ?? {});
	res.writeHead(response.status, {
		'Content-Type': 'application/json;charset=UTF-8',
		'Content-Length': Buffer.byteLength(payload),
		...response.headers,
	});
	res.end(payload);
}

export const errorCodeOf = (response: SimResponse): string | undefined => {
	const json = response.json as { error_code?: unknown } | undefined;
	return typeof json?.error_code === 'string' ? json.error_code : undefined;
};
