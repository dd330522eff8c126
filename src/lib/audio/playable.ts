/**
 * Whether this browser can play a recording, and how long it truly lasts: a media element reads it
 * up to its metadata, in the browser's own media pipeline and off the page. It is never decoded
 * whole here, so a file that declares ten seconds but holds hours costs nothing to check; the time
 * limit bounds a file that never answers.
 */

/** What the browser made of a recording. */
export type Playable =
	/** It plays; `durationSec` is NaN where the file does not say (a browser's own recordings). */
	| { kind: 'plays'; durationSec: number }
	/** The browser refused it: damaged, or in a format it does not read. */
	| { kind: 'does-not' }
	/** No answer (no media element here, or none within the time limit): the player will see. */
	| { kind: 'unknown' };

/** How long one recording may take to show its metadata. */
export const PLAYABLE_TIME_LIMIT_MS = 10_000;

export function checkPlayable(
	audio: ArrayBuffer,
	mimeType: string,
	timeLimitMs = PLAYABLE_TIME_LIMIT_MS
): Promise<Playable> {
	if (typeof Audio === 'undefined' || typeof URL.createObjectURL !== 'function') {
		return Promise.resolve({ kind: 'unknown' });
	}
	const url = URL.createObjectURL(new Blob([audio], { type: mimeType }));
	const element = new Audio();
	element.preload = 'metadata';
	element.muted = true;
	return new Promise((resolve) => {
		const timer = setTimeout(() => done({ kind: 'unknown' }), timeLimitMs);
		function done(result: Playable): void {
			clearTimeout(timer);
			element.onloadedmetadata = null;
			element.onerror = null;
			// Let the element go: no decoder is kept for a file only checked.
			element.removeAttribute('src');
			element.load();
			URL.revokeObjectURL(url);
			resolve(result);
		}
		element.onloadedmetadata = () => done({ kind: 'plays', durationSec: element.duration });
		element.onerror = () => done({ kind: 'does-not' });
		element.src = url;
	});
}
