/**
 * All parameters of the node, in display order. Each operation keeps its own parameters beside its
 * code (recognize/, parseMrz/); common/ holds those both use. n8n's linter wants literal values in
 * parameters, so the Authentication values spell the credential type names (the description test
 * checks them against credentials/common/credentialTypes.ts).
 */
import type { INodeProperties } from 'n8n-workflow';

import { mrzTextProperty } from './parseMrz/parseMrz.description';
import { confidenceRuleProperties, imageProperties } from './recognize/recognize.description';
import { documentChecksProperty } from './common/documentChecks.description';
import { optionsProperty } from './common/options.description';
import { verdictModeProperty } from './common/verdict.description';

export const nodeProperties: INodeProperties[] = [
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
	verdictModeProperty,
	...confidenceRuleProperties,
	documentChecksProperty,
	optionsProperty,
];
