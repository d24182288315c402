/**
 * Every failure of an item, turned into what n8n shows, in one place: local input problems, Huawei's
 * answers (with the context the action added) and credentials that could not be used. The advice for
 * a Huawei failure is worked out once, when the action adds the item's context.
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import { networkWords } from '../credentialsSeam';
import { retryClass, TransportError } from '../transport/failure';
import type { HuaweiFailure, RetryClass } from '../transport/failure';
import { HUAWEI_CODES, IAM_BY_STATUS, PERMISSION_ACTION } from './huaweiCodes';
import type { FailureContext } from './failureContext';
import { InputProblem } from './inputProblem';

interface ErrorAdvice {
	/** One line: what happened. */
	message: string;
	/** Words for the parenthesis after the message, next to Huawei's code (e.g. "connection refused"). */
	tag?: string;
	/** What to do about it. */
	action: string;
	retry: RetryClass;
}

const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT']);

type Words = Omit<ErrorAdvice, 'retry'>;

/** No answer came back: the call timed out, or Huawei could not be reached at all. */
function adviseOnNoAnswer(failure: HuaweiFailure, context: FailureContext): Words {
	if (failure.networkCode && TIMEOUT_CODES.has(failure.networkCode)) {
		const limit = context.timeoutMs !== undefined ? ` within ${context.timeoutMs} ms` : '';
		return {
			message: `Huawei Cloud gave no answer${limit} (Timeout option)`,
			action:
				'Raise the Timeout option (large images and URL downloads take longer), or lower Concurrency. The call was not retried: Huawei may still have processed it.',
		};
	}
	return {
		message: `Could not reach Huawei Cloud${context.endpoint ? ` at ${context.endpoint}` : ''}`,
		tag: failure.networkCode ? networkWords(failure.networkCode) : 'network error',
		action:
			"Check the credential's Region (or its OCR Endpoint, for a custom region) and that n8n can reach that host; raise Timeout if large images time out.",
	};
}

/** An answer whose code we do not know: the HTTP status says what it is. */
function adviseOnStatus(status: number, context: FailureContext): Words {
	if (status === 429)
		return {
			message: 'Huawei throttled the requests',
			action: 'Lower Concurrency or raise Max Throttling Wait.',
		};
	if (status === 401)
		return {
			message: 'Huawei refused the credential',
			action: 'Check the credential (user, password, account, region or AK/SK).',
		};
	if (status === 403)
		return { message: 'Huawei forbids this request', action: PERMISSION_ACTION(context) };
	if (status === 404)
		return { message: 'The API was not found', action: HUAWEI_CODES['APIGW.0101'].action(context) };
	if (status >= 300 && status < 400)
		return {
			message: `${context.endpoint ?? 'The OCR endpoint'} answered with a redirect, not with Huawei's API`,
			action:
				"Set the credential's Region, or its OCR Endpoint for a custom region, to the API's own https:// address (https://ocr.<region>.myhuaweicloud.com); the node does not follow redirects.",
		};
	if (status >= 500)
		return {
			message: 'Huawei Cloud had a server error',
			action: 'Try again later; the node retries 502/503/504 by itself.',
		};
	return { message: 'Huawei rejected the request', action: 'Check the image and the parameters.' };
}

/** The words for a failure: its own case, Huawei's code (or IAM's status), else the status. */
function wordsFor(failure: HuaweiFailure, context: FailureContext): Words {
	if (failure.malformed) {
		return {
			message: "Huawei's answer could not be read (cut off or not JSON)",
			action: 'The node retried; if it persists, check proxies between n8n and Huawei Cloud.',
		};
	}
	if (failure.waitLimitMs !== undefined) {
		return {
			message: `Huawei's rate limit kept the image waiting longer than Max Throttling Wait (${Math.round(
				failure.waitLimitMs / 1000,
			)} s)`,
			action:
				"The account's request quota is shared by every execution using this credential: raise Max Throttling Wait, send fewer images at once, set Max Requests Per Second to the quota, or ask Huawei for a higher quota.",
		};
	}
	const entry =
		(failure.code ? HUAWEI_CODES[failure.code] : undefined) ??
		(failure.iam && failure.status !== undefined ? IAM_BY_STATUS[failure.status] : undefined);
	if (entry) return { message: entry.message, action: entry.action(context) };
	if (failure.status === undefined) return adviseOnNoAnswer(failure, context);
	return adviseOnStatus(failure.status, context);
}

/** The message and the advice for a failure; unknown codes fall back to the HTTP status. */
function adviseOnFailure(failure: HuaweiFailure, context: FailureContext): ErrorAdvice {
	return { ...wordsFor(failure, context), retry: retryClass(failure) };
}

/**
 * A failed Huawei call with what the action knows about it (region, endpoint, the item's image
 * source): the advice is worked out here, once.
 */
export class HuaweiCallError extends Error {
	readonly failure: HuaweiFailure;

	readonly context: FailureContext;

	readonly advice: ErrorAdvice;

	constructor(options: { failure: HuaweiFailure; context?: FailureContext }) {
		const context = options.context ?? {};
		const advice = adviseOnFailure(options.failure, context);
		super(advice.message);
		this.name = 'HuaweiCallError';
		this.failure = options.failure;
		this.context = context;
		this.advice = advice;
	}
}

/**
 * What an action does with anything its transport threw: a Huawei failure gets the action's context;
 * a credential that could not be used, and anything else, pass unchanged.
 */
export function withCallContext(error: unknown, context: FailureContext): unknown {
	return error instanceof TransportError && !error.credentialFailure
		? new HuaweiCallError({ failure: error.failure, context })
		: error;
}

/**
 * The error message, self-sufficient because n8n keeps only the message in an error item's JSON
 * (continue-on-fail, error output): "Item N: what happened (code, HTTP status, retried K times): what
 * to do. Request id: X." The description repeats the advice with Huawei's own words.
 */
function describeFailure(
	error: HuaweiCallError,
	itemIndex: number,
): { message: string; description: string } {
	const { failure, advice } = error;
	const retries = (failure.attempts ?? 1) - 1;
	const retried =
		retries > 0 ? `retried ${retries === 1 ? 'once' : `${retries} times`}` : undefined;
	const tag = [
		failure.code,
		failure.status !== undefined ? `HTTP ${failure.status}` : undefined,
		advice.tag,
		retried,
	]
		.filter(Boolean)
		.join(', ');
	const huawei = failure.huaweiMessage ? ` Huawei said: "${failure.huaweiMessage}".` : '';
	const request = failure.requestId ? ` Request id: ${failure.requestId}.` : '';
	return {
		message: `Item ${itemIndex}: ${advice.message}${tag ? ` (${tag})` : ''}: ${advice.action}${request}`,
		description: `${advice.action}${huawei}${request}`,
	};
}

/** The NodeApiError the node throws: our message and advice, Huawei's code and request id in the details. */
function toNodeApiError(node: INode, error: HuaweiCallError, itemIndex: number): NodeApiError {
	const { failure, context } = error;
	const { message, description } = describeFailure(error, itemIndex);
	const details: JsonObject = {
		code: failure.code ?? null,
		httpStatus: failure.status ?? null,
		huaweiMessage: failure.huaweiMessage ?? null,
		requestId: failure.requestId ?? null,
		region: context.region ?? null,
		imageSource: context.imageSource ?? null,
		attempts: failure.attempts ?? null,
	};
	const apiError = new NodeApiError(node, details, {
		message,
		description,
		httpCode: failure.status !== undefined ? String(failure.status) : undefined,
		itemIndex,
	});
	Object.assign(apiError.context, {
		huaweiCode: failure.code,
		requestId: failure.requestId,
		imageSource: context.imageSource,
	});
	return apiError;
}

/** Any error of one item → the NodeApiError/NodeOperationError n8n shows, with the item index. */
export function itemError(
	node: INode,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof InputProblem) {
		return new NodeOperationError(
			node,
			`Item ${itemIndex}, field "${error.field}": ${error.message}`,
			{
				itemIndex,
			},
		);
	}
	if (error instanceof TransportError) {
		if (error.credentialFailure) {
			return new NodeOperationError(node, error.message, { itemIndex, description: error.detail });
		}
		// An action that did not add its context still gets Huawei's words.
		return toNodeApiError(node, new HuaweiCallError({ failure: error.failure }), itemIndex);
	}
	if (error instanceof HuaweiCallError) return toNodeApiError(node, error, itemIndex);
	if (error instanceof NodeOperationError || error instanceof NodeApiError) {
		// A run-level error given to each item: n8n needs the item's own index on it.
		if (error.context.itemIndex === undefined || error.context.itemIndex === itemIndex)
			return error;
		return new NodeOperationError(node, error.message, {
			itemIndex,
			description: error.description ?? undefined,
		});
	}
	return new NodeOperationError(node, error as Error, { itemIndex });
}
