/** "Recognition" from the ground truth embedded in the image (test/fixtures/truth.ts): deterministic and honest. */
import { createHash } from 'node:crypto';

import { KEY_FIELDS, MRZ_FIELDS, type KeyField, type PassportTruth } from '../fixtures/truth';
import type { Edition } from './types';

/** absent = auto, GENERAL = read the MRZ, CHN = full Chinese passport. */
export type PassportMode = 'auto' | 'GENERAL' | 'CHN';

/** A stable confidence in [0.95, 0.9999] per field and value, like an engine that is sure but not perfect. */
export function defaultConfidence(key: string, value: string): number {
	const hash = createHash('sha256').update(`${key}\0${value}`).digest();
	return Math.round((0.95 + (hash.readUInt16BE(0) % 500) / 10000) * 10000) / 10000;
}

/**
 * The result object of a passport call, or undefined when the engine cannot read this document in this
 * mode (CHN on a non-Chinese passport → AIS.0104).
 */
export function recognisePassport(
	truth: PassportTruth,
	mode: PassportMode,
	edition: Edition,
): Record<string, unknown> | undefined {
	if (mode === 'CHN' && truth.kind !== 'chn') return undefined;
	const full = truth.kind === 'chn' && mode !== 'GENERAL';
	const names: readonly KeyField[] = full ? KEY_FIELDS : MRZ_FIELDS;
	const result: Record<string, unknown> = {};
	const confidence: Record<string, number> = {};
	const omitted = new Set(truth.omitConfidence ?? []);
	for (const name of names) {
		const value = truth.fields[name];
		if (value === undefined) continue;
		result[name] = value;
		if (!omitted.has(name))
			confidence[name] = truth.confidence?.[name] ?? defaultConfidence(name, value);
	}
	if (edition === 'g42') {
		result.machine_code = truth.mrz[0];
		result.machine_code2 = truth.mrz[1];
	}
	result.extra_info = full ? { ...(truth.extra_info ?? {}) } : {};
	result.confidence = confidence;
	return result;
}

const LINE_HEIGHT = 40;
const CHAR_WIDTH = 14;
const MARGIN = 20;

/** general-text: the page's text lines, then the two MRZ lines, each with a box and a confidence. */
export function recogniseText(
	truth: PassportTruth,
	detectDirection: boolean,
): Record<string, unknown> {
	const lines = [...(truth.text ?? []), ...truth.mrz];
	const words_block_list = lines.map((words, i) => {
		const top = MARGIN + i * LINE_HEIGHT;
		const right = MARGIN + Math.max(1, words.length) * CHAR_WIDTH;
		const bottom = top + LINE_HEIGHT - 8;
		return {
			words,
			confidence: defaultConfidence('words', words),
			location: [
				[MARGIN, top],
				[right, top],
				[right, bottom],
				[MARGIN, bottom],
			],
		};
	});
	// Huawei: -1 when direction detection was not asked for.
	return {
		direction: detectDirection ? 0 : -1,
		words_block_count: words_block_list.length,
		words_block_list,
	};
}
