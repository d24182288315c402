/**
 * The HTTP calls credentials make themselves (token exchange, project lookup), through n8n's
 * `this.helpers.httpRequest`. Status codes are inspected here, not thrown by the client, so that
 * no client error object (which holds the request body, i.e. the password) can escape.
 */
import type { IHttpRequestHelper, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import { describeIamFailure } from './iam';
import { redactSecrets } from './redact';

export interface CallContext {
	service: string;
	endpoint: string;
	auth?: 'password' | 'accessKey';
	/** Values that must never appear in a message (password, keys, tokens). */
	secrets: Array<string | undefined>;
}

function networkCodeOf(error: unknown): string | undefined {
	const code =
		(error as { code?: unknown; cause?: { code?: unknown } })?.code ??
		(error as { cause?: { code?: unknown } })?.cause?.code;
	return typeof code === 'string' ? code : undefined;
}

/** Resolves with the full response of a 2xx answer; throws a UserError in plain words otherwise. */
export async function callService(
	helper: IHttpRequestHelper,
	options: IHttpRequestOptions,
	context: CallContext,
): Promise<IN8nHttpFullResponse> {
	let response: IN8nHttpFullResponse | undefined;
	let networkCode: string | undefined;
	try {
		response = (await helper.helpers.httpRequest({
			...options,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as IN8nHttpFullResponse;
	} catch (error) {
		// The client's error object carries the request (password, signature): keep only its code.
		networkCode = networkCodeOf(error);
	}
	if (response === undefined) {
		throw new UserError(
			redactSecrets(describeIamFailure({ ...context, networkCode }), context.secrets),
		);
	}
	if (response.statusCode >= 200 && response.statusCode < 300) return response;
	const message = describeIamFailure({
		...context,
		status: response.statusCode,
		body: response.body,
	});
	throw new UserError(redactSecrets(message, context.secrets));
}
