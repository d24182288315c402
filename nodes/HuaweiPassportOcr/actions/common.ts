/** What both operations share: reading per-item settings, turning failures into n8n errors, routing. */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { DocumentCheckOptions } from '../helpers/documentChecks';
import { InputProblem } from '../helpers/imageInput';
import { buildErrorItem, buildResultItem, buildToolErrorItem } from '../helpers/output';
import type { OutputOptions } from '../helpers/output';
import { routeFor } from '../helpers/verdict';
import type { ThresholdMode, Verdict } from '../helpers/verdict';
import { HuaweiCallError } from '../transport';
import { toNodeApiError } from '../transport/errors';
import type { ErrorContext } from '../transport/errors';

function numberOf(options: IDataObject, name: string, fallback: number): number {
	const value = options[name];
	return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

export function readOutputOptions(context: IExecuteFunctions, itemIndex: number): OutputOptions {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return {
		includeRawResponse: options.includeRawResponse === true,
		resultProperty: typeof options.resultProperty === 'string' ? options.resultProperty : '',
		keepInputBinary: options.keepInputBinary !== false,
	};
}

/** Run-level numbers from the Options collection (read once, at item 0). */
export function readRunNumber(context: IExecuteFunctions, name: string, fallback: number): number {
	return numberOf(context.getNodeParameter('options', 0, {}) as IDataObject, name, fallback);
}

export function readDocumentCheckOptions(
	context: IExecuteFunctions,
	itemIndex: number,
	today: Date,
): DocumentCheckOptions & { secondRead: boolean } {
	const checks = context.getNodeParameter('documentChecks', itemIndex, {}) as IDataObject;
	return {
		correct: checks.correctMrz === true,
		strict: checks.strictMrz === true,
		minValidityMonths: numberOf(checks, 'minValidityMonths', 0),
		minAgeYears: numberOf(checks, 'minAgeYears', 0),
		includeInVerdict: checks.includeInVerdict === true,
		secondRead: checks.secondRead === true,
		today,
	};
}

/**
 * The verdict mode in effect. An AI agent sees output 0 only (n8n runs the node as "…Tool"), so as a
 * tool every item stays there with its verdict: filter and route act like "Add Verdict Only".
 */
export function readMode(context: IExecuteFunctions): ThresholdMode {
	const mode = context.getNodeParameter('confidenceMode', 0, 'flag') as ThresholdMode;
	return isTool(context) && (mode === 'filter' || mode === 'route') ? 'flag' : mode;
}

/** n8n runs a `usableAsTool` node attached to an AI agent as the type "<name>Tool". */
function isTool(context: IExecuteFunctions): boolean {
	return context.getNode().type.endsWith('Tool');
}

/**
 * How a failed item leaves the node: thrown (the workflow stops), as an error item (continue on
 * fail), or, for an AI agent's tool, as the tool's answer. A tool that throws never reaches the model
 * in n8n 2.0.3: Agent v3 runs the tool as a workflow node, so the whole execution fails; Agent v2.2
 * runs it through LangChain, which swallows the error and hands the model an empty result. The
 * message itself, returned as output, is what the model can act on.
 */
export function failureHandling(context: IExecuteFunctions): 'throw' | 'errorItem' | 'toolAnswer' {
	if (isTool(context)) return 'toolAnswer';
	return context.continueOnFail() ? 'errorItem' : 'throw';
}

/** The item's Image Source (the parseMrz operation has none). */
function imageSourceOf(
	context: IExecuteFunctions,
	itemIndex: number,
): ErrorContext['imageSource'] | undefined {
	const source = context.getNodeParameter('imageSource', itemIndex, '') as string;
	return source === 'url' || source === 'binaryData' || source === 'base64' ? source : undefined;
}

/** Any error of one item → the NodeApiError/NodeOperationError n8n shows, with the item index. */
export function itemError(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	errorContext: ErrorContext,
): NodeApiError | NodeOperationError {
	if (error instanceof InputProblem) {
		return new NodeOperationError(
			context.getNode(),
			`Item ${itemIndex}, field "${error.field}": ${error.message}`,
			{ itemIndex },
		);
	}
	if (error instanceof HuaweiCallError) {
		if (error.credentialFailure) {
			return new NodeOperationError(context.getNode(), error.message, {
				itemIndex,
				description: error.detail,
			});
		}
		return toNodeApiError(context.getNode(), error.failure, errorContext, itemIndex);
	}
	if (error instanceof NodeOperationError || error instanceof NodeApiError) {
		// A run-level error given to each item: n8n needs the item's own index on it.
		if (error.context.itemIndex === undefined || error.context.itemIndex === itemIndex)
			return error;
		return new NodeOperationError(context.getNode(), error.message, {
			itemIndex,
			description: error.description ?? undefined,
		});
	}
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

/** One item's outcome: a result (with its verdict), a failure, or nothing (not run after a stop). */
export type ItemOutcome = PromiseSettledResult<
	{ result: IDataObject; verdict?: Verdict } | undefined
>;

/**
 * Builds the outputs in input order: results routed by the verdict, failures as error items with
 * continue-on-fail or as a tool's answer (else the first failure is thrown).
 */
export function routeOutcomes(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	outcomes: ItemOutcome[],
	mode: ThresholdMode,
	errorContext: ErrorContext,
): INodeExecutionData[][] {
	const handling = failureHandling(context);
	const routed: INodeExecutionData[][] = mode === 'route' ? [[], []] : [[]];
	for (let itemIndex = 0; itemIndex < outcomes.length; itemIndex++) {
		const outcome = outcomes[itemIndex];
		const outputOptions = readOutputOptions(context, itemIndex);
		if (outcome.status === 'rejected') {
			// Only Huawei's answers need the image source (parseMrz has no such parameter).
			const error = itemError(
				context,
				outcome.reason,
				itemIndex,
				outcome.reason instanceof HuaweiCallError
					? { ...errorContext, imageSource: imageSourceOf(context, itemIndex) }
					: errorContext,
			);
			if (handling === 'throw') throw error;
			routed[0].push(
				handling === 'toolAnswer'
					? buildToolErrorItem(error, itemIndex)
					: buildErrorItem(items[itemIndex], error, outputOptions, itemIndex),
			);
			continue;
		}
		if (!outcome.value) continue; // not started after an earlier failure (which is thrown above)
		const { result, verdict } = outcome.value;
		if (verdict) result.verdict = verdict;
		const output = routeFor(mode, verdict?.passed);
		if (output === undefined) continue;
		routed[output].push(buildResultItem(items[itemIndex], result, outputOptions, itemIndex));
	}
	return routed;
}
