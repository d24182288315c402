import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { AKSK_CREDENTIAL_TYPE, IAM_CREDENTIAL_TYPE } from './credentialsSeam';
import { OUTPUTS_EXPRESSION } from './actions/common/outputs.description';
import { nodeProperties } from './actions/node.description';
import { router } from './actions/router';

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
				name: IAM_CREDENTIAL_TYPE,
				required: true,
				displayOptions: {
					show: { operation: ['recognize'], authentication: [IAM_CREDENTIAL_TYPE] },
				},
			},
			{
				name: AKSK_CREDENTIAL_TYPE,
				required: true,
				displayOptions: {
					show: { operation: ['recognize'], authentication: [AKSK_CREDENTIAL_TYPE] },
				},
			},
		],
		properties: nodeProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
