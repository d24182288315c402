import { signRequest } from '../../credentials/common/signing';
import {
	canonicalRequestOf,
	hmacHex,
	readAuthorization,
	readSdkDate,
	signatureMatches,
	stringToSignOf,
	type ReceivedRequest,
} from './sdkSignature';

// The simulator's own verifier against the published vectors (docs/huawei-api.md, "AK/SK signing").
describe('simulator SDK-HMAC-SHA256 verifier', () => {
	it('signs the string-to-sign of Huawei signing guide example', () => {
		const toSign =
			'SDK-HMAC-SHA256\n20191115T033655Z\nb25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a';
		expect(hmacHex('MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc', toSign)).toBe(
			'7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe',
		);
	});

	const goVector: ReceivedRequest = {
		method: 'GET',
		target: '/path',
		headers: { host: 'example.huaweicloud.com', 'x-sdk-date': '20060102T150405Z' },
		body: Buffer.alloc(0),
	};
	const goAuthorization =
		'SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=eb70b3a0caf6633a8b8e4317622d8a0f6819821ec84896ceb7739a57e2d9ed76';

	it('builds the Go SDK canonical request and accepts its signature', () => {
		const canonical = canonicalRequestOf(goVector, ['x-sdk-date']);
		expect(canonical).toBe(
			'GET\n/path/\n\nx-sdk-date:20060102T150405Z\n\nx-sdk-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
		);
		const authorization = readAuthorization(goAuthorization);
		expect(authorization).toEqual({
			accessKey: 'AccessKey',
			signedHeaders: ['x-sdk-date'],
			signature: 'eb70b3a0caf6633a8b8e4317622d8a0f6819821ec84896ceb7739a57e2d9ed76',
		});
		expect(signatureMatches(goVector, authorization!, 'SecretKey', '20060102T150405Z')).toBe(true);
		expect(signatureMatches(goVector, authorization!, 'OtherKey', '20060102T150405Z')).toBe(false);
		expect(
			signatureMatches(
				{ ...goVector, target: '/path2' },
				authorization!,
				'SecretKey',
				'20060102T150405Z',
			),
		).toBe(false);
	});

	const passportVector: ReceivedRequest = {
		method: 'POST',
		target: '/v2/0123456789abcdef0123456789abcdef/ocr/passport',
		headers: {
			host: 'ocr.ap-southeast-1.myhuaweicloud.com',
			'content-type': 'application/json;charset=UTF-8',
			'x-project-id': '0123456789abcdef0123456789abcdef',
			'x-sdk-date': '20250101T000000Z',
		},
		body: Buffer.from('{"image":"/9j/4AAQSkZJRgABAQ","country_code":"GENERAL"}'),
	};

	it('accepts the passport request vector and nothing that differs from it in a signed part', () => {
		const authorization = readAuthorization(
			'SDK-HMAC-SHA256 Access=AKEXAMPLE0000000000, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=2fb34901fe1b49934ff1d5f9cf9defdac7319a565bb5b57e344e8f8a03f2e3a5',
		)!;
		const secret = 'SKEXAMPLE00000000000000000000000000000000';
		const date = '20250101T000000Z';
		expect(signatureMatches(passportVector, authorization, secret, date)).toBe(true);
		const changed: ReceivedRequest[] = [
			{ ...passportVector, method: 'PUT' },
			{ ...passportVector, target: `${passportVector.target}?x=1` },
			{ ...passportVector, body: Buffer.from('{}') },
			{
				...passportVector,
				headers: { ...passportVector.headers, host: 'ocr.cn-north-4.myhuaweicloud.com' },
			},
		];
		for (const request of changed)
			expect(signatureMatches(request, authorization, secret, date)).toBe(false);
		// A header nobody signed may change.
		const unsigned = { ...passportVector.headers, 'user-agent': 'anything' };
		expect(
			signatureMatches({ ...passportVector, headers: unsigned }, authorization, secret, date),
		).toBe(true);
	});

	it('verifies what the credential signs, paths and queries that need encoding included', () => {
		const keys = { accessKey: 'AK', secretKey: 'SK' };
		const at = new Date('2025-06-01T12:00:00Z');
		for (const target of [
			'/v3/projects?name=ap-southeast-1',
			'/v3/auth/projects?b=2&a=1&a=0',
			'/v2/p%C3%A9/ocr/passport?q=a%20b&empty=',
			'/v2/x/ocr/passport/',
		]) {
			const headers = { 'Content-Type': 'application/json' };
			const body = '{"a":1}';
			const signed = signRequest(
				{ method: 'POST', url: `https://ocr.example.com${target}`, headers, body },
				keys,
				at,
			);
			const received: ReceivedRequest = {
				method: 'POST',
				target,
				headers: {
					host: 'ocr.example.com',
					'content-type': 'application/json',
					'x-sdk-date': signed['X-Sdk-Date'],
				},
				body: Buffer.from(body),
			};
			const authorization = readAuthorization(signed.Authorization)!;
			expect({
				target,
				ok: signatureMatches(received, authorization, 'SK', signed['X-Sdk-Date']),
			}).toEqual({
				target,
				ok: true,
			});
		}
	});

	it('refuses malformed Authorization headers and escapes', () => {
		for (const header of [
			undefined,
			'',
			'SDK-HMAC-SHA256 nonsense',
			'SDK-HMAC-SHA256 Access=A, SignedHeaders=x-sdk-date',
			'SDK-HMAC-SHA256 Access=A, SignedHeaders=x-sdk-date, Signature=zz',
			'AWS4-HMAC-SHA256 Access=A, SignedHeaders=x-sdk-date, Signature=' + '0'.repeat(64),
		])
			expect(readAuthorization(header)).toBeUndefined();
		const authorization = readAuthorization(goAuthorization)!;
		expect(
			signatureMatches(
				{ ...goVector, target: '/pa%zzth' },
				authorization,
				'SecretKey',
				'20060102T150405Z',
			),
		).toBe(false);
	});

	it('reads X-Sdk-Date strictly', () => {
		expect(readSdkDate('20250101T000000Z')).toBe(Date.parse('2025-01-01T00:00:00Z'));
		expect(stringToSignOf('x', '20250101T000000Z').split('\n')[1]).toBe('20250101T000000Z');
		for (const text of [
			'20250230T000000Z',
			'20250101T240000Z',
			'2025-01-01T00:00:00Z',
			'20250101T000000',
		])
			expect(readSdkDate(text)).toBeUndefined();
	});
});
