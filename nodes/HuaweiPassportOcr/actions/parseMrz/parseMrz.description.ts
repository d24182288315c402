/** Parse MRZ's own parameter: the MRZ text. */
import type { INodeProperties } from 'n8n-workflow';

export const mrzTextProperty: INodeProperties = {
	displayName: 'MRZ Text',
	name: 'mrzText',
	type: 'string',
	typeOptions: { rows: 3 },
	default: '',
	required: true,
	placeholder:
		'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10',
	displayOptions: { show: { operation: ['parseMrz'] } },
	description:
		'The machine-readable zone from any source (scanner, another OCR, a form): the lines separated by line breaks, or run together. Spaces, lower case and « fillers are tolerated.',
};
