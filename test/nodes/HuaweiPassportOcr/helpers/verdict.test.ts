/* eslint-disable @n8n/community-nodes/no-dangerous-functions -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
import {
	combineChecks,
	confidenceCheck,
	routeFor,
} from '../../../../nodes/HuaweiPassportOcr/helpers/verdict';
import { OUTPUTS_EXPRESSION } from '../../../../nodes/HuaweiPassportOcr/actions/common/outputs.description';

describe('verdict', () => {
	const rules = {
		threshold: 0.9,
		fields: [],
		combine: 'lowest' as const,
		missing: 'fail' as const,
	};

	it('passes only when every check passes, with one reason per failed check', () => {
		const weak = confidenceCheck({ surname: 'A', confidence: { surname: 0.5 } }, rules);
		const strong = confidenceCheck({ surname: 'A', confidence: { surname: 0.95 } }, rules);
		expect(combineChecks([strong])).toMatchObject({
			passed: true,
			reasons: [],
			confidence: { passed: true, score: 0.95 },
		});
		const other = {
			name: 'mrz',
			passed: false,
			reason: 'MRZ check digits fail.',
			details: { valid: false },
		};
		const verdict = combineChecks([weak, other]);
		expect(verdict.passed).toBe(false);
		expect(verdict.reasons).toEqual([weak.reason, 'MRZ check digits fail.']);
		expect(verdict.mrz).toEqual({ valid: false });
	});

	it('routes by mode: flag keeps all, filter drops, route sends to output 1', () => {
		expect(routeFor('off', undefined)).toBe(0);
		expect(routeFor('flag', false)).toBe(0);
		expect(routeFor('filter', true)).toBe(0);
		expect(routeFor('filter', false)).toBeUndefined();
		expect(routeFor('route', true)).toBe(0);
		expect(routeFor('route', false)).toBe(1);
	});
});

describe('dynamic outputs', () => {
	// The expression as n8n evaluates it: nothing in scope but $parameter.
	const body = OUTPUTS_EXPRESSION.replace(/^=\{\{/, '').replace(/\}\}$/, '');
	const outputsFor = new Function('$parameter', `return ${body};`) as (
		parameter: object,
	) => Array<{ type: string; displayName?: string }>;

	it('has a Review output only in route mode', () => {
		expect(outputsFor({ confidenceMode: 'route' }).map((output) => output.displayName)).toEqual([
			'Passed',
			'Review',
		]);
		for (const mode of ['off', 'flag', 'filter', undefined])
			expect(outputsFor({ confidenceMode: mode })).toEqual([{ type: 'main' }]);
	});
});
