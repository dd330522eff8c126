/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
/**
 * The service worker: after one visit, every route, routine and sound works offline.
 *
 * - The app (SvelteKit's own lists of the build and the static files) is precached per version,
 *   in a cache named by that version, so a new build never mixes with an old one.
 * - The audio sprite lives in its own cache, keyed by its content-hashed file name: an app update
 *   keeps it, and only a new sprite is downloaded again.
 * - Every navigation is answered with the single-page fallback (index.html), from the cache.
 * - A new version waits: it takes over only when the person accepts the update (SKIP_WAITING).
 */
import { build, files, version } from '$service-worker';

const worker = self as unknown as ServiceWorkerGlobalScope;

const APP_CACHE = `liana-app-${version}`;
const AUDIO_CACHE = 'liana-audio';
/** The single-page fallback adapter-static writes; not in SvelteKit's lists, so named here. */
const FALLBACK = '/index.html';

const isAudio = (path: string) => path.startsWith('/audio/');
const appFiles = [...build, ...files.filter((path) => !isAudio(path)), FALLBACK, '/'];
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
		event.respondWith(fromCache(APP_CACHE, FALLBACK, request));
		return;
	}
	if (isAudio(url.pathname)) {
		// Range requests from media elements are answered whole; the browser takes what it needs.
		event.respondWith(fromCache(AUDIO_CACHE, url.pathname, request));
		return;
	}
	event.respondWith(fromCache(APP_CACHE, url.pathname, request));
});

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
