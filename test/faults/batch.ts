/**
 * Batches for the fault-injection tests: items that can be told apart (five documents in turn, each
 * item carrying its index), and the check the issue asks for: every input item comes out exactly
 * once, in order, paired with its input, as a result for that input or as an error item naming the
 * item and saying why.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { DOCUMENTS, makePassportImage, SMALL_PAGE_SIZE } from '../fixtures';
import type { DocumentName } from '../fixtures';
import type { FeedItem } from '../harness';
import { binaryItem } from '../nodes/HuaweiPassportOcr/node/kit';

export const BATCH_DOCUMENTS: readonly DocumentName[] = [
	'icao-specimen',
	'chinese',
	'usa',
	'gbr',
	'german-specimen',
];

/** The result is nested under this property so the input JSON (with batchIndex) stays beside it. */
export const RESULT_PROPERTY = 'passport';

export const documentOf = (index: number): DocumentName =>
	BATCH_DOCUMENTS[index % BATCH_DOCUMENTS.length];

let smallPages: Buffer[] | undefined;

/** 268×186 PNG pages (~12 KB): small, so a 200-item batch with faults stays fast. */
function pages(): Buffer[] {
	smallPages ??= BATCH_DOCUMENTS.map((name) =>
		makePassportImage({ truth: DOCUMENTS[name], format: 'png', ...SMALL_PAGE_SIZE }),
	);
	return smallPages;
}

export function batchItems(count: number): FeedItem[] {
	return Array.from({ length: count }, (_, index) =>
		binaryItem(
			pages()[index % BATCH_DOCUMENTS.length],
			{ batchIndex: index },
			`passport-${index}.png`,
		),
	);
}

export interface ItemFate {
	/** The input item it answers (pairedItem). */
	index: number;
	output: number;
	error?: string;
	json: IDataObject;
}

function pairedIndex(item: INodeExecutionData): number {
	const paired = item.pairedItem;
	if (typeof paired === 'number') return paired;
	if (Array.isArray(paired) || paired === undefined) return -1;
	return paired.item;
}

/** Output by output, in emitted order. */
export function fatesOf(outputs: INodeExecutionData[][]): ItemFate[] {
	return outputs.flatMap((items, output) =>
		items.map((item) => ({
			index: pairedIndex(item),
			output,
			error: typeof item.json.error === 'string' ? item.json.error : undefined,
			json: item.json,
		})),
	);
}

/**
 * Asserts the batch contract and returns the fates by input index. Each output is in input order;
 * together they hold every input index exactly once; results belong to their own input.
 */
export function expectEachItemOnce(
	outputs: INodeExecutionData[][],
	count: number,
	reasons: RegExp,
): ItemFate[] {
	const fates = fatesOf(outputs);
	for (let output = 0; output < outputs.length; output++) {
		const indices = fates.filter((fate) => fate.output === output).map((fate) => fate.index);
		expect(indices).toEqual([...indices].sort((a, b) => a - b));
	}
	const byIndex = [...fates].sort((a, b) => a.index - b.index);
	expect(byIndex.map((fate) => fate.index)).toEqual(
		Array.from({ length: count }, (_, index) => index),
	);
	for (const fate of byIndex) {
		if (fate.error !== undefined) {
			expect(fate.error).toMatch(new RegExp(`^Item ${fate.index}: `));
			expect(fate.error).toMatch(reasons);
			continue;
		}
		expect(fate.json.batchIndex).toBe(fate.index);
		const result = fate.json[RESULT_PROPERTY] as IDataObject;
		expect(result.passport_number).toBe(DOCUMENTS[documentOf(fate.index)].fields.passport_number);
	}
	return byIndex;
}
