import { node } from './workflowBuilder';

/** n8n's own nodes the e2e workflows and examples use (n8n@2.0.3 type versions). */

/** Read/Write Files from Disk, reading every file that matches a glob into binary property `data`. */
export const readFiles = (name: string, fileSelector: string) =>
	node(name, 'n8n-nodes-base.readWriteFile', 1, { operation: 'read', fileSelector, options: {} });

/** Read/Write Files from Disk, writing binary property `data` of each item to `fileName`. */
export const writeFile = (name: string, fileName: string) =>
	node(name, 'n8n-nodes-base.readWriteFile', 1, {
		operation: 'write',
		fileName,
		dataPropertyName: 'data',
		options: {},
	});

/** Convert to File: all items' JSON into one CSV in binary property `data`. */
export const toCsv = (name: string, fileName: string) =>
	node(name, 'n8n-nodes-base.convertToFile', 1.1, {
		operation: 'csv',
		binaryPropertyName: 'data',
		options: { fileName },
	});

/** Edit Fields (Set), keeping the other fields. `fields` maps names to expressions or strings. */
export const setFields = (name: string, fields: Record<string, string>) =>
	node(name, 'n8n-nodes-base.set', 3.4, {
		assignments: {
			assignments: Object.entries(fields).map(([field, value], index) => ({
				id: `a${index}`,
				name: field,
				value,
				type: 'string',
			})),
		},
		includeOtherFields: true,
		options: {},
	});

/** No Operation: an explicit end of a branch, so its items show up in the run data. */
export const noOp = (name: string) => node(name, 'n8n-nodes-base.noOp', 1);

/** Extract from File: binary property `data` → base64 text in JSON field `field`. */
export const binaryToBase64 = (name: string, field: string) =>
	node(name, 'n8n-nodes-base.extractFromFile', 1, {
		operation: 'binaryToPropery',
		binaryPropertyName: 'data',
		destinationKey: field,
		options: {},
	});

/** HTTP Request POST without a body, run once whatever the number of input items. */
export const httpPostOnce = (name: string, url: string) =>
	node(
		name,
		'n8n-nodes-base.httpRequest',
		4.2,
		{ method: 'POST', url, options: {} },
		{ executeOnce: true },
	);
