/** /__sim/* : control routes for out-of-process users (end-to-end tests, benchmarks). Not counted, throttled or faulted. */
import { snapshot } from './counters';
import { ok, type SimResponse } from './responses';
import type { SimState } from './state';
import type { KnobsPatch } from './types';

const adminError = (message: string): SimResponse => ({ status: 400, json: { error: message } });

export function handleAdmin(
	state: SimState,
	method: string,
	path: string,
	body: Buffer,
): SimResponse {
	const route = `${method} ${path.replace(/\/+$/, '')}`;
	switch (route) {
		case 'GET /__sim/counters':
			return ok(200, snapshot(state.counters));
		case 'POST /__sim/reset':
			state.reset();
			return ok(200, snapshot(state.counters));
		case 'GET /__sim/knobs':
			return ok(200, state.knobs);
		case 'POST /__sim/knobs':
			try {
				state.setKnobs(JSON.parse(body.toString('utf8') || '{}') as KnobsPatch);
				return ok(200, state.knobs);
			} catch (error) {
				return adminError((error as Error).message);
			}
		case 'POST /__sim/expire-tokens':
			return ok(200, { expired: state.tokens.expireAll(state.now()) });
		case 'GET /__sim/config':
			return ok(200, { ...state.config, url: state.baseUrl });
		default:
			return { status: 404, json: { error: `no admin route ${route}` } };
	}
}
