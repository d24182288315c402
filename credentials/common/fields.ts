/** Credential fields both Huawei Cloud credentials share: region and endpoint overrides. */
import type { INodeProperties } from 'n8n-workflow';

import { CUSTOM_REGION, DEFAULT_REGION, REGION_OPTIONS } from './regions';

export const regionProperties: INodeProperties[] = [
	{
		displayName: 'Region',
		name: 'region',
		type: 'options',
		options: REGION_OPTIONS,
		default: DEFAULT_REGION,
		description:
			'Huawei Cloud region of the OCR service. Passport recognition is offered in Hong Kong, Bangkok, Beijing4 and Abu Dhabi (G42).',
	},
	{
		displayName: 'Region ID',
		name: 'customRegion',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'ap-southeast-1',
		description: 'ID of the region (also the name of its default project)',
		displayOptions: { show: { region: [CUSTOM_REGION] } },
	},
	{
		displayName: 'Edition',
		name: 'edition',
		type: 'options',
		options: [
			{ name: 'Huawei Cloud International', value: 'international' },
			{ name: 'G42 Cloud', value: 'g42' },
		],
		default: 'international',
		description: 'Which edition of the OCR API the endpoint serves (G42 Cloud accepts fewer options)',
		displayOptions: { show: { region: [CUSTOM_REGION] } },
	},
];

export const endpointOverrideProperties: INodeProperties[] = [
	{
		displayName: 'OCR Endpoint',
		name: 'ocrEndpoint',
		type: 'string',
		default: '',
		placeholder: 'https://ocr.ap-southeast-1.myhuaweicloud.com',
		description:
			"Leave empty to use the region's OCR endpoint. Must be https:// (http:// only for localhost).",
	},
	{
		displayName: 'IAM Endpoint',
		name: 'iamEndpoint',
		type: 'string',
		default: '',
		placeholder: 'https://iam.ap-southeast-1.myhuaweicloud.com',
		description:
			"Leave empty to use the region's IAM endpoint. Must be https:// (http:// only for localhost).",
	},
];

/**
 * The IAM base URL as an n8n expression, for the credential `test` requests: n8n resolves their URLs
 * before preAuthentication runs, so they cannot use resolveEndpoints(). Table regions follow the
 * host pattern of REGIONS (G42 for ae-ad-1); custom regions must give the IAM endpoint, and
 * preAuthentication (always run in a test) validates it first.
 */
export const IAM_BASE_URL_EXPRESSION =
	'={{$credentials.iamEndpoint ? $credentials.iamEndpoint.trim() : ($credentials.region === "ae-ad-1" ? "https://iam.ae-ad-1.g42cloud.com" : "https://iam." + $credentials.region + ".myhuaweicloud.com")}}';
