/** All parameters of the Huawei Passport OCR node, in display order. */
import type { INodeProperties } from 'n8n-workflow';

import { confidenceProperties } from './confidence';
import { documentChecksProperty, mrzTextProperty } from './documentChecks';
import { imageProperties } from './image';
import { optionsProperty } from './options';
import { toolDescriptionProperties, toolModeNotice } from './tool';

export { OUTPUTS_EXPRESSION, configuredOutputs } from './outputs';

export const properties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
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
		],
		default: 'recognize',
	},
	...toolDescriptionProperties,
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		options: [
			{ name: 'Access Key (AK/SK)', value: 'huaweiCloudAkSkApi' },
			{ name: 'IAM User', value: 'huaweiCloudApi' },
		],
		default: 'huaweiCloudApi',
		displayOptions: { show: { operation: ['recognize'] } },
	},
	...imageProperties,
	mrzTextProperty,
	...confidenceProperties,
	toolModeNotice,
	documentChecksProperty,
	optionsProperty,
];
