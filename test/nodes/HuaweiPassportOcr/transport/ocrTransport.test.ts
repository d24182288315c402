/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/**
 * The transport against a scripted stand-in for n8n's httpRequestWithAuthentication: retries,
 * Retry-After, throttle waves, the first-request gate and the single token refresh. `sleep` is
 * recorded instead of waited, and moves a fake clock that the scheduler reads.
 */
import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

const sleeps: number[] = [];
const fakeTime = { now: 0 };
jest.mock('n8n-workflow', () => ({
	...jest.requireActual('n8n-workflow'),
	sleep: async (ms: number) => {
		sleeps.push(ms);
		fakeTime.now += ms;
		await new Promise((resolve) => setImmediate(resolve));
	},
}));

import { ConcurrencyWindow } from '../../../../nodes/HuaweiPassportOcr/transport/concurrencyWindow';
import { OcrTransport, ocrUrl } from '../../../../nodes/HuaweiPassportOcr/transport/ocrTransport';
import { TransportError } from '../../../../nodes/HuaweiPassportOcr/transport/failure';
import { SendScheduler } from '../../../../nodes/HuaweiPassportOcr/transport/sharedPacer';

const scheduler = (window = new ConcurrencyWindow(10)) =>
	new SendScheduler({ window, now: () => fakeTime.now });

interface Answer {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

const OK: Answer = { status: 200, body: { result: { surname: 'X' } } };

/** A fake n8n: answers from a script (per call), records each call and the peak concurrency. */
function fakeN8n(script: (call: number, options: IHttpRequestOptions) => Answer | Error) {
	const calls: IHttpRequestOptions[] = [];
	let inFlight = 0;
	let peak = 0;
	const context = {
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
				const call = calls.push(options) - 1;
				inFlight++;
				peak = Math.max(peak, inFlight);
				await new Promise((resolve) => setImmediate(resolve));
				inFlight--;
				const answer = script(call, options);
				if (answer instanceof Error) throw answer;
				if (!options.ignoreHttpStatusErrors && answer.status >= 400) {
					// What n8n throws for an HTTP error: a NodeApiError with httpCode and context.data.
					throw Object.assign(new Error('Request failed'), {
						httpCode: String(answer.status),
						context: { data: answer.body },
					});
				}
				return { statusCode: answer.status, body: answer.body, headers: answer.headers ?? {} };
			},
		},
	} as unknown as IExecuteFunctions;
	return { context, calls, peak: () => peak };
}

const settings = (patch: Partial<ConstructorParameters<typeof OcrTransport>[1]> = {}) => ({
	credentialType: 'huaweiCloudApi',
	timeoutMs: 1000,
	maxRetries: 3,
	maxThrottleWaitMs: 300_000,
	retryDelayMs: 100,
	...patch,
});

/** The stored token is expired until n8n's refresh path (a call without ignoreHttpStatusErrors) ran. */
function expiredUntilRefreshed() {
	let refreshed = false;
	return {
		script: (_call: number, options: IHttpRequestOptions): Answer => {
			if (!options.ignoreHttpStatusErrors) {
				// n8n's refresh path: the stale call would 401, n8n refreshes and resends; the fake answers the outcome.
				refreshed = true;
				return OK;
			}
			return refreshed
				? OK
				: { status: 401, body: { error_code: 'APIGW.0307', error_msg: 'token expired' } };
		},
		expire: () => {
			refreshed = false;
		},
	};
}

beforeEach(() => {
	sleeps.length = 0;
});

afterEach(() => {
	jest.restoreAllMocks();
});

describe('back-off', () => {
	const throttledThen = (failures: number, headers?: Record<string, string>) =>
		fakeN8n((call) =>
			call < failures
				? { status: 429, body: { error_code: 'APIGW.0308', error_msg: 'limit' }, headers }
				: OK,
		);
	const waits = async (
		random: number,
		patch: Partial<ConstructorParameters<typeof OcrTransport>[1]>,
		n8n: ReturnType<typeof fakeN8n>,
	) => {
		jest.spyOn(Math, 'random').mockReturnValue(random);
		await new OcrTransport(n8n.context, settings({ maxRetries: 5, ...patch })).post('u', {});
		return [...sleeps];
	};

	const unavailableThen = (failures: number) =>
		fakeN8n((call) =>
			call < failures ? { status: 503, body: { error_code: 'APIGW.0201', error_msg: 'busy' } } : OK,
		);

	it('doubles per attempt with equal jitter (between half and all of the step)', async () => {
		expect(await waits(0, { retryDelayMs: 1000 }, unavailableThen(4))).toEqual([
			500, 1000, 2000, 4000,
		]);
		sleeps.length = 0;
		expect(await waits(1, { retryDelayMs: 1000 }, unavailableThen(4))).toEqual([
			1000, 2000, 4000, 8000,
		]);
	});

	it('a throttled call without Retry-After backs off at most 5 s: the shared pace does the rest', async () => {
		expect(await waits(1, { retryDelayMs: 1000 }, throttledThen(5))).toEqual([
			1000, 2000, 4000, 5000, 5000,
		]);
	});

	it('is capped, and Retry-After wins over the schedule (plus up to 10 % jitter)', async () => {
		expect(await waits(1, { retryDelayMs: 1000, maxDelayMs: 3000 }, throttledThen(4))).toEqual([
			1000, 2000, 3000, 3000,
		]);
		sleeps.length = 0;
		expect(await waits(0.5, {}, throttledThen(1, { 'retry-after': '5' }))).toEqual([5250]);
		sleeps.length = 0;
		expect(await waits(1, {}, throttledThen(1, { 'retry-after': '5' }))).toEqual([5500]);
		sleeps.length = 0;
		expect(
			await waits(0, { maxDelayMs: 10000 }, throttledThen(1, { 'retry-after': '3600' })),
		).toEqual([10000]);
	});

	it('builds the passport URL with the project placeholder the credentials fill in', () => {
		expect(ocrUrl('https://ocr.ae-ad-1.g42cloud.com', 'passport')).toBe(
			'https://ocr.ae-ad-1.g42cloud.com/v2/{project_id}/ocr/passport',
		);
	});
});

describe('OcrTransport', () => {
	it('sends JSON bytes with a timeout, no redirects, and reads 2xx bodies and the request id', async () => {
		const n8n = fakeN8n(() => ({ ...OK, headers: { 'x-request-id': 'r1' } }));
		const response = await new OcrTransport(n8n.context, settings()).post(
			'http://x/v2/{project_id}/ocr/passport',
			{ image: 'AA' },
		);
		expect(response).toEqual({ body: OK.body, requestId: 'r1', attempts: 1 });
		expect(n8n.calls[0]).toMatchObject({
			method: 'POST',
			json: true,
			timeout: 1000,
			headers: { 'Content-Type': 'application/json;charset=UTF-8' },
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
		});
		expect(Buffer.isBuffer(n8n.calls[0].body)).toBe(true);
		expect(JSON.parse(String(n8n.calls[0].body))).toEqual({ image: 'AA' });
	});

	it('encodes the body once per call: every retry resends the same bytes', async () => {
		const n8n = fakeN8n((call) => (call < 2 ? { status: 503, body: {} } : OK));
		await new OcrTransport(n8n.context, settings()).post('http://x/v2/{project_id}/ocr/passport', {
			image: 'AA',
		});
		expect(n8n.calls).toHaveLength(3);
		expect(n8n.calls[1].body).toBe(n8n.calls[0].body);
		expect(n8n.calls[2].body).toBe(n8n.calls[0].body);
	});

	it('retries a rate throttle honouring Retry-After; two refusals alone do not pace the run', async () => {
		const throttled: Answer = {
			status: 429,
			body: { error_code: 'APIGW.0308', error_msg: 'limit' },
			headers: { 'retry-after': '7' },
		};
		const n8n = fakeN8n((call) => (call < 2 ? throttled : OK));
		const window = new ConcurrencyWindow(10);
		const pace = scheduler(window);
		const response = await new OcrTransport(n8n.context, settings({ scheduler: pace })).post(
			'u',
			{},
		);
		expect(response.attempts).toBe(3);
		// Only the Retry-After waits.
		expect(sleeps).toHaveLength(2);
		for (const ms of sleeps) expect(ms).toBeGreaterThanOrEqual(7000);
		// Two refusals are no evidence of a limit (pacing.ts wants 3 and a quarter of the answers).
		expect(pace.pacer.rate).toBe(Number.POSITIVE_INFINITY);
		// A rate limit is not a concurrency problem.
		expect(window.limit).toBe(10);
	});

	it('a concurrency throttle halves the window once for the requests in flight at the time', async () => {
		const throttled: Answer = { status: 429, body: { error_code: 'ModelArts.4401' } };
		let served = 0;
		const n8n = fakeN8n(() => (served++ < 4 && served > 1 ? throttled : OK));
		const window = new ConcurrencyWindow(8);
		const lower = jest.spyOn(window, 'lower');
		const pace = scheduler(window);
		const transport = new OcrTransport(n8n.context, settings({ scheduler: pace }));
		await transport.post('u', {}); // warms up alone
		await Promise.all([transport.post('u', {}), transport.post('u', {}), transport.post('u', {})]);
		expect(lower).toHaveBeenCalledTimes(1);
		// At most 3 were in flight when refused: never more than 2 from now on.
		expect(window.limit).toBeLessThanOrEqual(2);
		expect(pace.pacer.rate).toBe(Number.POSITIVE_INFINITY);
	});

	it('retries 502/503/504 up to Max Retries with growing back-off, then fails with the Huawei code', async () => {
		const n8n = fakeN8n(() => ({
			status: 503,
			body: { error_code: 'ModelArts.4403', error_msg: 'unavailable' },
		}));
		const error = await new OcrTransport(n8n.context, settings({ maxRetries: 3 }))
			.post('u', {})
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(TransportError);
		expect((error as TransportError).failure).toMatchObject({
			code: 'ModelArts.4403',
			status: 503,
		});
		expect(n8n.calls).toHaveLength(4);
		expect(sleeps).toHaveLength(3);
		expect(sleeps[2]).toBeGreaterThanOrEqual(200); // 100 · 2² / 2
	});

	it('throttled calls are retried past Max Retries until Max Throttling Wait, then fail naming it', async () => {
		const n8n = fakeN8n(() => ({
			status: 429,
			body: { error_code: 'APIGW.0308', error_msg: 'The throttling threshold has been reached' },
		}));
		const start = fakeTime.now;
		const error = await new OcrTransport(
			n8n.context,
			settings({ maxRetries: 1, maxThrottleWaitMs: 20_000, now: () => fakeTime.now }),
		)
			.post('u', {})
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(TransportError);
		const { failure } = error as TransportError;
		expect(failure).toMatchObject({ code: 'APIGW.0308', waitLimitMs: 20_000 });
		expect(failure.attempts).toBe(n8n.calls.length);
		// Far more than Max Retries + 1 calls, and no wait that would end past the limit.
		expect(n8n.calls.length).toBeGreaterThan(4);
		expect(fakeTime.now - start).toBeLessThan(20_000);
	});

	it('a throttled call that recovers within Max Throttling Wait succeeds whatever Max Retries says', async () => {
		const n8n = fakeN8n((call) =>
			call < 6 ? { status: 429, body: { error_code: 'APIGW.0308', error_msg: 'limit' } } : OK,
		);
		const result = await new OcrTransport(
			n8n.context,
			settings({ maxRetries: 0, now: () => fakeTime.now }),
		).post('u', {});
		expect(result.attempts).toBe(7);
	});

	it('never retries other 4xx', async () => {
		const n8n = fakeN8n(() => ({ status: 400, body: { error_code: 'AIS.0104', error_msg: 'x' } }));
		await expect(new OcrTransport(n8n.context, settings()).post('u', {})).rejects.toBeInstanceOf(
			TransportError,
		);
		expect(n8n.calls).toHaveLength(1);
		expect(sleeps).toEqual([]);
	});

	it('retries a 200 whose body is not a result (cut off by a proxy)', async () => {
		const n8n = fakeN8n((call) => (call === 0 ? { status: 200, body: '{"result":{"surn' } : OK));
		expect((await new OcrTransport(n8n.context, settings()).post('u', {})).attempts).toBe(2);
	});

	it('retries a reset connection but not a refused one', async () => {
		const reset = fakeN8n((call) =>
			call === 0 ? Object.assign(new Error('socket hang up'), { httpCode: 'ECONNRESET' }) : OK,
		);
		expect((await new OcrTransport(reset.context, settings()).post('u', {})).attempts).toBe(2);
		const refused = fakeN8n(() =>
			Object.assign(new Error('refused'), { httpCode: 'ECONNREFUSED' }),
		);
		const error = await new OcrTransport(refused.context, settings())
			.post('u', {})
			.catch((e: unknown) => e);
		expect((error as TransportError).failure.networkCode).toBe('ECONNREFUSED');
		expect(refused.calls).toHaveLength(1);
	});

	it('sends alone until the first answer, then in parallel', async () => {
		const n8n = fakeN8n(() => OK);
		const transport = new OcrTransport(n8n.context, settings());
		const first = Promise.all([
			transport.post('u', {}),
			transport.post('u', {}),
			transport.post('u', {}),
		]);
		await first;
		expect(n8n.peak()).toBe(2); // the first alone, then the two others together
	});

	it('without a token race to prevent, calls run in parallel from the first', async () => {
		const n8n = fakeN8n(() => OK);
		const transport = new OcrTransport(n8n.context, settings({ firstCallAlone: false }));
		await Promise.all([transport.post('u', {}), transport.post('u', {}), transport.post('u', {})]);
		expect(n8n.peak()).toBe(3);
	});

	it('a credential that cannot authenticate fails the run fast: no further calls', async () => {
		const n8n = fakeN8n(() => new Error('IAM refused the login: check the user name and password'));
		const transport = new OcrTransport(n8n.context, settings());
		const results = await Promise.allSettled([
			transport.post('u', {}),
			transport.post('u', {}),
			transport.post('u', {}),
		]);
		expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'rejected']);
		for (const result of results) {
			const error = (result as PromiseRejectedResult).reason as TransportError;
			expect(error.credentialFailure).toBe(true);
			expect(error.message).toMatch(/IAM refused the login/);
		}
		expect(n8n.calls).toHaveLength(1);
	});

	it('on 401, exactly one request goes the refresh way; the others wait and resend', async () => {
		const n8n = fakeN8n(expiredUntilRefreshed().script);
		const transport = new OcrTransport(n8n.context, settings());
		transport['warmed'] = true; // a token existed before this run
		const results = await Promise.all([1, 2, 3, 4].map(() => transport.post('u', {})));
		expect(results.every((result) => result.body.result !== undefined)).toBe(true);
		expect(n8n.calls.filter((options) => !options.ignoreHttpStatusErrors)).toHaveLength(1);
	});

	it('runs sharing a credential in one process (a queue worker) share one refresh on 401', async () => {
		const token = expiredUntilRefreshed();
		const n8n = fakeN8n(token.script);
		// Each execution has its own context and transport; n8n gives them the same credential id.
		const run = (credentialId: string) => {
			const context = Object.assign(Object.create(n8n.context), {
				helpers: n8n.context.helpers,
				getNode: () => ({ credentials: { huaweiCloudApi: { id: credentialId, name: 'c' } } }),
			}) as IExecuteFunctions;
			const transport = new OcrTransport(context, settings());
			transport['warmed'] = true;
			return transport;
		};
		const runs = [run('shared-1'), run('shared-1'), run('shared-1')];
		const results = await Promise.all(runs.flatMap((t) => [t.post('u', {}), t.post('u', {})]));
		expect(results.every((result) => result.body.result !== undefined)).toBe(true);
		expect(n8n.calls.filter((options) => !options.ignoreHttpStatusErrors)).toHaveLength(1);

		// Another credential id has its own token: its 401 refreshes again.
		token.expire();
		await run('other-2').post('u', {});
		expect(n8n.calls.filter((options) => !options.ignoreHttpStatusErrors)).toHaveLength(2);
	});

	it('after a futile refresh (still 401) no further refresh is tried', async () => {
		const n8n = fakeN8n(() => ({
			status: 401,
			body: { error_code: 'APIGW.0301', error_msg: 'verify aksk signature fail' },
		}));
		const transport = new OcrTransport(
			n8n.context,
			settings({ credentialType: 'huaweiCloudAkSkApi' }),
		);
		for (let i = 0; i < 3; i++) {
			const error = await transport.post('u', {}).catch((e: unknown) => e);
			expect((error as TransportError).failure).toMatchObject({ code: 'APIGW.0301', status: 401 });
		}
		expect(n8n.calls.filter((options) => !options.ignoreHttpStatusErrors)).toHaveLength(1);
	});
});
