/** Runs the operation the node is set to; an operation this version does not know is an error. */
import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Operation } from './operation.description';
import * as parseMrz from './parseMrz/parseMrz.operation';
import * as recognize from './recognize/recognize.operation';

/** Reached only with a value outside `Operation` (a workflow saved by another version of the node). */
function unknownOperation(context: IExecuteFunctions, operation: never): never {
	throw new NodeOperationError(
		context.getNode(),
		`The operation "${String(operation)}" is not known to this version of the node`,
		{ description: 'Choose Recognize Passport or Parse MRZ as the Operation.' },
	);
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const operation = this.getNodeParameter('operation', 0) as Operation;
	switch (operation) {
		case 'recognize':
			return await recognize.execute.call(this, items);
		case 'parseMrz':
			return await parseMrz.execute.call(this, items);
		default:
			// A new operation that is not routed above makes this a compile error.
			return unknownOperation(this, operation);
	}
}
