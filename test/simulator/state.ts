import { Directory } from './accounts';
import { emptyCounters } from './counters';
import { defaultKnobs, mergeKnobs, seededRandom } from './knobs';
import { TokenBucket } from './throttle';
import { TokenStore } from './tokens';
import type { Counters, Knobs, KnobsPatch, SimulatorConfig } from './types';

/** Everything the route handlers share; one per running simulator. */
export class SimState {
	readonly directory: Directory;
	readonly tokens = new TokenStore();
	readonly bucket = new TokenBucket();
	readonly stopController = new AbortController();
	knobs: Knobs = defaultKnobs();
	counters: Counters = emptyCounters();
	baseUrl = '';
	/** Draws faults; separate from jitter so latency settings never shift the fault sequence. */
	faultRandom: () => number = seededRandom(1);
	jitterRandom: () => number = seededRandom(1);

	constructor(
		readonly config: SimulatorConfig,
		readonly now: () => number,
		knobs: KnobsPatch,
	) {
		this.directory = new Directory(config);
		this.setKnobs(knobs);
	}

	setKnobs(patch: KnobsPatch): void {
		const previousSeed = this.knobs.faults.seed;
		this.knobs = mergeKnobs(this.knobs, patch);
		if (patch.faults?.seed !== undefined || this.knobs.faults.seed !== previousSeed) this.reseed();
	}

	reseed(): void {
		this.faultRandom = seededRandom(this.knobs.faults.seed);
		this.jitterRandom = seededRandom(this.knobs.faults.seed ^ 0x5bd1e995);
	}

	/** Counters to zero, PRNG back to its seed, throttle bucket full: a fresh run with the same knobs. */
	reset(): void {
		const inFlight = this.counters.ocr.inFlight;
		this.counters = emptyCounters();
		this.counters.ocr.inFlight = inFlight;
		this.reseed();
		this.bucket.reset();
	}

	get stopSignal(): AbortSignal {
		return this.stopController.signal;
	}
}
