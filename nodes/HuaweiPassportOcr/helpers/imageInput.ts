/**
 * Where the image comes from (binary property, URL, base64 text) and the local checks that spare an
 * API call on a file Huawei would refuse. A PDF yields the JPEG page image(s) inside it (pdfImage.ts).
 * The checks are pure; only loadImages touches n8n.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { Edition } from '../credentialsSeam';
import { isPdf } from '../pdf';
import type { PdfPageSelection } from '../pdf';
import { sniffImage } from '../image';
import type { ImageInfo } from '../image';
import { base64Length } from '../transport/jsonBody';
import type { ImageSource } from './failureContext';
import { describeItemFiles, FILES_IN_JSON, isBinaryValue } from './binaryFiles';
import { InputProblem } from './inputProblem';
import { pdfPages } from './pdfImage';

/** Huawei's limits for a passport image (docs/huawei-api.md). */
export const IMAGE_LIMITS: {
	minSide: 15;
	maxSide: Record<Edition, number>;
	maxBase64Bytes: number;
	maxRequestBytes: number;
} = Object.freeze({
	minSide: 15,
	// The G42 (ae-ad-1) edition and older docs still say 4096.
	maxSide: Object.freeze({ international: 8192, g42: 4096 }),
	maxBase64Bytes: 10 * 1024 * 1024,
	maxRequestBytes: 12 * 1024 * 1024,
});

/**
 * What goes into the request body: the image's bytes (base64-encoded only as the body is written, see
 * transport/jsonBody.ts), or a URL Huawei downloads itself.
 */
export type ImagePayload =
	| {
			kind: 'image';
			bytes: Buffer;
			info: ImageInfo;
			byteLength: number;
			/** Where the image came from, when it is not the file itself (a PDF's page image). */
			source?: IDataObject;
	  }
	| { kind: 'url'; url: string };

/** One image to send, or why one page of the item's PDF cannot be sent. */
export type LoadedImage = ImagePayload | InputProblem;

export const FIELD_LABELS: Record<ImageSource, string> = {
	binaryData: 'Input Binary Field',
	allFiles: 'Image Source',
	url: 'Image URL',
	base64: 'Base64 Image',
};

/** What to do with a file that is not one of the four accepted formats. */
const FORMAT_FIXES: Partial<Record<ImageInfo['format'], string>> = {
	pdf: 'convert the passport page to JPEG first (e.g. render the PDF page as an image)',
	gif: 'convert it to JPEG or PNG first',
	webp: 'convert it to JPEG or PNG first',
	heic: 'convert it to JPEG first (iPhone photos are HEIC unless the camera is set to "Most Compatible")',
	avif: 'convert it to JPEG or PNG first',
	svg: 'a vector drawing cannot hold a passport photo: send the scanned page as JPEG or PNG',
	jpeg2000: 'convert it to JPEG or PNG first',
	ico: 'send the passport page as JPEG or PNG',
	zip: 'unpack it first (Compression node) and send the image inside',
	html: 'this is a web page, not an image: use the direct link to the image file',
	empty: 'the file has no content: check the step that produced it',
	unknown: 'send a JPEG, PNG, BMP or TIFF image',
};

function textFix(info: ImageInfo): string {
	return /base64|data: URL/.test(info.label)
		? 'the binary holds base64 text, not image bytes: decode it first, or pass the text with Image Source "Base64 Text"'
		: 'send a JPEG, PNG, BMP or TIFF image';
}

/**
 * The local verdict on image bytes for an edition: undefined when Huawei should accept it,
 * otherwise the reason and the fix (without the item/field prefix).
 */
export function checkImageBytes(
	info: ImageInfo,
	byteLength: number,
	edition: Edition,
): string | undefined {
	if (!info.supported) {
		const fix =
			info.format === 'text'
				? textFix(info)
				: (FORMAT_FIXES[info.format] ?? 'send a JPEG, PNG, BMP or TIFF image');
		const what = info.label.charAt(0).toUpperCase() + info.label.slice(1);
		return `${what}: ${fix}. Huawei's passport OCR reads JPEG, PNG, BMP and TIFF only.`;
	}
	if (info.truncated) {
		return `The ${info.label} file ends early (an interrupted download or upload?): get the complete file again.`;
	}
	const encoded = base64Length(byteLength);
	if (encoded > IMAGE_LIMITS.maxBase64Bytes) {
		return `The ${info.label} is ${megabytes(
			encoded,
		)} MB as base64; Huawei accepts at most ${megabytes(
			IMAGE_LIMITS.maxBase64Bytes,
		)} MB: compress it (lower JPEG quality) or resize it.`;
	}
	if (info.width !== undefined && info.height !== undefined) {
		const size = `${info.width}×${info.height} px`;
		const smallest = Math.min(info.width, info.height);
		const largest = Math.max(info.width, info.height);
		if (smallest < IMAGE_LIMITS.minSide) {
			return `The ${info.label} is ${size}: each side must be at least ${IMAGE_LIMITS.minSide} px — send the full-resolution scan.`;
		}
		const maxSide = IMAGE_LIMITS.maxSide[edition];
		if (largest > maxSide) {
			return `The ${info.label} is ${size}: the ${editionName(
				edition,
			)} edition accepts at most ${maxSide} px per side — resize it (e.g. Edit Image node).`;
		}
	}
	return undefined;
}

function megabytes(bytes: number): string {
	return (bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '');
}

function editionName(edition: Edition): string {
	return edition === 'g42' ? 'G42 Cloud' : 'Huawei Cloud international';
}

const DATA_URL_PREFIX = /^data:[^,]*?;base64,/i;

/**
 * Base64 text as people and AI agents pass it: with or without a `data:...;base64,` prefix, with line
 * breaks, URL-safe or standard alphabet, padded or not. Returns the bytes, or a reason.
 */
export function decodeBase64Text(text: string): { bytes: Buffer } | { problem: string } {
	let body = text.trim();
	if (/^data:/i.test(body)) {
		if (!DATA_URL_PREFIX.test(body))
			return {
				problem: 'The data: URL is not base64-encoded (it needs ";base64," before the data).',
			};
		body = body.replace(DATA_URL_PREFIX, '');
	}
	body = body.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/');
	if (body === '') return { problem: 'The base64 text is empty.' };
	if (/^https?:\/\//i.test(body))
		return { problem: 'This is a URL, not base64: choose Image Source "Image URL".' };
	if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body) || body.replace(/=+$/, '').length % 4 === 1) {
		return {
			problem: 'The text is not valid base64 (only A–Z, a–z, 0–9, +, / and = padding may appear).',
		};
	}
	return { bytes: Buffer.from(body, 'base64') };
}

/**
 * n8n could not hand over the bytes of a binary property it lists. "File not found" from its
 * filesystem storage means the file went away between the upload and this node: n8n 2.0.3 in
 * regular mode loses webhook uploads that way under concurrent executions (see docs/scaling.md).
 */
export function binaryReadProblem(error: unknown, property: string): string {
	const record = (typeof error === 'object' && error !== null ? error : {}) as {
		message?: unknown;
		code?: unknown;
	};
	const message = typeof record.message === 'string' ? record.message : '';
	if (message === 'File not found' || record.code === 'ENOENT') {
		return `n8n lost the file of binary property "${property}" before this node read it (File not found in its binary data storage). n8n 2.0.3 in regular mode does this to webhook uploads under concurrent executions: set N8N_DEFAULT_BINARY_DATA_MODE=database or upgrade n8n (2.40.7 keeps them), then send the file again.`;
	}
	const detail = message.trim().slice(0, 200);
	return `n8n could not read binary property "${property}"${detail ? ` (${detail})` : ''}: check that the previous node still outputs the file, then run again.`;
}

/** Huawei downloads the URL itself, so only its shape is checked here. */
export function checkImageUrl(url: string): string | undefined {
	const trimmed = url.trim();
	if (trimmed === '') return 'The image URL is empty.';
	if (/^data:/i.test(trimmed))
		return 'This is a data: URL, not a web address: choose Image Source "Base64 Text".';
	let parsed: URL;
	try {
		parsed = new URL(trimmed);
	} catch {
		return `"${trimmed.slice(0, 80)}" is not a valid URL: enter a full http(s) address.`;
	}
	if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
		return `Huawei downloads http(s) URLs only (got ${parsed.protocol}): upload the file somewhere reachable (OBS recommended) or send it as binary.`;
	}
	return undefined;
}

/**
 * A hint for the binary property field, which takes a NAME or a file: people often put the file's
 * base64, a data: URL or a whole expression result there. Undefined when the value looks like a name
 * (or is a file, or a list of them).
 */
export function binaryFieldHint(value: unknown): string | undefined {
	if (isBinaryValue(value) || Array.isArray(value)) return undefined;
	if (typeof value === 'object' && value !== null && 'mimeType' in value) {
		return `This field received a file's description without its data (what {{ $binary.<name> }} gives): point the expression at the file itself, e.g. {{ $('Gmail').item.binary.attachment_0 }} or {{ $json._files.data }}, or write just its name.`;
	}
	if (typeof value !== 'string') {
		return `This field takes the NAME of the binary property (e.g. "data") or a file from an expression (e.g. {{ $('Gmail').item.binary.attachment_0 }}), but it received ${kindOf(
			value,
		)} that is not a file (an n8n file has a mimeType and its data or id): write just the name, or point the expression at the file itself.`;
	}
	const name = value.trim();
	if (name === '')
		return 'Enter the name of the binary property that holds the image (usually "data").';
	if (/^data:/i.test(name) || (name.length > 64 && /^[A-Za-z0-9+/=\s_-]+$/.test(name))) {
		return 'This field takes the NAME of the binary property (e.g. "data"), not the file itself — it seems to hold base64: choose Image Source "Base64 Text" and put it there.';
	}
	if (/[{}\s[\]]/.test(name) || name.length > 100) {
		return 'This field takes the NAME of the binary property (e.g. "data"), but it seems to hold an expression result: write just the name.';
	}
	return undefined;
}

/** "not found" explained with what the item does have, in `binary` and under `_files`. */
export function missingBinaryMessage(name: unknown, item: INodeExecutionData): string {
	const hint = binaryFieldHint(name);
	if (hint) return hint;
	const files = describeItemFiles(item);
	const several =
		'several: separate the names with commas, or choose Image Source "All Files of the Item"';
	if (!files) {
		return `The item has no binary data, so there is no "${String(
			name,
		)}" to read: add a node that loads the file before this one (e.g. Read Files from Disk, or HTTP Request with Response Format "File"), or use Image Source "Image URL" or "Base64 Text".`;
	}
	if (!Object.keys(item.json ?? {}).includes(FILES_IN_JSON)) {
		const available = Object.keys(item.binary ?? {}).map((key) => `"${key}"`);
		return `The item has no binary property "${String(name)}"; it has ${available.join(
			', ',
		)}: enter one of those (${several}).`;
	}
	return `The item has no file "${String(
		name,
	)}" (neither a binary property nor under ${FILES_IN_JSON}); it has ${files}: enter one of those names as it is, e.g. "attachment_0" (${several}).`;
}

/** "an object", "a list", "a number"... for messages about a value of the wrong kind. */
function kindOf(value: unknown): string {
	if (Array.isArray(value)) return 'a list';
	if (value === null || value === undefined) return 'nothing';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export interface ImageInputParameters {
	source: ImageSource;
	binaryPropertyName?: unknown;
	url?: unknown;
	base64?: unknown;
	edition: Edition;
	/** Which page(s) of a PDF to take (default: the first page with a JPEG image). */
	pdf?: PdfPageSelection;
	/** The workflow runs with n8n's combined binary mode (files under `_files` in the JSON). */
	combined?: boolean;
}

/** A payload from bytes, or the problem with them. */
export function imagePayloadFromBytes(
	bytes: Uint8Array,
	edition: Edition,
	field: string,
): ImagePayload {
	const info = sniffImage(bytes);
	const problem = checkImageBytes(info, bytes.length, edition);
	if (problem) throw new InputProblem({ message: problem, field });
	return {
		kind: 'image',
		bytes: asBuffer(bytes),
		info,
		byteLength: bytes.length,
	};
}

/**
 * The image(s) in bytes: the file itself, or, for a PDF, the JPEG page image(s) it holds, each checked
 * like any image. A PDF that cannot be sent at all throws; one page that cannot be sent (in "every
 * page" mode) is an InputProblem in the list.
 */
export function imagePayloadsFromBytes(
	bytes: Uint8Array,
	edition: Edition,
	field: string,
	pdf: PdfPageSelection = { mode: 'first' },
): LoadedImage[] {
	// "%PDF-" may sit after some junk, but an image that happens to contain it stays an image.
	if (!isPdf(bytes) || sniffImage(bytes).supported)
		return [imagePayloadFromBytes(bytes, edition, field)];
	const pages = pdfPages(asBuffer(bytes), pdf);
	if (typeof pages === 'string') throw new InputProblem({ message: pages, field });
	return pages.map((page) => {
		if ('problem' in page) return new InputProblem({ message: page.problem, field });
		const info = sniffImage(page.jpeg);
		const problem = checkImageBytes(info, page.jpeg.length, edition);
		if (problem)
			return new InputProblem({ message: `Page ${page.page} of the PDF: ${problem}`, field });
		return {
			kind: 'image',
			bytes: page.jpeg,
			info,
			byteLength: page.jpeg.length,
			source: page.source,
		};
	});
}

function asBuffer(bytes: Uint8Array): Buffer {
	return Buffer.isBuffer(bytes)
		? bytes
		: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Loads one item's image from a URL or base64 text (files are fileInput.ts's) and checks it: one
 * payload, or one per PDF page in "every page" mode. Throws InputProblem for anything the user must fix.
 */
export function loadTextImages(parameters: ImageInputParameters): LoadedImage[] {
	const field = FIELD_LABELS[parameters.source];
	if (parameters.source === 'url') {
		const url = String(parameters.url ?? '');
		const problem = checkImageUrl(url);
		if (problem) throw new InputProblem({ message: problem, field });
		return [{ kind: 'url', url: url.trim() }];
	}
	if (typeof parameters.base64 !== 'string') {
		throw new InputProblem({
			message: `The field received ${kindOf(
				parameters.base64,
			)}, not base64 text: point the expression at the string itself (e.g. {{ $json.image }}).`,
			field,
		});
	}
	const decoded = decodeBase64Text(parameters.base64);
	if ('problem' in decoded) throw new InputProblem({ message: decoded.problem, field });
	return imagePayloadsFromBytes(decoded.bytes, parameters.edition, field, parameters.pdf);
}
