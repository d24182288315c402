/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
import type { IHttpRequestOptions } from 'n8n-workflow';

import { HuaweiCloudAkSkApi } from '../../credentials/HuaweiCloudAkSkApi.credentials';
import { HuaweiCloudApi } from '../../credentials/HuaweiCloudApi.credentials';
import { projectCacheScope } from '../../credentials/common/request';
import { parseAuthorization, verifySignature } from './signatureCheck';

const keys = {
	accessKey: 'AKUNIT0000000000000',
	secretKey: 'SKUNIT00000000000000000000000000000000000',
};
const credentials = {
	region: 'ap-southeast-1',
	...keys,
	projectId: '0123456789abcdef0123456789abcdef',
	securityToken: '',
	ocrEndpoint: '',
	iamEndpoint: '',
	resolvedProjectId: '',
	resolvedProjectScope: '',
};
const ocrRequest: IHttpRequestOptions = {
	method: 'POST',
	url: 'https://ocr.ap-southeast-1.myhuaweicloud.com/v2/{project_id}/ocr/passport',
	body: { image: '/9j/4AAQ', country_code: 'GENERAL' },
	json: true,
};

function verifies(options: IHttpRequestOptions, secretKey = keys.secretKey): boolean {
	const headers = options.headers as Record<string, string>;
	const parsed = parseAuthorization(headers.Authorization)!;
	const body = typeof options.body === 'string' ? options.body : '';
	return verifySignature(
		{ method: options.method ?? 'GET', url: options.url, headers, body },
		parsed,
		secretKey,
		headers['X-Sdk-Date'],
	);
}

describe('AK/SK authenticate', () => {
	const credential = new HuaweiCloudAkSkApi();

	it('fills the project, adds X-Project-Id, and signs exactly what is sent', async () => {
		const signed = await credential.authenticate(credentials, ocrRequest);
		expect(signed.url).toBe(
			'https://ocr.ap-southeast-1.myhuaweicloud.com/v2/0123456789abcdef0123456789abcdef/ocr/passport',
		);
		expect(signed.body).toBe('{"image":"/9j/4AAQ","country_code":"GENERAL"}');
		const headers = signed.headers as Record<string, string>;
		expect(headers['X-Project-Id']).toBe(credentials.projectId);
		expect(parseAuthorization(headers.Authorization)?.signedHeaders).toEqual([
			'content-type',
			'host',
			'x-project-id',
			'x-sdk-date',
		]);
		expect(verifies(signed)).toBe(true);
		expect(verifies(signed, 'another secret')).toBe(false);
		expect(ocrRequest.headers).toBeUndefined();
	});

	it('signs again cleanly when n8n resends the authenticated options after a 401', async () => {
		const first = await credential.authenticate(credentials, ocrRequest);
		const again = await credential.authenticate(credentials, first);
		expect(again.url).toBe(first.url);
		expect(
			Object.keys(again.headers ?? {}).filter((name) => name.toLowerCase() === 'authorization'),
		).toHaveLength(1);
		expect(verifies(again)).toBe(true);
	});

	it('signs the query of IAM calls, without X-Project-Id, and adds the security token of temporary keys', async () => {
		const signed = await credential.authenticate(
			{ ...credentials, securityToken: 'sts-token' },
			{
				method: 'GET',
				baseURL: 'https://iam.ap-southeast-1.myhuaweicloud.com',
				url: '/v3/projects',
				qs: { name: 'ap-southeast-1' },
			},
		);
		expect(signed.url).toBe(
			'https://iam.ap-southeast-1.myhuaweicloud.com/v3/projects?name=ap-southeast-1',
		);
		expect(signed.qs).toBeUndefined();
		const headers = signed.headers as Record<string, string>;
		expect(headers['X-Project-Id']).toBeUndefined();
		expect(headers['X-Security-Token']).toBe('sts-token');
		expect(parseAuthorization(headers.Authorization)?.signedHeaders).toContain('x-security-token');
		expect(verifies(signed)).toBe(true);
	});

	it('uses a cached project only for its scope; otherwise sends unsigned so n8n refreshes', async () => {
		const scope = projectCacheScope(
			'ap-southeast-1',
			'https://iam.ap-southeast-1.myhuaweicloud.com',
			keys.accessKey,
		);
		const cached = {
			...credentials,
			projectId: '',
			resolvedProjectId: 'cachedproject',
			resolvedProjectScope: scope,
		};
		const signed = await credential.authenticate(cached, ocrRequest);
		expect(signed.url).toContain('/v2/cachedproject/');
		const stale = await credential.authenticate(
			{ ...cached, region: 'ap-southeast-2' },
			ocrRequest,
		);
		expect(stale.headers?.Authorization).toBeUndefined();
	});
});

describe('IAM authenticate', () => {
	it('adds X-Auth-Token and the project from the token', async () => {
		const options = await new HuaweiCloudApi().authenticate(
			{ token: 'MIItoken', projectId: 'fromtoken', scopeProjectId: '' },
			{ ...ocrRequest, headers: { 'X-Other': '1' } },
		);
		expect(options.url).toContain('/v2/fromtoken/ocr/passport');
		expect(options.headers).toEqual({ 'X-Other': '1', 'X-Auth-Token': 'MIItoken' });
	});
});
