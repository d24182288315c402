import { backoffDelay, ocrUrl } from '../../../../nodes/HuaweiPassportOcr/transport';

describe('back-off', () => {
	it('doubles per attempt with equal jitter (between half and all of the step)', () => {
		expect(backoffDelay(0, 1000, 60000, undefined, 0)).toBe(500);
		expect(backoffDelay(0, 1000, 60000, undefined, 1)).toBe(1000);
		expect(backoffDelay(3, 1000, 60000, undefined, 0)).toBe(4000);
		expect(backoffDelay(3, 1000, 60000, undefined, 1)).toBe(8000);
	});

	it('is capped, and Retry-After wins over the schedule', () => {
		expect(backoffDelay(20, 1000, 30000, undefined, 1)).toBe(30000);
		expect(backoffDelay(0, 1000, 60000, 5, 0)).toBe(5000);
		expect(backoffDelay(0, 1000, 60000, 5, 0.5)).toBe(5250);
		expect(backoffDelay(0, 1000, 60000, 5, 1)).toBe(5500);
		expect(backoffDelay(0, 1000, 10000, 3600, 0)).toBe(10000);
	});

	it('builds the passport URL with the project placeholder the credentials fill in', () => {
		expect(ocrUrl('https://ocr.ae-ad-1.g42cloud.com', 'passport')).toBe(
			'https://ocr.ae-ad-1.g42cloud.com/v2/{project_id}/ocr/passport',
		);
	});
});
