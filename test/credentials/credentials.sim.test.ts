/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/**
 * Both credentials through n8n's request path (harness: n8n-core WorkflowExecute +
 * httpRequestWithAuthentication, credentials helper with n8n's cli rules) against the simulator.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { HuaweiCloudAkSkApi } from '../../credentials/HuaweiCloudAkSkApi.credentials';
import { MFA_ADVICE } from '../../credentials/common/iam';
import { CredentialStore, runNode, testCredential } from '../harness';
import type { RunNodeResult } from '../harness';
import { startSimulator } from '../simulator';
import type { Simulator } from '../simulator';
import { pageOfSize } from '../simulator/testkit';
import { CredentialProbe, PROBE_NODE_TYPE } from './probe';

const MFA_USER = {
	account: 'sim-account',
	name: 'mfa-user',
	password: 'Mfa-Passw0rd!',
	mfaPasscode: '123456',
};
const TEMP_KEYS = {
	account: 'sim-account',
	accessKey: 'SIMTEMPAK000000000000',
	secretKey: 'SIMTEMPSK0000000000000000000000000000000',
	securityToken: 'temporary-security-token-value',
};

let sim: Simulator;
let image: string;

beforeAll(async () => {
	image = pageOfSize(300, 200).toString('base64');
	sim = await startSimulator({
		port: 0,
		users: [{ account: 'sim-account', name: 'sim-user', password: 'Sim-Passw0rd!' }, MFA_USER],
		aksk: [
			{
				account: 'sim-account',
				accessKey: 'SIMAK0000000000000000',
				secretKey: 'SIMSK00000000000000000000000000000000000',
			},
			TEMP_KEYS,
		],
	});
});

afterAll(async () => {
	await sim.stop();
});

const iamCredentials = (
	overrides: ICredentialDataDecryptedObject = {},
): ICredentialDataDecryptedObject => ({
	region: sim.config.region,
	domainName: sim.config.account,
	userName: sim.config.user,
	password: sim.config.password,
	customEndpoints: true,
	ocrEndpoint: sim.url,
	iamEndpoint: sim.url,
	...overrides,
});

const akskCredentials = (
	overrides: ICredentialDataDecryptedObject = {},
): ICredentialDataDecryptedObject => ({
	region: sim.config.region,
	accessKey: sim.config.accessKey,
	secretKey: sim.config.secretKey,
	customEndpoints: true,
	ocrEndpoint: sim.url,
	iamEndpoint: sim.url,
	...overrides,
});

function probe(
	authentication: 'huaweiCloudApi' | 'huaweiCloudAkSkApi',
	options: {
		credentials?: ICredentialDataDecryptedObject;
		store?: CredentialStore;
		items?: number;
		schedule?: 'sequential' | 'allParallel' | 'firstThenParallel';
		credentialTypes?: HuaweiCloudAkSkApi[];
	} = {},
): Promise<RunNodeResult> {
	return runNode({
		nodeType: PROBE_NODE_TYPE,
		nodeTypes: [new CredentialProbe()],
		parameters: { authentication, schedule: options.schedule ?? 'sequential' },
		items: Array.from({ length: options.items ?? 1 }, () => ({ json: { image } })),
		credentials: { [authentication]: options.credentials ?? {} },
		credentialStore: options.store,
		credentialTypes: options.credentialTypes,
	});
}

/** Everything a user or a log could see of an error: message, description, cause chain, context. */
const everythingIn = (value: unknown) => inspect(value, { depth: 12, showHidden: true });

function expectNoSecrets(texts: string[], secrets: string[]) {
	for (const secret of secrets.filter(Boolean)) {
		for (const text of texts) expect(text).not.toContain(secret);
	}
}

async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

describe('IAM user credential (huaweiCloudApi)', () => {
	it('fetches one token on the first call, stores token + project id + expiry, reuses it afterwards', async () => {
		const before = sim.counters().iam.tokens;
		const store = new CredentialStore();
		store.add('huaweiCloudApi', iamCredentials());
		const first = await probe('huaweiCloudApi', { store, items: 3 });
		expect(first.error).toBeUndefined();
		expect(
			first.outputs[0].map(
				(item) => typeof (item.json.result as { passport_number?: string })?.passport_number,
			),
		).toEqual(['string', 'string', 'string']);
		expect(first.preAuthCalls).toBe(1);
		expect(sim.counters().iam.tokens - before).toBe(1);
		const stored = store.byType('huaweiCloudApi')!.data;
		expect(stored.token).toMatch(/^MII/);
		expect(stored.projectId).toBe(sim.config.projectId);
		expect(Date.parse(String(stored.expiresAt))).toBeGreaterThan(Date.now());

		const second = await probe('huaweiCloudApi', { store, items: 2 });
		expect(second.error).toBeUndefined();
		expect(second.preAuthCalls).toBe(0);
		expect(sim.counters().iam.tokens - before).toBe(1);
	});

	it('refreshes an expired token once and the call succeeds', async () => {
		const store = new CredentialStore();
		store.add('huaweiCloudApi', iamCredentials());
		await probe('huaweiCloudApi', { store });
		const oldToken = store.byType('huaweiCloudApi')!.data.token;
		expect(sim.expireTokens()).toBeGreaterThan(0);
		const tokensBefore = sim.counters().iam.tokens;
		const expired401Before = sim.counters().ocr.byCode['APIGW.0307'] ?? 0;

		const result = await probe('huaweiCloudApi', { store });
		expect(result.error).toBeUndefined();
		expect(result.outputs[0][0].json.result).toBeDefined();
		expect(result.preAuthentications).toEqual([
			{ type: 'huaweiCloudApi', expired: true, testing: false },
		]);
		expect(sim.counters().iam.tokens - tokensBefore).toBe(1);
		expect((sim.counters().ocr.byCode['APIGW.0307'] ?? 0) - expired401Before).toBe(1);
		expect(store.byType('huaweiCloudApi')!.data.token).not.toBe(oldToken);
	});

	it('a wrong password fails clearly, once, without the password anywhere', async () => {
		const failedBefore = sim.counters().iam.failed;
		const password = 'Wrong-Secret-Pass!';
		const result = await probe('huaweiCloudApi', { credentials: iamCredentials({ password }) });
		expect(result.error?.message).toMatch(
			/IAM does not say which of the account name, the IAM user name or the password is wrong/,
		);
		expect(result.error?.message).toMatch(/MFA/);
		// The credential reports HTTP failures itself, so n8n's "401 → refresh" does not try a second time.
		expect(sim.counters().iam.failed - failedBefore).toBe(1);
		expectNoSecrets(
			[everythingIn(result.error), everythingIn(result.run.data.resultData), ...result.logs],
			[password],
		);
	});

	it('N concurrent first calls each exchange a token; one call first, then the rest, exchanges one', async () => {
		const race = sim.counters().iam.tokens;
		const raced = await probe('huaweiCloudApi', {
			credentials: iamCredentials(),
			items: 4,
			schedule: 'allParallel',
		});
		expect(raced.error).toBeUndefined();
		expect(sim.counters().iam.tokens - race).toBe(4);

		const ordered = sim.counters().iam.tokens;
		const primed = await probe('huaweiCloudApi', {
			credentials: iamCredentials(),
			items: 4,
			schedule: 'firstThenParallel',
		});
		expect(primed.error).toBeUndefined();
		expect(sim.counters().iam.tokens - ordered).toBe(1);
	});

	it('no token or password in any error or log of a run', async () => {
		const store = new CredentialStore();
		store.add('huaweiCloudApi', iamCredentials());
		await probe('huaweiCloudApi', { store });
		const token = String(store.byType('huaweiCloudApi')!.data.token);
		sim.setKnobs({ subscribed: false });
		try {
			const result = await probe('huaweiCloudApi', { store });
			expect(result.error?.message).toBeDefined();
			expectNoSecrets([everythingIn(result.error), ...result.logs], [token, sim.config.password]);
		} finally {
			sim.setKnobs({ subscribed: true });
		}
	});
});

describe('IAM credential test, in plain words', () => {
	it('passes with the right user', async () => {
		expect(await testCredential('huaweiCloudApi', iamCredentials())).toMatchObject({
			status: 'OK',
			preAuthCalls: 1,
		});
	});

	it('wrong password and unknown account get the same combined message (IAM answers both alike)', async () => {
		const wrongPassword = iamCredentials({ password: 'Not-The-Password-1' });
		const unknownAccount = iamCredentials({ domainName: 'no-such-account' });
		const results = [
			await testCredential('huaweiCloudApi', wrongPassword),
			await testCredential('huaweiCloudApi', unknownAccount),
		];
		for (const result of results) {
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(
				/IAM does not say which of the account name, the IAM user name or the password is wrong/,
			);
			expect(result.message).toContain(MFA_ADVICE);
		}
		expect(results[1].message).toBe(results[0].message);
		expectNoSecrets([results[0].message, ...results[0].logs], [String(wrongPassword.password)]);
	});

	it.each([
		[
			'MFA user',
			() => iamCredentials({ userName: MFA_USER.name, password: MFA_USER.password }),
			/second factor \(MFA\).*IAM user without MFA/,
		],
		[
			'unknown project',
			() => iamCredentials({ projectName: 'no-such-project' }),
			/project does not exist in this region/,
		],
		[
			'wrong region host',
			() => iamCredentials({ iamEndpoint: `${sim.url}/not-iam` }),
			/does not answer like Huawei Cloud IAM.*check the region/,
		],
		[
			'empty fields',
			() => iamCredentials({ userName: ' ', password: '' }),
			/^Enter the IAM User Name, Password in the credential/,
		],
		[
			'plain http to another host',
			() => iamCredentials({ iamEndpoint: 'http://iam.example.com' }),
			/IAM endpoint must use https/,
		],
	])('%s', async (_name, credentials, message) => {
		const data = credentials();
		const result = await testCredential('huaweiCloudApi', data);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(message);
		expectNoSecrets([result.message, ...result.logs], [String(data.password)]);
	});

	it('unreachable host', async () => {
		const port = await closedPort();
		const result = await testCredential(
			'huaweiCloudApi',
			iamCredentials({ iamEndpoint: `http://127.0.0.1:${port}` }),
		);
		expect(result).toMatchObject({ status: 'Error' });
		expect(result.message).toMatch(
			new RegExp(
				`^Cannot reach the IAM endpoint http://127.0.0.1:${port} \\(connection refused\\)`,
			),
		);
	});
});

describe('access key credential (huaweiCloudAkSkApi)', () => {
	it('looks the project up once with signed keys, caches it, and OCR accepts the signature', async () => {
		const lookupsBefore = sim.counters().iam.projects;
		const akskBefore = sim.counters().ocr.byAuth.aksk ?? 0;
		const store = new CredentialStore();
		store.add('huaweiCloudAkSkApi', akskCredentials());
		const first = await probe('huaweiCloudAkSkApi', { store, items: 2 });
		expect(first.error).toBeUndefined();
		expect(first.outputs[0].every((item) => item.json.result !== undefined)).toBe(true);
		expect(first.preAuthCalls).toBe(1);
		expect(sim.counters().iam.projects - lookupsBefore).toBe(1);
		expect((sim.counters().ocr.byAuth.aksk ?? 0) - akskBefore).toBe(2);
		expect(store.byType('huaweiCloudAkSkApi')!.data.resolvedProjectId).toBe(sim.config.projectId);

		const second = await probe('huaweiCloudAkSkApi', { store });
		expect(second.error).toBeUndefined();
		expect(second.preAuthCalls).toBe(0);
		expect(sim.counters().iam.projects - lookupsBefore).toBe(1);
	});

	it('uses a given project id without any lookup', async () => {
		const lookupsBefore = sim.counters().iam.projects;
		const result = await probe('huaweiCloudAkSkApi', {
			credentials: akskCredentials({ projectId: sim.config.projectId }),
		});
		expect(result.error).toBeUndefined();
		expect(result.outputs[0][0].json.result).toBeDefined();
		expect(sim.counters().iam.projects - lookupsBefore).toBe(0);
	});

	it('signs the security token of temporary keys', async () => {
		const result = await probe('huaweiCloudAkSkApi', {
			credentials: akskCredentials({
				accessKey: TEMP_KEYS.accessKey,
				secretKey: TEMP_KEYS.secretKey,
				securityToken: TEMP_KEYS.securityToken,
			}),
		});
		expect(result.error).toBeUndefined();
		expect(result.outputs[0][0].json.result).toBeDefined();
	});

	it('a cached project of another scope is looked up again (401 → refresh → resend)', async () => {
		const store = new CredentialStore();
		store.add('huaweiCloudAkSkApi', akskCredentials());
		await probe('huaweiCloudAkSkApi', { store });
		const entry = store.byType('huaweiCloudAkSkApi')!;
		// Same simulator, different spelling of the IAM endpoint: a new scope for the cache.
		store.put(entry.id, { ...entry.data, iamEndpoint: sim.url.replace('127.0.0.1', 'localhost') });
		const result = await probe('huaweiCloudAkSkApi', { store });
		expect(result.error).toBeUndefined();
		expect(result.preAuthentications).toEqual([
			{ type: 'huaweiCloudAkSkApi', expired: true, testing: false },
		]);
		expect(result.outputs[0][0].json.result).toBeDefined();
	});

	it('a tampered signature is refused by the gateway, and the secret key never shows', async () => {
		class Tampered extends HuaweiCloudAkSkApi {
			async authenticate(
				credentials: ICredentialDataDecryptedObject,
				options: IHttpRequestOptions,
			) {
				const signed = await super.authenticate(credentials, options);
				const headers = signed.headers as Record<string, string>;
				headers.Authorization = headers.Authorization.replace(
					/Signature=(.)/,
					(_m, c: string) => `Signature=${c === '0' ? '1' : '0'}`,
				);
				return signed;
			}
		}
		const result = await probe('huaweiCloudAkSkApi', {
			credentials: akskCredentials({ projectId: sim.config.projectId }),
			credentialTypes: [new Tampered()],
		});
		expect(result.error).toBeDefined();
		expect(everythingIn(result.error)).toContain('verify aksk signature fail');
		expectNoSecrets([everythingIn(result.error), ...result.logs], [sim.config.secretKey]);
	});

	it('credential test: OK with the keys, plain words for a wrong secret and an unreachable host', async () => {
		expect(await testCredential('huaweiCloudAkSkApi', akskCredentials())).toMatchObject({
			status: 'OK',
		});
		const wrong = await testCredential(
			'huaweiCloudAkSkApi',
			akskCredentials({ secretKey: 'WRONGSK0000000000000000000000000000000000' }),
		);
		expect(wrong.status).toBe('Error');
		expect(wrong.message).toMatch(/^IAM refused the access key/);
		expect(wrong.message).not.toContain('WRONGSK');
		const empty = await testCredential('huaweiCloudAkSkApi', akskCredentials({ secretKey: '' }));
		expect(empty.message).toBe('Enter the Secret Access Key in the credential');
		const port = await closedPort();
		const unreachable = await testCredential(
			'huaweiCloudAkSkApi',
			akskCredentials({ iamEndpoint: `http://127.0.0.1:${port}` }),
		);
		expect(unreachable.message).toMatch(/^Cannot reach the IAM endpoint/);
	});
});
