import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { callService } from './common/calls';
import { IAM_CREDENTIAL_TYPE } from './common/credentialTypes';
import { assertFilled, textField } from './common/fieldValue';
import {
	endpointOverrideProperties,
	IAM_BASE_URL_EXPRESSION,
	regionProperties,
} from './common/regionFields';
import { buildPasswordTokenBody, parseTokenResponse, TOKEN_PATH } from './common/iam';
import { getProjectId, withProjectId } from './common/request';
import { resolveEndpoints } from './common/regions';

/**
 * IAM user sign-in: preAuthentication exchanges the password for a project-scoped token, which n8n
 * stores encrypted (hidden expirable `token`) and reuses until a request answers 401.
 */
export class HuaweiCloudApi implements ICredentialType {
	name = IAM_CREDENTIAL_TYPE;

	displayName = 'Huawei Cloud IAM User API';

	icon = 'file:huaweiCloud.svg' as const;

	documentationUrl = 'https://support.huaweicloud.com/intl/en-us/api-iam/iam_30_0001.html';

	properties: INodeProperties[] = [
		...regionProperties,
		{
			displayName: 'Account Name',
			name: 'domainName',
			type: 'string',
			default: '',
			required: true,
			description: 'The Huawei Cloud account (domain) name that owns the IAM user',
		},
		{
			displayName: 'IAM User Name',
			name: 'userName',
			type: 'string',
			default: '',
			required: true,
			description:
				'An IAM user of the account. Users with login protection (MFA) cannot sign in unattended: use a user without MFA.',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Project Name',
			name: 'projectName',
			type: 'string',
			default: '',
			placeholder: 'ap-southeast-1',
			description: "Leave empty for the region's default project (named after the region ID)",
		},
		{
			displayName: 'Project ID',
			name: 'scopeProjectId',
			type: 'string',
			default: '',
			description: 'Optional: a project ID (32 hex characters) instead of the project name',
		},
		...endpointOverrideProperties,
		{
			displayName: 'Token',
			name: 'token',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Project ID (From Token)',
			name: 'projectId',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Token Expires At',
			name: 'expiresAt',
			type: 'hidden',
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const { region, iamEndpoint } = resolveEndpoints(credentials);
		assertFilled(credentials, {
			domainName: 'Account Name',
			userName: 'IAM User Name',
			password: 'Password',
		});
		const password = typeof credentials.password === 'string' ? credentials.password : '';
		const body = buildPasswordTokenBody({
			domainName: textField(credentials, 'domainName'),
			userName: textField(credentials, 'userName'),
			password,
			projectId: textField(credentials, 'scopeProjectId') || undefined,
			projectName: textField(credentials, 'projectName') || region,
		});
		const response = await callService(
			this,
			{ method: 'POST', url: `${iamEndpoint}${TOKEN_PATH}`, body, json: true },
			{ service: 'IAM', endpoint: iamEndpoint, secrets: [password] },
		);
		const issued = parseTokenResponse(response.headers, response.body);
		return { token: issued.token, projectId: issued.projectId, expiresAt: issued.expiresAt };
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const options = withProjectId(requestOptions, getProjectId(credentials));
		options.headers = { ...options.headers, 'X-Auth-Token': textField(credentials, 'token') };
		return options;
	}

	// Any IAM user may list its own projects, so a user with OCR rights only can still test.
	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			baseURL: IAM_BASE_URL_EXPRESSION,
			url: '/v3/auth/projects',
		},
	};
}
