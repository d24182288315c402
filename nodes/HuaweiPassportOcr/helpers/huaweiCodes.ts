/**
 * Huawei Cloud's error codes as data: what each means and what the user should do about it. Pure (no
 * HTTP, no n8n); which codes are worth a retry is the transport's business (transport/failure.ts).
 */
import type { FailureContext } from './failureContext';

export interface CodeEntry {
	/** One line: what happened. */
	message: string;
	/** What to do about it. */
	action: (context: FailureContext) => string;
}

const region = (context: FailureContext) =>
	context.region ? `region ${context.region}` : "the credential's region";

const TOKEN_ACTION = () =>
	"The node asked for a new token once and the call still failed: check that the credential's region matches the project, and that the IAM user can still log in.";
export const PERMISSION_ACTION = (context: FailureContext) =>
	`Give the IAM user the OCR permission (e.g. the "OCR FullAccess" policy) for the project in ${region(
		context,
	)}, or use an account that has it.`;
/** Backend timeouts and outages (retried before this message is shown). */
const TEMPORARY_ACTION = () =>
	'A temporary problem at Huawei: the node retried; try again later or raise Max Retries.';

const URL_ACTION = () =>
	'Huawei could not fetch the image URL: use a public http(s) URL or an OBS object Huawei can read, or send the image itself (Image Source: Binary File or Base64 Text).';

/**
 * Every error code of the passport API, its gateway and ModelArts (docs/huawei-api.md lists them with
 * their sources). Keys are normalised codes (APIGW., not APIG.).
 */
export const HUAWEI_CODES: Record<string, CodeEntry> = {
	'AIS.0101': {
		message: 'Huawei rejected a request parameter',
		action: () =>
			'Send exactly one of image or URL, and a recognition mode the region supports (the G42 edition takes no mode).',
	},
	'AIS.0102': {
		message: 'Huawei says the image format is not supported',
		// Local checks stop bad binary/base64 input, so this mostly comes from a URL Huawei downloaded.
		action: (context) =>
			context.imageSource === 'url'
				? 'The image URL must point directly at a JPEG, PNG, BMP or TIFF file, not a web page or PDF.'
				: 'Send a JPEG, PNG, BMP or TIFF file as plain base64 (no "data:" prefix).',
	},
	'AIS.0103': {
		message: 'The image size is out of range',
		action: (context) =>
			`${
				context.imageSource === 'url' ? 'In the image the URL points at, each' : 'Each'
			} side must be 15–${
				context.edition === 'g42' ? '4096' : '8192'
			} pixels and the base64 at most 10 MB: resize or re-scan the page.`,
	},
	'AIS.0104': {
		message: 'Huawei found no readable passport in the image',
		action: () =>
			'It is not a passport data page or it is too blurry, dark or cropped: send a sharp, flat, well-lit photo of the whole data page.',
	},
	'AIS.0105': {
		message: 'Huawei could not recognise the passport',
		action: () =>
			'Try a sharper image of the whole data page; if it keeps failing, try the other recognition mode.',
	},
	'ModelArts.4204': {
		message: 'The passport OCR API is not enabled in this region',
		action: (context) =>
			`Open the OCR console of ${region(
				context,
			)}, find "Passport" and click Enable (subscribe); it must be the same region as the credential.`,
	},
	'ModelArts.4203': {
		message: 'The account has no permission for this OCR API',
		action: PERMISSION_ACTION,
	},
	'ModelArts.0212': {
		message: 'The token is not scoped to a project',
		action: () =>
			'The credential must request a project-scoped token: set the region (or project) in the credential.',
	},
	'ModelArts.4101': {
		message: 'The request carried no token',
		action: TOKEN_ACTION,
	},
	'ModelArts.4102': {
		message: 'Huawei could not parse the token',
		action: TOKEN_ACTION,
	},
	'ModelArts.4103': {
		message: 'The token is invalid or expired',
		action: TOKEN_ACTION,
	},
	'ModelArts.0203': { message: 'The token is invalid', action: TOKEN_ACTION },
	'ModelArts.4104': {
		message: 'The request is too large',
		action: () =>
			'Keep the image under 10 MB of base64 (about 7.5 MB of file): compress or resize it.',
	},
	'ModelArts.4105': {
		message: 'Huawei could not parse the request body',
		action: () =>
			'This is a bug in the node or a proxy in between: please report it with the request id.',
	},
	'ModelArts.4401': {
		message: 'Too many concurrent requests',
		action: () =>
			'The node retried with back-off and lowered its concurrency; lower Concurrency or raise Max Throttling Wait.',
	},
	'ModelArts.4402': {
		message: 'The OCR backend timed out',
		action: TEMPORARY_ACTION,
	},
	'ModelArts.4403': {
		message: 'The OCR backend is unavailable',
		action: TEMPORARY_ACTION,
	},
	'ModelArts.4601': { message: 'The image URL is not allowed', action: URL_ACTION },
	'ModelArts.4603': { message: 'Huawei could not download the image URL', action: URL_ACTION },
	'ModelArts.4702': { message: 'The OBS image could not be read', action: URL_ACTION },
	'ModelArts.4703': { message: 'The OBS image could not be read', action: URL_ACTION },
	'ModelArts.4704': { message: 'The OBS image could not be read', action: URL_ACTION },
	'ModelArts.4705': { message: 'The OBS image could not be read', action: URL_ACTION },
	'ModelArts.4706': { message: 'The OBS image could not be read', action: URL_ACTION },
	'APIGW.0101': {
		message: 'The API was not found',
		action: (context) =>
			`Wrong region or project: check that the credential's region (${
				context.region ?? 'unset'
			}), OCR endpoint${
				context.endpoint ? ` (${context.endpoint})` : ''
			} and project id belong together and that this region offers passport OCR.`,
	},
	'APIGW.0201': {
		message: 'The API gateway rejected or could not forward the request',
		action: () =>
			'If the image is over 12 MB, make it smaller; otherwise the backend was busy: the node retried, try again later.',
	},
	'APIGW.0301': {
		message: 'Huawei could not authenticate the request',
		action: () =>
			'For an access key: check the AK/SK pair and that the machine clock is right (±15 min). For an IAM user: the token was refreshed once and still refused — check the credential.',
	},
	'APIGW.0307': {
		message: 'The token must be renewed (expired, or from another region)',
		action: () =>
			"The token was refreshed once and still refused: make sure the credential's IAM endpoint and OCR endpoint are the same region.",
	},
	'APIGW.0308': {
		message: 'Huawei throttled the requests',
		action: () =>
			"The node retried and slowed the pace it shares with every execution using this credential; set Max Requests Per Second to your account's quota or raise Max Throttling Wait.",
	},
	'APIGW.0302': { message: 'The user is not authorised for this API', action: PERMISSION_ACTION },
	'APIGW.0306': { message: 'Access to this API is denied', action: PERMISSION_ACTION },
	'APIGW.0310': {
		message: 'The project is unavailable',
		action: (context) =>
			`Check that the project in ${region(
				context,
			)} exists, is not frozen and the account is in good standing.`,
	},
};

/** IAM answers by HTTP status (its body carries no Huawei code). */
export const IAM_BY_STATUS: Record<number, CodeEntry> = {
	400: {
		message: 'IAM rejected the token request',
		action: () =>
			'Check the account (domain) name, the user name and the project or region in the credential.',
	},
	401: {
		message: 'IAM refused the login',
		action: () =>
			'Check the IAM user name, its password and the account (domain) name. Users with login MFA cannot be used unattended; HUAWEI ID accounts need an IAM user.',
	},
	403: {
		message: 'IAM forbids this user to get a token',
		action: () => 'Check that the IAM user is enabled and allowed programmatic access.',
	},
	404: {
		message: 'IAM did not find the account or project',
		action: () => 'Check the account name and the project / region in the credential.',
	},
	500: {
		message: 'IAM failed',
		action: () => 'A temporary problem at Huawei IAM: try again later.',
	},
	503: {
		message: 'IAM is unavailable',
		action: () => 'A temporary problem at Huawei IAM: try again later.',
	},
};
