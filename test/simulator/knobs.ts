import type { FaultError, Knobs, KnobsPatch } from './types';

/** mulberry32, seeded: a fault sequence repeats exactly for a given seed. */
export { seededRandom } from '../fixtures/raster';

export const ALL_FAULT_ERRORS: FaultError[] = [
	'AIS.0105',
	'ModelArts.4402',
	'ModelArts.4403',
	'APIGW.0201/502',
	'APIGW.0201/504',
];

export function defaultKnobs(): Knobs {
	return {
		edition: 'international',
		latencyMs: 0,
		jitterMs: 0,
		qps: 0,
		maxConcurrency: 0,
		tokenTtlSeconds: 24 * 3600,
		maxSkewSeconds: 15 * 60,
		downloadTimeoutMs: 5000,
		subscribed: true,
		faults: {
			rate5xx: 0,
			rateDrop: 0,
			rateMalformed: 0,
			rateSlow: 0,
			slowMs: 30000,
			seed: 1,
			errors: [...ALL_FAULT_ERRORS],
		},
	};
}

const NUMBER_KNOBS = [
	'latencyMs',
	'jitterMs',
	'qps',
	'maxConcurrency',
	'tokenTtlSeconds',
	'maxSkewSeconds',
	'downloadTimeoutMs',
] as const;
const RATE_KNOBS = ['rate5xx', 'rateDrop', 'rateMalformed', 'rateSlow'] as const;

function assertNumber(name: string, value: unknown, max = Infinity): void {
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > max) {
		throw new Error(`knob ${name} must be a number between 0 and ${max}`);
	}
}

/** Applies a partial update (faults merged field by field); throws on unknown names or bad values. */
export function mergeKnobs(base: Knobs, patch: KnobsPatch): Knobs {
	const next: Knobs = { ...base, faults: { ...base.faults } };
	for (const [name, value] of Object.entries(patch ?? {})) {
		if (value === undefined) continue;
		if (name === 'faults') continue;
		if (name === 'edition') {
			if (value !== 'international' && value !== 'g42')
				throw new Error('knob edition must be international or g42');
			next.edition = value;
		} else if (name === 'subscribed') {
			if (typeof value !== 'boolean') throw new Error('knob subscribed must be a boolean');
			next.subscribed = value;
		} else if ((NUMBER_KNOBS as readonly string[]).includes(name)) {
			assertNumber(name, value);
			next[name as (typeof NUMBER_KNOBS)[number]] = value as number;
		} else {
			throw new Error(`unknown knob ${name}`);
		}
	}
	for (const [name, value] of Object.entries(patch?.faults ?? {})) {
		if (value === undefined) continue;
		if ((RATE_KNOBS as readonly string[]).includes(name)) {
			assertNumber(`faults.${name}`, value, 1);
			next.faults[name as (typeof RATE_KNOBS)[number]] = value as number;
		} else if (name === 'slowMs' || name === 'seed') {
			assertNumber(`faults.${name}`, value);
			next.faults[name] = value as number;
		} else if (name === 'errors') {
			const errors = value as unknown[];
			if (
				!Array.isArray(errors) ||
				errors.length === 0 ||
				errors.some((e) => !ALL_FAULT_ERRORS.includes(e as FaultError))
			) {
				throw new Error(
					`knob faults.errors must be a non-empty list of ${ALL_FAULT_ERRORS.join(', ')}`,
				);
			}
			next.faults.errors = errors as FaultError[];
		} else {
			throw new Error(`unknown knob faults.${name}`);
		}
	}
	return next;
}

/**
 * How long to hold a response: fixed latency, PRNG jitter, and slowMs for a slow fault, counted from
 * the request's arrival (`elapsedMs` ago). Huawei's latency includes receiving and reading the image,
 * so the simulator's own work on a request (parsing a megabyte JSON body on a shared CPU) is part of
 * the latency, not added to it: a call answers `latencyMs` after it arrived, as the knob says.
 */
export function responseDelayMs(
	knobs: Knobs,
	jitterRandom: () => number,
	slow: boolean,
	elapsedMs = 0,
): number {
	const jitter = knobs.jitterMs > 0 ? knobs.jitterMs * jitterRandom() : 0;
	return Math.max(0, knobs.latencyMs + jitter + (slow ? knobs.faults.slowMs : 0) - elapsedMs);
}
