/**
 * Helpers for the simulator's own tests: tiny but valid images of the four formats with a ground truth
 * embedded (the fixtures generator makes the real ones), and small HTTP helpers.
 */
import http from 'node:http';
import { crc32, deflateSync } from 'node:zlib';

import { encode as encodeJpeg } from 'jpeg-js';

import { signRequest, type SigningKeys } from '../../credentials/common/signing';
import { encodeTruth, type PassportTruth } from '../fixtures/truth';
import type { Simulator } from './index';

// ------------------------------------------------------------------------------------------------
// Ground truths: the ICAO 9303 specimen (MRZ only) and a Chinese passport (all 13 fields).

export const ICAO_TRUTH: PassportTruth = {
	kind: 'mrz',
	label: 'icao-specimen',
	fields: {
		passport_type: 'P',
		country_code: 'UTO',
		passport_number: 'L898902C3',
		nationality: 'UTO',
		surname: 'ERIKSSON',
		given_name: 'ANNA MARIA',
		sex: 'F',
		date_of_birth: '1974-08-12',
		date_of_expiry: '2012-04-15',
	},
	mrz: ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'],
	text: ['PASSPORT', 'Utopia'],
};

export const CHN_TRUTH: PassportTruth = {
	kind: 'chn',
	label: 'chn-sample',
	fields: {
		passport_type: 'P',
		country_code: 'CHN',
		passport_number: 'E12345678',
		nationality: 'CHN',
		surname: 'ZHANG',
		given_name: 'SAN',
		sex: 'M',
		date_of_birth: '1990-01-01',
		date_of_expiry: '2030-01-01',
		date_of_issue: '2020-01-02',
		place_of_birth: 'BEIJING',
		place_of_issue: 'BEIJING',
		issuing_authority: 'P.R.China',
	},
	mrz: ['PONCHNZHANG<<SAN<<<<<<<<<<<<<<<<<<<<<<<<<<<<', 'E123456786CHN9001011M3001014<<<<<<<<<<<<<<00'],
	confidence: { surname: 0.42 },
	omitConfidence: ['place_of_birth'],
	extra_info: { surname: '张', given_name: '三' },
	text: ['中华人民共和国', 'PEOPLE\'S REPUBLIC OF CHINA'],
};

// ------------------------------------------------------------------------------------------------
// Images

export type TestFormat = 'png' | 'jpeg' | 'bmp' | 'tiff';

export interface ImageSpec {
	width?: number;
	height?: number;
	truth?: PassportTruth;
	/** PNG only: a private ancillary chunk of this many bytes, to make big files cheaply. */
	padBytes?: number;
}

function pngChunk(type: string, data: Buffer): Buffer {
	const head = Buffer.alloc(8);
	head.writeUInt32BE(data.length, 0);
	head.write(type, 4, 'latin1');
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
	return Buffer.concat([head, data, crc]);
}

function png({ width = 64, height = 48, truth, padBytes }: ImageSpec): Buffer {
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
	const rows = Buffer.alloc((width + 1) * height, 0x80);
	for (let y = 0; y < height; y++) rows[y * (width + 1)] = 0; // filter type None
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		pngChunk('IHDR', ihdr),
		...(truth ? [pngChunk('tEXt', Buffer.concat([Buffer.from('hwsim\0', 'latin1'), encodeTruth(truth)]))] : []),
		...(padBytes ? [pngChunk('zzPd', Buffer.alloc(padBytes))] : []),
		pngChunk('IDAT', deflateSync(rows)),
		pngChunk('IEND', Buffer.alloc(0)),
	]);
}

function jpeg({ width = 64, height = 48, truth }: ImageSpec): Buffer {
	const encoded = encodeJpeg({ data: Buffer.alloc(width * height * 4, 0x80), width, height }, 50).data;
	if (!truth) return encoded;
	const comment = encodeTruth(truth);
	const segment = Buffer.alloc(4);
	segment.set([0xff, 0xfe], 0);
	segment.writeUInt16BE(comment.length + 2, 2);
	return Buffer.concat([encoded.subarray(0, 2), segment, comment, encoded.subarray(2)]);
}

function bmp({ width = 64, height = 48, truth }: ImageSpec): Buffer {
	const rowBytes = Math.ceil((width * 3) / 4) * 4;
	const header = Buffer.alloc(54);
	header.write('BM', 0, 'latin1');
	header.writeUInt32LE(54 + rowBytes * height, 2);
	header.writeUInt32LE(54, 10);
	header.writeUInt32LE(40, 14);
	header.writeInt32LE(width, 18);
	header.writeInt32LE(height, 22);
	header.writeUInt16LE(1, 26);
	header.writeUInt16LE(24, 28);
	header.writeUInt32LE(rowBytes * height, 34);
	return Buffer.concat([header, Buffer.alloc(rowBytes * height, 0x80), truth ? encodeTruth(truth) : Buffer.alloc(0)]);
}

function tiff({ width = 64, height = 48, truth }: ImageSpec): Buffer {
	const description = Buffer.concat([truth ? encodeTruth(truth) : Buffer.from('test'), Buffer.from([0])]);
	const entries: [tag: number, type: number, count: number, value: number][] = [];
	const ifdOffset = 8;
	const entryCount = 10;
	const descriptionOffset = ifdOffset + 2 + entryCount * 12 + 4;
	const pixelOffset = descriptionOffset + description.length;
	entries.push(
		[256, 4, 1, width],
		[257, 4, 1, height],
		[258, 3, 1, 8],
		[259, 3, 1, 1],
		[262, 3, 1, 1],
		[270, 2, description.length, descriptionOffset],
		[273, 4, 1, pixelOffset],
		[277, 3, 1, 1],
		[278, 4, 1, height],
		[279, 4, 1, width * height],
	);
	const ifd = Buffer.alloc(2 + entryCount * 12 + 4);
	ifd.writeUInt16LE(entryCount, 0);
	entries.forEach(([tag, type, count, value], i) => {
		const at = 2 + i * 12;
		ifd.writeUInt16LE(tag, at);
		ifd.writeUInt16LE(type, at + 2);
		ifd.writeUInt32LE(count, at + 4);
		if (type === 3) ifd.writeUInt16LE(value, at + 8);
		else ifd.writeUInt32LE(value, at + 8);
	});
	const head = Buffer.from([0x49, 0x49, 42, 0, ifdOffset, 0, 0, 0]);
	return Buffer.concat([head, ifd, description, Buffer.alloc(width * height, 0x80)]);
}

const BUILDERS: Record<TestFormat, (spec: ImageSpec) => Buffer> = { png, jpeg, bmp, tiff };

export const makeImage = (format: TestFormat, spec: ImageSpec = {}): Buffer => BUILDERS[format](spec);

// ------------------------------------------------------------------------------------------------
// HTTP

export interface Reply {
	status: number;
	headers: Headers;
	text: string;
	json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export async function request(url: string, init: RequestInit = {}): Promise<Reply> {
	const response = await fetch(url, init);
	const text = await response.text();
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, headers: response.headers, text, json };
}

export const postJson = (url: string, body: unknown, headers: Record<string, string> = {}) =>
	request(url, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});

export interface TokenOptions {
	account?: string;
	user?: string;
	password?: string;
	scope?: unknown;
	methods?: string[];
	passcode?: string;
}

export function tokenBody(sim: Simulator, options: TokenOptions = {}) {
	const identity: Record<string, unknown> = {
		methods: options.methods ?? ['password'],
		password: {
			user: {
				name: options.user ?? sim.config.user,
				password: options.password ?? sim.config.password,
				domain: { name: options.account ?? sim.config.account },
			},
		},
	};
	if (options.passcode !== undefined) identity.totp = { user: { id: 'any', passcode: options.passcode } };
	return { auth: { identity, scope: options.scope ?? { project: { name: sim.config.region } } } };
}

export const requestToken = (sim: Simulator, options: TokenOptions = {}) =>
	postJson(`${sim.url}/v3/auth/tokens?nocatalog=true`, tokenBody(sim, options));

export async function getToken(sim: Simulator, options: TokenOptions = {}): Promise<string> {
	const reply = await requestToken(sim, options);
	const token = reply.headers.get('x-subject-token');
	if (reply.status !== 201 || !token) throw new Error(`no token: ${reply.status} ${reply.text}`);
	return token;
}

export const ocrUrl = (sim: Simulator, api = 'passport', projectId = sim.config.projectId) =>
	`${sim.url}/v2/${projectId}/ocr/${api}`;

export const imageBody = (image: Buffer, extra: Record<string, unknown> = {}) => ({ image: image.toString('base64'), ...extra });

/** An OCR call with an IAM token. */
export const callOcr = (sim: Simulator, token: string, body: unknown, api = 'passport', projectId?: string) =>
	postJson(ocrUrl(sim, api, projectId), body, { 'X-Auth-Token': token });

/** An OCR call signed with AK/SK, as the SDKs do (X-Project-Id added). */
export function callOcrSigned(
	sim: Simulator,
	body: unknown,
	keys: SigningKeys = { accessKey: sim.config.accessKey, secretKey: sim.config.secretKey },
	options: { now?: Date; api?: string; extraHeaders?: Record<string, string> } = {},
) {
	const url = ocrUrl(sim, options.api);
	const text = JSON.stringify(body);
	const headers = { 'Content-Type': 'application/json', 'X-Project-Id': sim.config.projectId, ...options.extraHeaders };
	const signed = signRequest({ method: 'POST', url, headers, body: text }, keys, options.now);
	return request(url, { method: 'POST', headers: { ...headers, ...signed }, body: text });
}

/** node:http, for what fetch cannot do (a Host header of our choice). */
export function rawRequest(
	url: string,
	options: { method: string; headers: Record<string, string>; body?: string },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; json: any }> {// eslint-disable-line @typescript-eslint/no-explicit-any
	return new Promise((resolve, reject) => {
		const req = http.request(url, { method: options.method, headers: options.headers, agent: false }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				resolve({ status: res.statusCode ?? 0, headers: res.headers, json: text ? JSON.parse(text) : undefined });
			});
		});
		req.on('error', reject);
		req.end(options.body);
	});
}
