import { firstCallGoesAlone } from '../../../../nodes/HuaweiPassportOcr/transport/firstCall';

const NOW = Date.parse('2026-11-30T12:00:00Z');

describe('firstCallGoesAlone', () => {
	it('IAM: alone when no token is stored (n8n would exchange one per concurrent first request)', () => {
		expect(firstCallGoesAlone('huaweiCloudApi', { userName: 'u' }, NOW)).toBe(true);
		expect(firstCallGoesAlone('huaweiCloudApi', { token: '  ' }, NOW)).toBe(true);
	});

	it('IAM: in parallel when a stored token is good for more than a minute', () => {
		expect(
			firstCallGoesAlone('huaweiCloudApi', { token: 't', expiresAt: '2026-11-30T13:00:00Z' }, NOW),
		).toBe(false);
		// No readable expiry: n8n uses the token as it is.
		expect(firstCallGoesAlone('huaweiCloudApi', { token: 't' }, NOW)).toBe(false);
		expect(firstCallGoesAlone('huaweiCloudApi', { token: 't', expiresAt: 'soon' }, NOW)).toBe(
			false,
		);
	});

	it('IAM: alone when the stored token has expired or expires within a minute', () => {
		expect(
			firstCallGoesAlone('huaweiCloudApi', { token: 't', expiresAt: '2026-11-30T11:00:00Z' }, NOW),
		).toBe(true);
		expect(
			firstCallGoesAlone(
				'huaweiCloudApi',
				{ token: 't', expiresAt: '2026-11-30T12:00:59.000Z' },
				NOW,
			),
		).toBe(true);
	});

	it('access key: in parallel unless a project lookup is still to be made', () => {
		expect(firstCallGoesAlone('huaweiCloudAkSkApi', { projectId: 'p' }, NOW)).toBe(false);
		expect(firstCallGoesAlone('huaweiCloudAkSkApi', { resolvedProjectId: 'p' }, NOW)).toBe(false);
		expect(firstCallGoesAlone('huaweiCloudAkSkApi', { accessKey: 'AK' }, NOW)).toBe(true);
	});
});
