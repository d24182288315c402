/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
import { chromium, selectors, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_PATH } from './paths';
import { waitFor } from './ports';

/** The owner account the editor check and the demo create (loopback-only instances). */
export const OWNER = {
	email: 'owner@example.com',
	firstName: 'Demo',
	lastName: 'Owner',
	password: 'Demo-Owner-1',
};

/** Flags for Debian's chromium in a container: no sandbox, no GPU, no calls home. */
export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
];

/**
 * Creates the instance owner through n8n's REST API (what the setup page does). Idempotent.
 * n8n registers its controllers a moment after it starts answering, so a 404 is retried.
 */
export async function setupOwner(baseUrl: string): Promise<void> {
	await waitFor(
		async () => {
			const response = await fetch(`${baseUrl}/rest/owner/setup`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(OWNER),
			});
			if (response.ok) return true;
			const text = await response.text();
			// A second setup answers 400 "Instance owner already setup": fine for reruns.
			if (response.status === 400 && /already setup/i.test(text)) return true;
			if (response.status === 404) return undefined;
			throw new Error(`owner setup failed: ${response.status} ${text.slice(0, 300)}`);
		},
		'the owner setup route',
		60_000,
	);
}

export interface EditorSession {
	browser: Browser;
	context: BrowserContext;
	page: Page;
	close(): Promise<void>;
}

const LOGIN_ATTEMPTS = 3;

/** Starts chromium and logs in as the owner (the cookie lands in the browser context). */
export async function openEditor(baseUrl: string): Promise<EditorSession> {
	// n8n marks its elements with data-test-id (not Playwright's default data-testid).
	selectors.setTestIdAttribute('data-test-id');
	const browser = await chromium.launch({
		executablePath: CHROMIUM_PATH,
		args: CHROMIUM_ARGS,
		headless: true,
	});
	const context = await browser.newContext({
		viewport: { width: 1440, height: 1000 },
		baseURL: baseUrl,
	});
	// n8n 2.0.3 has refused the first login right after it reported ready (in 2 of ~10 CI runs, once
	// logging express-rate-limit's "undefined request.ip"); another try a second later goes through.
	// Each refusal is printed, so a login that never works still fails with every answer.
	const refusals: string[] = [];
	for (let attempt = 1; ; attempt++) {
		const login = await context.request.post('/rest/login', {
			data: { emailOrLdapLoginId: OWNER.email, password: OWNER.password },
		});
		if (login.ok()) break;
		// Read the answer before closing: the browser disposes of it.
		refusals.push(`${login.status()} ${(await login.text()).slice(0, 300)}`);
		console.warn(`[editor] login attempt ${attempt} refused: ${refusals.at(-1)}`);
		if (attempt === LOGIN_ATTEMPTS) {
			await browser.close();
			throw new Error(`login failed ${LOGIN_ATTEMPTS} times: ${refusals.join(' | ')}`);
		}
		await new Promise((done) => setTimeout(done, 1000));
	}
	const page = await context.newPage();
	return { browser, context, page, close: () => browser.close() };
}

/** The node types the running n8n has loaded (what its editor offers), from its own REST route. */
export async function loadedNodeTypes(session: EditorSession): Promise<Set<string>> {
	const response = await session.context.request.get('/types/nodes.json');
	const types = (await response.json()) as Array<{ name: string }>;
	return new Set(types.map((type) => type.name));
}

/** What n8n answers to a credential test (`status` is 'OK' or 'Error'). */
export interface CredentialTestAnswer {
	status: string;
	message: string;
}

/**
 * Tests a stored credential the way its form does: the credential as the editor receives it
 * (secrets redacted; n8n puts the stored values back) sent to `POST /rest/credentials/test`.
 */
export async function testStoredCredential(
	session: EditorSession,
	id: string,
): Promise<CredentialTestAnswer> {
	const stored = await session.context.request.get(`/rest/credentials/${id}?includeData=true`);
	if (!stored.ok()) throw new Error(`reading credential ${id}: ${stored.status()}`);
	const { data: credential } = (await stored.json()) as {
		data: { id: string; name: string; type: string; data: Record<string, unknown> };
	};
	const { name, type, data } = credential;
	const tested = await session.context.request.post('/rest/credentials/test', {
		data: { credentials: { id, name, type, data } },
	});
	if (!tested.ok()) throw new Error(`testing credential ${id}: ${tested.status()}`);
	return ((await tested.json()) as { data: CredentialTestAnswer }).data;
}
