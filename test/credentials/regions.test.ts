import { NodeHelpers, Workflow } from 'n8n-workflow';
import type { ICredentialType, INode, INodeParameters } from 'n8n-workflow';

import { IAM_BASE_URL_EXPRESSION } from '../../credentials/common/regionFields';
import { HuaweiCloudAkSkApi } from '../../credentials/HuaweiCloudAkSkApi.credentials';
import { HuaweiCloudApi } from '../../credentials/HuaweiCloudApi.credentials';
import {
	assertSafeEndpoint,
	findRegion,
	REGION_OPTIONS,
	REGIONS,
	resolveEndpoints,
} from '../../credentials/common/regions';
import { createNodeTypes } from '../harness';
import { CredentialProbe, PROBE_NODE_TYPE } from './probe';

describe('region table', () => {
	it('lists the four passport regions first, G42 hosts for ae-ad-1', () => {
		expect(REGIONS.slice(0, 4).map((r) => r.id)).toEqual([
			'ap-southeast-1',
			'ap-southeast-2',
			'cn-north-4',
			'ae-ad-1',
		]);
		expect(REGIONS.filter((r) => r.passport)).toHaveLength(4);
		expect(findRegion('ae-ad-1')).toMatchObject({
			ocrHost: 'ocr.ae-ad-1.g42cloud.com',
			iamHost: 'iam.ae-ad-1.g42cloud.com',
			edition: 'g42',
		});
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

	it('applies overrides with Override Endpoints on (trimmed, without trailing slashes) and keeps the region', () => {
		const resolved = resolveEndpoints({
			region: 'cn-north-4',
			customEndpoints: true,
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

	it('ignores the overrides of a listed region while Override Endpoints is off', () => {
		// Even an unsafe override is not looked at while the switch is off.
		const overrides = { ocrEndpoint: 'https://ocr.example', iamEndpoint: 'http://10.0.0.1' };
		const tableEndpoints = resolveEndpoints({ region: 'cn-north-4' });
		expect(resolveEndpoints({ region: 'cn-north-4', ...overrides })).toEqual(tableEndpoints);
		expect(
			resolveEndpoints({ region: 'cn-north-4', customEndpoints: false, ...overrides }),
		).toEqual(tableEndpoints);
		// Only the boolean true counts (n8n stores the switch as a boolean).
		expect(
			resolveEndpoints({ region: 'cn-north-4', customEndpoints: 'true', ...overrides }),
		).toEqual(tableEndpoints);
		expect(() =>
			resolveEndpoints({ region: 'cn-north-4', customEndpoints: true, ...overrides }),
		).toThrow(/IAM endpoint must use https/);
	});

	it('uses the endpoints of a custom region whatever the switch says', () => {
		const custom = {
			region: 'custom',
			customRegion: 'r-1',
			ocrEndpoint: 'https://ocr.example',
			iamEndpoint: 'https://iam.example',
		};
		expect(resolveEndpoints({ ...custom, customEndpoints: false })).toEqual(
			resolveEndpoints(custom),
		);
		expect(resolveEndpoints(custom).iamEndpoint).toBe('https://iam.example');
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
		).toEqual({
			region: 'my-region-7',
			ocrEndpoint: 'https://ocr.example',
			iamEndpoint: 'https://iam.example',
			edition: 'g42',
		});
		expect(() =>
			resolveEndpoints({ region: 'custom', ocrEndpoint: 'https://a', iamEndpoint: 'https://b' }),
		).toThrow(/region ID/);
		expect(() =>
			resolveEndpoints({ region: 'custom', customRegion: 'x', ocrEndpoint: 'https://a' }),
		).toThrow(/both the OCR endpoint and the IAM endpoint/);
	});

	it('refuses an unknown region and unsafe overrides', () => {
		expect(() => resolveEndpoints({ region: 'mars-1' })).toThrow(/Unknown region "mars-1"/);
		const on = { region: 'ap-southeast-1', customEndpoints: true };
		expect(() => resolveEndpoints({ ...on, ocrEndpoint: 'http://ocr.example.com' })).toThrow(
			/OCR endpoint must use https/,
		);
		expect(() => resolveEndpoints({ ...on, iamEndpoint: 'http://10.0.0.1' })).toThrow(
			/IAM endpoint must use https/,
		);
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
	const resolve = (credentials: Record<string, string | boolean>) => {
		const node: INode = {
			id: 'n',
			name: 'n',
			type: PROBE_NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		};
		const workflow = new Workflow({
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: createNodeTypes([new CredentialProbe()]),
		});
		return workflow.expression.getSimpleParameterValue(node, IAM_BASE_URL_EXPRESSION, 'internal', {
			$credentials: credentials,
		});
	};

	it.each(REGIONS.map((region) => [region.id, region.iamHost]))('%s → https://%s', (id, host) => {
		expect(resolve({ region: id, iamEndpoint: '' })).toBe(`https://${host}`);
		expect(resolveEndpoints({ region: id }).iamEndpoint).toBe(`https://${host}`);
	});

	it('the IAM endpoint wins for a custom region, or with Override Endpoints on, like resolveEndpoints', () => {
		expect(resolve({ region: 'custom', iamEndpoint: ' http://127.0.0.1:9800 ' })).toBe(
			'http://127.0.0.1:9800',
		);
		const on = {
			region: 'ap-southeast-2',
			customEndpoints: true,
			iamEndpoint: ' http://127.0.0.1:9800 ',
		};
		expect(resolve(on)).toBe('http://127.0.0.1:9800');
		expect(resolve(on)).toBe(resolveEndpoints(on).iamEndpoint);
	});

	it('ignores the IAM endpoint of a listed region while Override Endpoints is off', () => {
		for (const customEndpoints of [false, 'true']) {
			const off = {
				region: 'ap-southeast-2',
				customEndpoints,
				iamEndpoint: 'http://127.0.0.1:9800',
			};
			expect(resolve(off)).toBe('https://iam.ap-southeast-2.myhuaweicloud.com');
			expect(resolve(off)).toBe(resolveEndpoints(off).iamEndpoint);
		}
		expect(resolve({ region: 'ae-ad-1', iamEndpoint: 'http://127.0.0.1:9800' })).toBe(
			'https://iam.ae-ad-1.g42cloud.com',
		);
	});
});

describe('endpoint fields in the form (n8n keeps only the fields its display rules show)', () => {
	const credentialTypes = [new HuaweiCloudApi(), new HuaweiCloudAkSkApi()];
	const kept = (type: ICredentialType, values: INodeParameters) =>
		NodeHelpers.getNodeParameters(type.properties, values, true, false, null, null) ?? {};
	const overrides = { ocrEndpoint: 'https://ocr.example', iamEndpoint: 'https://iam.example' };

	it.each(credentialTypes.map((type) => [type.name, type]))(
		'%s: a listed region drops them while the switch is off',
		(_name, type) => {
			const data = kept(type, { region: 'ap-southeast-1', ...overrides });
			expect(data.customEndpoints).toBe(false);
			expect(data).not.toHaveProperty('ocrEndpoint');
			expect(data).not.toHaveProperty('iamEndpoint');
		},
	);

	it.each(credentialTypes.map((type) => [type.name, type]))(
		'%s: the switch on keeps them',
		(_name, type) => {
			expect(
				kept(type, { region: 'ap-southeast-1', customEndpoints: true, ...overrides }),
			).toMatchObject({ customEndpoints: true, ...overrides });
		},
	);

	it.each(credentialTypes.map((type) => [type.name, type]))(
		'%s: a custom region keeps them and hides the switch',
		(_name, type) => {
			const data = kept(type, { region: 'custom', customRegion: 'r-1', ...overrides });
			expect(data).toMatchObject(overrides);
			expect(data).not.toHaveProperty('customEndpoints');
			const required = type.properties.filter(
				(field) => field.required && field.displayOptions?.show?.region?.includes('custom'),
			);
			expect(required.map((field) => field.name)).toEqual(
				expect.arrayContaining(['ocrEndpoint', 'iamEndpoint']),
			);
		},
	);
});
