/**
 * The simulator for the benchmark runs in its own process (the same CLI users run), so its CPU work
 * (parsing megabyte JSON bodies, decoding base64) never shares an event loop with the node or the
 * reference client being timed, nor counts in a memory child's RSS.
 */
import { startSimulatorProcess } from '../test/e2e/lib/simulator';
import type { SimulatorProcess } from '../test/e2e/lib/simulator';
import { iamCredentials } from '../test/nodes/HuaweiPassportOcr/node/kit';
import type { Simulator } from '../test/nodes/HuaweiPassportOcr/node/kit';
import { getToken, imageBody, ocrUrl } from '../test/simulator/testkit';

export type { SimulatorProcess };

export const startBenchSimulator = startSimulatorProcess;

/** What the shared test helpers read of a simulator: its URL, config and edition. */
export interface SimulatorAddress {
	url: string;
	info: SimulatorProcess['info'];
}

/**
 * The test helpers take an in-process Simulator but read only url, config and knobs().edition,
 * which the child process reports too; this view lets the benchmark reuse them as they are.
 */
export function asSimulator(sim: SimulatorAddress): Simulator {
	return {
		url: sim.url,
		config: sim.info,
		knobs: () => ({ edition: 'international' }),
	} as unknown as Simulator;
}

export const benchCredentials = (sim: SimulatorAddress) => iamCredentials(asSimulator(sim));
export const fetchToken = async (sim: SimulatorAddress) => await getToken(asSimulator(sim));
export const passportUrl = (sim: SimulatorAddress) => ocrUrl(asSimulator(sim));
export { imageBody };
