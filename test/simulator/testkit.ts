/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/**
 * Helpers for the simulator's own tests: the committed fixture images (test/fixtures, truth embedded)
 * and small HTTP helpers.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';

import { signRequest, type SigningKeys } from '../../credentials/common/signing';
import {
	badFileName,
	committedImagePath,
	documentFileName,
	DOCUMENTS,
	ensureGeneratedFixture,
	makePassportImage,
	type BadFileKind,
	type DocumentName,
	type FixtureFormat,
} from '../fixtures';
import { startSimulator, type Simulator, type SimulatorOptions } from './index';

/** A committed passport page (test/fixtures/images). */
export const passportFile = (name: DocumentName, format: FixtureFormat = 'jpeg'): Buffer =>
	readFileSync(committedImagePath(documentFileName(name, format)));

/** A committed bad file, or the generated 'huge' one (8.4 MB BMP: base64 over 10 MiB, request under 12 MiB). */
export const badFile = (kind: BadFileKind): Buffer =>
	readFileSync(
		kind === 'huge' ? ensureGeneratedFixture('huge') : committedImagePath(badFileName(kind)),
	);

/** A page of exactly this size, with the ICAO specimen's truth unless told otherwise. */
export const pageOfSize = (
	width: number,
	height: number,
	options: { format?: FixtureFormat; document?: DocumentName | null } = {},
): Buffer =>
	makePassportImage({
		format: options.format ?? 'png',
		width,
		height,
		truth: options.document === null ? undefined : DOCUMENTS[options.document ?? 'icao-specimen'],
	});

// ------------------------------------------------------------------------------------------------
// HTTP

export interface Reply {
	status: number;
	headers: Headers;
	text: string;
	json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export async function request(url: string, init: RequestInit = {}): Promise<Reply> {
	const response = await fetch(url, init);
	const text = await response.text();
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, headers: response.headers, text, json };
}

export const postJson = (url: string, body: unknown, headers: Record<string, string> = {}) =>
	request(url, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});

export interface TokenOptions {
	account?: string;
	user?: string;
	password?: string;
	scope?: unknown;
	methods?: string[];
	passcode?: string;
}

export function tokenBody(sim: Simulator, options: TokenOptions = {}) {
	const identity: Record<string, unknown> = {
		methods: options.methods ?? ['password'],
		password: {
			user: {
				name: options.user ?? sim.config.user,
				password: options.password ?? sim.config.password,
				domain: { name: options.account ?? sim.config.account },
			},
		},
	};
	if (options.passcode !== undefined)
		identity.totp = { user: { id: 'any', passcode: options.passcode } };
	return { auth: { identity, scope: options.scope ?? { project: { name: sim.config.region } } } };
}

export const requestToken = (sim: Simulator, options: TokenOptions = {}) =>
	postJson(`${sim.url}/v3/auth/tokens?nocatalog=true`, tokenBody(sim, options));

export async function getToken(sim: Simulator, options: TokenOptions = {}): Promise<string> {
	const reply = await requestToken(sim, options);
	const token = reply.headers.get('x-subject-token');
	if (reply.status !== 201 || !token) throw new Error(`no token: ${reply.status} ${reply.text}`);
	return token;
}

export const ocrUrl = (sim: Simulator, api = 'passport', projectId = sim.config.projectId) =>
	`${sim.url}/v2/${projectId}/ocr/${api}`;

export const imageBody = (image: Buffer, extra: Record<string, unknown> = {}) => ({
	image: image.toString('base64'),
	...extra,
});

/** An OCR call with an IAM token. */
export const callOcr = (
	sim: Simulator,
	token: string,
	body: unknown,
	api = 'passport',
	projectId?: string,
) => postJson(ocrUrl(sim, api, projectId), body, { 'X-Auth-Token': token });

/** An OCR call signed with AK/SK, as the SDKs do (X-Project-Id added). */
export function callOcrSigned(
	sim: Simulator,
	body: unknown,
	keys: SigningKeys = { accessKey: sim.config.accessKey, secretKey: sim.config.secretKey },
	options: { now?: Date; api?: string; extraHeaders?: Record<string, string> } = {},
) {
	const url = ocrUrl(sim, options.api);
	const text = JSON.stringify(body);
	const headers = {
		'Content-Type': 'application/json',
		'X-Project-Id': sim.config.projectId,
		...options.extraHeaders,
	};
	const signed = signRequest({ method: 'POST', url, headers, body: text }, keys, options.now);
	return request(url, { method: 'POST', headers: { ...headers, ...signed }, body: text });
}

/** node:http, for what fetch cannot do (a Host header of our choice). */
export function rawRequest(
	url: string,
	options: { method: string; headers: Record<string, string>; body?: string },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; json: Reply['json'] }> {
	return new Promise((resolve, reject) => {
		const req = http.request(
			url,
			{ method: options.method, headers: options.headers, agent: false },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					resolve({
						status: res.statusCode ?? 0,
						headers: res.headers,
						json: text ? JSON.parse(text) : undefined,
					});
				});
			},
		);
		req.on('error', reject);
		req.end(options.body);
	});
}

/** A simulator and a token of its ready-made user for a describe block (started before, stopped after). */
export function useSimulator(options?: SimulatorOptions): { sim: Simulator; token: string } {
	const context = {} as { sim: Simulator; token: string };
	beforeAll(async () => {
		context.sim = await startSimulator(options);
		context.token = await getToken(context.sim);
	});
	afterAll(() => context.sim.stop());
	return context;
}
