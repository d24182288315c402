/**
 * Recognize Passport: each item's image → Huawei's passport OCR → the key fields, document checks and
 * a verdict. Items run concurrently (bounded), come out in input order, each exactly once (or dropped
 * by the filter mode), as a result or, with continue-on-fail, as an error item. The parameters are
 * read in ./parameters.ts, one image is handled in ./recognizeImage.ts.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { imagePlan } from '../../helpers/fileInput';
import type { FileLoad, SkippedFile } from '../../helpers/fileInput';
import type { ImagePayload } from '../../helpers/imageInput';
import { InputProblem } from '../../helpers/inputProblem';
import { itemError } from '../../helpers/nodeErrors';
import { shapeResult } from '../../helpers/output';
import { runPool } from '../../helpers/pool';
import { ConcurrencyWindow } from '../../transport/concurrencyWindow';
import type { PoolControl } from '../../transport/concurrencyWindow';
import { OcrTransport } from '../../transport/ocrTransport';
import { SendScheduler } from '../../transport/sharedPacer';
import type { ItemOutcome, PageFailure, Recognition } from '../common/outcomes';
import { routeOutcomes } from '../common/outcomes';
import { failureHandling, readVerdictMode } from '../common/parameters';
import { readItem, readRun } from './parameters';
import type { RecognizeItem, RecognizeRun } from './parameters';
import { imageCalls, recognizeImage } from './recognizeImage';
import type { OcrPoster } from './recognizeImage';

type Recognized = Recognition | Array<Recognition | PageFailure>;

/**
 * A credential or setting that makes every item fail: with continue-on-fail (or as a tool), say so
 * on every item (n8n would otherwise pass the input items on as if they were results).
 */
function failEveryItem(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	error: Error,
): INodeExecutionData[][] {
	if (failureHandling(context) === 'throw') throw itemError(context.getNode(), error, 0);
	const outcomes: ItemOutcome[] = items.map(() => ({ status: 'rejected', reason: error }));
	return routeOutcomes(context, items, outcomes, readVerdictMode(context));
}

/** A file "All Files of the Item" did not send: reported with the key fields empty, never passed. */
function skippedPart(skipped: SkippedFile, item: RecognizeItem): Recognition {
	const result: IDataObject = {
		...shapeResult({}, { includeRawResponse: false }),
		skipped: true,
		skipReason: skipped.reason,
		source: skipped.source,
	};
	if (!item.rules) return { result };
	return { result, verdict: { passed: false, reasons: [`Skipped: ${skipped.reason}`] } };
}

type Loaded = Awaited<ReturnType<FileLoad['load']>>;

/** A file's images (a PDF's pages one after another): a result, a skip report or a failure each. */
async function recognizeImages(
	context: IExecuteFunctions,
	images: Loaded,
	item: RecognizeItem,
	recognize: (image: ImagePayload) => Promise<Recognition>,
): Promise<Array<Recognition | PageFailure>> {
	const parts: Array<Recognition | PageFailure> = [];
	for (const image of images) {
		const part =
			image instanceof InputProblem
				? { error: image }
				: image.kind === 'skipped'
					? skippedPart(image, item)
					: await recognize(image).catch((error: unknown): PageFailure => ({ error }));
		if ('error' in part && failureHandling(context) === 'throw') throw part.error;
		parts.push(part);
	}
	return parts;
}

/** A file that cannot be read is its own failure among the item's other files. */
async function loadFile(file: FileLoad): Promise<Loaded> {
	return await file.load().catch((error: unknown) => {
		if (error instanceof InputProblem) return [error];
		throw error;
	});
}

/**
 * One item: its image, every page of its PDF, or each of its files, one after another in this item's
 * turn. A page or file that fails is its own error item with continue-on-fail, else it fails the item.
 */
async function recognizeItem(
	context: IExecuteFunctions,
	itemIndex: number,
	input: INodeExecutionData,
	run: RecognizeRun,
	transport: OcrPoster,
): Promise<Recognized> {
	const item = readItem(context, itemIndex, run);
	const plan = imagePlan(context, itemIndex, input, item.image);
	const calls = imageCalls(transport, run, item);
	const recognize = async (image: ImagePayload) => await recognizeImage(image, item, run, calls);
	if (!plan.several) {
		const images = await plan.files[0].load();
		const [image] = images;
		if (images.length === 1 && image instanceof InputProblem) throw image;
		if (images.length === 1 && !(image instanceof InputProblem) && image.kind !== 'skipped')
			return await recognize(image);
		return await recognizeImages(context, images, item, recognize);
	}
	const parts: Array<Recognition | PageFailure> = [];
	for (const file of plan.files)
		parts.push(...(await recognizeImages(context, await loadFile(file), item, recognize)));
	return parts;
}

/**
 * Every item through the pool (at most `window.limit` at once), in input order, routed by the
 * verdict. When failures are thrown, the run starts no new item after the first one.
 */
export async function recognizeBatch(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	run: RecognizeRun,
	transport: OcrPoster,
	window: PoolControl,
): Promise<INodeExecutionData[][]> {
	const stopsAtFailure = failureHandling(context) === 'throw';
	let stopped = false;
	const outcomes = await runPool(items.length, window, async (itemIndex) => {
		if (stopped) return undefined;
		return await recognizeItem(context, itemIndex, items[itemIndex], run, transport).catch(
			(error: unknown) => {
				if (stopsAtFailure) stopped = true;
				throw error;
			},
		);
	});
	return routeOutcomes(context, items, outcomes, run.verdictMode);
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	const run = await readRun(this).catch((error: unknown) =>
		error instanceof Error ? error : new Error(String(error)),
	);
	if (run instanceof Error) return failEveryItem(this, items, run);
	const window = new ConcurrencyWindow(run.concurrency);
	const scheduler = new SendScheduler({
		window,
		maxRps: run.maxRequestsPerSecond,
		memoryKey: run.paceKey,
	});
	const transport = new OcrTransport(this, {
		credentialType: run.credentialType,
		timeoutMs: run.timeoutMs,
		maxRetries: run.maxRetries,
		maxThrottleWaitMs: run.maxThrottleWaitMs,
		retryDelayMs: run.retryDelayMs,
		scheduler,
		firstCallAlone: run.firstCallAlone,
	});
	try {
		return await recognizeBatch(this, items, run, transport, window);
	} finally {
		// This execution no longer takes part in the credential's shared pace.
		scheduler.close();
	}
}
