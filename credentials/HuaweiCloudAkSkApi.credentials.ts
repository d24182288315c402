import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { callService } from './common/calls';
import { AKSK_CREDENTIAL_TYPE } from './common/credentialTypes';
import { assertFilled, textField } from './common/fieldValue';
import {
	endpointOverrideProperties,
	IAM_BASE_URL_EXPRESSION,
	regionProperties,
} from './common/regionFields';
import { parseProjectList } from './common/iam';
import {
	absoluteUrl,
	carryTarget,
	getProjectId,
	needsProjectId,
	projectCacheScope,
	serializeBody,
	withProjectId,
} from './common/request';
import { resolveEndpoints } from './common/regions';
import { signRequest } from './common/signing';

function keysOf(credentials: ICredentialDataDecryptedObject) {
	return {
		accessKey: textField(credentials, 'accessKey'),
		secretKey: textField(credentials, 'secretKey'),
	};
}

function currentScope(credentials: ICredentialDataDecryptedObject): string {
	const { region, iamEndpoint } = resolveEndpoints(credentials);
	return projectCacheScope(region, iamEndpoint, textField(credentials, 'accessKey'));
}

/** Signed copy of the options: X-Sdk-Date + Authorization over the exact URL, headers and body. */
function sign(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): IHttpRequestOptions {
	const { body, options } = serializeBody(requestOptions);
	const headers = { ...(options.headers ?? {}) } as Record<string, string>;
	for (const name of Object.keys(headers)) {
		// A resend after 401 comes back with the previous signature: never sign over it.
		if (['authorization', 'x-sdk-date'].includes(name.toLowerCase())) delete headers[name];
	}
	const securityToken = textField(credentials, 'securityToken');
	if (securityToken) headers['X-Security-Token'] = securityToken;
	const url = absoluteUrl(options);
	const signature = signRequest(
		{ method: options.method ?? 'GET', url, headers, body },
		keysOf(credentials),
	);
	const signed: IHttpRequestOptions = { ...options, url, headers: { ...headers, ...signature } };
	delete signed.baseURL;
	delete signed.qs;
	return carryTarget(requestOptions, signed);
}

/**
 * Access key (AK/SK): every request is signed with SDK-HMAC-SHA256 in `authenticate`. The project
 * id is the user's, or looked up once (`GET /v3/projects?name=<region>`) by preAuthentication and
 * cached by n8n in the hidden expirable `resolvedProjectId`.
 */
export class HuaweiCloudAkSkApi implements ICredentialType {
	name = AKSK_CREDENTIAL_TYPE;

	displayName = 'Huawei Cloud Access Key API';

	icon = 'file:huaweiCloud.svg' as const;

	documentationUrl =
		'https://support.huaweicloud.com/intl/en-us/devg-apisign/api-sign-provide.html';

	properties: INodeProperties[] = [
		...regionProperties,
		{
			displayName: 'Access Key ID',
			name: 'accessKey',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'Secret Access Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Project ID',
			name: 'projectId',
			type: 'string',
			default: '',
			description:
				"Optional: leave empty to look up the region's default project once with these keys",
		},
		{
			displayName: 'Security Token',
			name: 'securityToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Only for temporary access keys (sent as X-Security-Token)',
		},
		...endpointOverrideProperties,
		{
			displayName: 'Resolved Project ID',
			name: 'resolvedProjectId',
			type: 'hidden',
			typeOptions: { expirable: true },
			default: '',
		},
		{
			displayName: 'Resolved Project Scope',
			name: 'resolvedProjectScope',
			type: 'hidden',
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const { region, iamEndpoint } = resolveEndpoints(credentials);
		assertFilled(credentials, { accessKey: 'Access Key ID', secretKey: 'Secret Access Key' });
		const scope = currentScope(credentials);
		const given = textField(credentials, 'projectId');
		if (given) return { resolvedProjectId: given, resolvedProjectScope: scope };
		const request = sign(credentials, {
			method: 'GET',
			url: `${iamEndpoint}/v3/projects`,
			qs: { name: region },
			json: true,
		});
		const response = await callService(this, request, {
			service: 'IAM',
			endpoint: iamEndpoint,
			auth: 'accessKey',
			secrets: [keysOf(credentials).secretKey, textField(credentials, 'securityToken')],
		});
		return {
			resolvedProjectId: parseProjectList(response.body, region),
			resolvedProjectScope: scope,
		};
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const projectId = getProjectId(credentials, currentScope(credentials));
		if (!projectId && needsProjectId(requestOptions)) {
			// The cached lookup belongs to another region or key: send unsigned, so the 401 makes
			// n8n run preAuthentication again and resend once with the right project.
			return withProjectId(requestOptions, '');
		}
		const options = withProjectId(requestOptions, projectId);
		// Project-scoped services (OCR) get X-Project-Id like the SDKs send it; IAM calls do not.
		if (projectId && needsProjectId(requestOptions)) {
			options.headers = { ...options.headers, 'X-Project-Id': projectId };
		}
		return sign(credentials, options);
	}

	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			baseURL: IAM_BASE_URL_EXPRESSION,
			url: '/v3/projects',
			qs: {
				name: '={{$credentials.region === "custom" ? $credentials.customRegion : $credentials.region}}',
			},
		},
	};
}
