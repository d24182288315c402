/** MRZ checks, cross-check, validity and Parse MRZ through n8n, against the simulator. */
import type { INodeExecutionData } from 'n8n-workflow';

import { HuaweiPassportOcr } from '../../../../nodes/HuaweiPassportOcr/HuaweiPassportOcr.node';
import { DOCUMENTS } from '../../../fixtures';
import { runNode } from '../../../harness';
import { binaryItem, image, jsonOf, pairedOf, runOcr, useSimulator } from './kit';

interface Checked {
	mrz?: {
		source: string;
		valid: boolean;
		found?: boolean;
		checks: Record<string, { valid: boolean }>;
		crossCheck: { consistent: boolean; mismatches: Array<{ field: string }> };
		corrections: unknown[];
		ambiguous: unknown[];
	};
	validity: { expired: boolean; meetsMinValidity: boolean | null; meetsMinAge: boolean | null };
	verdict?: { passed: boolean; reasons: string[] };
}
const checked = (items: INodeExecutionData[] | undefined) => jsonOf(items) as unknown as Checked[];

describe('document checks with the G42 edition (MRZ lines in the result)', () => {
	const sim = useSimulator('g42');

	it('validates the MRZ, cross-checks it and reports validity on every item', async () => {
		const result = await runOcr(sim, {
			items: ['gbr.jpg', 'misread.jpg', 'mismatch.jpg', 'gbr-expired.jpg'].map((file) =>
				binaryItem(image(file)),
			),
		});
		const [gbr, misread, mismatch, expired] = checked(result.outputs[0]);
		expect(gbr.mrz).toMatchObject({
			source: 'passport',
			valid: true,
			crossCheck: { consistent: true },
		});
		expect(Object.values(gbr.mrz!.checks).every((check) => check.valid)).toBe(true);
		expect(gbr.validity.expired).toBe(false);
		expect(misread.mrz!.valid).toBe(false);
		expect(misread.mrz!.checks.documentNumber.valid).toBe(false);
		expect(mismatch.mrz!.valid).toBe(true);
		expect(mismatch.mrz!.crossCheck.mismatches.map((m) => m.field)).toEqual(['passport_number']);
		expect(expired.validity.expired).toBe(true);
		// Not asked to judge them: the confidence verdict alone decides.
		expect([gbr, misread, mismatch, expired].map((json) => json.verdict!.passed)).toEqual([
			true,
			true,
			true,
			true,
		]);
	});

	it('route mode sends invalid, mismatching and expired passports to Review when asked', async () => {
		const result = await runOcr(sim, {
			items: ['gbr.jpg', 'misread.jpg', 'mismatch.jpg', 'gbr-expired.jpg'].map((file) =>
				binaryItem(image(file)),
			),
			parameters: { confidenceMode: 'route', documentChecks: { includeInVerdict: true } },
		});
		expect(pairedOf(result.outputs[0])).toEqual([0]);
		expect(pairedOf(result.outputs[1])).toEqual([1, 2, 3]);
		const reasons = checked(result.outputs[1]).map((json) => json.verdict!.reasons.join(' '));
		expect(reasons[0]).toMatch(/MRZ check digits fail/);
		expect(reasons[1]).toMatch(/disagrees with the printed zone \(passport_number\)/);
		expect(reasons[2]).toMatch(/has expired/);
	});

	it('minimum remaining validity and minimum age', async () => {
		const result = await runOcr(sim, {
			items: [binaryItem(image('gbr.jpg')), binaryItem(image('gbr.jpg'))],
			parameters: {
				documentChecks: {
					includeInVerdict: true,
					minValidityMonths: '={{ $itemIndex === 0 ? 6 : 120 }}',
					minAgeYears: 18,
				},
			},
		});
		const [six, tenYears] = checked(result.outputs[0]);
		expect(six.validity).toMatchObject({ meetsMinValidity: true, meetsMinAge: true });
		expect(six.verdict!.passed).toBe(true);
		expect(tenYears.validity.meetsMinValidity).toBe(false);
		expect(tenYears.verdict!.reasons.join(' ')).toMatch(/minimum remaining validity/);
	});

	it('with correction on, reports an ambiguous repair instead of guessing', async () => {
		const result = await runOcr(sim, {
			items: [binaryItem(image('misread.jpg'))],
			parameters: { documentChecks: { correctMrz: true } },
		});
		const [json] = checked(result.outputs[0]);
		// B→8 and 1→I both make the document number's check digit hold: the engine must not pick one.
		expect(json.mrz!.corrections).toEqual([]);
		expect(json.mrz!.ambiguous).toEqual([
			expect.objectContaining({ fields: ['documentNumber'], reason: 'several_candidates' }),
		]);
		expect(json.mrz!.valid).toBe(false);
	});
});

describe('second read on the international edition', () => {
	const sim = useSimulator('international');
	beforeEach(() => sim.resetCounters());

	it('no MRZ lines, no extra call by default', async () => {
		const result = await runOcr(sim, { items: [binaryItem(image('gbr.jpg'))] });
		expect(checked(result.outputs[0])[0].mrz).toBeUndefined();
		expect(sim.counters().ocr.byPath).toEqual({ passport: 1 });
	});

	it('"Verify with a second read" reads the MRZ with general-text and runs the same checks', async () => {
		const result = await runOcr(sim, {
			items: [
				binaryItem(image('gbr.jpg')),
				binaryItem(image('misread.jpg')),
				binaryItem(image('mismatch.jpg')),
			],
			parameters: {
				confidenceMode: 'route',
				documentChecks: { secondRead: true, includeInVerdict: true },
			},
		});
		expect(sim.counters().ocr.byPath).toEqual({ passport: 3, 'general-text': 3 });
		expect(pairedOf(result.outputs[0])).toEqual([0]);
		expect(pairedOf(result.outputs[1])).toEqual([1, 2]);
		const [gbr] = checked(result.outputs[0]);
		expect(gbr.mrz).toMatchObject({
			source: 'general-text',
			valid: true,
			crossCheck: { consistent: true },
		});
	});
});

describe('Parse MRZ (no credential, no API call)', () => {
	const run = async (
		items: INodeExecutionData['json'][],
		parameters: Record<string, unknown> = {},
	) =>
		await runNode({
			nodeType: 'huaweiPassportOcr',
			nodeTypes: [new HuaweiPassportOcr()],
			items: items.map((json) => ({ json })),
			parameters: { operation: 'parseMrz', mrzText: '={{ $json.mrz }}', ...parameters },
		});

	it('parses text, line arrays and run-together lines, with validity', async () => {
		const icao = DOCUMENTS['icao-specimen'].mrz;
		const result = await run([{ mrz: icao.join('\n') }, { mrz: icao }, { mrz: icao.join('') }]);
		expect(result.error).toBeUndefined();
		for (const json of checked(result.outputs[0])) {
			expect(json.mrz).toMatchObject({ source: 'input', valid: true });
			expect(json.validity.expired).toBe(true);
			expect(json.verdict!.passed).toBe(true);
		}
	});

	it('routes an invalid MRZ to Review, keeping order and pairedItem', async () => {
		const result = await run(
			[{ mrz: DOCUMENTS.gbr.mrz }, { mrz: DOCUMENTS.misread.mrz }, { mrz: 'not an mrz' }],
			{
				confidenceMode: 'route',
				options: { resultProperty: 'check' },
			},
		);
		expect(pairedOf(result.outputs[0])).toEqual([0]);
		expect(pairedOf(result.outputs[1])).toEqual([1, 2]);
		expect((result.outputs[0][0].json.check as Checked).mrz!.valid).toBe(true);
		expect(result.outputs[0][0].json.mrz).toEqual(DOCUMENTS.gbr.mrz);
	});
});
