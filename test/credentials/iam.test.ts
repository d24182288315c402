import {
	buildPasswordTokenBody,
	describeIamFailure,
	iamErrorMessage,
	MFA_ADVICE,
	parseProjectList,
	parseTokenResponse,
} from '../../credentials/common/iam';

describe('password token body', () => {
	it('scopes by project name, with the account as domain', () => {
		expect(
			buildPasswordTokenBody({
				domainName: 'acme',
				userName: 'ocr-bot',
				password: 'pw',
				projectName: 'ap-southeast-1',
			}),
		).toEqual({
			auth: {
				identity: {
					methods: ['password'],
					password: { user: { name: 'ocr-bot', password: 'pw', domain: { name: 'acme' } } },
				},
				scope: { project: { name: 'ap-southeast-1' } },
			},
		});
	});

	it('scopes by project id when one is given', () => {
		const body = buildPasswordTokenBody({
			domainName: 'acme',
			userName: 'ocr-bot',
			password: 'pw',
			projectName: 'ap-southeast-1',
			projectId: '0123456789abcdef0123456789abcdef',
		}) as { auth: { scope: unknown } };
		expect(body.auth.scope).toEqual({ project: { id: '0123456789abcdef0123456789abcdef' } });
	});
});

describe('token response', () => {
	const body = {
		token: {
			expires_at: '2026-11-26T15:00:00.000000Z',
			project: { id: 'abc123', name: 'ap-southeast-1' },
		},
	};

	it('reads the token from X-Subject-Token in any case, project id and expiry from the body', () => {
		expect(parseTokenResponse({ 'x-subject-token': 'MIItoken' }, body)).toEqual({
			token: 'MIItoken',
			projectId: 'abc123',
			expiresAt: '2026-11-26T15:00:00.000000Z',
		});
		expect(
			parseTokenResponse({ 'X-Subject-Token': ['MIIarray'] }, JSON.stringify(body)).token,
		).toBe('MIIarray');
	});

	it('fails clearly without a token header or without a project', () => {
		expect(() => parseTokenResponse({}, body)).toThrow(/without an X-Subject-Token header/);
		expect(() =>
			parseTokenResponse({ 'x-subject-token': 'MIItoken' }, { token: { domain: { id: 'd' } } }),
		).toThrow(/token without a project/);
	});
});

describe('project list', () => {
	it('takes the first project id', () => {
		expect(
			parseProjectList(
				{ projects: [{ id: 'p1', name: 'ap-southeast-1' }, { id: 'p2' }] },
				'ap-southeast-1',
			),
		).toBe('p1');
	});
	it('says what to do when there is none', () => {
		expect(() => parseProjectList({ projects: [] }, 'cn-north-4')).toThrow(
			/No project named "cn-north-4".*enter the project ID/,
		);
	});
});

describe('IAM failures in plain words', () => {
	const call = { service: 'IAM', endpoint: 'https://iam.ap-southeast-1.myhuaweicloud.com' };
	const iamBody = (code: number, message: string) => ({ error: { code, message, title: 'x' } });

	it('reads every documented error shape', () => {
		expect(iamErrorMessage(iamBody(401, 'The username or password is wrong.'))).toBe(
			'The username or password is wrong.',
		);
		expect(iamErrorMessage({ error_code: 'APIGW.0101', error_msg: 'API not found' })).toBe(
			'API not found',
		);
		expect(iamErrorMessage('{"message":"plain"}')).toBe('plain');
		expect(iamErrorMessage('<html>')).toBe('');
	});

	it('wrong credentials: says IAM does not tell which of the three is wrong, and mentions MFA', () => {
		const message = describeIamFailure({
			...call,
			status: 401,
			body: iamBody(401, 'The username or password is wrong.'),
		});
		expect(message).toMatch(
			/IAM does not say which of the account name, the IAM user name or the password is wrong/,
		);
		expect(message).toContain('The username or password is wrong.');
		expect(message).toContain(MFA_ADVICE);
	});

	it('MFA-protected users get the MFA advice first', () => {
		const message = describeIamFailure({
			...call,
			status: 401,
			body: iamBody(
				401,
				'Login protection is enabled for this user: methods ["password","totp"] with a passcode are required.',
			),
		});
		expect(message).toMatch(/^Sign-in needs a second factor \(MFA\)/);
		expect(message).toContain('use an IAM user without MFA');
	});

	it('access key failures talk about keys, not passwords', () => {
		const message = describeIamFailure({
			...call,
			auth: 'accessKey',
			status: 401,
			body: iamBody(401, 'The request you have made requires authentication.'),
		});
		expect(message).toMatch(/^IAM refused the access key.*Access Key ID and the Secret Access Key/);
		expect(message).not.toMatch(/password/i);
	});

	it('a 401 never claims to know which sign-in detail is wrong, whatever IAM writes', () => {
		// No documented IAM answer names the account: a text that seems to must not be taken for proof.
		const combined = describeIamFailure({ ...call, status: 401 });
		expect(combined).toMatch(
			/^Sign-in refused: IAM does not say which of the account name, the IAM user name or the password is wrong/,
		);
		for (const text of [
			'The domain does not exist.',
			'The username or password is wrong.',
			'Unknown account',
		]) {
			const message = describeIamFailure({ ...call, status: 401, body: iamBody(401, text) });
			expect(message).toBe(
				combined.replace('Sign-in refused', `Sign-in refused (IAM says: "${text}")`),
			);
		}
	});

	it('an unknown project, a wrong host, an unreachable host, an outage', () => {
		expect(
			describeIamFailure({
				...call,
				status: 404,
				body: iamBody(404, 'The project in the scope could not be found.'),
			}),
		).toMatch(/project does not exist in this region/);
		expect(
			describeIamFailure({
				...call,
				status: 404,
				body: { error_code: 'APIGW.0101', error_msg: 'The API does not exist' },
			}),
		).toMatch(/does not answer like Huawei Cloud IAM.*check the region and the endpoint URL/);
		expect(describeIamFailure({ ...call, status: 404, body: '<html>Not Found</html>' })).toMatch(
			/HTTP 404/,
		);
		expect(describeIamFailure({ ...call, networkCode: 'ECONNREFUSED' })).toMatch(
			/^Cannot reach the IAM endpoint https:\/\/iam\.ap-southeast-1\.myhuaweicloud\.com \(connection refused\)/,
		);
		expect(describeIamFailure({ ...call, networkCode: 'ENOTFOUND' })).toMatch(
			/Cannot reach.*\(host name not found\)/,
		);
		expect(describeIamFailure({ ...call, networkCode: 'CERT_HAS_EXPIRED' })).toMatch(
			/TLS certificate problem/,
		);
		expect(describeIamFailure({ ...call })).toMatch(/^Cannot reach the IAM endpoint [^(]*: check/);
		// n8n swaps any message naming a Node.js network code for a generic sentence: keep them out.
		for (const code of [
			'ECONNREFUSED',
			'ENOTFOUND',
			'ETIMEDOUT',
			'EAI_AGAIN',
			'ECONNRESET',
			'EHOSTUNREACH',
		]) {
			expect(describeIamFailure({ ...call, networkCode: code })).not.toContain(code);
		}
		expect(describeIamFailure({ ...call, status: 503 })).toMatch(
			/unavailable right now \(HTTP 503\)/,
		);
		expect(
			describeIamFailure({ ...call, status: 403, body: iamBody(403, 'The user is locked.') }),
		).toMatch(/locked, disabled/);
	});
});
