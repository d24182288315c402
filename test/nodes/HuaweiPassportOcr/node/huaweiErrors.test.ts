/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/** Every Huawei error the simulator produces becomes a NodeApiError-style item: code, request id, advice. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { INodeExecutionData, NodeApiError } from 'n8n-workflow';

import { DEFAULT_USER } from '../../../simulator/accounts';
import {
	akskCredentials,
	badImage,
	binaryItem,
	calmSimulator,
	iamCredentials,
	image,
	runOcr,
	startFileServer,
	useSimulator,
	withSimulator,
} from './kit';

const passport = () => binaryItem(image('icao-specimen.jpg'));

function flatten(item: INodeExecutionData) {
	const error = item.error as (NodeApiError & { context: Record<string, unknown> }) | undefined;
	return {
		error: item.json.error,
		description: error?.description ?? undefined,
		code: error?.context.huaweiCode,
		httpStatus: error?.httpCode ? Number(error.httpCode) : undefined,
		requestId: error?.context.requestId,
	};
}

describe('Huawei errors through the node', () => {
	const sim = useSimulator('international');
	beforeEach(() => calmSimulator(sim));

	/** The one error item of a run, flattened: message, description, Huawei code, HTTP status, request id. */
	async function errorOf(options: Parameters<typeof runOcr>[1] = {}, target = sim) {
		const result = await runOcr(target, { items: [passport()], continueOnFail: true, ...options });
		expect(result.outputs[0]).toHaveLength(1);
		const item = result.outputs[0][0];
		expect(item.pairedItem).toEqual({ item: 0 });
		return { item, json: flatten(item) };
	}

	it("ModelArts.4204: tells the user to enable the passport API in the region's OCR console", async () => {
		sim.setKnobs({ subscribed: false });
		const item = await errorOf();
		expect(item.json).toMatchObject({ code: 'ModelArts.4204', httpStatus: 403 });
		expect(item.json.requestId).toMatch(/^[0-9a-f]{32}$/);
		// n8n keeps only the message in the item's JSON: it carries the item, the fix and the request id.
		expect(item.json.error).toBe(
			'Item 0: The passport OCR API is not enabled in this region (ModelArts.4204, HTTP 403): ' +
				'Open the OCR console of region ap-southeast-1, find "Passport" and click Enable (subscribe); ' +
				`it must be the same region as the credential. Request id: ${
					item.json.requestId as string
				}.`,
		);
		expect(item.json.description).toMatch(/OCR console of region ap-southeast-1/);
		expect(item.item.error?.message).toBe(item.json.error);
	});

	it('AIS.0104: not a passport or too blurry', async () => {
		const item = await errorOf({ items: [binaryItem(badImage('no-truth'))] });
		expect(item.json).toMatchObject({ code: 'AIS.0104', httpStatus: 400 });
		expect(item.json.description).toMatch(/not a passport data page or it is too blurry/);
		expect(item.json.error).toContain('(AIS.0104, HTTP 400): It is not a passport data page');
		expect(item.json.error).toContain(`Request id: ${item.json.requestId as string}.`);
	});

	it('AIS.0102 / AIS.0103 from a URL: advice about what the URL points at', async () => {
		const files = await startFileServer({
			'scan.pdf': badImage('pdf'),
			'tiny.png': badImage('tiny'),
		});
		try {
			const url = (imageUrl: string) => ({
				parameters: { imageSource: 'url', imageUrl },
				items: [{ json: {} }],
			});
			const pdf = await errorOf(url(files.url('scan.pdf')));
			expect(pdf.json).toMatchObject({ code: 'AIS.0102', httpStatus: 400 });
			expect(pdf.json.error).toMatch(
				/^Item 0: Huawei says the image format is not supported \(AIS\.0102, HTTP 400\): The image URL must point directly at a JPEG, PNG, BMP or TIFF file, not a web page or PDF\. Request id: [0-9a-f]{32}\.$/,
			);
			expect(pdf.json.error).not.toMatch(/data:/);
			expect(pdf.item.error?.context.imageSource).toBe('url');
			const tiny = await errorOf(url(files.url('tiny.png')));
			expect(tiny.json).toMatchObject({ code: 'AIS.0103', httpStatus: 400 });
			expect(tiny.json.error).toContain(
				'(AIS.0103, HTTP 400): In the image the URL points at, each side must be 15–8192 pixels',
			);
			expect(sim.counters().downloads.total).toBe(2);
		} finally {
			await files.stop();
		}
	});

	it('AIS.0101 and AIS.0103 when the edition is overridden against the G42 service', async () => {
		const g42 = await withSimulator('g42');
		try {
			const mode = await errorOf(
				{ parameters: { recognitionMode: 'GENERAL', options: { edition: 'international' } } },
				g42,
			);
			expect(mode.json).toMatchObject({ code: 'AIS.0101' });
			const size = await errorOf(
				{
					items: [binaryItem(badImage('wide-4500'))],
					parameters: { options: { edition: 'international' } },
				},
				g42,
			);
			expect(size.json).toMatchObject({ code: 'AIS.0103' });
		} finally {
			await g42.stop();
		}
	});

	it('ModelArts.4601 / 4603 / 4104 for URLs Huawei cannot use', async () => {
		const files = await startFileServer({ 'big.jpg': Buffer.alloc(11 * 1024 * 1024, 0xff) });
		try {
			const url = (imageUrl: string) => ({
				parameters: { imageSource: 'url', imageUrl },
				items: [{ json: {} }],
			});
			expect((await errorOf(url('http://passport-images.invalid/p.jpg'))).json).toMatchObject({
				code: 'ModelArts.4601',
			});
			expect((await errorOf(url(files.url('missing.jpg')))).json).toMatchObject({
				code: 'ModelArts.4603',
			});
			expect((await errorOf(url(files.url('big.jpg')))).json).toMatchObject({
				code: 'ModelArts.4104',
			});
		} finally {
			await files.stop();
		}
	});

	it('APIGW.0101: wrong endpoint path or a project of another region', async () => {
		const path = await errorOf({
			credentialData: iamCredentials(sim, { ocrEndpoint: `${sim.url}/wrong` }),
		});
		expect(path.json).toMatchObject({ code: 'APIGW.0101', httpStatus: 404 });
		expect(path.json.description).toMatch(/Wrong region or project/);
		const otherProject = sim.config.projects.find(
			(project) => project.region === 'ap-southeast-2',
		)!.id;
		const project = await errorOf({
			credentialType: 'huaweiCloudAkSkApi',
			credentialData: akskCredentials(sim, { projectId: otherProject }),
		});
		expect(project.json).toMatchObject({ code: 'APIGW.0101' });
	});

	it('an OCR endpoint that redirects: not followed, the item says which address to use', async () => {
		// A 307 would make a client that follows redirects resend the POST, body and token, elsewhere.
		const redirector = createServer((req, res) => {
			res.writeHead(307, { location: `${sim.url}${req.url ?? '/'}` }).end();
		});
		await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', () => resolve()));
		const endpoint = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}`;
		try {
			sim.resetCounters();
			const item = await errorOf({
				credentialData: iamCredentials(sim, { ocrEndpoint: endpoint }),
			});
			expect(item.json).toMatchObject({ httpStatus: 307 });
			expect(item.json.error).toContain(`${endpoint} answered with a redirect`);
			expect(item.json.description).toMatch(/OCR Endpoint.*does not follow redirects/);
			expect(sim.counters().ocr.total).toBe(0);
		} finally {
			await new Promise<void>((resolve) => {
				redirector.close(() => resolve());
				redirector.closeAllConnections();
			});
		}
	});

	it('APIGW.0301: a wrong secret key (one refresh-and-resend, then the error)', async () => {
		const item = await errorOf({
			credentialType: 'huaweiCloudAkSkApi',
			credentialData: akskCredentials(sim, { secretKey: 'x'.repeat(40) }),
		});
		expect(item.json).toMatchObject({ code: 'APIGW.0301', httpStatus: 401 });
		// The first call, then n8n's refresh path: the same stale call and its resend.
		expect(sim.counters().ocr.total).toBe(3);
		expect(JSON.stringify(item.json)).not.toContain('x'.repeat(40));
	});

	it('APIGW.0301 for an unknown access key: Huawei quotes the key, the node shows 4 characters of it', async () => {
		const accessKey = 'ZQ7XUNKNOWNKEY42ABCD';
		const item = await errorOf({
			credentialType: 'huaweiCloudAkSkApi',
			credentialData: akskCredentials(sim, { accessKey }),
		});
		expect(item.json).toMatchObject({ code: 'APIGW.0301', httpStatus: 401 });
		expect(item.json.description).toContain('ak ZQ7X… not exist');
		const error = item.item.error as NodeApiError;
		const everything = JSON.stringify([item.item.json, error.context, error.errorResponse]);
		expect(everything + String(error.description) + error.message).not.toContain('UNKNOWNKEY');
	});

	it('APIGW.0307: a token of another region is refreshed once per run, then reported for every item', async () => {
		const item = await errorOf({
			credentialData: iamCredentials(sim, { projectName: 'ap-southeast-2' }),
		});
		expect(item.json).toMatchObject({ code: 'APIGW.0307', httpStatus: 401 });
		expect(sim.counters().iam.tokens).toBe(2);
		expect(sim.counters().ocr.total).toBe(3);

		sim.resetCounters();
		const batch = await runOcr(sim, {
			items: [passport(), passport(), passport(), passport()],
			credentialData: iamCredentials(sim, { projectName: 'ap-southeast-2' }),
			continueOnFail: true,
			parameters: { options: { concurrency: 1 } },
		});
		expect(batch.outputs[0].map((output) => flatten(output).code)).toEqual([
			'APIGW.0307',
			'APIGW.0307',
			'APIGW.0307',
			'APIGW.0307',
		]);
		expect(sim.counters().iam.tokens).toBe(2);
	});

	it('ModelArts.4203: a user without OCR permission', async () => {
		const denied = await withSimulator('international', {
			users: [{ ...DEFAULT_USER, ocrDenied: true }],
		});
		try {
			const item = await errorOf({}, denied);
			expect(item.json).toMatchObject({ code: 'ModelArts.4203', httpStatus: 403 });
			expect(item.json.description).toMatch(/OCR permission/);
		} finally {
			await denied.stop();
		}
	});

	it('IAM refuses the password: every item fails with the IAM message, after a single token attempt', async () => {
		const result = await runOcr(sim, {
			items: [passport(), passport(), passport()],
			credentialData: iamCredentials(sim, { password: 'wrong-password' }),
			continueOnFail: true,
			parameters: { options: { concurrency: 3 } },
		});
		const jsons = result.outputs[0].map(flatten);
		expect(jsons).toHaveLength(3);
		for (const json of jsons) {
			expect(json.error).toMatch(/IAM/);
			expect(JSON.stringify(json)).not.toContain('wrong-password');
		}
		expect(sim.counters().iam.failed).toBe(1);
		expect(sim.counters().ocr.total).toBe(0);
	});

	it('an unreachable OCR endpoint: a network error in words, not retried', async () => {
		const closed = await withSimulator('international');
		const deadUrl = closed.url;
		await closed.stop();
		const item = await errorOf({
			credentialType: 'huaweiCloudAkSkApi',
			credentialData: akskCredentials(sim, { ocrEndpoint: deadUrl }),
		});
		expect(item.json.error).toBe(
			`Item 0: Could not reach Huawei Cloud at ${deadUrl} (connection refused): ` +
				"Check the credential's Region (or its OCR Endpoint, for a custom region) and that n8n can reach that host; raise Timeout if large images time out.",
		);
	});

	it('dropped connections: the message says how often the node retried', async () => {
		sim.setKnobs({ faults: { rateDrop: 1 } });
		const item = await errorOf({ parameters: { options: { maxRetries: 2 } } });
		expect(sim.counters().ocr.total).toBe(3);
		expect(item.json.error).toMatch(
			/^Item 0: Could not reach Huawei Cloud at http:\/\/127\.0\.0\.1:\d+ \([a-z ]+, retried 2 times\): Check the credential's Region/,
		);
	});

	const faults: Array<[string, string, number, number]> = [
		['AIS.0105', 'AIS.0105', 500, 1],
		['ModelArts.4402', 'ModelArts.4402', 504, 3],
		['ModelArts.4403', 'ModelArts.4403', 503, 3],
		['APIGW.0201/502', 'APIGW.0201', 502, 3],
		['APIGW.0201/504', 'APIGW.0201', 504, 3],
	];
	it.each(faults)(
		'%s: retried when temporary (%s, HTTP %i), reported after the retries',
		async (fault, code, status, calls) => {
			sim.setKnobs({ faults: { rate5xx: 1, errors: [fault as never] } });
			const item = await errorOf({ parameters: { options: { maxRetries: 2 } } });
			expect(item.json).toMatchObject({ code, httpStatus: status });
			expect(sim.counters().ocr.total).toBe(calls);
		},
	);

	it('APIGW.0308 and ModelArts.4401 are reported when Max Throttling Wait runs out, whatever Max Retries says', async () => {
		sim.setKnobs({ qps: 1 });
		const throttled = await runOcr(sim, {
			items: Array.from({ length: 5 }, () => passport()),
			continueOnFail: true,
			parameters: { options: { maxRetries: 5, maxThrottleWait: 1, concurrency: 5 } },
		});
		const errors = throttled.outputs[0].map(flatten).filter((json) => json.error !== undefined);
		expect(errors.length).toBeGreaterThan(0);
		for (const json of errors)
			expect(json.error).toMatch(
				/^Item \d: Huawei's rate limit kept the image waiting longer than Max Throttling Wait \(1 s\)( \(APIGW\.0308, HTTP 429\))?: The account's request quota is shared by every execution using this credential: raise Max Throttling Wait, send fewer images at once, set Max Requests Per Second to the quota, or ask Huawei for a higher quota\./,
			);

		sim.setKnobs({ qps: 0, maxConcurrency: 1, latencyMs: 1500 });
		const busy = await runOcr(sim, {
			items: [passport(), passport(), passport()],
			continueOnFail: true,
			parameters: { options: { maxRetries: 5, maxThrottleWait: 1, concurrency: 3 } },
		});
		expect(busy.outputs[0].map((item) => flatten(item).code)).toContain('ModelArts.4401');
	});
});
