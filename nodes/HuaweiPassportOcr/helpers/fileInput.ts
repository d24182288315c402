/**
 * An item's input as a plan of files to read, each loaded only when its turn comes: the one image of a
 * URL or base64 text, the file(s) the Input Binary Field points at (binaryFiles.ts), or every file of
 * the item ("All Files of the Item", where a file that cannot be a document page is skipped, not sent).
 * Bytes are read with helpers every supported n8n has (1.123, 2.0, 2.40).
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { sniffImage } from '../image';
import type { ImageInfo } from '../image';
import { isPdf } from '../pdf';
import { itemFiles, selectFiles } from './binaryFiles';
import type { FileRef } from './binaryFiles';
import {
	binaryReadProblem,
	FIELD_LABELS,
	imagePayloadsFromBytes,
	loadTextImages,
	missingBinaryMessage,
} from './imageInput';
import type { ImageInputParameters, LoadedImage } from './imageInput';
import { InputProblem } from './inputProblem';

/** A file of "All Files of the Item" that is not sent, and why: it costs no call. */
export interface SkippedFile {
	kind: 'skipped';
	reason: string;
	source: IDataObject;
}

/** One file (or the URL / base64 image) of the item, loaded when its turn comes. */
export interface FileLoad {
	/** Which file a result came from, when the item has several (`source.file`). */
	source?: IDataObject;
	load(): Promise<Array<LoadedImage | SkippedFile>>;
}

/** What an item gives to read; `several` when each file's results say which file they came from. */
export interface ImagePlan {
	several: boolean;
	files: FileLoad[];
}

/** The shorter side below which an image cannot be a readable document page (a logo, an icon). */
export const DOCUMENT_MIN_SIDE = 100;

/**
 * Why a file of "All Files of the Item" is not a document page, or undefined when it may be one: any
 * PDF and any image Huawei reads whose shorter side is at least DOCUMENT_MIN_SIDE.
 */
export function skipReason(bytes: Uint8Array, info: ImageInfo): string | undefined {
	if (isPdf(bytes) && !info.supported) return undefined;
	if (!info.supported)
		return `${info.label.charAt(0).toUpperCase()}${info.label.slice(1)}: not an image or PDF that can hold a document page (JPEG, PNG, BMP, TIFF or PDF).`;
	if (info.width !== undefined && info.height !== undefined) {
		if (Math.min(info.width, info.height) < DOCUMENT_MIN_SIDE)
			return `${info.width}×${info.height} px: too small to be a document page (a logo or an icon?); a page scan is at least ${DOCUMENT_MIN_SIDE} px on each side.`;
	}
	return undefined;
}

/** A file's bytes: by name through n8n's helpers as always, or from the binary object itself. */
async function readBytes(
	context: IExecuteFunctions,
	itemIndex: number,
	file: FileRef,
): Promise<Buffer> {
	if (file.property !== undefined) {
		context.helpers.assertBinaryData(itemIndex, file.property);
		return await context.helpers.getBinaryDataBuffer(itemIndex, file.property);
	}
	if (file.binary.id)
		return await context.helpers.binaryToBuffer(
			await context.helpers.getBinaryStream(file.binary.id),
		);
	return Buffer.from(file.binary.data, 'base64');
}

/** Where a result came from, when the item has several files. */
function fileSource(file: FileRef): IDataObject {
	return { file: file.name, ...(file.binary.fileName ? { fileName: file.binary.fileName } : {}) };
}

/** One file's images, each result saying which file it came from (and its page, for a PDF). */
function fileLoad(
	context: IExecuteFunctions,
	itemIndex: number,
	file: FileRef,
	options: { parameters: ImageInputParameters; several: boolean; skipNonPages: boolean },
): FileLoad {
	const field = FIELD_LABELS[options.parameters.source];
	const source = options.several ? fileSource(file) : undefined;
	const named = (message: string) =>
		options.several ? `File "${file.name}": ${message}` : message;
	const load = async (): Promise<Array<LoadedImage | SkippedFile>> => {
		const bytes = await readBytes(context, itemIndex, file).catch((error: unknown) => {
			throw new InputProblem({ message: binaryReadProblem(error, file.name), field });
		});
		if (options.skipNonPages && source) {
			const reason = skipReason(bytes, sniffImage(bytes));
			if (reason) return [{ kind: 'skipped', reason, source }];
		}
		const { edition, pdf } = options.parameters;
		let images: LoadedImage[];
		try {
			images = imagePayloadsFromBytes(bytes, edition, field, pdf);
		} catch (error) {
			// imagePayloadsFromBytes throws InputProblem for what the user must fix.
			const message = error instanceof Error ? error.message : String(error);
			return [new InputProblem({ message: named(message), field })];
		}
		return images.map((image) => {
			if (image instanceof InputProblem)
				return new InputProblem({ message: named(image.message), field });
			if (source && image.kind === 'image') image.source = { ...source, ...image.source };
			return image;
		});
	};
	return { source, load };
}

/**
 * The item's plan: what to read, in order. Throws InputProblem when the field points at nothing the
 * item has (the message lists its files in `binary` and under `_files`).
 */
export function imagePlan(
	context: IExecuteFunctions,
	itemIndex: number,
	item: INodeExecutionData,
	parameters: ImageInputParameters,
): ImagePlan {
	if (parameters.source === 'url' || parameters.source === 'base64') {
		return { several: false, files: [{ load: async () => loadTextImages(parameters) }] };
	}
	const combined = parameters.combined === true;
	const field = FIELD_LABELS[parameters.source];
	if (parameters.source === 'allFiles') {
		const files = itemFiles(item, combined);
		if (files.length === 0)
			throw new InputProblem({
				message:
					'The item has no files (neither binary properties nor files under _files): add a node that loads them before this one (e.g. an email trigger with attachments, a form with a file field, or Read Files from Disk).',
				field,
			});
		const options = { parameters, several: true, skipNonPages: true };
		return {
			several: true,
			files: files.map((file) => fileLoad(context, itemIndex, file, options)),
		};
	}
	const value = parameters.binaryPropertyName;
	const selection = selectFiles(value, item, combined, (name) => missingBinaryMessage(name, item));
	if ('problem' in selection) throw new InputProblem({ message: selection.problem, field });
	const options = { parameters, several: selection.several, skipNonPages: false };
	return {
		several: selection.several,
		files: selection.files.map((file) => fileLoad(context, itemIndex, file, options)),
	};
}
