/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/**
 * Recognize Passport at the operation level, without HTTP: a fake n8n context (parameters per item)
 * and a fake transport that answers as Huawei would. It proves what the pipeline does with the
 * answers: what is sent, the verdict, the routing, input order, failures in words, the stop.
 */
import { readFileSync } from 'node:fs';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { RecognizeRun } from '../../../../nodes/HuaweiPassportOcr/actions/recognize/parameters';
import { recognizeBatch } from '../../../../nodes/HuaweiPassportOcr/actions/recognize/recognize.operation';
import type { OcrPoster } from '../../../../nodes/HuaweiPassportOcr/actions/recognize/recognizeImage';
import { ConcurrencyWindow } from '../../../../nodes/HuaweiPassportOcr/transport/concurrencyWindow';
import { TransportError } from '../../../../nodes/HuaweiPassportOcr/transport/failure';
import type { BodyFields } from '../../../../nodes/HuaweiPassportOcr/transport/jsonBody';
import { committedImagePath } from '../../../fixtures';

const JPEG_BASE64 = readFileSync(committedImagePath('icao-specimen.jpg')).toString('base64');

/** A passport result as Huawei returns it, every key field at the given confidence. */
function passportAnswer(surname: string, confidence: number) {
	const fields = {
		country_code: 'UTO',
		surname,
		given_name: 'ANNA MARIA',
		passport_number: 'L898902C3',
		date_of_birth: '1974-08-12',
		sex: 'F',
		date_of_expiry: '2032-04-15',
		nationality: 'UTO',
	};
	const scores = Object.fromEntries(Object.keys(fields).map((name) => [name, confidence]));
	return { body: { result: { ...fields, confidence: scores } }, attempts: 1 };
}

interface Call {
	url: string;
	body: BodyFields;
}

/** Answers each call with what `answer` gives for the call's surname tag (the item's base64 text). */
function fakeTransport(answer: (itemTag: string) => ReturnType<typeof passportAnswer>) {
	const calls: Call[] = [];
	const transport: OcrPoster = {
		post: async (url, body) => {
			calls.push({ url, body });
			const tag = Buffer.isBuffer(body.image) ? tagOf(body.image) : 'url';
			return answer(tag);
		},
	};
	return { transport, calls };
}

/** Each item's image is the same JPEG with its own tag appended (JPEG readers ignore the tail). */
const taggedImage = (tag: string) =>
	Buffer.concat([Buffer.from(JPEG_BASE64, 'base64'), Buffer.from(`#${tag}`)]).toString('base64');
const tagOf = (image: Buffer) => image.toString('latin1').split('#').pop() ?? '';

function fakeContext(
	perItem: Array<Record<string, unknown>>,
	options: { continueOnFail?: boolean } = {},
): IExecuteFunctions {
	const context = {
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) =>
			name in perItem[itemIndex] ? perItem[itemIndex][name] : fallback,
		getNode: () => ({
			id: 'node',
			name: 'Huawei Passport OCR',
			type: 'n8n-nodes-huawei-ocr.huaweiPassportOcr',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		}),
		continueOnFail: () => options.continueOnFail === true,
		helpers: {},
	};
	return context as unknown as IExecuteFunctions;
}

const RUN: RecognizeRun = {
	credentialType: 'huaweiCloudApi',
	endpoints: {
		region: 'ap-southeast-1',
		ocrEndpoint: 'https://ocr.test',
		iamEndpoint: 'https://iam.test',
		edition: 'international',
	},
	edition: 'international',
	verdictMode: 'route',
	firstCallAlone: false,
	timeoutMs: 1000,
	concurrency: 2,
	maxRequestsPerSecond: 0,
	maxRetries: 0,
	maxThrottleWaitMs: 1000,
	retryDelayMs: 1,
	today: new Date('2025-01-01T00:00:00Z'),
};

const itemParameters = (tag: string, extra: Record<string, unknown> = {}) => ({
	imageSource: 'base64',
	imageBase64: taggedImage(tag),
	confidenceThreshold: 0.8,
	...extra,
});

const inputs = (count: number): INodeExecutionData[] =>
	Array.from({ length: count }, (_, index) => ({ json: { index } }));

describe('recognizeBatch (Recognize Passport with a fake transport)', () => {
	it('routes by the confidence verdict, in input order, with the key fields shaped', async () => {
		const { transport, calls } = fakeTransport((tag) =>
			passportAnswer(tag, tag === 'SURE' ? 0.95 : 0.4),
		);
		const context = fakeContext([
			itemParameters('SURE'),
			itemParameters('UNSURE'),
			itemParameters('SURE'),
		]);
		const [passed, review] = await recognizeBatch(
			context,
			inputs(3),
			RUN,
			transport,
			new ConcurrencyWindow(2),
		);
		expect(passed.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(review.map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
		expect(passed[0].json).toMatchObject({
			surname: 'SURE',
			passport_number: 'L898902C3',
			verdict: { passed: true, reasons: [] },
		});
		expect(review[0].json.verdict).toMatchObject({ passed: false });
		expect((review[0].json.verdict as { reasons: string[] }).reasons).toHaveLength(1);
		expect(calls).toHaveLength(3);
		expect(
			calls.every((call) => call.url === 'https://ocr.test/v2/{project_id}/ocr/passport'),
		).toBe(true);
	});

	it('sends the recognition mode as country_code, except to the G42 edition', async () => {
		const { transport, calls } = fakeTransport((tag) => passportAnswer(tag, 0.9));
		const context = fakeContext([itemParameters('A', { recognitionMode: 'CHN' })]);
		await recognizeBatch(context, inputs(1), RUN, transport, new ConcurrencyWindow(1));
		await recognizeBatch(
			context,
			inputs(1),
			{ ...RUN, edition: 'g42' },
			transport,
			new ConcurrencyWindow(1),
		);
		expect(calls.map((call) => call.body.country_code)).toEqual(['CHN', undefined]);
	});

	it('with continue-on-fail, a Huawei failure is an error item in words, in its place', async () => {
		const { transport } = fakeTransport((tag) => {
			if (tag === 'BLURRY')
				throw new TransportError({ failure: { status: 400, code: 'AIS.0104', attempts: 1 } });
			return passportAnswer(tag, 0.95);
		});
		const context = fakeContext(
			[itemParameters('SURE'), itemParameters('BLURRY'), itemParameters('SURE')],
			{ continueOnFail: true },
		);
		const [main] = await recognizeBatch(
			context,
			inputs(3),
			{ ...RUN, verdictMode: 'flag' },
			transport,
			new ConcurrencyWindow(3),
		);
		expect(main.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(String(main[1].json.error)).toMatch(
			/^Item 1: Huawei found no readable passport in the image \(AIS\.0104, HTTP 400\)/,
		);
	});

	it('without continue-on-fail, the first failure is thrown and no new item starts', async () => {
		const { transport, calls } = fakeTransport(() => {
			throw new TransportError({ failure: { status: 400, code: 'AIS.0105', attempts: 1 } });
		});
		const context = fakeContext([itemParameters('A'), itemParameters('B'), itemParameters('C')]);
		await expect(
			recognizeBatch(context, inputs(3), RUN, transport, new ConcurrencyWindow(1)),
		).rejects.toThrow(/^Item 0: Huawei could not recognise the passport/);
		expect(calls).toHaveLength(1);
	});

	it('a threshold outside 0–1 fails the item before any call', async () => {
		const { transport, calls } = fakeTransport((tag) => passportAnswer(tag, 0.9));
		const context = fakeContext([itemParameters('A', { confidenceThreshold: 80 })], {
			continueOnFail: true,
		});
		const [main] = await recognizeBatch(
			context,
			inputs(1),
			RUN,
			transport,
			new ConcurrencyWindow(1),
		);
		expect(String(main[0].json.error)).toContain('field "Threshold"');
		expect(String(main[0].json.error)).toContain('enter 0.8');
		expect(calls).toHaveLength(0);
	});
});
