/**
 * Recognize Passport: each item's image → Huawei's passport OCR → the key fields, document checks and
 * a verdict. Items run concurrently (bounded), come out in input order, each exactly once (or dropped
 * by the filter mode), as a result or, with continue-on-fail, as an error item.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { resolveEndpoints } from '../../credentialsSeam';
import type { Edition, ResolvedEndpoints } from '../../credentialsSeam';
import { thresholdProblem } from '../../helpers/confidence';
import type { ConfidenceRules } from '../../helpers/confidence';
import {
	crossCheckReport,
	findMrzLines,
	mrzOutcome,
	mrzReport,
	textLinesOf,
	validityOutcome,
	validityReport,
} from '../../helpers/documentChecks';
import type { DocumentCheckOptions } from '../../helpers/documentChecks';
import type { FailureContext, ImageSource } from '../../helpers/failureContext';
import { loadImages } from '../../helpers/imageInput';
import type { ImagePayload } from '../../helpers/imageInput';
import { InputProblem } from '../../helpers/inputProblem';
import { itemError, withCallContext } from '../../helpers/nodeErrors';
import { shapeResult } from '../../helpers/output';
import { pdfSelection } from '../../helpers/pdfImage';
import type { PdfPageOption } from '../../helpers/pdfImage';
import { runPool } from '../../helpers/pool';
import { ConcurrencyWindow } from '../../transport/concurrencyWindow';
import { combineChecks, confidenceCheck } from '../../helpers/verdict';
import type { CheckOutcome, ThresholdMode } from '../../helpers/verdict';
import { firstCallGoesAlone } from '../../transport/firstCall';
import type { BodyFields } from '../../transport/jsonBody';
import { OcrTransport, ocrUrl } from '../../transport/ocrTransport';
import { paceKey, SendScheduler } from '../../transport/sharedPacer';
import { DEFAULTS } from '../common/defaults';
import type { ItemOutcome, PageFailure, Recognition } from '../common/outcomes';
import { routeOutcomes } from '../common/outcomes';
import {
	failureHandling,
	readDocumentCheckOptions,
	readMode,
	readOutputOptions,
	readRunNumber,
} from '../common/parameters';
import { findMrz } from './mrzSearch';

interface RunSettings {
	credentialType: string;
	endpoints: ResolvedEndpoints;
	edition: Edition;
	mode: ThresholdMode;
	/** Whether concurrent first calls could race for a token (transport/firstCall.ts). */
	firstCallAlone: boolean;
	/** The key of the pace this credential's executions share (transport/sharedPacer.ts). */
	paceKey?: string;
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
	const editionOption = (options.edition as string | undefined) ?? DEFAULTS.edition;
	return {
		credentialType,
		endpoints,
		edition:
			editionOption === 'g42' || editionOption === 'international'
				? editionOption
				: endpoints.edition,
		mode: readMode(context),
		firstCallAlone: firstCallGoesAlone(credentialType, credentials, Date.now()),
		paceKey: paceKey(
			credentialType,
			context.getNode().credentials?.[credentialType]?.id,
			endpoints.ocrEndpoint,
		),
	};
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

/** PDF Page and Page Number: which page(s) of a PDF to read (ignored for other files). */
function readPdfSelection(context: IExecuteFunctions, itemIndex: number) {
	const option = context.getNodeParameter('pdfPage', itemIndex, DEFAULTS.pdfPage) as PdfPageOption;
	const page = context.getNodeParameter('pdfPageNumber', itemIndex, DEFAULTS.pdfPageNumber);
	return pdfSelection(option, Number(page));
}

/** The request body for any OCR API of the same image. */
function imageBody(payload: ImagePayload): BodyFields {
	return payload.kind === 'image' ? { image: payload.bytes } : { url: payload.url };
}

/**
 * MRZ and validity checks on a result (which they extend with `mrz` and `validity`); their verdict
 * checks count only when the user asks for it.
 */
async function runDocumentChecks(
	result: IDataObject,
	options: DocumentCheckOptions & { secondRead: boolean },
	secondRead: () => Promise<string[] | undefined>,
): Promise<CheckOutcome[]> {
	const outcomes: CheckOutcome[] = [];
	const search = await findMrz(result, options.secondRead, secondRead);
	let mrzDates: { birth?: string | null; expiry?: string | null } = {};
	if (search.lines) {
		const { parsed, report } = mrzReport(search.lines, search.source, options);
		const agreement = crossCheckReport(parsed, result);
		report.crossCheck = agreement;
		result.mrz = report;
		mrzDates = { birth: parsed.fields?.birthDate, expiry: parsed.fields?.expiryDate };
		outcomes.push(mrzOutcome(report, agreement));
	} else if (search.source) {
		const { message, code } = search;
		result.mrz = {
			source: search.source,
			valid: false,
			found: false,
			message,
			...(code !== undefined ? { code } : {}),
		};
		outcomes.push({
			name: 'mrz',
			passed: false,
			reason: `Needs review: ${message}`,
			details: { valid: false },
		});
	}
	const printed = (name: string) =>
		typeof result[name] === 'string' && result[name] !== '' ? (result[name] as string) : undefined;
	const validity = validityReport(
		{
			dateOfBirth: printed('date_of_birth') ?? mrzDates.birth,
			dateOfExpiry: printed('date_of_expiry') ?? mrzDates.expiry,
		},
		options,
	);
	result.validity = validity;
	outcomes.push(validityOutcome(validity, options));
	return options.includeInVerdict ? outcomes : [];
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	const settings = await readRunSettings(this).catch((error: unknown) =>
		error instanceof Error ? error : new Error(String(error)),
	);
	if (settings instanceof Error) {
		// A credential or setting that makes every item fail: with continue-on-fail (or as a tool), say
		// so on every item (n8n would otherwise pass the input items on as if they were results).
		if (failureHandling(this) === 'throw') throw itemError(this.getNode(), settings, 0);
		const outcomes: ItemOutcome[] = items.map(() => ({ status: 'rejected', reason: settings }));
		return routeOutcomes(this, items, outcomes, readMode(this));
	}
	const timeoutMs = readRunNumber(this, 'timeout', DEFAULTS.timeoutMs);
	/** What every failed call of this run is told: the item adds its image source. */
	const runContext: FailureContext = {
		region: settings.endpoints.region,
		endpoint: settings.endpoints.ocrEndpoint,
		edition: settings.edition,
		timeoutMs,
	};
	const pool = new ConcurrencyWindow(readRunNumber(this, 'concurrency', DEFAULTS.concurrency));
	const scheduler = new SendScheduler({
		window: pool,
		maxRps: readRunNumber(this, 'maxRequestsPerSecond', DEFAULTS.maxRequestsPerSecond),
		memoryKey: settings.paceKey,
	});
	const transport = new OcrTransport(this, {
		credentialType: settings.credentialType,
		timeoutMs,
		maxRetries: readRunNumber(this, 'maxRetries', DEFAULTS.maxRetries),
		maxThrottleWaitMs:
			Math.max(1, readRunNumber(this, 'maxThrottleWait', DEFAULTS.maxThrottleWaitSeconds)) * 1000,
		retryDelayMs: readRunNumber(this, 'retryDelay', DEFAULTS.retryDelayMs),
		scheduler,
		firstCallAlone: settings.firstCallAlone,
	});
	const passportUrl = ocrUrl(settings.endpoints.ocrEndpoint, 'passport');
	const generalTextUrl = ocrUrl(settings.endpoints.ocrEndpoint, 'general-text');
	const today = new Date();
	// When a failure is thrown the run stops at the first one: start no new item after it.
	let stopped = false;

	const processItem = async (itemIndex: number) => {
		if (stopped) return undefined;
		const rules = settings.mode === 'off' ? undefined : readConfidenceRules(this, itemIndex);
		const source = this.getNodeParameter('imageSource', itemIndex) as ImageSource;
		const images = await loadImages.call(this, itemIndex, items[itemIndex], {
			source,
			binaryPropertyName: this.getNodeParameter(
				'binaryPropertyName',
				itemIndex,
				DEFAULTS.binaryPropertyName,
			),
			url: this.getNodeParameter('imageUrl', itemIndex, ''),
			base64: this.getNodeParameter('imageBase64', itemIndex, ''),
			edition: settings.edition,
			pdf: readPdfSelection(this, itemIndex),
		});
		// This item's calls: a failure leaves here with the run's and the item's context.
		const post = async (url: string, body: BodyFields) =>
			await transport.post(url, body).catch((error: unknown) => {
				throw withCallContext(error, { ...runContext, imageSource: source });
			});
		const recognitionMode = this.getNodeParameter(
			'recognitionMode',
			itemIndex,
			DEFAULTS.recognitionMode,
		) as string;
		const recognizeImage = async (payload: ImagePayload): Promise<Recognition> => {
			const body = imageBody(payload);
			// The G42 edition rejects country_code (AIS.0101), so its engine choice is never sent there.
			if (recognitionMode !== 'auto' && settings.edition !== 'g42')
				body.country_code = recognitionMode;
			const response = await post(passportUrl, body);
			const result = shapeResult(response.body, readOutputOptions(this, itemIndex));
			if (payload.kind === 'image' && payload.source) result.source = payload.source;
			const documentChecks = await runDocumentChecks(
				result,
				readDocumentCheckOptions(this, itemIndex, today),
				async () => {
					const text = await post(generalTextUrl, imageBody(payload));
					return findMrzLines(textLinesOf(text.body));
				},
			);
			if (!rules) return { result };
			const checks = [confidenceCheck(result, rules), ...documentChecks];
			return { result, verdict: combineChecks(checks) };
		};
		if (images.length === 1) {
			const [image] = images;
			if (image instanceof InputProblem) throw image;
			return await recognizeImage(image);
		}
		// Every page of a PDF, one after another in this item's turn: a page that fails is its own
		// error item with continue-on-fail, else it fails the item like any other failure.
		const pages: Array<Recognition | PageFailure> = [];
		for (const image of images) {
			const page =
				image instanceof InputProblem
					? { error: image }
					: await recognizeImage(image).catch((error: unknown): PageFailure => ({ error }));
			if ('error' in page && failureHandling(this) === 'throw') throw page.error;
			pages.push(page);
		}
		return pages;
	};

	let outcomes: ItemOutcome[];
	try {
		outcomes = await runPool(items.length, pool, async (itemIndex) => {
			let succeeded = false;
			try {
				const outcome = await processItem(itemIndex);
				succeeded = true;
				return outcome;
			} finally {
				if (!succeeded && failureHandling(this) === 'throw') stopped = true;
			}
		});
	} finally {
		// This execution no longer takes part in the credential's shared pace.
		scheduler.close();
	}
	return routeOutcomes(this, items, outcomes, settings.mode);
}
