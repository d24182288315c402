/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { DOCUMENTS } from '../fixtures';
import { allowedUrl } from './download';
import { startSimulator, type Simulator } from './index';
import { badFile, callOcr, getToken, pageOfSize, passportFile } from './testkit';

/** A tiny file server for the simulator to download from. */
async function startFileServer(): Promise<{ url: string; close: () => Promise<void> }> {
	const files: Record<string, Buffer> = {
		'/icao.jpg': passportFile('icao-specimen'),
		'/gif.gif': badFile('gif'),
		'/tiny.png': pageOfSize(10, 10),
		'/eleven-mib.bmp': Buffer.concat([
			pageOfSize(100, 100, { format: 'bmp' }),
			Buffer.alloc(11 * 1024 * 1024),
		]),
	};
	const server = http.createServer((req, res) => {
		if (req.url === '/hang') return; // never answers: the download must time out
		if (req.url === '/redirect') {
			res.writeHead(302, { Location: '/icao.jpg' }).end();
			return;
		}
		const file = files[req.url ?? ''];
		if (!file) {
			res.writeHead(404).end('not found');
			return;
		}
		res.writeHead(200, { 'Content-Type': 'application/octet-stream' }).end(file);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

describe('simulator URL mode', () => {
	let sim: Simulator;
	let files: { url: string; close: () => Promise<void> };
	let token: string;
	beforeAll(async () => {
		files = await startFileServer();
		sim = await startSimulator({ knobs: { downloadTimeoutMs: 300 } });
		token = await getToken(sim);
	});
	afterAll(async () => {
		await sim.stop();
		await files.close();
	});
	const byUrl = (path: string, api?: string) =>
		callOcr(sim, token, { url: `${files.url}${path}` }, api);

	it('downloads a loopback URL and recognises it like an inline image', async () => {
		sim.resetCounters();
		const reply = await byUrl('/icao.jpg');
		expect(reply.status).toBe(200);
		expect(reply.json.result.passport_number).toBe(
			DOCUMENTS['icao-specimen'].fields.passport_number,
		);
		const text = await byUrl('/icao.jpg', 'general-text');
		expect(text.json.result.words_block_list.at(-1).words).toBe(DOCUMENTS['icao-specimen'].mrz[1]);
		expect(sim.counters().downloads).toEqual({
			total: 2,
			failed: 0,
			bytes: 2 * passportFile('icao-specimen').length,
		});
	});

	it.each([
		['/missing (404)', '/missing'],
		['a redirect (not followed)', '/redirect'],
		['a download that times out', '/hang'],
	])('answers %s with ModelArts.4603', async (_what, path) => {
		const reply = await byUrl(path);
		expect(reply.status).toBe(400);
		expect(reply.json).toEqual({ error_code: 'ModelArts.4603', error_msg: expect.any(String) });
	});

	it('answers a refused connection with ModelArts.4603 and counts failed downloads', async () => {
		sim.resetCounters();
		const reply = await callOcr(sim, token, { url: 'http://127.0.0.1:1/nothing-listens-here.jpg' });
		expect(reply.json.error_code).toBe('ModelArts.4603');
		expect(sim.counters().downloads).toMatchObject({ total: 1, failed: 1 });
	});

	it.each([
		['https://example.com/passport.jpg'],
		['http://10.0.0.1/passport.jpg'],
		['ftp://127.0.0.1/passport.jpg'],
		['not a url'],
	])('refuses %s with ModelArts.4601 without downloading', async (url) => {
		sim.resetCounters();
		const reply = await callOcr(sim, token, { url });
		expect(reply.status).toBe(400);
		expect(reply.json.error_code).toBe('ModelArts.4601');
		expect(sim.counters().downloads.total).toBe(0);
	});

	it('applies the image checks to downloaded files', async () => {
		expect((await byUrl('/gif.gif')).json.error_code).toBe('AIS.0102');
		expect((await byUrl('/tiny.png')).json.error_code).toBe('AIS.0103');
		// 11 MiB must arrive before the size cap can trip: the 300 ms deadline is for /hang only and
		// would turn this into a timeout (ModelArts.4603) on a loaded machine.
		sim.setKnobs({ downloadTimeoutMs: 30_000 });
		try {
			expect((await byUrl('/eleven-mib.bmp')).json.error_code).toBe('ModelArts.4104');
		} finally {
			sim.setKnobs({ downloadTimeoutMs: 300 });
		}
	});

	it('allows only loopback hosts over http(s)', () => {
		expect(allowedUrl('http://127.0.0.1:8080/a.jpg')).toBeDefined();
		expect(allowedUrl('http://127.8.9.10/a.jpg')).toBeDefined();
		expect(allowedUrl('https://localhost/a.jpg')).toBeDefined();
		expect(allowedUrl('http://[::1]:9/a.jpg')).toBeDefined();
		expect(allowedUrl('http://127.0.0.1.example.com/a.jpg')).toBeUndefined();
		expect(allowedUrl('http://obs.example.com/a.jpg')).toBeUndefined();
		expect(allowedUrl('file:///etc/passwd')).toBeUndefined();
	});
});
