/**
 * The only place that talks HTTP: every call goes through n8n's httpRequestWithAuthentication with
 * a JSON body, a timeout, its turn at the shared pace, retries with back-off, and at most one token
 * refresh per credential per process. Design: docs/transport.md#ocrtransportts-calls-tokens-retries
 */
import { sleep } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';

import { recordOrEmpty, PROJECT_ID_PLACEHOLDER, redact } from '../credentialsSeam';
import { parseFailure, retryClass, TransportError } from './failure';
import { jsonBytes } from './jsonBody';
import type { BodyFields } from './jsonBody';
import type { HuaweiFailure, RetryClass } from './failure';
import { monotonicNow } from './pacing';
import type { CallResult, Clock } from './pacing';
import type { SendScheduler, Wait } from './sharedPacer';

export function ocrUrl(ocrEndpoint: string, api: string): string {
	return `${ocrEndpoint}/v2/${PROJECT_ID_PLACEHOLDER}/ocr/${api}`;
}

export interface TransportSettings {
	credentialType: string;
	/** Per attempt, milliseconds. */
	timeoutMs: number;
	/** Retries after the first attempt, for 502/503/504 and dropped connections only. */
	maxRetries: number;
	/** How long a throttled call may go on waiting for turns and retries, milliseconds. */
	maxThrottleWaitMs: number;
	/** First back-off step, milliseconds; doubles per retry (with jitter). */
	retryDelayMs: number;
	/** Upper bound for any single wait, milliseconds. */
	maxDelayMs?: number;
	/** Paces every attempt and adapts to Huawei's throttling; without one, calls are not paced. */
	scheduler?: SendScheduler;
	/** Send the first call alone (default): only where concurrent first calls would race for a token. */
	firstCallAlone?: boolean;
	/** For tests: the clock of deadlines and the wait of back-offs. */
	now?: Clock;
	wait?: Wait;
}

export interface HuaweiResponse {
	body: IDataObject;
	requestId?: string;
	/** How many attempts it took (1 = no retry). */
	attempts: number;
}

interface RawResponse {
	status: number;
	body: unknown;
	headers: Record<string, unknown>;
}

/**
 * A throttled call backs off at most this long without Retry-After: Huawei advises 2-5 s, and the
 * shared pace, not this wait, is what keeps calls under the limit.
 */
const THROTTLE_MAX_BACKOFF_MS = 5000;

/** Exponential back-off with equal jitter; Retry-After wins when Huawei sends one. */
function backoffDelay(
	attempt: number,
	baseMs: number,
	maxMs: number,
	retryAfterSeconds?: number,
	random = Math.random(),
): number {
	// Huawei says when to come back: wait that long plus up to 10 % jitter, so requests throttled
	// together do not return together, without leaving the gateway idle for a whole Retry Delay.
	if (retryAfterSeconds !== undefined)
		return Math.min(maxMs, Math.round(retryAfterSeconds * 1000 * (1 + random / 10)));
	const step = Math.min(maxMs, baseMs * 2 ** attempt);
	return Math.round(step / 2 + (random * step) / 2);
}

/** A 2xx body must be JSON with a `result` object; anything else was cut off or is not Huawei's. */
function isResultBody(body: unknown): body is IDataObject {
	const result = recordOrEmpty(body).result;
	return typeof result === 'object' && result !== null && !Array.isArray(result);
}

const NETWORK_CODE = /^(E[A-Z0-9_]+|ERR_[A-Z_]+)$/;

/** Huawei's throttle about concurrent calls; any other throttle is about the request rate. */
const CONCURRENCY_THROTTLE = 'ModelArts.4401';

function callResult(failure: HuaweiFailure, retry: RetryClass): CallResult {
	if (retry === 'throttled')
		return failure.code === CONCURRENCY_THROTTLE ? 'concurrencyLimited' : 'rateLimited';
	return failure.status === undefined ? 'unanswered' : 'accepted';
}

/** The token refresh and the first call of one credential, shared by the runs of this process. */
interface RefreshState {
	/** Bumped after each token refresh; a 401 from an older generation just resends. */
	generation: number;
	refreshing?: Promise<void>;
	/** The call sent alone while no answer has shown that a token exists. */
	firstCall?: Promise<unknown>;
}

/** Per credential (type and id): n8n stores one token per credential, in its database. */
const sharedRefreshes = new Map<string, RefreshState>();

function refreshStateFor(context: IExecuteFunctions, credentialType: string): RefreshState {
	const id = context.getNode?.()?.credentials?.[credentialType]?.id;
	if (!id) return { generation: 0 };
	const key = `${credentialType}:${id}`;
	let state = sharedRefreshes.get(key);
	if (!state) {
		state = { generation: 0 };
		sharedRefreshes.set(key, state);
	}
	return state;
}
export class OcrTransport {
	/** An answer (any status) came back once: a token exists, requests may run in parallel. */
	private warmed = false;
	private readonly refresh: RefreshState;
	private readonly now: Clock;
	private readonly wait: Wait;
	private fatal?: TransportError;

	constructor(
		private readonly context: IExecuteFunctions,
		private readonly settings: TransportSettings,
	) {
		this.refresh = refreshStateFor(context, settings.credentialType);
		this.warmed = settings.firstCallAlone === false;
		this.now = settings.now ?? monotonicNow;
		this.wait = settings.wait ?? sleep;
	}

	/** A refresh was tried and the resend still got a 401: more refreshes would not help this run. */
	private refreshFutile = false;

	/** POST a JSON body to an OCR API; resolves with the 2xx body or throws TransportError. */
	async post(url: string, fields: BodyFields): Promise<HuaweiResponse> {
		const body = jsonBytes(fields);
		const maxDelay = this.settings.maxDelayMs ?? 60_000;
		const scheduler = this.settings.scheduler;
		const since = this.now();
		const waitUntil = since + this.settings.maxThrottleWaitMs;
		let throttles = 0;
		let outages = 0;
		let last: HuaweiFailure | undefined;
		for (let attempt = 0; ; attempt++) {
			const ticket = scheduler ? await scheduler.begin(since, waitUntil) : undefined;
			if (scheduler && !ticket) throw this.waitedTooLong(last, attempt);
			const answer = await this.attempt(url, body);
			if ('accepted' in answer) {
				if (ticket) scheduler?.end(ticket, 'accepted');
				const { accepted, failure } = answer;
				return { body: accepted, requestId: failure.requestId, attempts: attempt + 1 };
			}
			const { error, failure } = answer;
			const retry = retryClass(failure);
			if (ticket) scheduler?.end(ticket, callResult(failure, retry), failure.statedRps);
			if (error.credentialFailure) throw error;
			failure.attempts = attempt + 1;
			last = failure;
			if (retry === 'no') throw error;
			let delay: number;
			if (retry === 'throttled') {
				delay = backoffDelay(
					throttles++,
					this.settings.retryDelayMs,
					failure.retryAfterSeconds === undefined
						? Math.min(maxDelay, THROTTLE_MAX_BACKOFF_MS)
						: maxDelay,
					failure.retryAfterSeconds,
				);
				if (this.now() + delay >= waitUntil) throw this.waitedTooLong(failure, attempt + 1);
			} else {
				if (outages++ >= this.settings.maxRetries) throw error;
				delay = backoffDelay(outages - 1, this.settings.retryDelayMs, maxDelay);
			}
			await this.wait(delay);
		}
	}

	/** One attempt: Huawei's result, or the failure it ended in (with the error to throw for it). */
	private async attempt(
		url: string,
		body: Buffer,
	): Promise<
		| { accepted: IDataObject; failure: HuaweiFailure }
		| { error: TransportError; failure: HuaweiFailure }
	> {
		try {
			const response = await this.exchange(url, body);
			const failure = parseFailure(response.status, response.body, response.headers);
			if (response.status >= 200 && response.status < 300) {
				if (isResultBody(response.body)) return { accepted: response.body, failure };
				failure.malformed = true;
			}
			return { error: new TransportError({ failure }), failure };
		} catch (thrown) {
			// exchange() only ever throws TransportError (send() classifies everything n8n throws).
			const error =
				thrown instanceof TransportError
					? thrown
					: new TransportError({
							failure: {},
							credentialFailure: true,
							message: (thrown as Error)?.message ?? 'The request failed',
						});
			return { error, failure: error.failure };
		}
	}

	/** Throttling kept the call from Huawei past Max Throttling Wait: the last refusal, if any, says more. */
	private waitedTooLong(last: HuaweiFailure | undefined, attempts: number): TransportError {
		return new TransportError({
			failure: { ...last, attempts, waitLimitMs: this.settings.maxThrottleWaitMs },
		});
	}

	/** One answer for one request, including the single token refresh a 401 may need. */
	private async exchange(url: string, body: Buffer): Promise<RawResponse> {
		const shared = this.refresh;
		const generation = shared.generation;
		const response = await this.sendGated(url, body);
		// Both credentials may refresh: IAM gets a new token, AK/SK re-resolves its project (n8n runs
		// whichever preAuthentication the credential has; without one it simply resends).
		if (response.status !== 401 || this.refreshFutile) return response;
		if (shared.generation !== generation) return await this.sendGated(url, body);
		if (shared.refreshing) {
			await shared.refreshing;
			return await this.sendGated(url, body);
		}
		let refreshed: RawResponse | undefined;
		let refreshError: unknown;
		shared.refreshing = this.send(url, body, true)
			.then(
				(answer) => {
					refreshed = answer;
				},
				(error: unknown) => {
					refreshError = error;
				},
			)
			.finally(() => {
				shared.generation++;
				shared.refreshing = undefined;
			});
		await shared.refreshing;
		if (refreshed?.status === 401) this.refreshFutile = true;
		if (refreshed) return refreshed;
		throw refreshError;
	}

	/**
	 * Waits for a token refresh in progress, and sends alone until the first answer came back (to a
	 * call of any run of this process with the same credential).
	 */
	private async sendGated(url: string, body: Buffer): Promise<RawResponse> {
		const shared = this.refresh;
		while (!this.warmed) {
			if (this.fatal) throw this.fatal;
			if (!shared.firstCall) {
				const first = this.send(url, body, false);
				shared.firstCall = first;
				try {
					const answer = await first;
					this.warmed = true;
					return answer;
				} finally {
					if (shared.firstCall === first) shared.firstCall = undefined;
				}
			}
			await shared.firstCall.then(
				() => {
					this.warmed = true;
				},
				() => undefined,
			);
		}
		if (shared.refreshing) await shared.refreshing;
		if (this.fatal) throw this.fatal;
		return await this.send(url, body, false);
	}

	/**
	 * One HTTP request. With `letN8nRefresh`, a 4xx/5xx throws inside n8n, which is what makes it refresh
	 * the token on a 401 and resend once; the error's status and body are turned back into an answer.
	 */
	private async send(url: string, body: Buffer, letN8nRefresh: boolean): Promise<RawResponse> {
		if (this.fatal) throw this.fatal;
		const options: IHttpRequestOptions = {
			method: 'POST',
			url,
			body,
			// For the answer: parsed as JSON (the body is already JSON bytes, sent as they are).
			json: true,
			headers: { 'Content-Type': 'application/json;charset=UTF-8' },
			// Huawei's APIs answer where they are asked; a redirect means a wrong endpoint, and following
			// one would also make the HTTP client keep a copy of every body in case it must resend it.
			disableFollowRedirect: true,
			timeout: this.settings.timeoutMs,
			returnFullResponse: true,
			ignoreHttpStatusErrors: !letN8nRefresh,
		};
		try {
			const response = (await this.context.helpers.httpRequestWithAuthentication.call(
				this.context,
				this.settings.credentialType,
				options,
			)) as IN8nHttpFullResponse;
			return {
				status: response.statusCode,
				body: response.body,
				headers: recordOrEmpty(response.headers),
			};
		} catch (error) {
			const classified = this.classify(error, letN8nRefresh);
			if (classified instanceof TransportError) throw classified;
			return classified;
		}
	}

	/** Turns what n8n threw into an answer (refresh path), a network failure, or a credential failure. */
	private classify(error: unknown, letN8nRefresh: boolean): RawResponse | TransportError {
		const thrown = recordOrEmpty(error);
		const httpCode =
			thrown.httpCode === undefined || thrown.httpCode === null ? '' : String(thrown.httpCode);
		if (letN8nRefresh && /^\d{3}$/.test(httpCode)) {
			const data = recordOrEmpty(thrown.context).data;
			return { status: Number(httpCode), body: data ?? thrown.description ?? '', headers: {} };
		}
		if (NETWORK_CODE.test(httpCode) || typeof thrown.code === 'string') {
			const networkCode = NETWORK_CODE.test(httpCode) ? httpCode : String(thrown.code);
			return new TransportError({
				failure: { networkCode },
				detail: redact(String(thrown.message ?? '')),
			});
		}
		// Neither an answer nor a network error: the credential could not produce a token or a
		// signature (its message already says why). Every later request would fail the same way.
		// The credential's message may quote Huawei's answer (an unknown AK): redact it like ours.
		const message =
			typeof thrown.message === 'string' && thrown.message
				? (redact(thrown.message) as string)
				: 'The credential could not be used';
		const description =
			typeof thrown.description === 'string' ? redact(thrown.description) : undefined;
		this.fatal = new TransportError({
			failure: { iam: true },
			credentialFailure: true,
			message,
			detail: description,
		});
		return this.fatal;
	}
}
