import {
	canonicalRequest,
	signRequest,
	signString,
	stringToSign,
} from '../../credentials/common/signing';
import { parseAuthorization, verifySignature } from './signatureCheck';

// The three vectors of docs/huawei-api.md, section 10 (AK/SK signing).
describe('SDK-HMAC-SHA256 signing', () => {
	it('signs the SDK documentation string-to-sign', () => {
		const sts =
			'SDK-HMAC-SHA256\n20191115T033655Z\nb25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a';
		expect(signString('MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc', sts)).toBe(
			'7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe',
		);
	});

	it('builds and signs the Go SDK canonical request', () => {
		const canonical = canonicalRequest(
			{
				method: 'GET',
				url: 'https://example.com/path',
				headers: { 'X-Sdk-Date': '20060102T150405Z' },
				body: '',
			},
			['x-sdk-date'],
		);
		expect(canonical).toBe(
			'GET\n/path/\n\nx-sdk-date:20060102T150405Z\n\nx-sdk-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
		);
		expect(signString('SecretKey', stringToSign(canonical, '20060102T150405Z'))).toBe(
			'eb70b3a0caf6633a8b8e4317622d8a0f6819821ec84896ceb7739a57e2d9ed76',
		);
	});

	const passportRequest = {
		method: 'POST',
		url: 'https://ocr.ap-southeast-1.myhuaweicloud.com/v2/0123456789abcdef0123456789abcdef/ocr/passport',
		headers: {
			'Content-Type': 'application/json;charset=UTF-8',
			'X-Project-Id': '0123456789abcdef0123456789abcdef',
		},
		body: '{"image":"/9j/4AAQSkZJRgABAQ","country_code":"GENERAL"}',
	};
	const keys = {
		accessKey: 'AKEXAMPLE0000000000',
		secretKey: 'SKEXAMPLE00000000000000000000000000000000',
	};

	it('signs a passport request like the SDKs', () => {
		const headers = signRequest(passportRequest, keys, new Date('2025-01-01T00:00:00Z'));
		expect(headers['X-Sdk-Date']).toBe('20250101T000000Z');
		expect(headers.Authorization).toBe(
			'SDK-HMAC-SHA256 Access=AKEXAMPLE0000000000, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=2fb34901fe1b49934ff1d5f9cf9defdac7319a565bb5b57e344e8f8a03f2e3a5',
		);
	});

	it('verifies its own signature and rejects a tampered body or key', () => {
		const signed = signRequest(passportRequest, keys, new Date('2025-01-01T00:00:00Z'));
		const parsed = parseAuthorization(signed.Authorization)!;
		const request = { ...passportRequest, headers: { ...passportRequest.headers, ...signed } };
		expect(verifySignature(request, parsed, keys.secretKey, signed['X-Sdk-Date'])).toBe(true);
		expect(
			verifySignature(
				{ ...request, body: request.body + ' ' },
				parsed,
				keys.secretKey,
				signed['X-Sdk-Date'],
			),
		).toBe(false);
		expect(verifySignature(request, parsed, 'another-secret', signed['X-Sdk-Date'])).toBe(false);
	});

	it('encodes path segments and sorts the query', () => {
		const canonical = canonicalRequest(
			{
				method: 'get',
				url: 'http://127.0.0.1:9800/v3/projects?name=ap-southeast-1&a=b c',
				headers: {},
				body: '',
			},
			['host'],
		);
		expect(canonical.split('\n').slice(0, 4)).toEqual([
			'GET',
			'/v3/projects/',
			'a=b%20c&name=ap-southeast-1',
			'host:127.0.0.1:9800',
		]);
	});
});
