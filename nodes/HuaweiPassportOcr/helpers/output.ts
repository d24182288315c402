/**
 * Output shaping (pure): Huawei's answer → one predictable item per input item.
 * The 13 key fields are always present (empty string when Huawei left one out), so expressions and
 * AI agents downstream never meet `undefined`.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { isRecord } from '../credentialsSeam';
import { FILES_IN_JSON } from './binaryFiles';
import { KEY_FIELDS, MRZ_LINE_FIELDS } from './fields';

export interface OutputOptions {
	/** Also return Huawei's whole response under `raw`. */
	includeRawResponse: boolean;
	/** Empty: the item's JSON is the result. Otherwise: the input JSON with the result under this property. */
	resultProperty: string;
	/** Pass the input item's binary through (default true, so a later node can archive the image). */
	keepInputBinary: boolean;
}

/** Huawei's `result` object out of a response body, or undefined when the body holds none. */
export function resultOf(body: unknown): IDataObject | undefined {
	return isRecord(body) && isRecord(body.result) ? body.result : undefined;
}

/** The predictable result: key fields (trimmed; given_name may carry trailing spaces), MRZ lines, confidence, extra_info. */
export function shapeResult(
	body: unknown,
	options: Pick<OutputOptions, 'includeRawResponse'>,
): IDataObject {
	const result = resultOf(body) ?? {};
	const shaped: IDataObject = {};
	for (const field of KEY_FIELDS) {
		const value = result[field];
		shaped[field] =
			typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
	}
	// MRZ lines verbatim: stray spaces inside are the MRZ engine's business, not ours.
	for (const field of MRZ_LINE_FIELDS) {
		if (typeof result[field] === 'string') shaped[field] = result[field];
	}
	shaped.confidence = isRecord(result.confidence) ? { ...result.confidence } : {};
	shaped.extra_info = isRecord(result.extra_info) ? { ...result.extra_info } : {};
	if (options.includeRawResponse) shaped.raw = isRecord(body) ? body : { body: body as string };
	return shaped;
}

/**
 * Only `name` of a map of files when it holds that name: the output item of one of an item's several
 * files passes on that file, not its siblings. Anything else (one file, a PDF's pages, a file from an
 * expression that is not one of the item's) passes on the map whole.
 */
function ownFile<T>(map: Record<string, T>, name: unknown): Record<string, T> {
	return typeof name === 'string' && Object.hasOwn(map, name) ? { [name]: map[name] } : map;
}

/** The output item for a successful read: result (with verdict) placed per the options. */
export function buildResultItem(
	input: INodeExecutionData,
	result: IDataObject,
	options: OutputOptions,
	itemIndex: number,
): INodeExecutionData {
	const property = options.resultProperty.trim();
	const json: IDataObject = property ? { ...input.json, [property]: result } : { ...result };
	const file = isRecord(result.source) ? result.source.file : undefined;
	// n8n's combined binary mode (2.5+) keeps an item's files in its JSON: they follow the option too.
	const files = input.json?.[FILES_IN_JSON];
	if (options.keepInputBinary && files !== undefined)
		json[FILES_IN_JSON] = isRecord(files) ? ownFile(files, file) : files;
	else if (!options.keepInputBinary) delete json[FILES_IN_JSON];
	const item: INodeExecutionData = { json, pairedItem: { item: itemIndex } };
	if (options.keepInputBinary && input.binary) item.binary = ownFile(input.binary, file);
	return item;
}

/**
 * The error item for continue-on-fail / the error output, the way n8n documents it: the error itself
 * on `item.error` (n8n then sets `json` to `{ error: message }` and routes the item to the error output;
 * the error keeps the description, Huawei's code and the request id), with pairedItem and, by default,
 * the input binary so a later node can retry or archive it.
 */
export function buildErrorItem(
	input: INodeExecutionData,
	error: NonNullable<INodeExecutionData['error']>,
	options: Pick<OutputOptions, 'keepInputBinary'>,
	itemIndex: number,
): INodeExecutionData {
	const item: INodeExecutionData = {
		json: { error: error.message },
		error,
		pairedItem: { item: itemIndex },
	};
	if (options.keepInputBinary && input.binary) item.binary = input.binary;
	return item;
}

/**
 * A failure as an AI agent's tool answers it: only the message (what went wrong and the fix). The
 * agent serialises the tool's output items to JSON for the model, so this reads [{"error": "..."}];
 * no `error` object, which n8n would treat as a failed node output.
 */
export function buildToolErrorItem(
	error: Pick<Error, 'message'>,
	itemIndex: number,
): INodeExecutionData {
	return { json: { error: error.message }, pairedItem: { item: itemIndex } };
}
