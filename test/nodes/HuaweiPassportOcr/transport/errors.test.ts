import type { INode } from 'n8n-workflow';

import {
	adviseOnFailure,
	describeFailure,
	isTokenProblem,
	KNOWN_CODES,
	normaliseCode,
	parseFailure,
	parseRetryAfter,
	redact,
	retryClass,
	toNodeApiError,
} from '../../../../nodes/HuaweiPassportOcr/transport/errors';

// Every code of docs/huawei-api.md, section 7, with the HTTP status given there.
const FACT_CODES: Array<[string, number]> = [
	['AIS.0101', 400],
	['AIS.0102', 400],
	['AIS.0103', 400],
	['AIS.0104', 400],
	['AIS.0105', 500],
	['ModelArts.4204', 403],
	['ModelArts.4203', 403],
	['ModelArts.0212', 401],
	['ModelArts.4101', 401],
	['ModelArts.4102', 401],
	['ModelArts.4103', 401],
	['ModelArts.0203', 401],
	['ModelArts.4104', 413],
	['ModelArts.4105', 400],
	['ModelArts.4401', 429],
	['ModelArts.4402', 504],
	['ModelArts.4403', 503],
	['ModelArts.4601', 400],
	['ModelArts.4603', 400],
	['ModelArts.4702', 400],
	['ModelArts.4703', 400],
	['ModelArts.4704', 400],
	['ModelArts.4705', 400],
	['ModelArts.4706', 400],
	['APIGW.0101', 404],
	['APIGW.0201', 502],
	['APIGW.0301', 401],
	['APIGW.0307', 401],
	['APIGW.0308', 429],
	['APIGW.0302', 403],
	['APIGW.0306', 403],
	['APIGW.0310', 403],
];

const node: INode = {
	id: '1',
	name: 'Huawei Passport OCR',
	type: 'n8n-nodes-huawei-ocr.huaweiPassportOcr',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

describe('Huawei error table', () => {
	it('knows every code of docs/huawei-api.md, each with its own advice', () => {
		for (const [code] of FACT_CODES) expect(KNOWN_CODES).toContain(code);
		const generic = adviseOnFailure({ status: 418 });
		for (const [code, status] of FACT_CODES) {
			const advice = adviseOnFailure({ code, status }, { region: 'ap-southeast-2' });
			expect(advice.message).not.toBe(generic.message);
			expect(advice.action.length).toBeGreaterThan(20);
		}
	});

	it('says what to do for the codes users meet most', () => {
		expect(
			adviseOnFailure({ code: 'ModelArts.4204', status: 403 }, { region: 'ap-southeast-2' }).action,
		).toMatch(/OCR console of region ap-southeast-2/);
		expect(adviseOnFailure({ code: 'AIS.0104', status: 400 }).action).toMatch(
			/not a passport data page|too blurry/,
		);
		expect(
			adviseOnFailure({ code: 'APIGW.0101', status: 404 }, { region: 'cn-north-4' }).action,
		).toMatch(/Wrong region or project.*cn-north-4/);
		expect(adviseOnFailure({ code: 'AIS.0103' }, { edition: 'g42' }).action).toMatch(/4096/);
		expect(adviseOnFailure({ code: 'AIS.0103' }, { edition: 'international' }).action).toMatch(
			/8192/,
		);
	});

	it('normalises APIG. to APIGW.', () => {
		expect(normaliseCode('APIG.0308')).toBe('APIGW.0308');
		expect(normaliseCode('APIGW.0308')).toBe('APIGW.0308');
		expect(normaliseCode(undefined)).toBeUndefined();
		expect(parseFailure(429, { error_code: 'APIG.0308', error_msg: 'limit' }).code).toBe(
			'APIGW.0308',
		);
	});

	it('reads the OCR, gateway and IAM shapes, and the request id from header or body', () => {
		expect(
			parseFailure(400, { error_code: 'AIS.0104', error_msg: 'bad' }, { 'X-Request-Id': 'req-1' }),
		).toMatchObject({
			status: 400,
			code: 'AIS.0104',
			huaweiMessage: 'bad',
			requestId: 'req-1',
		});
		expect(
			parseFailure(401, { error_code: 'APIGW.0301', error_msg: 'x', request_id: 'body-id' }),
		).toMatchObject({
			requestId: 'body-id',
			code: 'APIGW.0301',
		});
		const iam = parseFailure(401, {
			error: { code: 401, message: 'The username or password is wrong.', title: 'Unauthorized' },
		});
		expect(iam).toMatchObject({
			iam: true,
			code: undefined,
			huaweiMessage: 'The username or password is wrong.',
		});
		expect(adviseOnFailure(iam).message).toBe('IAM refused the login');
		expect(
			parseFailure(502, '{"error_code":"APIGW.0201","error_msg":"backend unavailable"}').code,
		).toBe('APIGW.0201');
		expect(parseFailure(502, '<html>Bad gateway</html>').huaweiMessage).toBe(
			'<html>Bad gateway</html>',
		);
	});

	it('never repeats a token that a message quotes', () => {
		const token = 'MIIEXAMPLETOKEN' + 'A'.repeat(200);
		const failure = parseFailure(401, {
			error_code: 'APIGW.0301',
			error_msg: `Incorrect IAM authentication information: ${token}`,
		});
		expect(failure.huaweiMessage).not.toContain(token);
		expect(failure.huaweiMessage).toContain('[token]');
	});

	it('retries throttling and 502/503/504 only', () => {
		expect(retryClass({ status: 429, code: 'APIGW.0308' })).toBe('throttled');
		expect(retryClass({ status: 429, code: 'ModelArts.4401' })).toBe('throttled');
		expect(retryClass({ status: 429 })).toBe('throttled');
		expect(retryClass({ status: 502, code: 'APIGW.0201' })).toBe('unavailable');
		expect(retryClass({ status: 503, code: 'ModelArts.4403' })).toBe('unavailable');
		expect(retryClass({ status: 504, code: 'ModelArts.4402' })).toBe('unavailable');
		expect(retryClass({ status: 504 })).toBe('unavailable');
		for (const [code, status] of FACT_CODES.filter(([, s]) => s >= 400 && s < 500 && s !== 429)) {
			expect(retryClass({ code, status })).toBe('no');
		}
		expect(retryClass({ status: 500, code: 'AIS.0105' })).toBe('no');
		expect(retryClass({ status: 400, code: 'APIGW.0201' })).toBe('no');
		expect(retryClass({ networkCode: 'ECONNRESET' })).toBe('unavailable');
		expect(retryClass({ networkCode: 'ECONNREFUSED' })).toBe('no');
		expect(retryClass({ iam: true, status: 503 })).toBe('no');
	});

	it('treats OCR 401s as token problems, IAM refusals not', () => {
		expect(isTokenProblem({ status: 401, code: 'APIGW.0307' })).toBe(true);
		expect(isTokenProblem({ status: 401, code: 'ModelArts.4103' })).toBe(true);
		expect(isTokenProblem({ status: 401, iam: true })).toBe(false);
		expect(isTokenProblem({ status: 403, code: 'ModelArts.4204' })).toBe(false);
	});

	it('parses Retry-After as seconds or as an HTTP date', () => {
		expect(parseRetryAfter('3')).toBe(3);
		expect(parseRetryAfter(['2'])).toBe(2);
		expect(
			parseRetryAfter('Wed, 25 Nov 2026 10:00:05 GMT', Date.parse('Wed, 25 Nov 2026 10:00:00 GMT')),
		).toBe(5);
		expect(parseRetryAfter('soon')).toBeUndefined();
		expect(parseRetryAfter(undefined)).toBeUndefined();
		expect(parseFailure(429, {}, { 'retry-after': '7' }).retryAfterSeconds).toBe(7);
	});

	it('falls back to the HTTP status for unknown codes and to a network message without a response', () => {
		expect(adviseOnFailure({ status: 404 }, { region: 'r1' }).action).toMatch(/r1/);
		expect(adviseOnFailure({ status: 500, code: 'X.1' }).message).toBe(
			'Huawei Cloud had a server error',
		);
		const refused = adviseOnFailure(
			{ networkCode: 'ECONNREFUSED' },
			{ endpoint: 'http://127.0.0.1:9' },
		);
		expect(refused.message).toBe('Could not reach Huawei Cloud at http://127.0.0.1:9');
		expect(refused.tag).toBe('connection refused');
		expect(refused.action).toMatch(/credential's Region \(or its OCR Endpoint/);
		expect(refused.message + refused.action).not.toMatch(/ECONN/);
		const timedOut = adviseOnFailure({ networkCode: 'ECONNABORTED' }, { timeoutMs: 2000 });
		expect(timedOut.message).toBe('Huawei Cloud gave no answer within 2000 ms (Timeout option)');
		expect(timedOut.retry).toBe('no');
	});

	it('builds a NodeApiError with the code and request id in the details', () => {
		const failure = parseFailure(
			403,
			{ error_code: 'ModelArts.4204', error_msg: 'not subscribed' },
			{ 'x-request-id': 'abc' },
		);
		const error = toNodeApiError(node, failure, { region: 'ae-ad-1' }, 4);
		expect(error.message).toBe(
			'Item 4: The passport OCR API is not enabled in this region (ModelArts.4204, HTTP 403): ' +
				'Open the OCR console of region ae-ad-1, find "Passport" and click Enable (subscribe); ' +
				'it must be the same region as the credential. Request id: abc.',
		);
		expect(error.description).toMatch(/OCR console of region ae-ad-1/);
		expect(error.description).toMatch(/Request id: abc/);
		expect(error.httpCode).toBe('403');
		expect(error.context).toMatchObject({
			itemIndex: 4,
			huaweiCode: 'ModelArts.4204',
			requestId: 'abc',
		});
		const { message, description } = describeFailure(failure, adviseOnFailure(failure));
		expect(message).toContain('ModelArts.4204');
		expect(description).toContain('not subscribed');
	});

	it('says in the message how often a network error was retried, without the system error code', () => {
		const failure = { networkCode: 'ECONNRESET', attempts: 3 };
		const { message } = describeFailure(
			failure,
			adviseOnFailure(failure, { endpoint: 'https://ocr.example' }),
			2,
		);
		expect(message).toBe(
			'Item 2: Could not reach Huawei Cloud at https://ocr.example (connection reset, retried 2 times): ' +
				"Check the credential's Region (or its OCR Endpoint, for a custom region) and that n8n can reach that host; raise Timeout if large images time out.",
		);
		const once = { status: 503, code: 'ModelArts.4403', attempts: 2, requestId: 'r1' };
		expect(describeFailure(once, adviseOnFailure(once)).message).toMatch(
			/^The OCR backend is unavailable \(ModelArts\.4403, HTTP 503, retried once\): .* Request id: r1\.$/,
		);
	});

	it('gives URL advice for AIS.0102 / AIS.0103 when the image came from a URL', () => {
		const format = { code: 'AIS.0102', status: 400 };
		expect(adviseOnFailure(format, { imageSource: 'url' }).action).toBe(
			'The image URL must point directly at a JPEG, PNG, BMP or TIFF file, not a web page or PDF.',
		);
		expect(adviseOnFailure(format, { imageSource: 'base64' }).action).toMatch(/no "data:" prefix/);
		expect(adviseOnFailure({ code: 'AIS.0103' }, { imageSource: 'url' }).action).toMatch(
			/^In the image the URL points at, each side must be 15–8192 pixels/,
		);
	});

	it('redacts access key ids in the Huawei messages it copies (first 4 characters at most)', () => {
		expect(redact('Incorrect IAM authentication information: ak NOSUCHAK not exist')).toBe(
			'Incorrect IAM authentication information: ak NOSU… not exist',
		);
		expect(redact('The access key id: HPUAL5RF3MZ7QXK2WJ8D is disabled')).toBe(
			'The access key id: HPUA… is disabled',
		);
		// A bare permanent access key id (20 upper-case letters and digits) anywhere in the text.
		expect(redact('key QWERTY1234ASDFG5678Z refused')).toBe('key QWER… refused');
		// Ordinary words, codes and request ids stay.
		const plain = 'access key expired; APIGW.0301 request 4f1c2e9ab0d34e5f8a7b6c5d4e3f2a1b';
		expect(redact(plain)).toBe(plain);
		const failure = parseFailure(401, {
			error_code: 'APIGW.0301',
			error_msg: 'Incorrect IAM authentication information: ak HPUAL5RF3MZ7QXK2WJ8D not exist',
		});
		const error = toNodeApiError(node, failure, {}, 0);
		expect(JSON.stringify({ ...error, message: error.message })).not.toContain('L5RF3MZ7');
		expect(error.description).toContain('ak HPUA… not exist');
	});
});
