/** Runs the operation the node is set to; an operation this version does not know is an error. */
import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import * as parseMrz from './parseMrz/parseMrz.operation';
import * as recognize from './recognize/recognize.operation';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const operation = this.getNodeParameter('operation', 0);
	switch (operation) {
		case 'recognize':
			return await recognize.execute.call(this, items);
		case 'parseMrz':
			return await parseMrz.execute.call(this, items);
		default:
			throw new NodeOperationError(
				this.getNode(),
				`The operation "${String(operation)}" is not known to this version of the node`,
				{ description: 'Choose Recognize Passport or Parse MRZ as the Operation.' },
			);
	}
}
