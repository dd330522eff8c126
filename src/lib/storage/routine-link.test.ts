import { describe, expect, it } from 'vitest';
import { fetchImportFile, importLinkTarget } from './routine-link';

const ORIGIN = 'https://liana.example';

describe('the import link', () => {
	it('accepts a file on the app’s own site, by path or by full address', () => {
		const byPath = importLinkTarget('/coach/evening.json', ORIGIN);
		expect(byPath.ok && byPath.url.href).toBe('https://liana.example/coach/evening.json');
		const full = importLinkTarget('https://liana.example/r.json?v=2', ORIGIN);
		expect(full.ok && full.url.pathname).toBe('/r.json');
	});

	it('refuses another origin, another scheme or port, and says what to do instead', () => {
		for (const address of [
			'https://evil.example/r.json',
			'//evil.example/r.json',
			'http://liana.example/r.json',
			'https://liana.example:8443/r.json',
			'data:application/json,{}',
			'javascript:alert(1)'
		]) {
			const target = importLinkTarget(address, ORIGIN);
			expect(target.ok, address).toBe(false);
			if (!target.ok) {
				expect(target.message).toContain('Liana imports only files from its own site');
				expect(target.message).toContain('import it with Import routine');
			}
		}
		const other = importLinkTarget('https://evil.example/r.json', ORIGIN);
		expect(!other.ok && other.message).toContain('this link points to evil.example');
	});
});

const answer =
	(body: string, init: ResponseInit = {}): typeof fetch =>
	async () =>
		new Response(body, init);

describe('fetching the linked file', () => {
	const url = new URL('/coach/evening.json', ORIGIN);

	it('gives the file’s bytes exactly', async () => {
		const text = '{ "id": "evening" }\n';
		const fetched = await fetchImportFile(
			answer(text, { headers: { 'content-type': 'application/json' } }),
			url
		);
		expect(fetched).toEqual({ ok: true, bytes: new TextEncoder().encode(text) });
	});

	it('says the network is unreachable, offline or when the service worker cannot help', async () => {
		const offline: typeof fetch = async () => {
			throw new TypeError('Failed to fetch');
		};
		for (const fetcher of [offline, answer('offline', { status: 503 })]) {
			const fetched = await fetchImportFile(fetcher, url);
			expect(fetched.ok).toBe(false);
			if (!fetched.ok) {
				expect(fetched.message).toContain('/coach/evening.json could not be fetched');
				expect(fetched.message).toContain('the network is unreachable');
				expect(fetched.message).toContain('Connect to the internet and open the link again');
			}
		}
	});

	it('names a missing file, and the single-page fallback’s web page is no file', async () => {
		const missing = await fetchImportFile(
			answer('', { status: 404, statusText: 'Not Found' }),
			url
		);
		expect(!missing.ok && missing.message).toContain('the site answered 404 Not Found');
		const page = await fetchImportFile(
			answer('<!doctype html>', { headers: { 'content-type': 'text/html' } }),
			url
		);
		expect(!page.ok && page.message).toContain('There is no routine file at /coach/evening.json');
	});
});
