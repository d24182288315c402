import { Workflow } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

import { IAM_BASE_URL_EXPRESSION } from '../../credentials/common/fields';
import { assertSafeEndpoint, findRegion, REGION_OPTIONS, REGIONS, resolveEndpoints } from '../../credentials/common/regions';
import { createNodeTypes } from '../harness';
import { CredentialProbe, PROBE_NODE_TYPE } from './probe';

describe('region table', () => {
	it('lists the four passport regions first, G42 hosts for ae-ad-1', () => {
		expect(REGIONS.slice(0, 4).map((r) => r.id)).toEqual(['ap-southeast-1', 'ap-southeast-2', 'cn-north-4', 'ae-ad-1']);
		expect(REGIONS.filter((r) => r.passport)).toHaveLength(4);
		expect(findRegion('ae-ad-1')).toMatchObject({ ocrHost: 'ocr.ae-ad-1.g42cloud.com', iamHost: 'iam.ae-ad-1.g42cloud.com', edition: 'g42' });
		expect(findRegion('cn-north-4')?.ocrHost).toBe('ocr.cn-north-4.myhuaweicloud.com');
		expect(REGION_OPTIONS.at(-1)?.value).toBe('custom');
		expect(new Set(REGION_OPTIONS.map((o) => o.value)).size).toBe(REGION_OPTIONS.length);
	});
});

describe('resolveEndpoints', () => {
	it('uses the region table by default', () => {
		expect(resolveEndpoints({ region: 'ap-southeast-2' })).toEqual({
			region: 'ap-southeast-2',
			ocrEndpoint: 'https://ocr.ap-southeast-2.myhuaweicloud.com',
			iamEndpoint: 'https://iam.ap-southeast-2.myhuaweicloud.com',
			edition: 'international',
		});
		expect(resolveEndpoints({ region: 'ae-ad-1' }).edition).toBe('g42');
		expect(resolveEndpoints({}).region).toBe('ap-southeast-1');
	});

	it('applies overrides (trimmed, without trailing slashes) and keeps the region', () => {
		const resolved = resolveEndpoints({
			region: 'cn-north-4',
			ocrEndpoint: ' http://127.0.0.1:9800/ ',
			iamEndpoint: 'https://iam.example.internal/prefix//',
		});
		expect(resolved).toEqual({
			region: 'cn-north-4',
			ocrEndpoint: 'http://127.0.0.1:9800',
			iamEndpoint: 'https://iam.example.internal/prefix',
			edition: 'international',
		});
	});

	it('needs a region id and both endpoints for a custom region', () => {
		expect(
			resolveEndpoints({
				region: 'custom',
				customRegion: 'my-region-7',
				edition: 'g42',
				ocrEndpoint: 'https://ocr.example',
				iamEndpoint: 'https://iam.example',
			}),
		).toEqual({ region: 'my-region-7', ocrEndpoint: 'https://ocr.example', iamEndpoint: 'https://iam.example', edition: 'g42' });
		expect(() => resolveEndpoints({ region: 'custom', ocrEndpoint: 'https://a', iamEndpoint: 'https://b' })).toThrow(/region ID/);
		expect(() => resolveEndpoints({ region: 'custom', customRegion: 'x', ocrEndpoint: 'https://a' })).toThrow(/both the OCR endpoint and the IAM endpoint/);
	});

	it('refuses an unknown region and unsafe overrides', () => {
		expect(() => resolveEndpoints({ region: 'mars-1' })).toThrow(/Unknown region "mars-1"/);
		expect(() => resolveEndpoints({ region: 'ap-southeast-1', ocrEndpoint: 'http://ocr.example.com' })).toThrow(/OCR endpoint must use https/);
		expect(() => resolveEndpoints({ region: 'ap-southeast-1', iamEndpoint: 'http://10.0.0.1' })).toThrow(/IAM endpoint must use https/);
	});
});

describe('assertSafeEndpoint (https, or http to this machine only)', () => {
	it.each([
		'https://ocr.ap-southeast-1.myhuaweicloud.com',
		'https://10.1.2.3:8443/ocr',
		'http://127.0.0.1:9800',
		'http://127.45.6.7',
		'http://localhost:3000',
		'http://LOCALHOST',
		'http://[::1]:9800',
	])('accepts %s', (url) => {
		expect(() => assertSafeEndpoint(url, 'OCR endpoint')).not.toThrow();
	});

	it.each([
		['http://example.com', /must use https/],
		['http://127.0.0.1.example.com', /must use https/],
		['http://128.0.0.1', /must use https/],
		['http://127.0.0.256', /not a valid URL/],
		['http://[::2]', /must use https/],
		['http://0.0.0.0:9800', /must use https/],
		['ftp://127.0.0.1', /must be an https/],
		['https://user:secret@ocr.example', /must not contain a user name or password/],
		['ocr.example.com', /not a valid URL/],
		['', /not a valid URL/],
	])('refuses %s', (url, message) => {
		expect(() => assertSafeEndpoint(url, 'OCR endpoint')).toThrow(message);
	});

	it('names the field in the message and never echoes URL credentials', () => {
		let message = '';
		try {
			assertSafeEndpoint('https://user:hunter22@iam.example', 'IAM endpoint');
		} catch (error) {
			message = (error as Error).message;
		}
		expect(message).toMatch(/^IAM endpoint/);
		expect(message).not.toContain('hunter22');
	});
});

describe('IAM base URL of the credential test requests', () => {
	// n8n resolves test-request URLs with its expression engine before preAuthentication runs.
	const resolve = (credentials: Record<string, string>) => {
		const node: INode = { id: 'n', name: 'n', type: PROBE_NODE_TYPE, typeVersion: 1, position: [0, 0], parameters: {} };
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: createNodeTypes([new CredentialProbe()]) });
		return workflow.expression.getSimpleParameterValue(node, IAM_BASE_URL_EXPRESSION, 'internal', { $credentials: credentials });
	};

	it.each(REGIONS.map((region) => [region.id, region.iamHost]))('%s → https://%s', (id, host) => {
		expect(resolve({ region: id, iamEndpoint: '' })).toBe(`https://${host}`);
		expect(resolveEndpoints({ region: id }).iamEndpoint).toBe(`https://${host}`);
	});

	it('an override wins', () => {
		expect(resolve({ region: 'custom', iamEndpoint: ' http://127.0.0.1:9800 ' })).toBe('http://127.0.0.1:9800');
	});
});
