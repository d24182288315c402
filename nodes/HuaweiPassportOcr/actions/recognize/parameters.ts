/**
 * Every parameter Recognize Passport reads, in one place: once per run (credential, endpoints, the
 * Options numbers) and once per item (image, rules, checks, output), each into a typed object.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { resolveEndpoints } from '../../credentialsSeam';
import type { Edition, ResolvedEndpoints } from '../../credentialsSeam';
import { thresholdProblem } from '../../helpers/confidence';
import type { ConfidenceRules } from '../../helpers/confidence';
import type { DocumentCheckOptions } from '../../helpers/documentChecks';
import type { ImageInputParameters } from '../../helpers/imageInput';
import { InputProblem } from '../../helpers/inputProblem';
import type { OutputOptions } from '../../helpers/output';
import { pdfSelection } from '../../helpers/pdfImage';
import type { PdfPageOption } from '../../helpers/pdfImage';
import type { VerdictMode } from '../../helpers/verdict';
import { firstCallGoesAlone } from '../../transport/firstCall';
import { paceKey } from '../../transport/sharedPacer';
import { DEFAULTS } from '../common/defaults';
import {
	readDocumentCheckOptions,
	readVerdictMode,
	readOutputOptions,
	readRunNumber,
} from '../common/parameters';

/** What holds for the whole run (read at item 0). */
export interface RecognizeRun {
	credentialType: string;
	endpoints: ResolvedEndpoints;
	edition: Edition;
	verdictMode: VerdictMode;
	/** Whether concurrent first calls could race for a token (transport/firstCall.ts). */
	firstCallAlone: boolean;
	/** The key of the pace this credential's executions share (transport/sharedPacer.ts). */
	paceKey?: string;
	timeoutMs: number;
	concurrency: number;
	maxRequestsPerSecond: number;
	maxRetries: number;
	maxThrottleWaitMs: number;
	retryDelayMs: number;
	/** The day validity is judged on, the same for every item of the run. */
	today: Date;
	/** The workflow runs with n8n's combined binary mode (n8n ≥ 2.5): files under `_files`. */
	combinedBinary?: boolean;
}

/** What one item asks for. */
export interface RecognizeItem {
	/** The confidence rules; undefined when the verdict mode is off. */
	rules?: ConfidenceRules;
	image: ImageInputParameters;
	/** Recognition Mode: 'auto' or the country code of the engine to use. */
	recognitionMode: string;
	output: OutputOptions;
	checks: DocumentCheckOptions & { secondRead: boolean };
}

function editionOf(options: IDataObject, endpoints: ResolvedEndpoints): Edition {
	const option = (options.edition as string | undefined) ?? DEFAULTS.edition;
	return option === 'g42' || option === 'international' ? option : endpoints.edition;
}

/** The run's settings; a credential whose endpoints cannot be resolved fails the whole run. */
export async function readRun(context: IExecuteFunctions): Promise<RecognizeRun> {
	const credentialType = context.getNodeParameter('authentication', 0) as string;
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const credentials = await context.getCredentials(credentialType);
	let endpoints: ResolvedEndpoints;
	try {
		endpoints = resolveEndpoints(credentials);
	} catch (error) {
		throw new NodeOperationError(context.getNode(), `Credential: ${(error as Error).message}`);
	}
	const runNumber = (name: string, fallback: number) => readRunNumber(context, name, fallback);
	return {
		credentialType,
		endpoints,
		edition: editionOf(options, endpoints),
		verdictMode: readVerdictMode(context),
		firstCallAlone: firstCallGoesAlone(credentialType, credentials, Date.now()),
		paceKey: paceKey(
			credentialType,
			context.getNode().credentials?.[credentialType]?.id,
			endpoints.ocrEndpoint,
		),
		timeoutMs: runNumber('timeout', DEFAULTS.timeoutMs),
		concurrency: runNumber('concurrency', DEFAULTS.concurrency),
		maxRequestsPerSecond: runNumber('maxRequestsPerSecond', DEFAULTS.maxRequestsPerSecond),
		maxRetries: runNumber('maxRetries', DEFAULTS.maxRetries),
		maxThrottleWaitMs:
			Math.max(1, runNumber('maxThrottleWait', DEFAULTS.maxThrottleWaitSeconds)) * 1000,
		retryDelayMs: runNumber('retryDelay', DEFAULTS.retryDelayMs),
		today: new Date(),
		combinedBinary: combinedBinaryMode(context),
	};
}

/**
 * Whether the workflow runs with n8n's combined binary mode ("Execution Logic v2", n8n ≥ 2.5), read
 * from the workflow settings where the running n8n offers them (n8n 2.0.x has no getWorkflowSettings).
 */
export function combinedBinaryMode(context: IExecuteFunctions): boolean {
	const withSettings = context as { getWorkflowSettings?: () => IDataObject | undefined };
	if (typeof withSettings.getWorkflowSettings !== 'function') return false;
	return withSettings.getWorkflowSettings()?.binaryMode === 'combined';
}

/** The item's confidence rules; a threshold outside 0–1 fails the item before any call. */
function readConfidenceRules(context: IExecuteFunctions, itemIndex: number): ConfidenceRules {
	const threshold = context.getNodeParameter(
		'confidenceThreshold',
		itemIndex,
		DEFAULTS.confidenceThreshold,
	);
	const problem = thresholdProblem(threshold);
	if (problem) throw new InputProblem({ message: problem, field: 'Threshold' });
	return {
		threshold: threshold as number,
		fields: context.getNodeParameter('confidenceFields', itemIndex, []) as string[],
		combine: context.getNodeParameter(
			'confidenceCombine',
			itemIndex,
			DEFAULTS.confidenceCombine,
		) as ConfidenceRules['combine'],
		missing: context.getNodeParameter(
			'missingConfidence',
			itemIndex,
			DEFAULTS.missingConfidence,
		) as ConfidenceRules['missing'],
	};
}

/** Where the item's image comes from, and (for a PDF) which page(s) to read. */
function readImage(
	context: IExecuteFunctions,
	itemIndex: number,
	run: Pick<RecognizeRun, 'edition' | 'combinedBinary'>,
): ImageInputParameters {
	const get = (name: string, fallback: unknown) =>
		context.getNodeParameter(name, itemIndex, fallback);
	return {
		source: context.getNodeParameter('imageSource', itemIndex) as ImageInputParameters['source'],
		binaryPropertyName: get('binaryPropertyName', DEFAULTS.binaryPropertyName),
		url: get('imageUrl', ''),
		base64: get('imageBase64', ''),
		edition: run.edition,
		combined: run.combinedBinary === true,
		pdf: pdfSelection(
			get('pdfPage', DEFAULTS.pdfPage) as PdfPageOption,
			Number(get('pdfPageNumber', DEFAULTS.pdfPageNumber)),
		),
	};
}

/** One item's parameters; a rule the user must fix throws an InputProblem first. */
export function readItem(
	context: IExecuteFunctions,
	itemIndex: number,
	run: RecognizeRun,
): RecognizeItem {
	const rules = run.verdictMode === 'off' ? undefined : readConfidenceRules(context, itemIndex);
	return {
		rules,
		image: readImage(context, itemIndex, run),
		recognitionMode: context.getNodeParameter(
			'recognitionMode',
			itemIndex,
			DEFAULTS.recognitionMode,
		) as string,
		output: readOutputOptions(context, itemIndex),
		checks: readDocumentCheckOptions(context, itemIndex, run.today),
	};
}
