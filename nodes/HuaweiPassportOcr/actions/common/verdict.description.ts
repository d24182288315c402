/** The verdict mode both operations share: off, verdict only, filter, or route to a "Review" output. */
import type { INodeProperties } from 'n8n-workflow';

export const verdictModeProperty: INodeProperties = {
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
};
