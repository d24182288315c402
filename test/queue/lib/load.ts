/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURE_IMAGES_DIR } from '../../e2e/lib/paths';
import { REQUEST_ID_FIELD, WEBHOOK_PATH } from './workflows';

/** One upload and what came back. */
export interface Upload {
	requestId: string;
	file: string;
	status?: number;
	/** The parsed JSON answer, or the raw text when it was not JSON. */
	body?: unknown;
	/** The fetch failed (timeout, reset): no answer at all. */
	failure?: string;
	/** Milliseconds from sending to the whole answer. */
	elapsedMs: number;
}

const MIME: Record<string, string> = {
	jpg: 'image/jpeg',
	png: 'image/png',
	bmp: 'image/bmp',
	tif: 'image/tiff',
	pdf: 'application/pdf',
};

const fileCache = new Map<string, Buffer>();
function fixture(file: string): Buffer {
	let bytes = fileCache.get(file);
	if (!bytes) {
		bytes = readFileSync(join(FIXTURE_IMAGES_DIR, file));
		fileCache.set(file, bytes);
	}
	return bytes;
}

/** POSTs one fixture file as a multipart upload (field `data`) with its request id. */
export async function upload(
	baseUrl: string,
	requestId: string,
	file: string,
	timeoutMs: number,
): Promise<Upload> {
	const form = new FormData();
	form.append(REQUEST_ID_FIELD, requestId);
	const type = MIME[file.split('.').pop() ?? ''] ?? 'application/octet-stream';
	form.append('data', new Blob([fixture(file)], { type }), file);
	const started = Date.now();
	try {
		const response = await fetch(`${baseUrl}/webhook/${WEBHOOK_PATH}`, {
			method: 'POST',
			body: form,
			signal: AbortSignal.timeout(timeoutMs),
		});
		const text = await response.text();
		let body: unknown = text;
		try {
			body = JSON.parse(text);
		} catch {
			// not JSON: kept as text for the assertion message
		}
		return { requestId, file, status: response.status, body, elapsedMs: Date.now() - started };
	} catch (error) {
		return { requestId, file, failure: String(error), elapsedMs: Date.now() - started };
	}
}

/** Sends all files at once (one request each, ids `<label>-<index>`); resolves when all are answered. */
export async function uploadAll(
	baseUrl: string,
	label: string,
	files: string[],
	timeoutMs: number,
): Promise<{ uploads: Upload[]; wallMs: number }> {
	const started = Date.now();
	const uploads = await Promise.all(
		files.map((file, index) => upload(baseUrl, `${label}-${index}`, file, timeoutMs)),
	);
	return { uploads, wallMs: Date.now() - started };
}

/** `count` files taken in turn from `kinds`. */
export function cycle(kinds: string[], count: number): string[] {
	return Array.from({ length: count }, (_, index) => kinds[index % kinds.length]);
}

/**
 * Records a load's measured figures: each printed (`[tag] name: {...}`), and all of the run so far
 * written to `results.json` in the folder `folder()` names, once there is one.
 */
export function figureRecorder(
	tag: string,
	folder: () => string | undefined,
): (name: string, value: unknown) => void {
	const results: Record<string, unknown> = {};
	return (name, value) => {
		results[name] = value;
		process.stdout.write(`[${tag}] ${name}: ${JSON.stringify(value)}\n`);
		const dir = folder();
		if (dir) writeFileSync(join(dir, 'results.json'), JSON.stringify(results, null, 2));
	};
}
