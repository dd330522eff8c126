/**
 * A static host as the README describes one: the single-page fallback, long caching for the
 * immutable build files only, precompressed files where the browser takes them. The update
 * journey deploys one build folder, then another; the bench measures on it; the lazy-part
 * journey refuses some requests, as a network that went away does.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript',
	'.css': 'text/css',
	'.json': 'application/json',
	'.webmanifest': 'application/manifest+json',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.webm': 'audio/webm',
	'.mp3': 'audio/mpeg'
};

export interface StaticHost {
	url: string;
	/** Deploys another build: every request from now on is served from `root`. */
	deploy(root: string): void;
	/**
	 * From now on, a request whose path `match` accepts is refused as a lost network refuses it:
	 * its connection is cut with no answer at all (the browser sees a network error, not an HTTP
	 * status). Browsers over plain WebDriver have no request interception; this stands in for it.
	 * `undefined` answers every request again.
	 */
	refuse(match: ((path: string) => boolean) | undefined): void;
	close(): Promise<void>;
}

/**
 * Serves `root` on a free port of 127.0.0.1. `files` adds paths served from memory, as JSON (a
 * routine a bench run imports, say), when no route interception is at hand.
 */
export async function startStaticHost(
	root: string,
	files: Record<string, string> = {}
): Promise<StaticHost> {
	let current = root;
	let refused: ((path: string) => boolean) | undefined;
	const server: Server = createServer((request, response) => {
		const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
		if (refused?.(path)) {
			request.socket.destroy();
			return;
		}
		const extra = files[path];
		if (extra !== undefined) {
			response.writeHead(200, {
				'content-type': TYPES['.json'] ?? '',
				'cache-control': 'no-cache'
			});
			response.end(extra);
			return;
		}
		let file = join(current, path);
		const page = [file, `${file}.html`, join(file, 'index.html')].find(
			(candidate) =>
				candidate.startsWith(current) && existsSync(candidate) && !statSync(candidate).isDirectory()
		);
		file = page ?? join(current, '200.html');
		const headers: Record<string, string> = {
			'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
			// The service worker must never be cached long, or updates would not be seen.
			'cache-control': path.includes('/immutable/')
				? 'public, max-age=31536000, immutable'
				: 'no-cache',
			vary: 'accept-encoding'
		};
		const accepts = String(request.headers['accept-encoding'] ?? '');
		for (const [encoding, suffix] of [
			['br', '.br'],
			['gzip', '.gz']
		] as const) {
			if (accepts.includes(encoding) && existsSync(file + suffix)) {
				headers['content-encoding'] = encoding;
				file += suffix;
				break;
			}
		}
		response.writeHead(200, headers);
		createReadStream(file).pipe(response);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return {
		url: `http://127.0.0.1:${port}`,
		deploy: (next) => (current = next),
		refuse: (match) => (refused = match),
		close: () =>
			new Promise((resolve) => {
				server.close(() => resolve());
				// Kept-alive connections would go on answering: a host that is gone answers nothing.
				server.closeAllConnections();
			})
	};
}
