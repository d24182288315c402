/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/**
 * A running n8n's REST API as the owner, the way the editor uses it: log in, save a workflow,
 * publish it. Shared by the regular-mode burst (burst.e2e.ts) and the queue-mode cluster.
 */
import { appendFileSync } from 'node:fs';
import { OWNER, setupOwner } from './editor';
import type { WorkflowExport } from './n8n';
import { waitFor } from './ports';

/** Where n8n listens and the owner's session cookie for /rest calls. */
export interface RestSession {
	url: string;
	cookie: string;
}

/**
 * Sets the owner up and logs in. Once in a few boots n8n 2.0.3 answered a login right after startup
 * without the cookie, so it is asked again; each such answer goes to `logFile`.
 */
export async function loginAsOwner(url: string, logFile: string): Promise<RestSession> {
	await setupOwner(url);
	const cookie = await waitFor(
		async () => {
			const response = await fetch(`${url}/rest/login`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
			});
			const text = await response.text();
			const found = response.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
			if (found) return found.split(';')[0];
			const answer = `${response.status} ${text.slice(0, 300)}`;
			appendFileSync(logFile, `\n[e2e] login answered without the n8n-auth cookie: ${answer}\n`);
			// n8n's login rate limit: every try before its window ends is refused again.
			if (response.status === 429) await sleep(retryAfterMs(response));
			throw new Error(`login answered without the n8n-auth cookie: ${answer}`);
		},
		'the owner login',
		180_000,
	);
	return { url, cookie };
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** How long a 429 asks to wait (its Retry-After or RateLimit-Reset, in seconds), else 15 s. */
function retryAfterMs(response: Response): number {
	for (const header of ['retry-after', 'ratelimit-reset']) {
		const seconds = Number(response.headers.get(header));
		if (Number.isFinite(seconds) && seconds > 0) return Math.min(seconds, 90) * 1000;
	}
	return 15_000;
}

/** One /rest call as the owner; resolves with the answer's `data`. */
export async function rest(
	session: RestSession,
	method: 'GET' | 'POST',
	path: string,
	body?: unknown,
): Promise<Record<string, unknown>> {
	const response = await fetch(`${session.url}/rest${path}`, {
		method,
		headers: {
			cookie: session.cookie,
			...(body === undefined ? {} : { 'content-type': 'application/json' }),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} /rest${path}: ${response.status} ${text}`);
	const parsed = JSON.parse(text) as { data?: Record<string, unknown> };
	return parsed.data ?? {};
}

/**
 * Saves a workflow as the editor does (n8n 2.x activates a saved version; `import:workflow` stores
 * none). Resolves with the id n8n gave it.
 */
export async function createWorkflow(
	session: RestSession,
	workflow: WorkflowExport,
): Promise<string> {
	// n8n assigns the id of a new workflow; 2.0.3 stores a missing `active` as NULL and refuses it.
	const created = await rest(session, 'POST', '/workflows', {
		...workflow,
		id: undefined,
		active: false,
		settings: { executionOrder: 'v1' },
	});
	if (typeof created.id !== 'string') throw new Error('n8n answered the new workflow without id');
	return created.id;
}

/** Activates (publishes) a saved workflow, as the editor's Publish button does. */
export async function activateWorkflow(session: RestSession, id: string): Promise<void> {
	const workflow = await rest(session, 'GET', `/workflows/${id}`);
	await rest(session, 'POST', `/workflows/${id}/activate`, { versionId: workflow.versionId });
}

export async function deactivateWorkflow(session: RestSession, id: string): Promise<void> {
	await rest(session, 'POST', `/workflows/${id}/deactivate`);
}

/**
 * Waits until n8n serves the production webhook `path` (POST). n8n 2.40.x registers it after the
 * activation call answered (its publication outbox); a GET to a POST-only path is refused with a
 * hint naming POST once it is there.
 */
export async function waitForWebhook(url: string, path: string): Promise<void> {
	await waitFor(
		async () => {
			const probe = await fetch(`${url}/webhook/${path}`);
			return /make a POST request/.test(await probe.text()) || undefined;
		},
		`the webhook ${path} to be registered`,
		60_000,
	);
}
