/**
 * The headset and lock-screen controls. Browsers show them only while a media element plays
 * (Web Audio alone is not enough), so a second of silence loops in an <audio> element while a
 * session runs; metadata names the step, and the play, pause and track buttons drive the session.
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
	playing: boolean;
}

const SILENCE = '/audio/silence.mp3';

export class MediaSessionBridge {
	#session: MediaSession | undefined;
	#audio: HTMLAudioElement | undefined;
	#last = '';

	constructor(controls: MediaControls) {
		if (typeof navigator === 'undefined' || !('mediaSession' in navigator)) return;
		this.#session = navigator.mediaSession;
		const handlers: [MediaSessionAction, () => void][] = [
			['play', controls.play],
			['pause', controls.pause],
			['nexttrack', controls.next],
			['previoustrack', controls.previous],
			['stop', controls.stop]
		];
		for (const [action, handler] of handlers) {
			try {
				this.#session.setActionHandler(action, handler);
			} catch {
				// This browser does not know that action; the others still work.
			}
		}
	}

	/** Starts the silent track; call within a tap, where browsers allow media to play. */
	begin(): void {
		if (!this.#session) return;
		this.#audio ??= Object.assign(new Audio(SILENCE), { loop: true });
		void this.#audio.play().catch(() => undefined);
	}

	/** Keeps the lock screen's text and state in step with the session. */
	update(now: NowPlaying): void {
		const session = this.#session;
		if (!session) return;
		const key = `${now.routine}|${now.step}|${now.playing}`;
		if (key === this.#last) return;
		this.#last = key;
		if (typeof MediaMetadata !== 'undefined') {
			session.metadata = new MediaMetadata({
				title: now.step,
				artist: 'Liana',
				album: now.routine
			});
		}
		session.playbackState = now.playing ? 'playing' : 'paused';
		if (this.#audio) {
			if (now.playing) void this.#audio.play().catch(() => undefined);
			else this.#audio.pause();
		}
	}

	end(): void {
		this.#audio?.pause();
		this.#audio = undefined;
		if (this.#session) this.#session.playbackState = 'none';
		this.#last = '';
	}
}
