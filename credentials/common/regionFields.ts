/** Credential fields both Huawei Cloud credentials share: region and endpoint overrides. */
import type { INodeProperties } from 'n8n-workflow';

import { CUSTOM_ENDPOINTS_FIELD, CUSTOM_REGION, DEFAULT_REGION, REGION_OPTIONS } from './regions';

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
		description:
			'Which edition of the OCR API the endpoint serves (G42 Cloud accepts fewer options)',
		displayOptions: { show: { region: [CUSTOM_REGION] } },
	},
];

const TABLE_REGION_OVERRIDE = {
	show: { [CUSTOM_ENDPOINTS_FIELD]: [true] },
	hide: { region: [CUSTOM_REGION] },
};
const CUSTOM_REGION_ONLY = { show: { region: [CUSTOM_REGION] } };

/** `ocrEndpoint` / `iamEndpoint`: one copy for a custom region (required), one for the override switch. */
function endpointField(service: 'OCR' | 'IAM', forCustomRegion: boolean): INodeProperties {
	const prefix = service.toLowerCase();
	const fallback = forCustomRegion
		? 'Required for a custom region.'
		: `Leave empty to use the region's ${service} endpoint.`;
	return {
		displayName: `${service} Endpoint`,
		name: `${prefix}Endpoint`,
		type: 'string',
		default: '',
		required: forCustomRegion,
		placeholder: `https://${prefix}.ap-southeast-1.myhuaweicloud.com`,
		description: `${fallback} Must be https:// (http:// only for localhost).`,
		displayOptions: forCustomRegion ? CUSTOM_REGION_ONLY : TABLE_REGION_OVERRIDE,
	};
}

/**
 * Endpoint overrides: shown when Region = Custom, or when "Override Endpoints" is on. n8n's display
 * rules cannot say "A or B" in one field, so each endpoint is listed twice under the same name with
 * exclusive rules (n8n's own nodes do the same); only the visible copy is kept when n8n resolves the data.
 */
export const endpointOverrideProperties: INodeProperties[] = [
	{
		displayName: 'Override Endpoints',
		name: CUSTOM_ENDPOINTS_FIELD,
		type: 'boolean',
		default: false,
		description:
			"Whether to use other OCR and IAM endpoints than the region's (a proxy, a private endpoint or a test server)",
		displayOptions: { hide: { region: [CUSTOM_REGION] } },
	},
	endpointField('OCR', true),
	endpointField('OCR', false),
	endpointField('IAM', true),
	endpointField('IAM', false),
];

/**
 * The IAM base URL as an n8n expression, for the credential `test` requests: n8n resolves their URLs
 * before preAuthentication runs, so they cannot use resolveEndpoints(). Same rule as resolveEndpoints():
 * the IAM endpoint counts only for a custom region or with "Override Endpoints" on; otherwise table
 * regions follow the host pattern of REGIONS (G42 for ae-ad-1). Custom regions must give the IAM
 * endpoint, and preAuthentication (always run in a test) validates it first.
 */
export const IAM_BASE_URL_EXPRESSION =
	'={{($credentials.region === "custom" || $credentials.customEndpoints === true) && $credentials.iamEndpoint ? $credentials.iamEndpoint.trim() : ($credentials.region === "ae-ad-1" ? "https://iam.ae-ad-1.g42cloud.com" : "https://iam." + $credentials.region + ".myhuaweicloud.com")}}';
