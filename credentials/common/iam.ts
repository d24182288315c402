/**
 * IAM token exchange (password method) as pure functions: request body, response parsing and
 * failures turned into plain words. Nothing here ever puts a password or token into a message.
 */
import type { IDataObject } from 'n8n-workflow';

import { networkWords } from './network';
import { recordFromJson, headerValue } from './values';

export const TOKEN_PATH = '/v3/auth/tokens?nocatalog=true';
export const SUBJECT_TOKEN_HEADER = 'x-subject-token';

export const MFA_ADVICE =
	'If this IAM user has login protection (MFA) enabled, it cannot sign in unattended: use an IAM user without MFA for workflows.';

/**
 * IAM answers an unknown account, an unknown user and a wrong password with the same 401 ("The username
 * or password is wrong."), so the message cannot pick one and says so.
 */
const wrongSignInWords = (quoted: string) =>
	`Sign-in refused${quoted}: IAM does not say which of the account name, the IAM user name or the password is wrong, so check all three. The account name is the main account's (domain) name, not the IAM user's. ${MFA_ADVICE}`;

export interface PasswordLogin {
	domainName: string;
	userName: string;
	password: string;
	/** Scope: a project id wins over a project name. */
	projectId?: string;
	projectName: string;
}

export function buildPasswordTokenBody(login: PasswordLogin): IDataObject {
	const project = login.projectId ? { id: login.projectId } : { name: login.projectName };
	return {
		auth: {
			identity: {
				methods: ['password'],
				password: {
					user: {
						name: login.userName,
						password: login.password,
						domain: { name: login.domainName },
					},
				},
			},
			scope: { project },
		},
	};
}

export interface IssuedToken {
	token: string;
	projectId: string;
	/** ISO date; '' when IAM did not say. */
	expiresAt: string;
}

export class IamResponseError extends Error {}

/** Token from `X-Subject-Token`, project id and expiry from the body's `token` object. */
export function parseTokenResponse(headers: unknown, body: unknown): IssuedToken {
	const token = headerValue(headers, SUBJECT_TOKEN_HEADER)?.trim();
	if (!token) {
		throw new IamResponseError(
			'The IAM endpoint answered without an X-Subject-Token header: check that the IAM endpoint is a Huawei Cloud IAM service',
		);
	}
	const tokenBody = recordFromJson(recordFromJson(body)?.token);
	const project = recordFromJson(tokenBody?.project);
	const projectId = typeof project?.id === 'string' ? project.id : '';
	if (!projectId) {
		throw new IamResponseError(
			'IAM issued a token without a project: check the project name or project ID of the credential',
		);
	}
	const expiresAt = typeof tokenBody?.expires_at === 'string' ? tokenBody.expires_at : '';
	return { token, projectId, expiresAt };
}

/** `GET /v3/projects?name=…` → `projects[0].id`. */
export function parseProjectList(body: unknown, projectName: string): string {
	const projects = recordFromJson(body)?.projects;
	const first = Array.isArray(projects) ? recordFromJson(projects[0]) : undefined;
	if (typeof first?.id === 'string' && first.id) return first.id;
	throw new IamResponseError(
		`No project named "${projectName}" is visible to these keys: enter the project ID in the credential, or check the region`,
	);
}

/** The message IAM (or a gateway in front of it) put in an error body, in any of the known shapes. */
export function iamErrorMessage(body: unknown): string {
	const object = recordFromJson(body);
	if (!object) return '';
	const nested = recordFromJson(object.error);
	const candidates = [nested?.message, object.error_msg, object.message, object.error];
	const found = candidates.find((value) => typeof value === 'string' && value.trim());
	return typeof found === 'string' ? found.trim() : '';
}

export interface FailedCall {
	/** Which service was called, e.g. 'IAM'. */
	service: string;
	endpoint: string;
	/** How the caller signed in: an IAM password or an access key signature (default: password). */
	auth?: 'password' | 'accessKey';
	status?: number;
	body?: unknown;
	/** Node.js network error code (ECONNREFUSED, ENOTFOUND, …). */
	networkCode?: string;
}

const mentionsMfa = (text: string) =>
	/(mfa|totp|login protect|verification code|passcode)/i.test(text);
const mentionsProject = (text: string) => /project/i.test(text);

/**
 * Plain words for a failed token exchange or credential test. Tells apart unreachable host,
 * wrong region/host, wrong sign-in details, MFA, locked or unauthorised users.
 */
export function describeIamFailure(failure: FailedCall): string {
	const { service, endpoint, status, networkCode } = failure;
	if (status === undefined) {
		const why = networkCode ? ` (${networkWords(networkCode)})` : '';
		return `Cannot reach the ${service} endpoint ${endpoint}${why}: check the region, the endpoint URL and the network`;
	}
	const said = iamErrorMessage(failure.body);
	const quoted = said ? ` (IAM says: "${said}")` : '';
	if (failure.auth === 'accessKey' && (status === 401 || status === 403)) {
		return `IAM refused the access key${quoted}: check the Access Key ID and the Secret Access Key (and the security token, for temporary keys), and that the computer clock is right`;
	}
	if ((status === 401 || status === 400 || status === 403) && mentionsMfa(said)) {
		return `Sign-in needs a second factor (MFA)${quoted}. ${MFA_ADVICE}`;
	}
	if (status === 401) return wrongSignInWords(quoted);
	if (status === 403) {
		return `IAM refused the sign-in: the user may be locked, disabled or not allowed to use the API${quoted}`;
	}
	if ((status === 400 || status === 404) && said && mentionsProject(said)) {
		return `The project does not exist in this region${quoted}: check the region and the project name or ID`;
	}
	if (status === 404 || status === 405) {
		return `The ${service} endpoint ${endpoint} does not answer like Huawei Cloud ${service} in this region (HTTP ${status}): check the region and the endpoint URL`;
	}
	if (status >= 500) {
		return `Huawei Cloud ${service} is unavailable right now (HTTP ${status})${quoted}: try again later`;
	}
	return `${service} request failed (HTTP ${status})${quoted}`;
}
