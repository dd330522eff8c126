/**
 * The guidance sounds in the browser: the cue sprite decoded once and played through Web Audio
 * on howler's audio context and master volume. Howler picks the context, tells the codecs and
 * holds the volume; it can only start a sprite "now", so each cue is started here with
 * `AudioBufferSourceNode.start(when)` at its exact time on the audio clock.
 */
import { Howler } from 'howler';
import { CUE_SPRITE, type CueId, type CueSprite } from './cues';
import type { Guidance, ScheduledSound } from './scheduler';

/** Where the sound stands, as the person is told it. */
export type SoundStatus =
	| { kind: 'off' }
	| { kind: 'loading' }
	| { kind: 'ready' }
	/** The browser will not play sound until the person asks for it with a tap. */
	| { kind: 'blocked' }
	/** Sound was playing and stopped: a call, another app, the page put away. */
	| { kind: 'interrupted' }
	| { kind: 'unavailable'; reason: string };

type Fetch = typeof fetch;

/** The coach's recorded cues decoded on the guidance's context: cue key → sound. */
export type OwnVoice = ReadonlyMap<string, AudioBuffer>;

export interface GuidanceAudioOptions {
	sprite?: CueSprite;
	fetcher?: Fetch;
	/** The monotonic clock the engine runs on. */
	now?: () => number;
	onStatus?: (status: SoundStatus) => void;
	/** Reads and decodes the routine's recorded cues when the sounds load; never rejects. */
	ownVoice?: (ctx: AudioContext) => Promise<OwnVoice>;
	/** What plays under the guidance (the sound bed), softened while each cue sounds. */
	underneath?: Underneath;
}

/** A sound under the guidance that gives way to each cue. */
export interface Underneath {
	/** A cue sounds from `startSec` on the audio clock for `durationSec`; returns the withdrawal. */
	duck(startSec: number, durationSec: number): () => void;
}

/** The browser's audio: implements the scheduler's output. */
export class GuidanceAudio implements Guidance {
	#sprite: CueSprite;
	#fetcher: Fetch;
	#now: () => number;
	#onStatus: (status: SoundStatus) => void;
	#buffer: AudioBuffer | undefined;
	#ownVoice: GuidanceAudioOptions['ownVoice'];
	#underneath: Underneath | undefined;
	#own: OwnVoice = new Map();
	/** How long each recorded cue lasts, in ms. */
	#ownMs: ReadonlyMap<string, number> = new Map();
	#status: SoundStatus = { kind: 'off' };
	#watched: AudioContext | undefined;
	/** The browser refused sound after a tap asked for it. */
	#refused = false;

	constructor(options: GuidanceAudioOptions = {}) {
		this.#sprite = options.sprite ?? CUE_SPRITE;
		this.#fetcher = options.fetcher ?? ((input, init) => fetch(input, init));
		this.#now = options.now ?? (() => performance.now());
		this.#onStatus = options.onStatus ?? (() => {});
		this.#ownVoice = options.ownVoice;
		this.#underneath = options.underneath;
	}

	get status(): SoundStatus {
		return this.#status;
	}

	/** Howler's context, created on first use; sound only starts after a gesture unlocks it. */
	get context(): AudioContext | undefined {
		if (!Howler.ctx) Howler.volume(Howler.volume());
		// Howler would otherwise suspend the context after 30 s of silence, mid-session.
		Howler.autoSuspend = false;
		const ctx = Howler.ctx ?? undefined;
		if (ctx && ctx !== this.#watched) this.#watch(ctx);
		return ctx;
	}

	#set(status: SoundStatus): void {
		this.#status = status;
		this.#onStatus(status);
	}

	/** Loads and decodes the sprite once, in the format this browser plays, falling back to MP3. */
	async load(): Promise<void> {
		if (this.#buffer || this.#status.kind === 'loading') return;
		const ctx = this.context;
		if (!ctx) {
			this.#set({ kind: 'unavailable', reason: 'this browser has no Web Audio' });
			return;
		}
		this.#set({ kind: 'loading' });
		const own = this.#loadOwn(ctx);
		const formats = prefersWebm()
			? [this.#sprite.files.webm, this.#sprite.files.mp3]
			: [this.#sprite.files.mp3];
		let lastError = '';
		for (const url of formats) {
			try {
				// Low priority: the screen comes first, the sounds are needed only at Start.
				const response = await this.#fetcher(url, { priority: 'low' });
				if (!response.ok) throw new Error(`the server answered ${response.status}`);
				this.#buffer = await ctx.decodeAudioData(await response.arrayBuffer());
				await own;
				// Before any tap a suspended context is normal: blocked only once a tap was refused.
				this.#set(
					this.#refused && ctx.state !== 'running' ? { kind: 'blocked' } : { kind: 'ready' }
				);
				return;
			} catch (error) {
				lastError = error instanceof Error ? error.message : String(error);
			}
		}
		await own;
		this.#set({
			kind: 'unavailable',
			reason: `the guidance sounds could not be loaded (${lastError})`
		});
	}

	async #loadOwn(ctx: AudioContext): Promise<void> {
		const voice = await this.#ownVoice?.(ctx);
		if (!voice) return;
		this.#own = voice;
		this.#ownMs = new Map([...voice].map(([cue, buffer]) => [cue, buffer.duration * 1000]));
	}

	/**
	 * Asks the browser for sound; call it inside a tap or key press. Where the browser still says
	 * no, the status says blocked and the session goes on silently.
	 */
	async unlock(): Promise<boolean> {
		const ctx = this.context;
		if (!ctx) return false;
		const session = (navigator as Navigator & { audioSession?: { type: string } }).audioSession;
		// So the iPhone's silent switch does not mute the guidance.
		if (session) session.type = 'playback';
		try {
			if (ctx.state !== 'running') await withTimeout(ctx.resume(), 1500);
			// Some mobile browsers count a context as unlocked only once it has played something.
			const scratch = ctx.createBufferSource();
			scratch.buffer = ctx.createBuffer(1, 1, 22050);
			scratch.connect(ctx.destination);
			scratch.start(0);
		} catch {
			// A refused or hanging resume is the browser blocking sound: said through the status.
		}
		const running = ctx.state === 'running';
		this.#refused = !running;
		if (this.#buffer) this.#set(running ? { kind: 'ready' } : { kind: 'blocked' });
		else if (!running) this.#set({ kind: 'blocked' });
		return running;
	}

	#watch(ctx: AudioContext): void {
		this.#watched = ctx;
		ctx.addEventListener('statechange', () => {
			const state = ctx.state as AudioContextState | 'interrupted';
			if (state === 'running' && this.#buffer) this.#set({ kind: 'ready' });
			else if (
				(state === 'suspended' || state === 'interrupted') &&
				this.#status.kind === 'ready'
			) {
				this.#set({ kind: 'interrupted' });
			}
		});
	}

	/** Sets the volume of all guidance, 0 to 1. */
	setVolume(volume: number): void {
		Howler.volume(Math.min(1, Math.max(0, volume)));
	}

	audioTimeAt(monotonicMs: number): number {
		const ctx = this.context;
		if (!ctx) return 0;
		return ctx.currentTime + (monotonicMs - this.#now()) / 1000;
	}

	currentTime(): number {
		return this.context?.currentTime ?? 0;
	}

	start(id: CueId, whenSec: number): ScheduledSound {
		const span = this.#sprite.sprite[id];
		return this.#play(this.#buffer, whenSec, (span?.[0] ?? 0) / 1000, (span?.[1] ?? 0) / 1000);
	}

	ownCues(): ReadonlyMap<string, number> {
		return this.#ownMs;
	}

	startOwn(cue: string, whenSec: number, maxSec: number): ScheduledSound {
		const buffer = this.#own.get(cue);
		return this.#play(buffer, whenSec, 0, Math.min(maxSec, buffer?.duration ?? 0));
	}

	#play(
		buffer: AudioBuffer | undefined,
		whenSec: number,
		offsetSec: number,
		durationSec: number
	): ScheduledSound {
		const ctx = this.context;
		// A context still waking up (resume() pending) plays scheduled sounds once it runs.
		if (!ctx || !buffer || durationSec <= 0 || ctx.state === 'closed') {
			return { stop: () => {}, endSec: 0 };
		}
		const source = ctx.createBufferSource();
		source.buffer = buffer;
		source.connect(Howler.masterGain);
		const startSec = Math.max(whenSec, ctx.currentTime);
		source.start(startSec, offsetSec, durationSec);
		// Here, where each cue's time and length are known, so the bed gives way on the audio clock.
		const withdraw = this.#underneath?.duck(startSec, durationSec);
		return {
			endSec: startSec + durationSec,
			stop: () => {
				try {
					source.stop();
				} catch {
					// Already stopped: nothing left to silence.
				}
				source.disconnect();
				withdraw?.();
			}
		};
	}
}

/** Whether this browser plays the WebM/Opus files (smaller), else the MP3 ones. */
export function prefersWebm(): boolean {
	if (typeof Audio === 'undefined') return false;
	return Howler.codecs('webm') && new Audio().canPlayType('audio/webm; codecs="opus"') !== '';
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('timed out')), ms);
		promise.then(
			(value) => {
				clearTimeout(timer);
				resolve(value);
			},
			(error: unknown) => {
				clearTimeout(timer);
				reject(error instanceof Error ? error : new Error(String(error)));
			}
		);
	});
}
