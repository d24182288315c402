/** Parse MRZ's own parameter: the MRZ text. */
import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { showFor } from '../operation.description';

const mrzTextProperty: INodeProperties = {
	displayName: 'MRZ Text',
	name: 'mrzText',
	type: 'string',
	typeOptions: { rows: 3 },
	default: '',
	required: true,
	placeholder:
		'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10',
	description:
		'The machine-readable zone from any source (scanner, another OCR, a form): passports, ID cards, residence permits, visas and French ID cards issued 1994-2021; the lines separated by line breaks, or run together. Spaces, lower case and « fillers are tolerated.',
};

export const mrzTextProperties = updateDisplayOptions(showFor('parseMrz'), [mrzTextProperty]);
