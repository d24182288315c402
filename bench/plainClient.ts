/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/**
 * The reference for the overhead and sequential figures: what a hand-written script does — one IAM
 * token, then per image base64 the bytes into the JSON body, POST, parse the answer — with
 * `concurrency` requests in flight, using Node's fetch (undici) or axios (what n8n itself uses).
 * `axiosNoKeepAlive` opens a new connection per request, as n8n-core 2.0 does (it gives every
 * request a new http.Agent): it separates n8n's HTTP layer from the node's own cost.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';

import axios from 'axios';

import { fetchToken, imageBody, passportUrl } from './simulator';
import type { SimulatorAddress } from './simulator';

export interface PlainRun {
	ms: number;
	failed: number;
}

export type PlainClient = 'fetch' | 'axios' | 'axiosNoKeepAlive';

type Post = (
	url: string,
	token: string,
	body: string,
) => Promise<{ ok: boolean; body: { result?: unknown } }>;

const HEADERS = { 'Content-Type': 'application/json;charset=UTF-8' };

const axiosPost =
	(agent?: () => http.Agent): Post =>
	async (url, token, body) => {
		const response = await axios.post(url, body, {
			headers: { ...HEADERS, 'X-Auth-Token': token },
			validateStatus: () => true,
			...(agent ? { httpAgent: agent() } : {}),
		});
		return {
			ok: response.status >= 200 && response.status < 300,
			body: response.data as { result?: unknown },
		};
	};

const POSTS: Record<PlainClient, Post> = {
	fetch: async (url, token, body) => {
		const response = await fetch(url, {
			method: 'POST',
			headers: { ...HEADERS, 'X-Auth-Token': token },
			body,
		});
		return { ok: response.ok, body: (await response.json()) as { result?: unknown } };
	},
	axios: axiosPost(),
	axiosNoKeepAlive: axiosPost(() => new http.Agent()),
};

export async function runPlainClient(
	sim: SimulatorAddress,
	imageFor: (index: number) => Buffer,
	count: number,
	concurrency: number,
	client: PlainClient = 'fetch',
): Promise<PlainRun> {
	const post = POSTS[client];
	const url = passportUrl(sim);
	const started = performance.now();
	const token = await fetchToken(sim);
	let next = 0;
	let failed = 0;
	const worker = async () => {
		while (next < count) {
			const index = next++;
			const answer = await post(url, token, JSON.stringify(imageBody(imageFor(index))));
			if (!answer.ok || typeof answer.body?.result !== 'object') failed++;
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	return { ms: performance.now() - started, failed };
}
