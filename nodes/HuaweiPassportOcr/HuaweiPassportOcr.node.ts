import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { parseMrzOperation } from './actions/parseMrz';
import { recognize } from './actions/recognize';
import { OUTPUTS_EXPRESSION, properties } from './description';
import { AKSK_CREDENTIAL, IAM_CREDENTIAL } from './transport';

export class HuaweiPassportOcr implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Huawei Passport OCR',
		name: 'huaweiPassportOcr',
		icon: { light: 'file:huaweiPassportOcr.svg', dark: 'file:huaweiPassportOcr.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] === "recognize" ? "Recognize passport" : "Parse MRZ"}}',
		description:
			'Read passports with Huawei Cloud OCR: key fields, confidence verdict and review routing',
		defaults: { name: 'Huawei Passport OCR' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: OUTPUTS_EXPRESSION,
		credentials: [
			{
				name: IAM_CREDENTIAL,
				required: true,
				displayOptions: { show: { operation: ['recognize'], authentication: [IAM_CREDENTIAL] } },
			},
			{
				name: AKSK_CREDENTIAL,
				required: true,
				displayOptions: { show: { operation: ['recognize'], authentication: [AKSK_CREDENTIAL] } },
			},
		],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const operation = this.getNodeParameter('operation', 0) as string;
		if (operation === 'parseMrz') return await parseMrzOperation.call(this, items);
		return await recognize.call(this, items);
	}
}
