import type { Counters } from './types';

export function emptyCounters(): Counters {
	return {
		requests: 0,
		iam: { tokens: 0, failed: 0, projects: 0 },
		ocr: {
			total: 0,
			inFlight: 0,
			maxInFlight: 0,
			byStatus: {},
			byCode: {},
			byPath: {},
			byAuth: {},
		},
		downloads: { total: 0, failed: 0, bytes: 0 },
		faults: { error5xx: 0, drop: 0, malformed: 0, slow: 0 },
	};
}

export const bump = (map: Record<string, number>, key: string) => {
	map[key] = (map[key] ?? 0) + 1;
};

/** A deep copy, so callers can keep snapshots. */
export const snapshot = (counters: Counters): Counters => structuredClone(counters);
