/** Recognize Passport's own parameters: where the image comes from, which engine reads it, the confidence rules. */
import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { fieldDisplayName, KEY_FIELDS } from '../../helpers/fields';
import { showFor } from '../operation.description';

const recognizeOnly = (properties: INodeProperties[]) =>
	updateDisplayOptions(showFor('recognize'), properties);

/** Which credential signs the calls (its values are the credential type names). */
export const authenticationProperties = recognizeOnly([
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		options: [
			{ name: 'Access Key (AK/SK)', value: 'huaweiCloudAkSkApi' },
			{ name: 'IAM User', value: 'huaweiCloudApi' },
		],
		default: 'huaweiCloudApi',
	},
]);

/** The confidence rules count only when there is a verdict. */
const thresholdOn = { hide: { confidenceMode: ['off'] } };

export const imageProperties = recognizeOnly([
	{
		displayName: 'Image Source',
		name: 'imageSource',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'All Files of the Item',
				value: 'allFiles',
				description:
					"Every image or PDF of the item (e-mail attachments, a form's files), one output item per file; a logo or a calendar file is reported as skipped",
			},
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
		displayOptions: { show: { imageSource: ['binaryData'] } },
		hint: 'A NAME (usually "data"), names separated by commas ("attachment_0, attachment_1"), or a file from an expression: {{ $(\'Gmail\').item.binary.attachment_0 }}',
		description:
			'Name of the binary property that holds the passport image (JPEG, PNG, BMP, TIFF or PDF), or the file(s) themselves from an expression. In a workflow with binary mode "combined" (n8n 2.5+) a name is found under _files.',
	},
	{
		displayName: 'Image URL',
		name: 'imageUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://bucket.obs.ap-southeast-1.myhuaweicloud.com/passport.jpg',
		displayOptions: { show: { imageSource: ['url'] } },
		description: 'Huawei downloads the image from this URL; slow downloads make the call fail',
	},
	{
		displayName: 'Base64 Image',
		name: 'imageBase64',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		displayOptions: { show: { imageSource: ['base64'] } },
		description: 'The image file as base64 text; a "data:image/...;base64," prefix is removed',
	},
	{
		displayName: 'PDF Page',
		name: 'pdfPage',
		type: 'options',
		displayOptions: { show: { imageSource: ['binaryData', 'allFiles', 'base64'] } },
		options: [
			{
				name: 'Every Page',
				value: 'all',
				description:
					'Each page with an image becomes its own output item, paired with its input item',
			},
			{
				name: 'First Page With an Image',
				value: 'first',
				description: 'The first page whose scan is a JPEG image',
			},
			{ name: 'Page Number', value: 'page', description: 'The page you choose' },
		],
		default: 'first',
		description:
			'When the file is a PDF: which page to read. The JPEG image a scanner stores for the page is sent as it is; see the node README for the PDFs that cannot be read.',
	},
	{
		displayName: 'Page Number',
		name: 'pdfPageNumber',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
		displayOptions: {
			show: { imageSource: ['binaryData', 'allFiles', 'base64'], pdfPage: ['page'] },
		},
		description: 'The page of the PDF to read, from 1',
	},
	{
		displayName: 'Recognition Mode',
		name: 'recognitionMode',
		type: 'options',
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
]);

/** How confident Huawei must be (shown unless the verdict is off). */
export const confidenceRuleProperties = recognizeOnly([
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
]);
