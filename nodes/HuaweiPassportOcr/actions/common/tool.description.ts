/**
 * What an AI agent's model reads about the node when it is attached as a tool ("…Tool" variant). n8n
 * sends the `toolDescription` parameter as the tool's description; defining it here (shown only in
 * tool mode) replaces n8n's generic field with one default per operation, written for a model.
 */
import type { INodeProperties } from 'n8n-workflow';

import { KEY_FIELDS } from '../../helpers/fields';
import type { Operation } from '../operation.description';

const ERROR_ANSWER =
	'If the call fails it returns [{"error": "..."}]: one sentence saying what went wrong and how to fix it.';

export const RECOGNIZE_TOOL_DESCRIPTION = [
	'Reads the data page of a passport from an image with Huawei Cloud OCR.',
	'Input: the image as an http(s) link, or as base64 text when the user pasted the image itself; it cannot open files or attachments.',
	`Returns [{...}] with the 13 fields (${KEY_FIELDS.join(', ')}; empty text when not printed),`,
	'confidence (0 to 1 per field) and verdict: verdict.passed is false when a person must review the passport, verdict.reasons says why.',
	'Every read comes back with its verdict; nothing is filtered out.',
	ERROR_ANSWER,
].join(' ');

export const PARSE_MRZ_TOOL_DESCRIPTION = [
	'Checks the machine-readable zone (MRZ) of a passport, ID card, residence permit or visa given as text, without an image: parses the lines and verifies every check digit, the dates and the country codes.',
	'Input: the MRZ lines as text, separated by line breaks.',
	'Returns [{...}] with mrz (valid, document: the kind of document and its MRZ format, the parsed fields, checks and errors), validity (expiry, age) and verdict: verdict.passed is false when a check digit or another check fails, verdict.reasons says which.',
	ERROR_ANSWER,
].join(' ');

const toolDescription = (operation: Operation, text: string): INodeProperties => ({
	displayName: 'Tool Description',
	name: 'toolDescription',
	type: 'string',
	typeOptions: { rows: 4 },
	default: text,
	required: true,
	displayOptions: { show: { '@tool': [true], operation: [operation] } },
	description:
		'What the AI model reads about this tool: what it does, which input it needs, what it returns',
});

export const toolDescriptionProperties: INodeProperties[] = [
	toolDescription('recognize', RECOGNIZE_TOOL_DESCRIPTION),
	toolDescription('parseMrz', PARSE_MRZ_TOOL_DESCRIPTION),
];

/** Shown next to the verdict setting of a tool (see readVerdictMode in parameters.ts). */
export const toolModeNotice: INodeProperties = {
	displayName:
		'As an AI agent tool, Filter and Route to Review Output act as Add Verdict Only: the agent sees only the first output, so every result comes back with its verdict',
	name: 'toolModeNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { '@tool': [true], confidenceMode: ['filter', 'route'] } },
};
