import type { Page } from '@playwright/test';

/**
 * Counts the page's cue starts and stops: buffer sources of real length (not the unlock) that do
 * not loop (not the sound bed, which plays on under the guidance).
 */
export async function countSounds(page: Page) {
	await page.addInitScript(() => {
		const log = { started: 0, stopped: 0 };
		Object.assign(window, { soundLog: log });
		const proto = AudioBufferSourceNode.prototype;
		const start = proto.start;
		const stop = proto.stop;
		proto.start = function (this: AudioBufferSourceNode, ...args: Parameters<typeof start>) {
			if ((this.buffer?.length ?? 0) > 1 && !this.loop) log.started++;
			return start.apply(this, args);
		};
		proto.stop = function (this: AudioBufferSourceNode, ...args: Parameters<typeof stop>) {
			if ((this.buffer?.length ?? 0) > 1 && !this.loop) log.stopped++;
			return stop.apply(this, args);
		};
	});
}

export const sounds = (page: Page) =>
	page.evaluate(
		() => (window as unknown as { soundLog: { started: number; stopped: number } }).soundLog
	);
