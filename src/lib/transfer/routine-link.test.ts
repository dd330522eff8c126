import { describe, expect, it } from 'vitest';
import { ManualClock } from '../engine/clock';
import { fetchImportFile, importLinkTarget, type LinkLimits } from './routine-link';

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

/** Lets every promise that can settle settle (a real turn of the event loop). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A body read only when asked (no read-ahead), counting what was asked of it. */
function body(source: { first?: Uint8Array; next: () => Promise<Uint8Array> | Uint8Array }) {
	const counts = { pulls: 0, cancelled: false };
	let first = source.first;
	const stream = new ReadableStream<Uint8Array>(
		{
			async pull(controller) {
				counts.pulls++;
				if (first) {
					controller.enqueue(first);
					first = undefined;
				} else controller.enqueue(await source.next());
			},
			cancel() {
				counts.cancelled = true;
			}
		},
		{ highWaterMark: 0 }
	);
	return { stream, counts };
}

const KIB_64 = 64 * 1024;
const never = () => new Promise<Uint8Array>(() => {});
const json = (headers: Record<string, string> = {}) => ({
	headers: { 'content-type': 'application/json', ...headers }
});
const ZIP_START = new Uint8Array([0x50, 0x4b, 0x03, 0x04]);
const SMALL: LinkLimits = { fileBytes: 1000, packBytes: async () => 5000 };

describe('a link bounded in time', () => {
	const url = new URL('/coach/slow.json', ORIGIN);

	it('stops waiting for a file that never finishes arriving, at the time limit', async () => {
		const clock = new ManualClock();
		const { stream, counts } = body({ first: new TextEncoder().encode('{ "id"'), next: never });
		let settled = false;
		const fetching = fetchImportFile(async () => new Response(stream, json()), url, {
			timers: clock
		}).finally(() => (settled = true));
		await settle();
		clock.advance(19_999);
		await settle();
		expect(settled).toBe(false);
		clock.advance(1);
		expect(await fetching).toEqual({
			ok: false,
			retry: true,
			message:
				'The routine at /coach/slow.json did not arrive within 20 seconds, so Liana stopped waiting. Press Retry to ask the site again, or download the file and import it with Import routine, or paste its text under Paste routine text.'
		});
		expect(counts.cancelled).toBe(true);
	});

	it('stops waiting for a site that never answers, and aborts the request', async () => {
		const clock = new ManualClock();
		let signal: AbortSignal | undefined;
		const silent: typeof fetch = (_, init) => {
			signal = init?.signal ?? undefined;
			return new Promise(() => {});
		};
		const fetching = fetchImportFile(silent, url, { timers: clock, timeLimitMs: 5_000 });
		await settle();
		expect(signal?.aborted).toBe(false);
		clock.advance(5_000);
		const fetched = await fetching;
		expect(!fetched.ok && fetched.message).toContain('did not arrive within 5 seconds');
		expect(!fetched.ok && fetched.retry).toBe(true);
		expect(signal?.aborted).toBe(true);
	});

	it('leaves no timer behind once the file is in', async () => {
		const clock = new ManualClock();
		const pending = new Set<number>();
		const timers = {
			setTimeout: (run: () => void, ms: number) => {
				const id = clock.setTimeout(run, ms);
				pending.add(id);
				return id;
			},
			clearTimeout: (id: number) => pending.delete(id)
		};
		const fetched = await fetchImportFile(async () => new Response('{}', json()), url, { timers });
		expect(fetched).toEqual({ ok: true, bytes: new TextEncoder().encode('{}') });
		expect(pending.size).toBe(0);
	});
});

describe('a link bounded in size', () => {
	const url = new URL('/coach/huge.json', ORIGIN);

	it('refuses a file declared larger than any routine file or pack, before reading it', async () => {
		const { stream, counts } = body({ next: () => new Uint8Array(KIB_64) });
		const declared = String(300 * 1024 * 1024);
		const fetched = await fetchImportFile(
			async () => new Response(stream, json({ 'content-length': declared })),
			url
		);
		expect(fetched).toEqual({
			ok: false,
			message:
				'The file at /coach/huge.json is 300 MiB; a routine file may be at most 1 MiB, and a routine pack 100 MiB, so it was not fetched. Check the link with whoever sent it.'
		});
		expect(counts.pulls).toBe(0);
		expect(counts.cancelled).toBe(true);
	});

	it('refuses a routine file declared over its limit after its first bytes', async () => {
		const { stream, counts } = body({
			first: new TextEncoder().encode('{ "version": 1'),
			next: () => new Uint8Array(100)
		});
		const fetched = await fetchImportFile(
			async () => new Response(stream, json({ 'content-length': '3000' })),
			url,
			{ limits: SMALL }
		);
		expect(!fetched.ok && fetched.message).toBe(
			'The file at /coach/huge.json is 3,000 bytes; a routine file may be at most 1,000 bytes, so it was not fetched. Check the link with whoever sent it.'
		);
		expect(counts.pulls).toBe(1);
	});

	it('stops reading a file with no declared size as soon as it passes the limit', async () => {
		const { stream, counts } = body({ next: () => new Uint8Array(KIB_64).fill(0x20) });
		const fetched = await fetchImportFile(async () => new Response(stream, json()), url);
		expect(!fetched.ok && fetched.message).toBe(
			'The file at /coach/huge.json is larger than 1 MiB; a routine file may be at most 1 MiB, so Liana stopped fetching it. Check the link with whoever sent it.'
		);
		// 1 MiB is sixteen chunks of 64 KiB: the seventeenth passes it, and nothing more is asked.
		expect(counts.pulls).toBe(17);
		expect(counts.cancelled).toBe(true);
	});

	it('holds a file to the format’s limit when its declared size lies', async () => {
		const { stream, counts } = body({ next: () => new Uint8Array(400).fill(0x20) });
		const fetched = await fetchImportFile(
			async () => new Response(stream, json({ 'content-length': '10' })),
			url,
			{ limits: SMALL }
		);
		expect(!fetched.ok && fetched.message).toContain(
			'is larger than 1,000 bytes; a routine file may be at most 1,000 bytes, so Liana stopped fetching it'
		);
		expect(counts.pulls).toBe(3);
		expect(counts.cancelled).toBe(true);
	});

	it('gives a pack the pack’s limit, and no more', async () => {
		const pack = (bytes: number) =>
			body({ first: ZIP_START, next: () => new Uint8Array(bytes) }).stream;
		const zip = { headers: { 'content-type': 'application/zip' } };
		const within = new ReadableStream<Uint8Array>({
			start(controller) {
				controller.enqueue(ZIP_START);
				controller.enqueue(new Uint8Array(2996));
				controller.close();
			}
		});
		const fetched = await fetchImportFile(async () => new Response(within, zip), url, {
			limits: SMALL
		});
		expect(fetched.ok && fetched.bytes.length).toBe(3000);
		const over = await fetchImportFile(async () => new Response(pack(1000), zip), url, {
			limits: SMALL
		});
		expect(!over.ok && over.message).toContain(
			'is larger than 5,000 bytes; a routine pack may be at most 5,000 bytes, so Liana stopped fetching it'
		);
	});
});

describe('a link that redirects', () => {
	const url = new URL('/coach/moved.json', ORIGIN);
	const REDIRECTED =
		'The link to /coach/moved.json sends you on to another address, so nothing was imported: Liana opens only the file a link names on its own site. Ask whoever sent it for a link straight to the file, or download the file and import it with Import routine, or paste its text under Paste routine text.';

	/** A response as a browser gives it, with the properties a test cannot set on a new one. */
	const answered = (properties: Partial<Record<'type' | 'url' | 'redirected', unknown>>) => {
		const response = new Response('{}', json());
		for (const [key, value] of Object.entries(properties)) {
			Object.defineProperty(response, key, { value });
		}
		return response;
	};

	it('asks the browser not to follow redirects, and refuses the one it keeps back', async () => {
		let asked: RequestInit | undefined;
		const fetched = await fetchImportFile(async (_, init) => {
			asked = init;
			return answered({ type: 'opaqueredirect' });
		}, url);
		expect(asked?.redirect).toBe('manual');
		expect(fetched).toEqual({ ok: false, message: REDIRECTED });
	});

	it('refuses a redirect followed all the same, or an answer from another address', async () => {
		for (const properties of [
			{ redirected: true, url: 'https://liana.example/coach/moved.json' },
			{ url: 'https://evil.example/coach/moved.json' },
			{ url: 'https://liana.example/elsewhere.json' }
		]) {
			const fetched = await fetchImportFile(async () => answered(properties), url);
			expect(fetched, JSON.stringify(properties)).toEqual({ ok: false, message: REDIRECTED });
		}
		const same = await fetchImportFile(
			async () => answered({ url: 'https://liana.example/coach/moved.json' }),
			url
		);
		expect(same.ok).toBe(true);
	});
});
