import {
	absoluteUrl,
	carryTarget,
	getProjectId,
	needsProjectId,
	projectCacheScope,
	serializeBody,
	withProjectId,
} from '../../credentials/common/request';
import type { IHttpRequestOptions } from 'n8n-workflow';

describe('project id in use', () => {
	it('IAM: the id from the token wins over the one typed', () => {
		expect(getProjectId({ projectId: 'fromToken', scopeProjectId: 'typed' })).toBe('fromToken');
		expect(getProjectId({ projectId: '', scopeProjectId: 'typed' })).toBe('typed');
		expect(getProjectId({ token: '' })).toBe('');
	});

	it('AK/SK: the typed id wins; a cached lookup counts only for its own scope', () => {
		const scope = projectCacheScope('ap-southeast-1', 'https://iam', 'AK');
		expect(
			getProjectId(
				{ projectId: 'typed', resolvedProjectId: 'cached', resolvedProjectScope: scope },
				scope,
			),
		).toBe('typed');
		expect(
			getProjectId(
				{ projectId: '', resolvedProjectId: 'cached', resolvedProjectScope: scope },
				scope,
			),
		).toBe('cached');
		const otherRegion = projectCacheScope('cn-north-4', 'https://iam', 'AK');
		expect(
			getProjectId(
				{ projectId: '', resolvedProjectId: 'cached', resolvedProjectScope: scope },
				otherRegion,
			),
		).toBe('');
	});
});

describe('{project_id} placeholder', () => {
	const options: IHttpRequestOptions = {
		method: 'POST',
		url: 'https://ocr.example/v2/{project_id}/ocr/passport',
		headers: { 'X-Test': '1' },
		body: { image: 'x' },
	};

	it("is filled in on a copy (the caller's options and headers stay untouched)", () => {
		const filled = withProjectId(options, 'p1');
		expect(filled.url).toBe('https://ocr.example/v2/p1/ocr/passport');
		expect(options.url).toContain('{project_id}');
		(filled.headers as Record<string, string>)['X-Auth-Token'] = 't';
		expect(options.headers).toEqual({ 'X-Test': '1' });
		expect(needsProjectId(options)).toBe(true);
		expect(needsProjectId({ url: 'https://iam/v3/auth/projects' })).toBe(false);
	});

	it("is filled in again from the original target on n8n's resend after a 401", () => {
		const first = withProjectId({ ...options, baseURL: undefined }, 'old');
		const derived = carryTarget(first, { ...first, url: 'https://changed-by-signing' });
		const resent = withProjectId(derived, 'new');
		expect(resent.url).toBe('https://ocr.example/v2/new/ocr/passport');
		expect(needsProjectId(resent)).toBe(true);
	});

	it('keeps baseURL and qs as the node wrote them', () => {
		const filled = withProjectId(
			{ baseURL: 'https://ocr.example', url: '/v2/{project_id}/x', qs: { a: 1 } },
			'p',
		);
		expect(filled).toMatchObject({ baseURL: 'https://ocr.example', url: '/v2/p/x', qs: { a: 1 } });
	});
});

describe('exact bytes for signing', () => {
	it('absoluteUrl joins baseURL and url and folds qs in', () => {
		expect(
			absoluteUrl({
				baseURL: 'http://127.0.0.1:9/base/',
				url: '/v3/projects',
				qs: { name: 'ap-southeast-1', n: [1, 2] },
			}),
		).toBe('http://127.0.0.1:9/base/v3/projects?name=ap-southeast-1&n=1&n=2');
		expect(absoluteUrl({ url: 'https://iam.example/v3/projects?x=1', qs: { y: 'a b' } })).toBe(
			'https://iam.example/v3/projects?x=1&y=a+b',
		);
	});

	it('serialises JSON bodies once and sets the content type', () => {
		const { body, options } = serializeBody({
			method: 'POST',
			url: 'https://x',
			body: { image: 'abc' },
		});
		expect(body).toBe('{"image":"abc"}');
		expect(options.body).toBe(body);
		expect(options.headers).toEqual({ 'Content-Type': 'application/json' });
		const typed = serializeBody({
			method: 'POST',
			url: 'https://x',
			body: { a: 1 },
			headers: { 'content-type': 'application/json;charset=UTF-8' },
		});
		expect(typed.options.headers).toEqual({ 'content-type': 'application/json;charset=UTF-8' });
	});

	it('signs an empty body for GET and keeps strings and buffers as they are', () => {
		expect(serializeBody({ method: 'GET', url: 'https://x', body: { ignored: true } }).body).toBe(
			'',
		);
		expect(serializeBody({ method: 'POST', url: 'https://x', body: 'raw' }).body).toBe('raw');
		expect(
			serializeBody({ method: 'POST', url: 'https://x', body: Buffer.from('b') }).body,
		).toEqual(Buffer.from('b'));
		expect(
			serializeBody({ method: 'POST', url: 'https://x', body: new URLSearchParams({ a: 'b c' }) })
				.body,
		).toBe('a=b+c');
	});

	it('refuses bodies it cannot hash up front', () => {
		const stream = { pipe: () => undefined } as unknown as IHttpRequestOptions['body'];
		expect(() => serializeBody({ method: 'POST', url: 'https://x', body: stream })).toThrow(
			/send JSON, not a stream/,
		);
	});
});
