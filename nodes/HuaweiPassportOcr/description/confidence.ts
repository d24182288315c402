/** The confidence threshold: off, verdict only, filter, or route to a "Review" output. */
import type { INodeProperties } from 'n8n-workflow';

import { fieldDisplayName, KEY_FIELDS } from '../helpers/fields';

const thresholdOn = { show: { operation: ['recognize'] }, hide: { confidenceMode: ['off'] } };

export const confidenceProperties: INodeProperties[] = [
	{
		displayName: 'Verdict',
		name: 'confidenceMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Add Verdict Only',
				value: 'flag',
				description:
					'Every item gets a verdict (passed, reasons, score, weak fields); all items go to the one output',
			},
			{ name: 'Filter', value: 'filter', description: 'Drop items that fail the verdict' },
			{ name: 'Off', value: 'off', description: 'No verdict' },
			{
				name: 'Route to Review Output',
				value: 'route',
				description: 'Items that fail the verdict go to a second output named "Review"',
			},
		],
		default: 'flag',
		description:
			"Judge each item (Huawei's confidence; optionally the document checks; for Parse MRZ the MRZ itself). The verdict is in every item's JSON, so an AI agent sees it too.",
	},
	{
		displayName: 'Threshold',
		name: 'confidenceThreshold',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
		default: 0.8,
		displayOptions: thresholdOn,
		description: 'Lowest acceptable confidence, from 0 to 1',
	},
	{
		displayName: 'Fields to Check',
		name: 'confidenceFields',
		type: 'multiOptions',
		options: KEY_FIELDS.map((field) => ({ name: fieldDisplayName(field), value: field })).sort(
			(a, b) => a.name.localeCompare(b.name),
		),
		default: [],
		displayOptions: thresholdOn,
		description: 'Leave empty to check every key field Huawei returned',
	},
	{
		displayName: 'Combine Scores',
		name: 'confidenceCombine',
		type: 'options',
		options: [
			{
				name: 'Lowest Field',
				value: 'lowest',
				description: 'Every checked field must reach the threshold',
			},
			{
				name: 'Mean',
				value: 'mean',
				description: 'The average of the checked fields must reach the threshold',
			},
		],
		default: 'lowest',
		displayOptions: thresholdOn,
	},
	{
		displayName: 'Missing Confidence',
		name: 'missingConfidence',
		type: 'options',
		options: [
			{
				name: 'Fail',
				value: 'fail',
				description: 'A checked field without a confidence fails the check',
			},
			{
				name: 'Ignore',
				value: 'ignore',
				description: 'Judge only the fields that have a confidence',
			},
		],
		default: 'fail',
		displayOptions: thresholdOn,
		description: 'What a checked field without a confidence value means',
	},
];
