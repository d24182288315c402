/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';

export interface FileServer {
	url: string;
	stop(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
	'.jpg': 'image/jpeg',
	'.jpeg': 'image/jpeg',
	'.png': 'image/png',
	'.bmp': 'image/bmp',
	'.tif': 'image/tiff',
	'.tiff': 'image/tiff',
};

/** A tiny static server on loopback, so the simulator's URL mode has something to download. */
export function startFileServer(rootDir: string, port = 0): Promise<FileServer> {
	const server: Server = createServer((request, response) => {
		const path = normalize(
			decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname),
		).replace(/^(\.\.[/\\])+/, '');
		const file = join(rootDir, path);
		if (!file.startsWith(rootDir) || !existsSync(file) || !statSync(file).isFile()) {
			response.writeHead(404).end('not found');
			return;
		}
		response.writeHead(200, {
			'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
			'content-length': statSync(file).size,
		});
		createReadStream(file).pipe(response);
	});
	return new Promise((resolveServer, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => {
			const address = server.address();
			const actualPort = typeof address === 'object' && address ? address.port : port;
			resolveServer({
				url: `http://127.0.0.1:${actualPort}`,
				stop: () => new Promise((done) => server.close(() => done())),
			});
		});
	});
}
