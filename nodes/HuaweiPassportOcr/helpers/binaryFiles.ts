/**
 * Which file(s) an item points at, the ways n8n hands files over: a binary property name, a binary
 * object from an expression (n8n ≥ 1.114), a list of either, names separated by commas, or every file
 * of the item. In a workflow with n8n 2.5's combined binary mode the files sit in the item's JSON
 * under `_files` (and a name may be a path in the JSON). Pure: reading the bytes is imageInput.ts's.
 */
import type { IBinaryData, IDataObject, INodeExecutionData } from 'n8n-workflow';

/** Where n8n ≥ 2.5 puts an item's files in a workflow with binary mode "combined". */
export const FILES_IN_JSON = '_files';

/** One file to read: how the user knows it, and n8n's description of it. */
export interface FileRef {
	/** The property name, JSON path or file name the user knows the file by. */
	name: string;
	binary: IBinaryData;
	/** Set when the file is the item's own binary property of that name (read by name, as always). */
	property?: string;
}

/** The files an item points at; `several` when each result must say which file it came from. */
export interface FileSelection {
	files: FileRef[];
	several: boolean;
}

/** n8n's own test for a binary value (n8n-workflow's isBinaryValue, not in every supported version). */
export function isBinaryValue(value: unknown): value is IBinaryData {
	return (
		typeof value === 'object' &&
		value !== null &&
		!Array.isArray(value) &&
		'mimeType' in value &&
		('data' in value || 'id' in value)
	);
}

/** The item's files under `_files`, when it has any. */
function filesInJson(item: INodeExecutionData): Record<string, IBinaryData> {
	const files = (item.json ?? {})[FILES_IN_JSON];
	if (typeof files !== 'object' || files === null || Array.isArray(files)) return {};
	const found: Record<string, IBinaryData> = {};
	for (const [name, value] of Object.entries(files as IDataObject)) {
		if (isBinaryValue(value)) found[name] = value;
	}
	return found;
}

/** Every file of the item, in order: its binary properties, then its `_files` (a name once). */
export function itemFiles(item: INodeExecutionData, combined: boolean): FileRef[] {
	const files: FileRef[] = Object.entries(item.binary ?? {}).map(([name, binary]) => ({
		name,
		binary,
		...(combined ? {} : { property: name }),
	}));
	for (const [name, binary] of Object.entries(filesInJson(item))) {
		if (!files.some((file) => file.name === name)) files.push({ name, binary });
	}
	return files;
}

/** A value at a dotted path of the JSON (`_files.data`, `attachments.0`), like n8n's lodash get. */
function atPath(json: IDataObject, path: string): unknown {
	let value: unknown = json;
	for (const key of path.split('.')) {
		if (typeof value !== 'object' || value === null) return undefined;
		value = (value as Record<string, unknown>)[key];
	}
	return value;
}

/** The file an item has under this name: binary property, then `_files`, then a path in its JSON. */
export function fileByName(
	item: INodeExecutionData,
	name: string,
	combined: boolean,
): FileRef | undefined {
	const binary = item.binary?.[name];
	if (binary) return { name, binary, ...(combined ? {} : { property: name }) };
	const inJson = filesInJson(item)[name];
	if (inJson) return { name, binary: inJson };
	const atJsonPath = atPath(item.json ?? {}, name);
	return isBinaryValue(atJsonPath) ? { name, binary: atJsonPath } : undefined;
}

/** How a result names a binary object the user passed: its file name, else its place in the list. */
function objectName(binary: IBinaryData, position: number): string {
	return binary.fileName ?? `file ${position + 1}`;
}

/** What the field holds, as a list of names and objects (undefined: not a file reference at all). */
function references(value: unknown): { refs: unknown[]; several: boolean } | undefined {
	if (Array.isArray(value)) return { refs: value, several: true };
	if (isBinaryValue(value)) return { refs: [value], several: false };
	if (typeof value !== 'string') return undefined;
	if (!value.includes(',')) return { refs: [value.trim()], several: false };
	const names = value
		.split(',')
		.map((name) => name.trim())
		.filter((name) => name !== '');
	return { refs: names, several: true };
}

/**
 * The files the field points at, or the problem (what the user must fix) with the first one that is
 * not a file of the item. `missing` words the problem for a name the item does not have.
 */
export function selectFiles(
	value: unknown,
	item: INodeExecutionData,
	combined: boolean,
	missing: (name: unknown) => string,
): FileSelection | { problem: string } {
	const found = references(value);
	if (!found) return { problem: missing(value) };
	if (found.refs.length === 0)
		return {
			problem:
				'The list of files is empty: name at least one file (e.g. "attachment_0, attachment_1").',
		};
	const files: FileRef[] = [];
	for (const [position, ref] of found.refs.entries()) {
		if (isBinaryValue(ref)) {
			files.push({ name: objectName(ref, position), binary: ref });
			continue;
		}
		const file = typeof ref === 'string' ? fileByName(item, ref, combined) : undefined;
		if (!file) return { problem: missing(ref) };
		files.push(file);
	}
	return { files, several: found.several };
}

/** The item's files as the "no such file" message lists them: where each is and what to type. */
export function describeItemFiles(item: INodeExecutionData): string | undefined {
	const inBinary = Object.keys(item.binary ?? {}).map((name) => `"${name}"`);
	const inJson = Object.keys(filesInJson(item)).map((name) => `"${name}"`);
	const parts: string[] = [];
	if (inBinary.length) parts.push(`binary properties ${inBinary.join(', ')}`);
	if (inJson.length) parts.push(`files under ${FILES_IN_JSON} ${inJson.join(', ')}`);
	return parts.length ? parts.join(' and ') : undefined;
}
