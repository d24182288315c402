/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/**
 * The request body of one image, written the node's way (transport/jsonBody.ts: the image's bytes
 * base64-encoded straight into the body in small pieces) beside the plain way an HTTP client does it
 * (one base64 string, JSON.stringify, UTF-8 encoding). Pure CPU, no simulator; median of `repeats`
 * batches. For information: it explains the overhead and concurrency figures.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';

import { jsonBytes } from '../nodes/HuaweiPassportOcr/transport/jsonBody';
import { median } from './rows';
import type { Row } from './rows';
import type { Sizes } from './scenarios';

const plainBody = (image: Buffer) =>
	Buffer.from(JSON.stringify({ country_code: 'GENERAL', image: image.toString('base64') }), 'utf8');
const nodeBody = (image: Buffer) => jsonBytes({ country_code: 'GENERAL', image });

function perCallMs(
	write: (image: Buffer) => Buffer,
	image: Buffer,
	calls: number,
	repeats: number,
) {
	const batches: number[] = [];
	for (let repeat = 0; repeat < repeats; repeat++) {
		const started = performance.now();
		for (let call = 0; call < calls; call++) write(image);
		batches.push((performance.now() - started) / calls);
	}
	return median(batches);
}

export async function body(_sim: unknown, sizes: Sizes): Promise<Row[]> {
	const rows: Row[] = [];
	for (const [label, bytes, calls] of [
		['100 KB', 100_000, 300],
		['2 MB', 2_000_000, 30],
	] as const) {
		const image = randomBytes(bytes);
		if (!nodeBody(image).equals(plainBody(image)))
			throw new Error('the two ways wrote different bodies');
		// Warm-up of both, not counted.
		perCallMs(plainBody, image, 10, 1);
		perCallMs(nodeBody, image, 10, 1);
		const repeats = Math.max(3, sizes.repeats);
		const plainMs = perCallMs(plainBody, image, calls, repeats);
		const nodeMs = perCallMs(nodeBody, image, calls, repeats);
		rows.push({
			figure: `Request body of a ${label} image (CPU per call)`,
			measured: `node ${nodeMs.toFixed(2)} ms`,
			reference: `JSON.stringify + UTF-8 ${plainMs.toFixed(2)} ms`,
			ratio: nodeMs / plainMs,
			target: 'info',
			met: null,
			values: { bytes, calls, nodeMs, plainMs, repeats },
		});
	}
	return rows;
}
