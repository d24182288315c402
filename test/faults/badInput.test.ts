/**
 * Bad input, table-driven: each problem gives every affected item a clear message that names the
 * item, the field and the fix; what can be known locally never reaches Huawei (the simulator's
 * counters prove it). Each case feeds the bad input as items 0 and 1, so the item index in the
 * message is the real one.
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { makeBadFile } from '../fixtures';
import type { FeedItem } from '../harness';
import {
	akskCredentials,
	badImage,
	binaryItem,
	iamCredentials,
	image,
	runOcr,
	startFileServer,
	useSimulator,
} from '../nodes/HuaweiPassportOcr/node/kit';
import type { RunOptions, Simulator } from '../nodes/HuaweiPassportOcr/node/kit';

const BINARY = 'field "Input Binary Field"';
const BASE64 = 'field "Base64 Image"';
const URL_FIELD = 'field "Image URL"';
const GOOD = image('icao-specimen.png');

interface BadInputCase {
	name: string;
	/** One input item; fed twice. */
	item?: FeedItem;
	parameters?: INodeParameters;
	/** Every pattern must match the message (what is wrong, and the fix). */
	says: RegExp[];
	/** The field the message names (local checks name it as `field "…"`). */
	field?: string;
	/** OCR calls per item: 0 when the problem is known locally. */
	ocrCallsPerItem: number;
}

const binaryCase = (
	name: string,
	data: Buffer,
	says: RegExp[],
	parameters: INodeParameters = {},
): BadInputCase => ({
	name,
	item: binaryItem(data),
	parameters,
	says,
	field: BINARY,
	ocrCallsPerItem: 0,
});

const base64Case = (name: string, text: string, says: RegExp[]): BadInputCase => ({
	name,
	item: { json: { b64: text } },
	parameters: { imageSource: 'base64', imageBase64: '={{ $json.b64 }}' },
	says,
	field: BASE64,
	ocrCallsPerItem: 0,
});

const urlCase = (name: string, url: string, says: RegExp[], ocrCallsPerItem = 0): BadInputCase => ({
	name,
	item: { json: { link: url } },
	parameters: { imageSource: 'url', imageUrl: '={{ $json.link }}' },
	says,
	field: ocrCallsPerItem === 0 ? URL_FIELD : undefined,
	ocrCallsPerItem,
});

const NOT_ACCEPTED = /JPEG, PNG, BMP (and|or) TIFF/;

/** The file server's 404 URL is filled in once it runs. */
const MISSING_FILE = '{{missing}}';

const CASES: BadInputCase[] = [
	binaryCase('a PDF', badImage('pdf'), [/PDF/, /convert the passport page to JPEG/, NOT_ACCEPTED]),
	binaryCase('a GIF', badImage('gif'), [/GIF/, /convert it to JPEG or PNG/]),
	binaryCase('a WebP', badImage('webp'), [/WebP/i, /convert it to JPEG or PNG/]),
	binaryCase('a HEIC (iPhone photo)', badImage('heic'), [
		/HEIC/,
		/convert it to JPEG/,
		/Most Compatible/,
	]),
	binaryCase('an empty file', badImage('empty'), [/no content/, /check the step that produced it/]),
	binaryCase('a text file', badImage('text'), [/text/i, NOT_ACCEPTED]),
	binaryCase('a truncated JPEG', badImage('truncated-jpeg'), [
		/ends early/,
		/get the complete file again/,
	]),
	binaryCase('a 10×10 image', badImage('tiny'), [/10×10 px/, /at least 15 px/, /full-resolution/]),
	binaryCase('a 9000 px wide image', badImage('too-wide'), [
		/9000×630 px/,
		/at most 8192 px/,
		/resize it/,
	]),
	binaryCase(
		'4500 px wide on the G42 edition',
		badImage('wide-4500'),
		[/4500×630 px/, /G42 Cloud edition accepts at most 4096 px/, /resize/],
		{
			options: { edition: 'g42' },
		},
	),
	binaryCase('an image over 10 MB as base64', badImage('huge'), [
		/MB as base64/,
		/at most 10 MB/,
		/compress it|resize it/,
	]),
	{
		name: 'a wrong binary property name',
		item: binaryItem(GOOD),
		parameters: { binaryPropertyName: 'attachment' },
		says: [/no binary property "attachment"/, /it has "data"/, /enter one of those/],
		field: BINARY,
		ocrCallsPerItem: 0,
	},
	{
		name: 'an item with no binary data',
		item: { json: { name: 'no file here' } },
		says: [/no binary data/, /add a node that loads the file/],
		field: BINARY,
		ocrCallsPerItem: 0,
	},
	{
		name: 'base64 pasted into the binary property field',
		item: binaryItem(GOOD),
		parameters: { binaryPropertyName: GOOD.toString('base64').slice(0, 200) },
		says: [/NAME of the binary property/, /Base64 Text/],
		field: BINARY,
		ocrCallsPerItem: 0,
	},
	base64Case('empty base64 text', '', [/base64 text is empty/]),
	base64Case('base64 with junk characters', 'iVBORw0KGgo$$$%%%', [
		/not valid base64/,
		/A–Z, a–z, 0–9/,
	]),
	base64Case('base64 of a PDF', makeBadFile('pdf').toString('base64'), [/PDF/, /convert/]),
	base64Case('a URL in the base64 field', 'https://example.com/passport.jpg', [
		/URL, not base64/,
		/Image URL/,
	]),
	base64Case('a data: URL that is not base64', 'data:image/jpeg,abc', [
		/not base64-encoded/,
		/;base64,/,
	]),
	urlCase('an ftp:// URL', 'ftp://files.example.com/passport.jpg', [
		/http\(s\) URLs only/,
		/got ftp:/,
		/OBS/,
	]),
	urlCase('a file path instead of a URL', '/home/me/passport.jpg', [
		/not a valid URL/,
		/full http\(s\) address/,
	]),
	urlCase('an empty URL', '', [/URL is empty/]),
	urlCase(
		'a data: URL in the URL field',
		`data:image/png;base64,${GOOD.toString('base64').slice(0, 40)}`,
		[/data: URL/, /Base64 Text/],
	),
	{
		name: 'a confidence threshold of 80 (a percentage in a 0–1 field)',
		item: binaryItem(GOOD),
		parameters: { confidenceThreshold: 80 },
		says: [/threshold is 80/, /from 0 to 1/, /enter 0\.8/],
		field: 'field "Threshold"',
		ocrCallsPerItem: 0,
	},
	{
		name: 'a negative confidence threshold',
		item: binaryItem(GOOD),
		parameters: { confidenceThreshold: -0.5 },
		says: [/threshold is -0\.5/, /from 0 to 1/],
		field: 'field "Threshold"',
		ocrCallsPerItem: 0,
	},
	// Only Huawei can tell that a URL does not answer: one call, and its answer explained.
	urlCase(
		'a URL that answers 404',
		MISSING_FILE,
		[
			/could not download the image URL/,
			/ModelArts\.4603/,
			/public http\(s\) URL/,
			/send the image itself/,
		],
		1,
	),
	urlCase(
		'a URL Huawei may not fetch',
		'https://example.com/passport.jpg',
		[/URL is not allowed/, /ModelArts\.4601/, /public http\(s\) URL/],
		1,
	),
];

function itemErrors(outputs: INodeExecutionData[][]) {
	return (outputs[0] ?? []).map((item) => ({
		paired: item.pairedItem,
		message: String(item.json.error ?? ''),
		description: String((item.error as { description?: unknown } | undefined)?.description ?? ''),
	}));
}

describe('bad input: a clear per-item message, and no API call when it is known locally', () => {
	const sim = useSimulator('international');
	let files: Awaited<ReturnType<typeof startFileServer>>;
	beforeAll(async () => {
		files = await startFileServer({});
	});
	afterAll(async () => await files.stop());
	beforeEach(() => sim.resetCounters());

	it('has at least 20 kinds of bad input', () => {
		expect(CASES.length).toBeGreaterThanOrEqual(20);
	});

	it.each(CASES)('$name', async (badCase) => {
		const given = badCase.item ?? binaryItem(GOOD);
		const item: FeedItem = { ...given, json: { ...given.json } };
		if (item.json.link === MISSING_FILE) item.json.link = files.url('missing.jpg');
		const result = await runOcr(sim, {
			items: [item, item],
			parameters: badCase.parameters,
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		const errors = itemErrors(result.outputs);
		expect(errors.map((error) => error.paired)).toEqual([{ item: 0 }, { item: 1 }]);
		errors.forEach((error, index) => {
			// API errors keep the fix in the error's description (n8n replaces an error item's JSON by its message).
			const text = `${error.message} ${error.description}`;
			for (const pattern of badCase.says) expect(text).toMatch(pattern);
			// Local checks name the field too; Huawei's verdicts name the item.
			expect(error.message).toMatch(
				new RegExp(`^Item ${index}${badCase.field ? `, ${badCase.field}` : ''}: `),
			);
		});
		const counters = sim.counters();
		expect(counters.ocr.total).toBe(2 * badCase.ocrCallsPerItem);
		// Nothing known locally costs even a token exchange.
		if (badCase.ocrCallsPerItem === 0) expect(counters.requests).toBe(0);
	});
});

/** Problems of the node's settings or credential: the whole run is affected, before any call. */
interface SettingsCase {
	name: string;
	options: (sim: Simulator) => RunOptions;
	says: RegExp[];
}

const SETTINGS_CASES: SettingsCase[] = [
	{
		name: 'a plain-http endpoint on a public host',
		options: (sim) => ({
			credentialData: iamCredentials(sim, {
				ocrEndpoint: 'http://ocr.ap-southeast-1.myhuaweicloud.com',
			}),
		}),
		says: [/OCR endpoint must use https:\/\//, /localhost, 127\.0\.0\.1 or ::1/],
	},
	{
		name: 'an endpoint that is not a URL',
		options: (sim) => ({
			credentialData: iamCredentials(sim, { iamEndpoint: 'iam.ap-southeast-1' }),
		}),
		says: [/IAM endpoint.* is not a valid URL/, /like https:\/\//],
	},
	{
		name: 'an unknown region',
		options: (sim) => ({ credentialData: { ...iamCredentials(sim), region: 'eu-west-9' } }),
		says: [/Unknown region "eu-west-9"/, /choose one from the list or "Custom"/],
	},
	{
		name: 'a custom region without endpoints',
		options: (sim) => ({
			credentialData: iamCredentials(sim, { ocrEndpoint: '', iamEndpoint: '' }),
		}),
		says: [/Custom region/, /enter both the OCR endpoint and the IAM endpoint/],
	},
	{
		name: 'the wrong credential type for the chosen authentication',
		// An AK/SK credential attached while Authentication says IAM user.
		options: (sim) => ({
			credentialType: 'huaweiCloudAkSkApi',
			credentialData: akskCredentials(sim),
			parameters: { authentication: 'huaweiCloudApi' },
		}),
		says: [/credentials/i, /huaweiCloudApi/],
	},
];

describe('bad settings: a clear message on every item (or the run stopped), before any call', () => {
	const sim = useSimulator('international');
	beforeEach(() => sim.resetCounters());

	it.each(SETTINGS_CASES)('$name', async (settingsCase) => {
		const items = [binaryItem(GOOD), binaryItem(GOOD)];
		const stopped = await runOcr(sim, { items, ...settingsCase.options(sim) });
		for (const pattern of settingsCase.says) expect(stopped.error?.message).toMatch(pattern);
		// With continue-on-fail every item says why (n8n alone would pass the inputs on as if they were results).
		const continued = await runOcr(sim, {
			items,
			...settingsCase.options(sim),
			continueOnFail: true,
		});
		const errors = itemErrors(continued.outputs);
		expect(errors.map((error) => error.paired)).toEqual([{ item: 0 }, { item: 1 }]);
		for (const error of errors)
			for (const pattern of settingsCase.says) expect(error.message).toMatch(pattern);
		expect(sim.counters().requests).toBe(0);
	});
});
