/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
/**
 * The service worker: after one visit, every route, routine and sound works offline.
 *
 * - The app (SvelteKit's lists of the build, the static files and the prerendered pages) is
 *   precached per version,
 *   in a cache named by that version, so a new build never mixes with an old one.
 * - The audio sprite lives in its own cache, keyed by its content-hashed file name: an app update
 *   keeps it, and only a new sprite is downloaded again.
 * - A navigation is answered from the cache: with the prerendered page where there is one (the
 *   library, the built-in routines), else with the single-page fallback (200.html).
 * - A new version waits: it takes over only when the person accepts the update (SKIP_WAITING).
 */
import { build, files, prerendered, version } from '$service-worker';

const worker = self as unknown as ServiceWorkerGlobalScope;

const APP_CACHE = `liana-app-${version}`;
const AUDIO_CACHE = 'liana-audio';
/** The single-page fallback adapter-static writes; not in SvelteKit's lists, so named here. */
const FALLBACK = '/200.html';

const isAudio = (path: string) => path.startsWith('/audio/');
// A set: the prerendered list repeats static files the pages fetched, and addAll refuses twins.
const appFiles = [
	...new Set([...build, ...files.filter((path) => !isAudio(path)), ...prerendered, FALLBACK])
];
const audioFiles = files.filter(isAudio);

worker.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			const app = await caches.open(APP_CACHE);
			await app.addAll(appFiles);
			const audio = await caches.open(AUDIO_CACHE);
			const have = new Set((await audio.keys()).map((request) => new URL(request.url).pathname));
			await audio.addAll(audioFiles.filter((path) => !have.has(path)));
		})()
	);
	// No skipWaiting() here: a new version waits until the person chooses to update.
});

worker.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const name of await caches.keys()) {
				if (name.startsWith('liana-app-') && name !== APP_CACHE) await caches.delete(name);
			}
			// Sounds of older sprites are let go; the current ones stay across app updates.
			const audio = await caches.open(AUDIO_CACHE);
			for (const request of await audio.keys()) {
				if (!audioFiles.includes(new URL(request.url).pathname)) await audio.delete(request);
			}
			await worker.clients.claim();
		})()
	);
});

worker.addEventListener('message', (event) => {
	const data: unknown = event.data;
	if (
		typeof data === 'object' &&
		data !== null &&
		(data as { type?: unknown }).type === 'SKIP_WAITING'
	) {
		void worker.skipWaiting();
	}
});

worker.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== worker.location.origin) return;

	if (request.mode === 'navigate') {
		// A prerendered page when there is one (the library, a built-in routine), else the fallback.
		event.respondWith(navigation(url.pathname, request));
		return;
	}
	if (isAudio(url.pathname)) {
		// Range requests from media elements are answered whole; the browser takes what it needs.
		event.respondWith(fromCache(AUDIO_CACHE, url.pathname, request));
		return;
	}
	event.respondWith(fromCache(APP_CACHE, url.pathname, request));
});

async function navigation(path: string, request: Request): Promise<Response> {
	const cache = await caches.open(APP_CACHE);
	const page = prerendered.includes(path) ? await cache.match(path) : undefined;
	return page ?? fromCache(APP_CACHE, FALLBACK, request);
}

/** The cached copy when there is one; the network otherwise (and a clear failure offline). */
async function fromCache(cacheName: string, path: string, request: Request): Promise<Response> {
	const cache = await caches.open(cacheName);
	const cached = await cache.match(path);
	if (cached) return cached;
	try {
		return await fetch(request);
	} catch {
		return new Response('Liana is offline and this file was not saved for offline use.', {
			status: 503,
			headers: { 'content-type': 'text/plain; charset=utf-8' }
		});
	}
}
