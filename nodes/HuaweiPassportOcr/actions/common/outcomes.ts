/** Turning each item's outcome into n8n's outputs: in input order, routed by the verdict, failures once. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { itemError } from '../../helpers/nodeErrors';
import { buildErrorItem, buildResultItem, buildToolErrorItem } from '../../helpers/output';
import { routeFor } from '../../helpers/verdict';
import type { VerdictMode, Verdict } from '../../helpers/verdict';
import { failureHandling, readOutputOptions } from './parameters';

/** A result with its verdict. */
export interface Recognition {
	result: IDataObject;
	verdict?: Verdict;
}

/** One page of an item's PDF that failed while its other pages went through ("every page" mode). */
export interface PageFailure {
	error: unknown;
}

/**
 * One item's outcome: a result (with its verdict), one per page of a PDF read page by page, a failure,
 * or nothing (not run after a stop).
 */
export type ItemOutcome = PromiseSettledResult<
	Recognition | Array<Recognition | PageFailure> | undefined
>;

/**
 * Builds the outputs in input order: results routed by the verdict, failures as error items with
 * continue-on-fail or as a tool's answer (else the first failure is thrown). A failure carries its
 * context already.
 */
export function routeOutcomes(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	outcomes: ItemOutcome[],
	verdictMode: VerdictMode,
): INodeExecutionData[][] {
	const handling = failureHandling(context);
	const routed: INodeExecutionData[][] = verdictMode === 'route' ? [[], []] : [[]];
	for (let itemIndex = 0; itemIndex < outcomes.length; itemIndex++) {
		const outcome = outcomes[itemIndex];
		const outputOptions = readOutputOptions(context, itemIndex);
		const failed = (reason: unknown) => {
			const error = itemError(context.getNode(), reason, itemIndex);
			if (handling === 'throw') throw error;
			routed[0].push(
				handling === 'toolAnswer'
					? buildToolErrorItem(error, itemIndex)
					: buildErrorItem(items[itemIndex], error, outputOptions, itemIndex),
			);
		};
		if (outcome.status === 'rejected') {
			failed(outcome.reason);
			continue;
		}
		if (!outcome.value) continue; // not started after an earlier failure (which is thrown above)
		const parts = Array.isArray(outcome.value) ? outcome.value : [outcome.value];
		for (const part of parts) {
			if ('error' in part) {
				failed(part.error);
				continue;
			}
			const { result, verdict } = part;
			if (verdict) result.verdict = verdict;
			const output = routeFor(verdictMode, verdict?.passed);
			if (output === undefined) continue;
			routed[output].push(buildResultItem(items[itemIndex], result, outputOptions, itemIndex));
		}
	}
	return routed;
}
