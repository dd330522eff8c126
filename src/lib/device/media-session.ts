/**
 * The headset and lock-screen controls. Browsers show them only while a media element plays
 * (Web Audio alone is not enough), so half a minute of silence loops in an <audio> element while
 * a session runs. The lock screen names the step, the phase and the routine, and shows how far
 * the session has come; its buttons drive the session:
 * - play and pause (a headset's single press) pause and resume it;
 * - next track (a headset's double press) skips to the next step;
 * - previous track (a triple press) goes back to the step before, or the start of this one;
 * - stop ends it, as the Stop button does.
 */

export interface MediaControls {
	play(): void;
	pause(): void;
	next(): void;
	previous(): void;
	stop(): void;
}

export interface NowPlaying {
	routine: string;
	step: string;
	/** The phase in words: "Approach the edge", "Breathe in". */
	phase: string;
	playing: boolean;
	/** How far the session has come and how long it is, in ms; the platform moves it on. */
	positionMs: number;
	durationMs: number;
}

const SILENCE = '/audio/silence.mp3';
const ARTWORK: MediaImage[] = [
	{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
	{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' }
];

export class MediaSessionBridge {
	#session: MediaSession | undefined;
	#audio: HTMLAudioElement | undefined;
	#last = '';

	constructor(controls: MediaControls, session: MediaSession | undefined = browserSession()) {
		this.#session = session;
		if (!session) return;
		const handlers: [MediaSessionAction, () => void][] = [
			['play', controls.play],
			['pause', controls.pause],
			['nexttrack', controls.next],
			['previoustrack', controls.previous],
			['stop', controls.stop]
		];
		for (const [action, handler] of handlers) {
			try {
				session.setActionHandler(action, handler);
			} catch {
				// This browser does not know that action; the others still work.
			}
		}
	}

	/** Starts the silent track; call within a tap, where browsers allow media to play. */
	begin(): void {
		if (!this.#session || typeof Audio === 'undefined') return;
		this.#audio ??= Object.assign(new Audio(SILENCE), { loop: true });
		void this.#audio.play().catch(() => undefined);
	}

	/**
	 * Keeps the lock screen in step with the session. Called when the step, the phase or the mode
	 * changes; between, the platform moves the position on by itself.
	 */
	update(now: NowPlaying): void {
		const session = this.#session;
		if (!session) return;
		const key = `${now.routine}|${now.step}|${now.phase}|${now.playing}|${now.durationMs}`;
		if (key !== this.#last) {
			this.#last = key;
			if (typeof MediaMetadata !== 'undefined') {
				session.metadata = new MediaMetadata({
					title: now.step,
					artist: now.phase,
					album: now.routine,
					artwork: ARTWORK
				});
			}
			session.playbackState = now.playing ? 'playing' : 'paused';
			if (this.#audio) {
				if (now.playing) void this.#audio.play().catch(() => undefined);
				else this.#audio.pause();
			}
		}
		this.#position(now);
	}

	#position(now: NowPlaying): void {
		const durationSec = now.durationMs / 1000;
		if (!this.#session?.setPositionState || !(durationSec > 0)) return;
		try {
			this.#session.setPositionState({
				duration: durationSec,
				position: Math.min(durationSec, Math.max(0, now.positionMs / 1000)),
				playbackRate: 1
			});
		} catch {
			// A platform that refuses the figures: the lock screen shows no progress, nothing else.
		}
	}

	end(): void {
		this.#audio?.pause();
		this.#audio = undefined;
		if (this.#session) {
			this.#session.playbackState = 'none';
			this.#session.metadata = null;
			try {
				this.#session.setPositionState?.();
			} catch {
				// Nothing shown to clear.
			}
		}
		this.#last = '';
	}
}

function browserSession(): MediaSession | undefined {
	return typeof navigator !== 'undefined' && 'mediaSession' in navigator
		? navigator.mediaSession
		: undefined;
}
