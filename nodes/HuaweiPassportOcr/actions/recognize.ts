/**
 * Recognize Passport: each item's image → Huawei's passport OCR → the key fields and a verdict.
 * Items run concurrently (bounded), come out in input order, each exactly once (or dropped by the
 * filter mode), as a result or, with continue-on-fail, as an error item.
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { resolveEndpoints } from '../../../credentials/common/regions';
import type { ResolvedEndpoints } from '../../../credentials/common/regions';
import type { ConfidenceRules } from '../helpers/confidence';
import type { Edition } from '../helpers/image';
import { ImageInputProblem, loadImage } from '../helpers/imageInput';
import type { ImageSource } from '../helpers/imageInput';
import { buildErrorItem, buildResultItem, shapeResult } from '../helpers/output';
import type { OutputOptions } from '../helpers/output';
import { createPoolControl, runPool } from '../helpers/pool';
import { combineChecks, confidenceCheck, routeFor } from '../helpers/verdict';
import type { CheckOutcome, ThresholdMode, Verdict } from '../helpers/verdict';
import { HuaweiCallError, OcrTransport, ocrUrl } from '../transport';
import { toNodeApiError } from '../transport/errors';
import type { ErrorContext } from '../transport/errors';

interface RunSettings {
	credentialType: string;
	endpoints: ResolvedEndpoints;
	edition: Edition;
	mode: ThresholdMode;
	concurrency: number;
	maxRetries: number;
	retryDelayMs: number;
	timeoutMs: number;
}

interface ItemOutcome {
	result: IDataObject;
	verdict?: Verdict;
}

/** Extra checks (MRZ, validity) plug in here: they see the shaped result and add outcomes. */
export type ResultCheck = (this: IExecuteFunctions, itemIndex: number, result: IDataObject) => Promise<CheckOutcome[]>;

function numberOption(options: IDataObject, name: string, fallback: number): number {
	const value = options[name];
	return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

async function readRunSettings(context: IExecuteFunctions): Promise<RunSettings> {
	const credentialType = context.getNodeParameter('authentication', 0) as string;
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const credentials = await context.getCredentials(credentialType);
	let endpoints: ResolvedEndpoints;
	try {
		endpoints = resolveEndpoints(credentials);
	} catch (error) {
		throw new NodeOperationError(context.getNode(), `Credential: ${(error as Error).message}`);
	}
	const editionOption = (options.edition as string | undefined) ?? 'auto';
	return {
		credentialType,
		endpoints,
		edition: editionOption === 'g42' || editionOption === 'international' ? editionOption : endpoints.edition,
		mode: context.getNodeParameter('confidenceMode', 0, 'flag') as ThresholdMode,
		concurrency: numberOption(options, 'concurrency', 3),
		maxRetries: numberOption(options, 'maxRetries', 3),
		retryDelayMs: numberOption(options, 'retryDelay', 1000),
		timeoutMs: numberOption(options, 'timeout', 60000),
	};
}

function readConfidenceRules(context: IExecuteFunctions, itemIndex: number): ConfidenceRules {
	return {
		threshold: context.getNodeParameter('confidenceThreshold', itemIndex, 0.8) as number,
		fields: context.getNodeParameter('confidenceFields', itemIndex, []) as string[],
		combine: context.getNodeParameter('confidenceCombine', itemIndex, 'lowest') as ConfidenceRules['combine'],
		missing: context.getNodeParameter('missingConfidence', itemIndex, 'fail') as ConfidenceRules['missing'],
	};
}

export function readOutputOptions(context: IExecuteFunctions, itemIndex: number): OutputOptions {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return {
		includeRawResponse: options.includeRawResponse === true,
		resultProperty: typeof options.resultProperty === 'string' ? options.resultProperty : '',
		keepInputBinary: options.keepInputBinary !== false,
	};
}

/** Any error of one item → the NodeApiError/NodeOperationError n8n shows, with the item index. */
export function itemError(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	errorContext: ErrorContext,
): NodeApiError | NodeOperationError {
	if (error instanceof ImageInputProblem) {
		return new NodeOperationError(context.getNode(), `Item ${itemIndex}, field "${error.field}": ${error.message}`, { itemIndex });
	}
	if (error instanceof HuaweiCallError) {
		if (error.credentialFailure) {
			return new NodeOperationError(context.getNode(), error.message, { itemIndex, description: error.detail });
		}
		return toNodeApiError(context.getNode(), error.failure, errorContext, itemIndex);
	}
	if (error instanceof NodeOperationError || error instanceof NodeApiError) return error;
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

export async function recognize(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	extraChecks: ResultCheck[] = [],
): Promise<INodeExecutionData[][]> {
	const settings = await readRunSettings(this);
	const errorContext: ErrorContext = {
		region: settings.endpoints.region,
		endpoint: settings.endpoints.ocrEndpoint,
		edition: settings.edition,
	};
	const pool = createPoolControl(settings.concurrency);
	const transport = new OcrTransport(this, {
		credentialType: settings.credentialType,
		timeoutMs: settings.timeoutMs,
		maxRetries: settings.maxRetries,
		retryDelayMs: settings.retryDelayMs,
		context: errorContext,
		onThrottle: () => pool.lower(),
	});
	const url = ocrUrl(settings.endpoints.ocrEndpoint, 'passport');
	const continueOnFail = this.continueOnFail();
	// Without continue-on-fail the run stops at the first failure: start no new item after one.
	let stopped = false;

	const processItem = async (itemIndex: number): Promise<ItemOutcome | undefined> => {
		if (stopped) return undefined;
		const payload = await loadImage.call(this, itemIndex, items[itemIndex], {
			source: this.getNodeParameter('imageSource', itemIndex) as ImageSource,
			binaryPropertyName: this.getNodeParameter('binaryPropertyName', itemIndex, 'data'),
			url: this.getNodeParameter('imageUrl', itemIndex, '') as string,
			base64: this.getNodeParameter('imageBase64', itemIndex, '') as string,
			edition: settings.edition,
		});
		const body: IDataObject = payload.kind === 'image' ? { image: payload.base64 } : { url: payload.url };
		const recognitionMode = this.getNodeParameter('recognitionMode', itemIndex, 'auto') as string;
		// The G42 edition rejects country_code (AIS.0101), so its engine choice is never sent there.
		if (recognitionMode !== 'auto' && settings.edition !== 'g42') body.country_code = recognitionMode;
		const response = await transport.post(url, body);
		const result = shapeResult(response.body, readOutputOptions(this, itemIndex));
		if (settings.mode === 'off') return { result };
		const checks = [confidenceCheck(result, readConfidenceRules(this, itemIndex))];
		for (const check of extraChecks) checks.push(...(await check.call(this, itemIndex, result)));
		return { result, verdict: combineChecks(checks) };
	};

	const settled = await runPool(items.length, pool, async (itemIndex) => {
		let succeeded = false;
		try {
			const outcome = await processItem(itemIndex);
			succeeded = true;
			return outcome;
		} finally {
			if (!succeeded && !continueOnFail) stopped = true;
		}
	});

	const routed: INodeExecutionData[][] = settings.mode === 'route' ? [[], []] : [[]];
	for (let itemIndex = 0; itemIndex < settled.length; itemIndex++) {
		const outcome = settled[itemIndex];
		const outputOptions = readOutputOptions(this, itemIndex);
		if (outcome.status === 'rejected') {
			const error = itemError(this, outcome.reason, itemIndex, errorContext);
			if (!continueOnFail) throw error;
			routed[0].push(buildErrorItem(items[itemIndex], error, outputOptions, itemIndex));
			continue;
		}
		if (!outcome.value) continue; // not started after an earlier failure (which is thrown above)
		const { result, verdict } = outcome.value;
		if (verdict) result.verdict = verdict;
		const output = routeFor(settings.mode, verdict?.passed);
		if (output === undefined) continue;
		routed[output].push(buildResultItem(items[itemIndex], result, outputOptions, itemIndex));
	}
	return routed;
}
