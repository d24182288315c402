import { NodeApiError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

import type { FailureContext } from '../../../../nodes/HuaweiPassportOcr/helpers/failureContext';
import { InputProblem } from '../../../../nodes/HuaweiPassportOcr/helpers/inputProblem';
import {
	HuaweiCallError,
	itemError,
	withCallContext,
} from '../../../../nodes/HuaweiPassportOcr/helpers/nodeErrors';
import type { HuaweiFailure } from '../../../../nodes/HuaweiPassportOcr/transport/failure';
import {
	parseFailure,
	TransportError,
} from '../../../../nodes/HuaweiPassportOcr/transport/failure';

// Every error code of the passport API (docs/huawei-api.md), with the HTTP status it comes with.
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

/** The advice the node gives for a failure, as the action would see it. */
const adviseOnFailure = (failure: HuaweiFailure, context: FailureContext = {}) =>
	new HuaweiCallError({ failure, context }).advice;

/** The message n8n shows for a failed item. */
const messageFor = (failure: HuaweiFailure, context: FailureContext, itemIndex: number) =>
	itemError(node, new HuaweiCallError({ failure, context }), itemIndex).message;

const node: INode = {
	id: '1',
	name: 'Huawei Passport OCR',
	type: 'n8n-nodes-huawei-ocr.huaweiPassportOcr',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

describe('Huawei error table', () => {
	it('knows every documented code: its advice comes from the code, whatever the HTTP status', () => {
		const generic = adviseOnFailure({ status: 418 });
		for (const [code, status] of FACT_CODES) {
			const advice = adviseOnFailure({ code, status }, { region: 'ap-southeast-2' });
			// An unknown code would fall back to the status: 418 gives the generic words.
			const odd = adviseOnFailure({ code, status: 418 }, { region: 'ap-southeast-2' });
			expect({ message: odd.message, action: odd.action }).toEqual({
				message: advice.message,
				action: advice.action,
			});
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

	it('falls back to the HTTP status for unknown codes and to a network message without a response', () => {
		expect(adviseOnFailure({ status: 404 }, { region: 'r1' }).action).toMatch(/r1/);
		expect(adviseOnFailure({ status: 401, iam: true }).message).toBe('IAM refused the login');
		expect(adviseOnFailure({ status: 500, code: 'X.1' }).message).toBe(
			'Huawei Cloud had a server error',
		);
		const redirected = adviseOnFailure({ status: 301 }, { endpoint: 'http://ocr.example' });
		expect(redirected.message).toBe(
			"http://ocr.example answered with a redirect, not with Huawei's API",
		);
		expect(redirected.action).toMatch(/OCR Endpoint.*https:\/\/ocr\.<region>/);
		expect(redirected.retry).toBe('no');
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
		const error = itemError(
			node,
			new HuaweiCallError({ failure, context: { region: 'ae-ad-1' } }),
			4,
		);
		expect(error.message).toBe(
			'Item 4: The passport OCR API is not enabled in this region (ModelArts.4204, HTTP 403): ' +
				'Open the OCR console of region ae-ad-1, find "Passport" and click Enable (subscribe); ' +
				'it must be the same region as the credential. Request id: abc.',
		);
		expect(error.description).toMatch(/OCR console of region ae-ad-1/);
		expect(error.description).toMatch(/Request id: abc/);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('403');
		expect(error.context).toMatchObject({
			itemIndex: 4,
			huaweiCode: 'ModelArts.4204',
			requestId: 'abc',
		});
		expect(error.description).toContain('Huawei said: "not subscribed"');
	});

	it('says in the message how often a network error was retried, without the system error code', () => {
		const failure = { networkCode: 'ECONNRESET', attempts: 3 };
		expect(messageFor(failure, { endpoint: 'https://ocr.example' }, 2)).toBe(
			'Item 2: Could not reach Huawei Cloud at https://ocr.example (connection reset, retried 2 times): ' +
				"Check the credential's Region (or its OCR Endpoint, for a custom region) and that n8n can reach that host; raise Timeout if large images time out.",
		);
		const once = { status: 503, code: 'ModelArts.4403', attempts: 2, requestId: 'r1' };
		expect(messageFor(once, {}, 0)).toMatch(
			/^Item 0: The OCR backend is unavailable \(ModelArts\.4403, HTTP 503, retried once\): .* Request id: r1\.$/,
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

	it('never shows an access key id quoted in a Huawei message (first 4 characters at most)', () => {
		const failure = parseFailure(401, {
			error_code: 'APIGW.0301',
			error_msg: 'Incorrect IAM authentication information: ak HPUAL5RF3MZ7QXK2WJ8D not exist',
		});
		const error = itemError(node, new HuaweiCallError({ failure }), 0);
		expect(JSON.stringify({ ...error, message: error.message })).not.toContain('L5RF3MZ7');
		expect(error.description).toContain('ak HPUA… not exist');
	});
});

describe('one way from the transport to n8n', () => {
	it('the action adds its context to what the transport threw; credential failures pass unchanged', () => {
		const raw = new TransportError({ failure: { code: 'AIS.0102', status: 400 } });
		const withContext = withCallContext(raw, { imageSource: 'url', region: 'r1' });
		expect(withContext).toBeInstanceOf(HuaweiCallError);
		expect((withContext as HuaweiCallError).advice.action).toMatch(/image URL must point/);
		const error = itemError(node, withContext, 3);
		expect(error.message).toMatch(/^Item 3: Huawei says the image format is not supported/);
		expect(error.context).toMatchObject({ itemIndex: 3, imageSource: 'url' });

		const credential = new TransportError({
			failure: { iam: true },
			credentialFailure: true,
			message: 'IAM refused the login',
			detail: 'check the password',
		});
		expect(withCallContext(credential, {})).toBe(credential);
		const refused = itemError(node, credential, 1);
		expect(refused.constructor.name).toBe('NodeOperationError');
		expect(refused.message).toBe('IAM refused the login');
		expect(refused.description).toBe('check the password');
	});

	it('an input problem names the item and the field', () => {
		const error = itemError(
			node,
			new InputProblem({ message: 'The image URL is empty.', field: 'Image URL' }),
			2,
		);
		expect(error.message).toBe('Item 2, field "Image URL": The image URL is empty.');
		expect(error.context.itemIndex).toBe(2);
	});
});
