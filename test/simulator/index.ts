/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/**
 * The Huawei Cloud simulator: IAM v3 and OCR v2 on one loopback port, answering like the real service
 * (codes, statuses, body shapes of docs/huawei-api.md). See README.md in this folder.
 */
import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

import { buildConfig } from './accounts';
import { handleAdmin } from './admin';
import type { SignedRequest } from './aksk';
import { bump, snapshot } from './counters';
import { drawFault, faultResponse, malformed } from './faults';
import { errorCodeOf, readBody, send, type ReadBody } from './http';
import { issueToken, listProjects } from './iam';
import { HUAWEI_LIMITS } from './limits';
import { responseDelayMs } from './knobs';
import { runOcr, type OcrApi } from './ocr';
import { authenticateOcr } from './ocrAuth';
import { gatewayError, GATEWAY, serviceError, SERVICE, type SimResponse } from './responses';
import { SimState } from './state';
import type { Counters, Knobs, KnobsPatch, SimulatorConfig, SimulatorOptions } from './types';

export type * from './types';

export interface Simulator {
	/** 'http://127.0.0.1:PORT': IAM and OCR on the same port. */
	url: string;
	iamUrl: string;
	ocrUrl: string;
	config: SimulatorConfig;
	setKnobs(knobs: KnobsPatch): void;
	knobs(): Knobs;
	counters(): Counters;
	resetCounters(): void;
	/** Forces every issued token to expire now; returns how many were valid. */
	expireTokens(): number;
	stop(): Promise<void>;
}

const OCR_PATH = /^\/v2\/([^/]+)\/ocr\/(passport|general-text)\/?$/;

interface Call {
	state: SimState;
	req: IncomingMessage;
	requestId: string;
	path: string;
	query: URLSearchParams;
	read: ReadBody;
}

const signedRequest = (call: Call): SignedRequest => ({
	method: call.req.method ?? 'GET',
	path: call.req.url ?? '/',
	headers: call.req.headers,
	body: call.read.body,
});

/** Gateway and service checks in Huawei's order (README.md); a fault is drawn once the call is admitted. */
async function ocrCall(
	call: Call,
	projectId: string,
	api: OcrApi,
): Promise<{ response: SimResponse; slow: boolean }> {
	const { state, requestId } = call;
	const answer = (response: SimResponse, slow = false) => ({ response, slow });
	if (call.read.tooLarge)
		return answer(gatewayError(413, 'APIGW.0201', GATEWAY.tooLarge, requestId));
	const caller = authenticateOcr(state, signedRequest(call), projectId, requestId);
	if ('status' in caller) return answer(caller);
	const retryAfter = state.bucket.take(state.knobs.qps, performance.now());
	if (retryAfter > 0) {
		const response = gatewayError(
			429,
			'APIGW.0308',
			GATEWAY.throttled(state.knobs.qps * 60),
			requestId,
		);
		return answer({ ...response, headers: { 'Retry-After': String(retryAfter) } });
	}
	if (!state.knobs.subscribed)
		return answer(serviceError(403, 'ModelArts.4204', SERVICE.notSubscribed));
	if (caller.ocrDenied) return answer(serviceError(403, 'ModelArts.4203', SERVICE.noPermission));
	const { maxConcurrency } = state.knobs;
	if (maxConcurrency > 0 && state.counters.ocr.inFlight > maxConcurrency) {
		return answer(serviceError(429, 'ModelArts.4401', SERVICE.maxConcurrency));
	}
	bump(state.counters.ocr.byAuth, caller.method);
	const fault = drawFault(state.knobs.faults, state.faultRandom);
	if (fault.kind !== 'none')
		state.counters.faults[fault.kind === 'error' ? 'error5xx' : fault.kind]++;
	if (fault.kind === 'error') return answer(faultResponse(fault.error, requestId));
	if (fault.kind === 'drop') return answer({ status: 0, drop: true });
	const response = await runOcr(state, api, call.read.body);
	return answer(fault.kind === 'malformed' ? malformed(response) : response, fault.kind === 'slow');
}

/** A malformed %-escape in the path is just an unknown project id, not a crash. */
function safeDecode(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

function countOcr(counters: Counters, response: SimResponse): void {
	bump(counters.ocr.byStatus, response.drop ? 'dropped' : String(response.status));
	const code = errorCodeOf(response);
	if (code) bump(counters.ocr.byCode, code);
}

async function iamCall(call: Call): Promise<SimResponse | undefined> {
	const { state, req, path, query } = call;
	if (req.method === 'POST' && path === '/v3/auth/tokens') {
		const response = issueToken(state, call.read.body, query);
		if (response.status === 201) state.counters.iam.tokens++;
		else state.counters.iam.failed++;
		return response;
	}
	if (req.method === 'GET' && (path === '/v3/auth/projects' || path === '/v3/projects')) {
		state.counters.iam.projects++;
		return listProjects(state, signedRequest(call), query, path === '/v3/projects');
	}
	return undefined;
}

/**
 * Holds the answer until latency plus jitter (plus slowMs for a slow fault) have passed since the request
 * arrived. False when the wait was cut short: the simulator stopped, or the client went away (a gateway
 * cancels the upstream call then, so it stops counting as in flight).
 */
async function delay(
	state: SimState,
	res: ServerResponse,
	slow: boolean,
	arrivedAt: number,
): Promise<boolean> {
	const ms = responseDelayMs(state.knobs, state.jitterRandom, slow, performance.now() - arrivedAt);
	if (ms <= 0) return true;
	const clientGone = new AbortController();
	const onClose = () => clientGone.abort();
	res.once('close', onClose);
	try {
		await sleep(ms, undefined, { signal: AbortSignal.any([state.stopSignal, clientGone.signal]) });
		return true;
	} catch {
		return false;
	} finally {
		res.off('close', onClose);
	}
}

async function handle(state: SimState, req: IncomingMessage, res: ServerResponse): Promise<void> {
	const arrivedAt = performance.now();
	const requestId = randomUUID().replace(/-/g, '');
	res.setHeader('X-Request-Id', requestId);
	const url = new URL(req.url ?? '/', 'http://simulator');
	const read = await readBody(req, HUAWEI_LIMITS.maxRequestBytes);
	const call: Call = { state, req, requestId, path: url.pathname, query: url.searchParams, read };
	if (url.pathname.startsWith('/__sim/'))
		return send(res, handleAdmin(state, req.method ?? 'GET', url.pathname, read.body));
	state.counters.requests++;
	const ocrMatch = req.method === 'POST' ? OCR_PATH.exec(url.pathname) : null;
	if (!ocrMatch) {
		const response =
			(await iamCall(call)) ?? gatewayError(404, 'APIGW.0101', GATEWAY.notFound, requestId);
		if (await delay(state, res, false, arrivedAt)) send(res, response);
		return;
	}
	const api = ocrMatch[2] as OcrApi;
	const ocr = state.counters.ocr;
	ocr.total++;
	bump(ocr.byPath, api);
	ocr.maxInFlight = Math.max(ocr.maxInFlight, ++ocr.inFlight);
	try {
		const { response, slow } = await ocrCall(call, safeDecode(ocrMatch[1]), api);
		countOcr(state.counters, response);
		if (await delay(state, res, slow, arrivedAt)) send(res, response);
	} finally {
		state.counters.ocr.inFlight--;
	}
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
	const edition = options.edition ?? options.knobs?.edition ?? 'international';
	const region = options.region ?? (edition === 'g42' ? 'ae-ad-1' : 'ap-southeast-1');
	const state = new SimState(buildConfig(options, region), options.now ?? Date.now, {
		...options.knobs,
		edition,
	});
	const server = http.createServer((req, res) => {
		handle(state, req, res).catch((error: Error) => {
			send(res, {
				status: 500,
				json: { error_code: 'SIM.0500', error_msg: `simulator bug: ${error.message}` },
			});
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
	});
	const address = server.address() as AddressInfo;
	const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
	state.baseUrl = `http://${host}:${address.port}`;
	return {
		url: state.baseUrl,
		iamUrl: state.baseUrl,
		ocrUrl: state.baseUrl,
		config: state.config,
		setKnobs: (patch) => state.setKnobs(patch),
		knobs: () => structuredClone(state.knobs),
		counters: () => snapshot(state.counters),
		resetCounters: () => state.reset(),
		expireTokens: () => state.tokens.expireAll(state.now()),
		stop: () =>
			new Promise<void>((resolve) => {
				state.stopController.abort();
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
