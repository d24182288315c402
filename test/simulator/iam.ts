/** IAM v3: password tokens and the two project lists (docs/huawei-api.md, section 9). */
import { headerValue, verifyAkSk, type SignedRequest } from './aksk';
import { userId } from './accounts';
import { iamError, ok, type SimResponse } from './responses';
import type { SimState } from './state';
import { iamTime, type TokenRecord } from './tokens';
import type { SimAccount, SimProject, SimUser } from './types';

const WRONG_CREDENTIALS = 'The username or password is wrong.';
const NEEDS_AUTH = 'The request you have made requires authentication.';
const ROLES = [
	{ id: '0', name: 'op_gated_ocr' },
	{ id: '1', name: 'te_admin' },
];

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
const asObject = (value: unknown): Json => (isObject(value) ? value : {});
const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

type Scope =
	| { kind: 'project'; name?: string; id?: string }
	| { kind: 'domain' }
	| { kind: 'none' };

interface TokenRequest {
	methods: string[];
	account: { name?: string; id?: string };
	user: { name?: string; id?: string };
	password: string;
	passcode?: string;
	scope: Scope;
}

/** Reads the documented body; a message means 400. */
function parseTokenRequest(body: Buffer): TokenRequest | string {
	let parsed: unknown;
	try {
		parsed = JSON.parse(body.toString('utf8'));
	} catch {
		return 'The request body is not valid JSON.';
	}
	const auth = asObject(asObject(parsed).auth);
	const identity = asObject(auth.identity);
	const methods = identity.methods;
	if (
		!Array.isArray(methods) ||
		!methods.includes('password') ||
		methods.some((m) => m !== 'password' && m !== 'totp')
	) {
		return "Invalid input for field 'identity.methods': only password (and totp) are supported.";
	}
	const user = asObject(asObject(identity.password).user);
	const domain = asObject(user.domain);
	const password = text(user.password);
	if (
		!password ||
		(!text(user.id) && !(text(user.name) && (text(domain.name) || text(domain.id))))
	) {
		return "Invalid input for field 'identity.password.user': name, password and domain are required.";
	}
	const scopeBody = auth.scope;
	let scope: Scope = { kind: 'none' };
	if (isObject(scopeBody) && isObject(scopeBody.project)) {
		const project = scopeBody.project;
		if (!text(project.name) && !text(project.id))
			return "Invalid input for field 'scope.project': name or id is required.";
		scope = { kind: 'project', name: text(project.name), id: text(project.id) };
	} else if (isObject(scopeBody) && isObject(scopeBody.domain)) {
		scope = { kind: 'domain' };
	} else if (scopeBody !== undefined) {
		return "Invalid input for field 'scope'.";
	}
	const totpUser = asObject(asObject(identity.totp).user);
	return {
		methods: methods as string[],
		account: { name: text(domain.name), id: text(domain.id) },
		user: { name: text(user.name), id: text(user.id) },
		password,
		passcode: text(totpUser.passcode),
		scope,
	};
}

function findUser(
	state: SimState,
	request: TokenRequest,
): { user: SimUser; account: SimAccount } | undefined {
	if (request.user.id) {
		const user = state.directory.userById(request.user.id);
		const account = user && state.directory.account({ name: user.account });
		return user && account ? { user, account } : undefined;
	}
	const account = state.directory.account(request.account);
	const user = account && state.directory.user(account, request.user);
	return user && account ? { user, account } : undefined;
}

const domainJson = (account: SimAccount) => ({ id: account.id, name: account.name });
const projectJson = (project: SimProject, account: SimAccount) => ({
	id: project.id,
	name: project.name,
	domain: domainJson(account),
});

function catalog(state: SimState, project: SimProject | undefined) {
	const region = project?.region ?? state.config.region;
	const endpoint = (type: string) => ({
		type,
		name: type,
		id: `${type}-endpoint`,
		endpoints: [
			{
				id: `${type}-${region}`,
				interface: 'public',
				region,
				region_id: region,
				url: state.baseUrl,
			},
		],
	});
	return [endpoint('identity'), endpoint('ocr')];
}

function tokenBody(state: SimState, record: TokenRecord, withCatalog: boolean) {
	const token: Json = {
		expires_at: iamTime(record.expiresAt),
		issued_at: iamTime(record.issuedAt),
		methods: record.methods,
		user: {
			id: userId(record.user),
			name: record.user.name,
			domain: domainJson(record.account),
			password_expires_at: '',
		},
		roles: ROLES,
	};
	if (record.project) token.project = projectJson(record.project, record.account);
	else token.domain = domainJson(record.account);
	if (withCatalog) token.catalog = catalog(state, record.project);
	return { token };
}

/** POST /v3/auth/tokens */
export function issueToken(state: SimState, body: Buffer, query: URLSearchParams): SimResponse {
	const request = parseTokenRequest(body);
	if (typeof request === 'string') return iamError(400, request);
	const found = findUser(state, request);
	if (!found || found.user.password !== request.password) return iamError(401, WRONG_CREDENTIALS);
	const { user, account } = found;
	if (user.mfaPasscode !== undefined) {
		if (!request.methods.includes('totp') || !request.passcode) {
			return iamError(
				401,
				'Login protection is enabled for this user: methods ["password","totp"] with a passcode are required.',
			);
		}
		if (request.passcode !== user.mfaPasscode)
			return iamError(401, 'The verification code (passcode) is wrong.');
	}
	let project: SimProject | undefined;
	if (request.scope.kind === 'project') {
		project = state.directory.project(account, request.scope);
		if (!project) return iamError(404, 'The project in the scope could not be found.');
	}
	const now = state.now();
	const record: TokenRecord = {
		user,
		account,
		project,
		methods: request.methods,
		issuedAt: now,
		expiresAt: now + state.knobs.tokenTtlSeconds * 1000,
	};
	const token = state.tokens.issue(record);
	return ok(201, tokenBody(state, record, query.get('nocatalog') !== 'true'), {
		'X-Subject-Token': token,
	});
}

/** The caller's account for the project lists: a valid token, or a valid AK/SK signature. */
function listCaller(state: SimState, request: SignedRequest): SimAccount | SimResponse {
	const token = headerValue(request.headers['x-auth-token']);
	if (token) {
		const record = state.tokens.find(token);
		if (!record || record.expiresAt <= state.now()) return iamError(401, NEEDS_AUTH);
		return record.account;
	}
	if (request.headers.authorization) {
		const result = verifyAkSk(request, state.directory, state.now(), state.knobs.maxSkewSeconds);
		const account = result.ok ? state.directory.account({ name: result.aksk.account }) : undefined;
		return account ?? iamError(401, NEEDS_AUTH);
	}
	return iamError(401, NEEDS_AUTH);
}

const projectListJson = (account: SimAccount, projects: SimProject[]) =>
	projects.map((p) => ({
		id: p.id,
		name: p.name,
		domain_id: account.id,
		parent_id: account.id,
		is_domain: false,
		enabled: true,
		description: '',
	}));

/** GET /v3/auth/projects (token) and GET /v3/projects?name= (token or AK/SK). */
export function listProjects(
	state: SimState,
	request: SignedRequest,
	query: URLSearchParams,
	byName: boolean,
): SimResponse {
	const caller = listCaller(state, request);
	if ('status' in caller) return caller;
	const name = byName ? query.get('name') : null;
	const projects = caller.projects.filter((p) => name === null || p.name === name);
	return ok(200, {
		projects: projectListJson(caller, projects),
		links: { self: `${state.baseUrl}${request.path}` },
	});
}
