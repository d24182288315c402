/** The API gateway's checks before an OCR call reaches the service: identity, region, project. */
import { headerValue, verifyAkSk, type SignedRequest } from './aksk';
import { gatewayError, GATEWAY, serviceError, SERVICE, type SimResponse } from './responses';
import type { SimState } from './state';
import type { SimAccount } from './types';

export interface OcrCaller {
	method: 'token' | 'aksk';
	account: SimAccount;
	ocrDenied: boolean;
}

function byToken(
	state: SimState,
	token: string,
	projectId: string,
	requestId: string,
): OcrCaller | SimResponse {
	const record = state.tokens.find(token);
	if (!record) return gatewayError(401, 'APIGW.0301', GATEWAY.tokenUndecryptable, requestId);
	if (record.expiresAt <= state.now())
		return gatewayError(401, 'APIGW.0307', GATEWAY.tokenMustBeUpdated, requestId);
	if (!record.project) return serviceError(401, 'ModelArts.0212', SERVICE.tokenNotProjectScoped);
	// A token of another region's project is refused like an outdated one.
	if (record.project.region !== state.config.region) {
		return gatewayError(401, 'APIGW.0307', GATEWAY.tokenMustBeUpdated, requestId);
	}
	if (record.project.id !== projectId)
		return gatewayError(404, 'APIGW.0101', GATEWAY.notFound, requestId);
	return { method: 'token', account: record.account, ocrDenied: Boolean(record.user.ocrDenied) };
}

const AKSK_MESSAGES = {
	signature: GATEWAY.signatureInvalid,
	'no-date': GATEWAY.sdkDateMissing,
	skew: GATEWAY.signatureExpired,
	'security-token': GATEWAY.securityTokenInvalid,
} as const;

function byAkSk(
	state: SimState,
	request: SignedRequest,
	projectId: string,
	requestId: string,
): OcrCaller | SimResponse {
	const result = verifyAkSk(request, state.directory, state.now(), state.knobs.maxSkewSeconds);
	if (!result.ok) {
		const message =
			result.reason === 'unknown-ak'
				? GATEWAY.akNotExist(result.accessKey ?? '')
				: AKSK_MESSAGES[result.reason];
		return gatewayError(401, 'APIGW.0301', message, requestId);
	}
	const account = state.directory.account({ name: result.aksk.account });
	const project = account?.projects.find((p) => p.id === projectId);
	const headerProject = headerValue(request.headers['x-project-id']);
	if (
		!account ||
		!project ||
		project.region !== state.config.region ||
		(headerProject !== undefined && headerProject !== projectId)
	) {
		return gatewayError(404, 'APIGW.0101', GATEWAY.notFound, requestId);
	}
	return { method: 'aksk', account, ocrDenied: Boolean(result.aksk.ocrDenied) };
}

/** X-Auth-Token wins when both are sent; neither → "x-auth-token not found". */
export function authenticateOcr(
	state: SimState,
	request: SignedRequest,
	projectId: string,
	requestId: string,
): OcrCaller | SimResponse {
	const token = headerValue(request.headers['x-auth-token']);
	if (token) return byToken(state, token, projectId, requestId);
	if (request.headers.authorization) return byAkSk(state, request, projectId, requestId);
	return gatewayError(401, 'APIGW.0301', GATEWAY.tokenMissing, requestId);
}
