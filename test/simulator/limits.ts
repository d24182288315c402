/**
 * Huawei's published limits for the passport API, as the simulator enforces them (docs/huawei-api.md,
 * "Image limits"). The simulator's own copy, not the node's `IMAGE_LIMITS`: the node's pre-checks are
 * tested against these, so they must not come from the same place.
 */
import type { Edition } from './types';

const MIB = 1024 * 1024;

export const HUAWEI_LIMITS: {
	/** Shortest side accepted, in pixels (both editions). */
	minSidePx: number;
	/** Longest side accepted: 8192 px in the current international docs, 4096 px in the G42 (ae-ad-1) ones. */
	maxSidePx: Readonly<Record<Edition, number>>;
	/**
	 * "10 MB" of base64 text (image) or of downloaded file (url). Read as 10 MiB: whether Huawei means
	 * 10^7 or 10 × 2^20 bytes is not published (project assumption).
	 */
	maxImageBytes: number;
	/** The API gateway's request-body limit ("Request entity too large" above 12 MB). */
	maxRequestBytes: number;
} = Object.freeze({
	minSidePx: 15,
	maxSidePx: Object.freeze({ international: 8192, g42: 4096 }),
	maxImageBytes: 10 * MIB,
	maxRequestBytes: 12 * MIB,
});
