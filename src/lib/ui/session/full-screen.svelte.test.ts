import { describe, expect, it } from 'vitest';
import { FullScreen } from './full-screen.svelte';

/** A document with just what full screen touches; `enter` resolves or refuses as told. */
function fakeDocument(options: { enabled: boolean; refuse?: boolean }) {
	const events = new EventTarget();
	const doc = {
		fullscreenEnabled: options.enabled,
		fullscreenElement: null as object | null,
		documentElement: {
			requestFullscreen: () => {
				if (options.refuse) return Promise.reject(new TypeError('denied'));
				doc.fullscreenElement = doc.documentElement;
				events.dispatchEvent(new Event('fullscreenchange'));
				return Promise.resolve();
			}
		},
		addEventListener: events.addEventListener.bind(events),
		removeEventListener: events.removeEventListener.bind(events)
	};
	return doc;
}

describe('FullScreen', () => {
	it('is offered where the API is, and follows the page into full screen', () => {
		const doc = fakeDocument({ enabled: true });
		const fullScreen = new FullScreen(doc as unknown as Document);
		const stop = fullScreen.connect();
		expect(fullScreen.available).toBe(true);
		expect(fullScreen.active).toBe(false);
		fullScreen.enter();
		expect(fullScreen.active).toBe(true);
		stop();
	});

	it('is not offered where full screen is not allowed', () => {
		const fullScreen = new FullScreen(fakeDocument({ enabled: false }) as unknown as Document);
		fullScreen.connect()();
		expect(fullScreen.available).toBe(false);
	});

	it('says so when the browser refuses', async () => {
		const doc = fakeDocument({ enabled: true, refuse: true });
		const fullScreen = new FullScreen(doc as unknown as Document);
		const stop = fullScreen.connect();
		fullScreen.enter();
		await Promise.resolve();
		await Promise.resolve();
		expect(fullScreen.problem).toMatch(/did not allow full screen/);
		expect(fullScreen.active).toBe(false);
		stop();
	});
});
