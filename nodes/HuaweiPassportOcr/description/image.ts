/** Where the image comes from, and which engine reads it. */
import type { INodeProperties } from 'n8n-workflow';

const recognizeOnly = { show: { operation: ['recognize'] } };

export const imageProperties: INodeProperties[] = [
	{
		displayName: 'Image Source',
		name: 'imageSource',
		type: 'options',
		noDataExpression: true,
		displayOptions: recognizeOnly,
		options: [
			{
				name: 'Base64 Text',
				value: 'base64',
				description:
					'The image as base64 text (a "data:" prefix is accepted) — what an AI agent can pass',
			},
			{
				name: 'Binary File',
				value: 'binaryData',
				description: 'A file from an earlier node (binary property)',
			},
			{
				name: 'Image URL',
				value: 'url',
				description: 'A public http(s) or OBS URL that Huawei downloads itself',
			},
		],
		default: 'binaryData',
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		displayOptions: { show: { operation: ['recognize'], imageSource: ['binaryData'] } },
		hint: 'The NAME of the binary property holding the image (usually "data"), not the file itself',
		description:
			'Name of the binary property that holds the passport image (JPEG, PNG, BMP or TIFF)',
	},
	{
		displayName: 'Image URL',
		name: 'imageUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://bucket.obs.ap-southeast-1.myhuaweicloud.com/passport.jpg',
		displayOptions: { show: { operation: ['recognize'], imageSource: ['url'] } },
		description: 'Huawei downloads the image from this URL; slow downloads make the call fail',
	},
	{
		displayName: 'Base64 Image',
		name: 'imageBase64',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		displayOptions: { show: { operation: ['recognize'], imageSource: ['base64'] } },
		description: 'The image file as base64 text; a "data:image/...;base64," prefix is removed',
	},
	{
		displayName: 'Recognition Mode',
		name: 'recognitionMode',
		type: 'options',
		displayOptions: recognizeOnly,
		options: [
			{ name: 'Auto', value: 'auto', description: 'Let Huawei choose the engine' },
			{
				name: 'Full Chinese Passport (CHN)',
				value: 'CHN',
				description: 'All 13 fields of a Chinese ordinary e-passport',
			},
			{
				name: 'MRZ (GENERAL)',
				value: 'GENERAL',
				description: 'Read the machine-readable zone of any passport',
			},
		],
		default: 'auto',
		description:
			'Which engine reads the passport. Not sent to the G42 Cloud edition, which has no choice.',
	},
];
