/** What the transport reads from a failed answer, and which failures it retries. */
import {
	parseFailure,
	retryClass,
	statedRate,
} from '../../../../nodes/HuaweiPassportOcr/transport/failure';

describe('parseFailure', () => {
	it('normalises APIG. to APIGW.', () => {
		expect(parseFailure(429, { error_code: 'APIG.0308', error_msg: 'limit' }).code).toBe(
			'APIGW.0308',
		);
		expect(parseFailure(429, { error_code: 'APIGW.0308', error_msg: 'limit' }).code).toBe(
			'APIGW.0308',
		);
		expect(parseFailure(400, {}).code).toBeUndefined();
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
		expect(
			parseFailure(401, {
				error: { code: 401, message: 'The username or password is wrong.', title: 'Unauthorized' },
			}),
		).toMatchObject({
			iam: true,
			code: undefined,
			huaweiMessage: 'The username or password is wrong.',
		});
		expect(
			parseFailure(502, '{"error_code":"APIGW.0201","error_msg":"backend unavailable"}').code,
		).toBe('APIGW.0201');
		expect(parseFailure(502, '<html>Bad gateway</html>').huaweiMessage).toBe(
			'<html>Bad gateway</html>',
		);
	});

	it('never repeats a token or an access key id that a message quotes', () => {
		const token = 'MIIEXAMPLETOKEN' + 'A'.repeat(200);
		const failure = parseFailure(401, {
			error_code: 'APIGW.0301',
			error_msg: `Incorrect IAM authentication information: ${token}`,
		});
		expect(failure.huaweiMessage).not.toContain(token);
		expect(failure.huaweiMessage).toContain('[token]');
		expect(
			parseFailure(401, {
				error_code: 'APIGW.0301',
				error_msg: 'Incorrect IAM authentication information: ak HPUAL5RF3MZ7QXK2WJ8D not exist',
			}).huaweiMessage,
		).toBe('Incorrect IAM authentication information: ak HPUA… not exist');
	});

	it('reads Retry-After as seconds or as an HTTP date, in any header case', () => {
		expect(parseFailure(429, {}, { 'retry-after': '7' }).retryAfterSeconds).toBe(7);
		expect(parseFailure(429, {}, { 'Retry-After': ['2'] }).retryAfterSeconds).toBe(2);
		const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
		const seconds = parseFailure(429, {}, { 'retry-after': inTenSeconds }).retryAfterSeconds;
		expect(seconds).toBeGreaterThan(8);
		expect(seconds).toBeLessThanOrEqual(10);
		expect(
			parseFailure(429, {}, { 'retry-after': 'Wed, 25 Nov 2020 10:00:05 GMT' }).retryAfterSeconds,
		).toBe(0);
		expect(parseFailure(429, {}, { 'retry-after': 'soon' }).retryAfterSeconds).toBeUndefined();
		expect(parseFailure(429, {}).retryAfterSeconds).toBeUndefined();
	});
});

describe('retryClass', () => {
	it('retries throttling and 502/503/504 only', () => {
		expect(retryClass({ status: 429, code: 'APIGW.0308' })).toBe('throttled');
		expect(retryClass({ status: 429, code: 'ModelArts.4401' })).toBe('throttled');
		expect(retryClass({ status: 429 })).toBe('throttled');
		expect(retryClass({ status: 502, code: 'APIGW.0201' })).toBe('unavailable');
		expect(retryClass({ status: 503, code: 'ModelArts.4403' })).toBe('unavailable');
		expect(retryClass({ status: 504, code: 'ModelArts.4402' })).toBe('unavailable');
		expect(retryClass({ status: 504 })).toBe('unavailable');
		for (const [code, status] of [
			['AIS.0101', 400],
			['AIS.0104', 400],
			['ModelArts.4204', 403],
			['ModelArts.4103', 401],
			['ModelArts.4104', 413],
			['APIGW.0101', 404],
			['APIGW.0301', 401],
			['APIGW.0310', 403],
		] as const) {
			expect(retryClass({ code, status })).toBe('no');
		}
		expect(retryClass({ status: 500, code: 'AIS.0105' })).toBe('no');
		expect(retryClass({ status: 400, code: 'APIGW.0201' })).toBe('no');
		expect(retryClass({ networkCode: 'ECONNRESET' })).toBe('unavailable');
		expect(retryClass({ networkCode: 'ECONNREFUSED' })).toBe('no');
		expect(retryClass({ iam: true, status: 503 })).toBe('no');
		expect(retryClass({ status: 200, malformed: true })).toBe('unavailable');
	});
});

describe('statedRate', () => {
	it("reads the gateway's stated limit as calls per second, whatever the unit", () => {
		expect(
			statedRate(
				'The throttling threshold has been reached: policy user over ratelimit,limit:240,time:1 minute',
			),
		).toBe(4);
		expect(statedRate('policy app over ratelimit,limit:10,time:1 second')).toBe(10);
		expect(statedRate('limit:36000, time:1 hour')).toBe(10);
		expect(statedRate('limit:600,time:2 minute')).toBe(5);
		expect(statedRate('LIMIT:5,TIME:SECOND')).toBe(5);
	});

	it('states nothing when the message does not say, or says nonsense', () => {
		expect(statedRate(undefined)).toBeUndefined();
		expect(statedRate('The throttling threshold has been reached')).toBeUndefined();
		expect(statedRate('limit:0,time:1 minute')).toBeUndefined();
		expect(statedRate('limit:abc,time:1 minute')).toBeUndefined();
		expect(statedRate('limit:10,time:1 fortnight')).toBeUndefined();
	});

	it('is read from 429 answers only', () => {
		const message = 'policy user over ratelimit,limit:240,time:1 minute';
		expect(parseFailure(429, { error_code: 'APIGW.0308', error_msg: message }).statedRps).toBe(4);
		expect(
			parseFailure(400, { error_code: 'AIS.0104', error_msg: message }).statedRps,
		).toBeUndefined();
	});
});
