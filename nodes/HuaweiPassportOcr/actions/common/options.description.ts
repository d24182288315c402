/** Less common settings: output shape, throughput, retries, edition override. */
import type { INodeProperties } from 'n8n-workflow';

import { optionFor } from '../operation.description';

export const optionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		optionFor('recognize', {
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 20 },
			default: 10,
			description:
				'The most images read at the same time. The node halves it when Huawei refuses too many concurrent requests and grows it back while calls succeed; request-rate throttling is handled by pacing the calls instead.',
		}),
		optionFor('recognize', {
			displayName: 'Edition',
			name: 'edition',
			type: 'options',
			options: [
				{ name: 'From Credential Region', value: 'auto' },
				{ name: 'G42 Cloud (Max 4096 Px, No Recognition Mode)', value: 'g42' },
				{ name: 'Huawei Cloud International (Max 8192 Px)', value: 'international' },
			],
			default: 'auto',
			description:
				'Which edition of the API the endpoint serves; normally derived from the region (ae-ad-1 is G42)',
		}),
		optionFor('recognize', {
			displayName: 'Include Raw Response',
			name: 'includeRawResponse',
			type: 'boolean',
			default: false,
			description: 'Whether to add Huawei\'s whole response under "raw"',
		}),
		{
			displayName: 'Keep Input Binary',
			name: 'keepInputBinary',
			type: 'boolean',
			default: true,
			description: 'Whether to pass the input image on, so a later node can archive it',
		},
		optionFor('recognize', {
			displayName: 'Max Requests Per Second',
			name: 'maxRequestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 1 },
			default: 0,
			description:
				"Your account's OCR quota, if you know it: the calls of every execution using this credential in this n8n process are paced together at this rate and never faster. 0: the node finds the limit from Huawei's throttling and paces itself near it.",
		}),
		optionFor('recognize', {
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: 3,
			description:
				'Retries for temporary errors (502/503/504, dropped connections). Throttling (429) is waited out instead, up to Max Throttling Wait. Other errors are not retried.',
		}),
		optionFor('recognize', {
			displayName: 'Max Throttling Wait (Seconds)',
			name: 'maxThrottleWait',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 300,
			description:
				"How long one image may wait while Huawei's rate limit holds it back (its turns at the shared pace and its retries after 429s) before it fails. Waiting for a turn is not a retry.",
		}),
		{
			displayName: 'Put Result in Field',
			name: 'resultProperty',
			type: 'string',
			default: '',
			placeholder: 'passport',
			description:
				"Leave empty to output the result alone. Enter a field name to keep the input item's fields and add the result under that name.",
		},
		optionFor('recognize', {
			displayName: 'Retry Delay (Ms)',
			name: 'retryDelay',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 1000,
			description:
				'First wait before a retry; it doubles each time (with jitter). A Retry-After from Huawei wins.',
		}),
		optionFor('recognize', {
			displayName: 'Timeout (Ms)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1000 },
			default: 60000,
			description: 'How long to wait for one answer from Huawei',
		}),
	],
};
