/**
 * The Operation parameter and the type of its values: adding an operation here widens `Operation`,
 * and router.ts no longer compiles until the new operation is routed.
 */
import { updateDisplayOptions } from 'n8n-workflow';
import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

const OPERATION_OPTIONS = [
	{
		name: 'Recognize Passport',
		value: 'recognize',
		action: 'Recognize a passport',
		description: 'Read the data page of a passport with Huawei Cloud OCR',
	},
	{
		name: 'Parse MRZ',
		value: 'parseMrz',
		action: 'Parse and check an MRZ',
		description:
			'Check an MRZ text (check digits, dates, codes) without any API call or credential',
	},
] as const;

/** The operations this version of the node runs. */
export type Operation = (typeof OPERATION_OPTIONS)[number]['value'];

export const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	options: [...OPERATION_OPTIONS],
	default: 'recognize',
};

/** A top-level parameter shown for one operation only (with updateDisplayOptions). */
export const showFor = (operation: Operation): IDisplayOptions => ({
	show: { operation: [operation] },
});

/** An option inside a collection shown for one operation only ('/' reads the top-level parameter). */
export function optionFor(operation: Operation, option: INodeProperties): INodeProperties {
	return updateDisplayOptions({ show: { '/operation': [operation] } }, [option])[0];
}
