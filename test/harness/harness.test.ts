/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/node-connection-type-literal, @n8n/community-nodes/node-usable-as-tool, @n8n/community-nodes/require-node-api-error -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/**
 * Proves the harness: a tiny node and a tiny token credential run through n8n-core's WorkflowExecute,
 * httpRequestWithAuthentication, BinaryDataService and error handling, against a local server.
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { NodeOperationError } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IExecuteFunctions,
	IHttpRequestHelper,
	INodeExecutionData,
	INodeType,
} from 'n8n-workflow';

import { CredentialStore, readBinary, runNode, testCredential } from './index';

/** Issues tokens on POST /token; GET /data needs a current token; POST /__expire invalidates all. */
function startTokenServer() {
	const counters = { tokens: 0, data: 0 };
	let generation = 0;
	const valid = new Set<string>();
	const server: Server = createServer((req, res) => {
		const send = (status: number, body: unknown) => {
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(body));
		};
		if (req.method === 'POST' && req.url === '/token') {
			counters.tokens++;
			const token = `tok-${++generation}`;
			valid.add(token);
			return send(201, { token });
		}
		if (req.method === 'GET' && req.url?.startsWith('/data')) {
			counters.data++;
			const auth = req.headers.authorization ?? '';
			if (!valid.has(auth.replace(/^Bearer /, ''))) return send(401, { message: 'token expired' });
			return send(200, { ok: true, token: auth.replace(/^Bearer tok-/, 'generation-') });
		}
		if (req.method === 'POST' && req.url === '/__expire') {
			valid.clear();
			return send(200, {});
		}
		send(404, { message: 'not found' });
	});
	return new Promise<{
		url: string;
		counters: typeof counters;
		expire: () => void;
		stop: () => Promise<void>;
	}>((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as AddressInfo;
			resolve({
				url: `http://127.0.0.1:${port}`,
				counters,
				expire: () => valid.clear(),
				stop: () => new Promise<void>((done) => server.close(() => done())),
			});
		});
	});
}

class TestTokenApi implements ICredentialType {
	name = 'testTokenApi';
	displayName = 'Test Token API';
	properties: ICredentialType['properties'] = [
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
		{
			displayName: 'Token',
			name: 'token',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const body = (await this.helpers.httpRequest({
			method: 'POST',
			url: `${credentials.baseUrl}/token`,
			json: true,
		})) as { token: string };
		return { token: body.token };
	}
	authenticate = {
		type: 'generic' as const,
		properties: { headers: { Authorization: '=Bearer {{$credentials.token}}' } },
	};
	test = { request: { baseURL: '={{$credentials.baseUrl}}', url: '/data' } };
}

/** GETs `path` with the credential for each item, or reports the size + sha256 of its binary. */
class ProbeNode implements INodeType {
	description: INodeType['description'] = {
		displayName: 'Probe',
		name: 'probe',
		group: ['transform'],
		version: 1,
		description: 'Harness probe',
		defaults: { name: 'Probe' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'testTokenApi', required: false }],
		properties: [
			{ displayName: 'Mode', name: 'mode', type: 'string', default: 'request' },
			{ displayName: 'Path', name: 'path', type: 'string', default: '/data' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			try {
				if (this.getNodeParameter('mode', i) === 'binary') {
					this.helpers.assertBinaryData(i, 'data');
					const buffer = await this.helpers.getBinaryDataBuffer(i, 'data');
					const binary = await this.helpers.prepareBinaryData(
						Buffer.concat([buffer, Buffer.from('!')]),
						'copy.bin',
					);
					output.push({
						json: {
							size: buffer.length,
							sha256: createHash('sha256').update(buffer).digest('hex'),
						},
						binary: { data: binary },
						pairedItem: { item: i },
					});
					continue;
				}
				if (items[i].json.fail)
					throw new NodeOperationError(this.getNode(), 'item asked to fail', { itemIndex: i });
				const credentials = await this.getCredentials('testTokenApi');
				const body = await this.helpers.httpRequestWithAuthentication.call(this, 'testTokenApi', {
					method: 'GET',
					url: `${credentials.baseUrl}${this.getNodeParameter('path', i) as string}`,
					json: true,
				});
				output.push({ json: body, pairedItem: { item: i } });
			} catch (error) {
				if (this.continueOnFail()) {
					output.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
					continue;
				}
				throw error;
			}
		}
		return [output];
	}
}

describe('harness (n8n-core WorkflowExecute)', () => {
	let server: Awaited<ReturnType<typeof startTokenServer>>;
	beforeAll(async () => {
		server = await startTokenServer();
	});
	afterAll(async () => {
		await server.stop();
	});

	const base = () => ({
		nodeType: 'probe',
		nodeTypes: [new ProbeNode()],
		credentialTypes: [new TestTokenApi()],
	});

	it('fetches a token once, stores it, and reuses it in the next execution', async () => {
		const tokensBefore = server.counters.tokens;
		const first = await runNode({
			...base(),
			items: [{ json: {} }, { json: {} }],
			credentials: { testTokenApi: { baseUrl: server.url } },
		});
		expect(first.error).toBeUndefined();
		expect(first.outputs[0].map((item) => item.json.ok)).toEqual([true, true]);
		expect(first.preAuthCalls).toBe(1);
		expect(first.credentialStore.byType('testTokenApi')?.data.token).toMatch(/^tok-/);

		const second = await runNode({
			...base(),
			credentialStore: first.credentialStore,
			credentials: { testTokenApi: {} },
		});
		expect(second.preAuthCalls).toBe(0);
		expect(second.outputs[0][0].json.ok).toBe(true);
		expect(server.counters.tokens - tokensBefore).toBe(1);
	});

	it('refreshes once after a 401 and resends (n8n-core semantics)', async () => {
		const first = await runNode({
			...base(),
			credentials: { testTokenApi: { baseUrl: server.url } },
		});
		server.expire();
		const tokensBefore = server.counters.tokens;
		const second = await runNode({
			...base(),
			credentialStore: first.credentialStore,
			credentials: { testTokenApi: {} },
		});
		expect(second.error).toBeUndefined();
		expect(second.preAuthentications).toEqual([
			{ type: 'testTokenApi', expired: true, testing: false },
		]);
		expect(server.counters.tokens - tokensBefore).toBe(1);
		expect(second.outputs[0][0].json.ok).toBe(true);
	});

	it('passes binaries through the real BinaryDataService, in default and filesystem mode', async () => {
		const bytes = Buffer.from('harness binary payload');
		for (const binaryMode of ['filesystem', 'default'] as const) {
			const result = await runNode({
				...base(),
				binaryMode,
				parameters: { mode: 'binary' },
				items: [
					{
						json: {},
						binary: {
							data: { data: bytes, fileName: 'in.bin', mimeType: 'application/octet-stream' },
						},
					},
				],
			});
			expect(result.error).toBeUndefined();
			const [item] = result.outputs[0];
			expect(item.json).toEqual({
				size: bytes.length,
				sha256: createHash('sha256').update(bytes).digest('hex'),
			});
			expect(item.binary?.data.id !== undefined).toBe(binaryMode === 'filesystem');
			expect((await readBinary(item)).toString()).toBe('harness binary payload!');
		}
	});

	it('stops on an error, or continues with continueOnFail / the error output', async () => {
		const items = [{ json: { fail: false } }, { json: { fail: true } }];
		const credentials = { testTokenApi: { baseUrl: server.url } };
		const stopped = await runNode({ ...base(), items, credentials });
		expect(stopped.error?.message).toBe('item asked to fail');

		const continued = await runNode({ ...base(), items, credentials, continueOnFail: true });
		expect(continued.error).toBeUndefined();
		expect(continued.outputs[0].map((item) => item.json.error ?? 'ok')).toEqual([
			'ok',
			'item asked to fail',
		]);
		expect(continued.outputs[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);

		const routed = await runNode({ ...base(), items, credentials, onError: 'continueErrorOutput' });
		expect(routed.outputs).toHaveLength(2);
		expect(routed.outputs[0].map((item) => item.json.ok)).toEqual([true]);
		expect(routed.outputs[1].map((item) => item.json.error)).toEqual(['item asked to fail']);
	});

	it('shares a store across runs only when asked', async () => {
		const store = new CredentialStore();
		store.add('testTokenApi', { baseUrl: server.url, token: 'tok-unknown' });
		const result = await runNode({
			...base(),
			credentialStore: store,
			credentials: { testTokenApi: {} },
		});
		// A stored but invalid token: 401 → one refresh → success, and the new token is persisted.
		expect(result.preAuthCalls).toBe(1);
		expect(store.byType('testTokenApi')?.data.token).not.toBe('tok-unknown');
		expect(store.updates).toHaveLength(1);
	});

	it('runs a credential test the way n8n does (preAuthentication always, then the test request)', async () => {
		const ok = await testCredential('testTokenApi', { baseUrl: server.url, token: 'tok-cached' }, [
			new TestTokenApi(),
		]);
		expect(ok).toMatchObject({ status: 'OK', preAuthCalls: 1 });
		const refused = await testCredential('testTokenApi', { baseUrl: 'http://127.0.0.1:9' }, [
			new TestTokenApi(),
		]);
		expect(refused.status).toBe('Error');
	});
});
