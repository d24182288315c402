/** Injected failures, drawn from the seeded PRNG so a run with the same seed fails the same calls. */
import { gatewayError, GATEWAY, serviceError, SERVICE, type SimResponse } from './responses';
import type { FaultError, FaultKnobs } from './types';

export type Fault =
	| { kind: 'none' }
	| { kind: 'error'; error: FaultError }
	| { kind: 'drop' }
	| { kind: 'malformed' }
	| { kind: 'slow' };

/** One draw decides the fault (rates stack in this order); a second picks which 5xx. */
export function drawFault(faults: FaultKnobs, random: () => number): Fault {
	const r = random();
	let edge = faults.rate5xx;
	if (r < edge)
		return { kind: 'error', error: faults.errors[Math.floor(random() * faults.errors.length)] };
	if (r < (edge += faults.rateDrop)) return { kind: 'drop' };
	if (r < (edge += faults.rateMalformed)) return { kind: 'malformed' };
	if (r < (edge += faults.rateSlow)) return { kind: 'slow' };
	return { kind: 'none' };
}

export function faultResponse(error: FaultError, requestId: string): SimResponse {
	switch (error) {
		case 'AIS.0105':
			return serviceError(500, 'AIS.0105', SERVICE.recognitionFailed);
		case 'ModelArts.4402':
			return serviceError(504, 'ModelArts.4402', SERVICE.backendTimeout);
		case 'ModelArts.4403':
			return serviceError(503, 'ModelArts.4403', SERVICE.unavailable);
		case 'APIGW.0201/502':
			return gatewayError(502, 'APIGW.0201', GATEWAY.backendUnavailable, requestId);
		case 'APIGW.0201/504':
			return gatewayError(504, 'APIGW.0201', GATEWAY.backendTimeout, requestId);
	}
}

/** A 200 whose JSON stops halfway, like a proxy cutting the body. */
export function malformed(response: SimResponse): SimResponse {
	const text = JSON.stringify(response.json ?? {});
	return { status: 200, raw: text.slice(0, Math.max(1, Math.floor(text.length / 2))) };
}
