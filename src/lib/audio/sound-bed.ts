/**
 * The sound bed: a quiet loop (soft noise, rain, sea) under the guidance, on the guidance's own
 * audio context and master volume. Decoded only when a session wants it, faded in and out with
 * the session, swapped with a short crossfade when the person chooses another, and softened
 * while a cue speaks (see ducking.ts). Besides being liked, a playing bed keeps the platform's
 * audio session alive where a silent page is stopped once the phone locks.
 *
 *   loop source → fade (per loop) → volume (the person's) → ducking → master
 */
import { Howler } from 'howler';
import { Ducking } from './ducking';
import { prefersWebm } from './guidance-audio';
import { DUCK_LEVEL } from './ducking';
import { mendedLoop, type Loop } from './loop-seam';
import {
	SOUND_BEDS,
	type SoundBedChoice,
	type SoundBedFiles,
	type SoundBedName
} from './sound-beds';

/** Said once when a loop cannot be had; the guidance goes on without it. */
export const SOUND_BED_PROBLEM =
	'The sound under the guidance could not be loaded, so the guidance plays on without it.';

/** How long the bed takes to come in at a start or resume: slowly, as the session settles. */
export const FADE_IN_SEC = 4;
/** How long it takes to go at a pause or a stop. */
export const FADE_OUT_SEC = 1.5;
/** How long one loop hands over to another when the person chooses anew. */
export const CROSSFADE_SEC = 1.5;

type Fetch = typeof fetch;

export interface SoundBedOptions {
	/** The guidance's audio context, once it exists. */
	context?: () => AudioContext | undefined;
	/** Where the bed goes: the guidance's master volume. */
	destination?: () => AudioNode | undefined;
	beds?: SoundBedFiles;
	fetcher?: Fetch;
	/** The formats to try, in order. */
	formats?: () => readonly ('webm' | 'mp3')[];
	/** Told the problem when a loop cannot be had, and '' once one plays again. */
	onProblem?: (problem: string) => void;
}

/** A loop decoded, and where it loops. */

/** One loop sounding: its source and its own fade in, from `fromSec` over `fadeSec`. */
interface Voice {
	name: SoundBedName;
	source: AudioBufferSourceNode;
	fade: GainNode;
	fromSec: number;
	fadeSec: number;
}

/** The gains every loop shares: the person's volume, then the ducking. */
interface Gains {
	context: AudioContext;
	volume: GainNode;
}

export class SoundBed {
	#context: () => AudioContext | undefined;
	#destination: () => AudioNode | undefined;
	#beds: SoundBedFiles;
	#fetcher: Fetch;
	#formats: () => readonly ('webm' | 'mp3')[];
	#onProblem: (problem: string) => void;
	#chosen: SoundBedChoice = 'none';
	/** The first choice is the stored setting, read at page load: nothing is fetched for it. */
	#toldOnce = false;
	#volume = 0;
	/** Whether the session wants the bed now: under way and not paused. */
	#wanted = false;
	#loops = new Map<SoundBedName, Promise<Loop | undefined>>();
	#gains: Gains | undefined;
	#voice: Voice | undefined;
	/** Bumped at every change: a loop decoded for an older wish is not started. */
	#turn = 0;
	#ducking: Ducking;

	constructor(options: SoundBedOptions = {}) {
		this.#context = options.context ?? (() => Howler.ctx ?? undefined);
		this.#destination = options.destination ?? (() => Howler.masterGain ?? undefined);
		this.#beds = options.beds ?? SOUND_BEDS;
		this.#fetcher = options.fetcher ?? ((input, init) => fetch(input, init));
		this.#formats = options.formats ?? (() => (prefersWebm() ? ['webm', 'mp3'] : ['mp3']));
		this.#onProblem = options.onProblem ?? (() => {});
		this.#ducking = new Ducking(() => this.#context()?.currentTime ?? 0);
	}

	/**
	 * The person's choice and volume. A change while the bed plays applies at once; a change
	 * before a session decodes the new loop ahead (never the first call, at page load).
	 */
	choose(choice: SoundBedChoice, volume: number): void {
		const first = !this.#toldOnce;
		this.#toldOnce = true;
		const changed = choice !== this.#chosen;
		this.#chosen = choice;
		this.#volume = Math.min(1, Math.max(0, volume));
		this.#applyVolume();
		if (!changed) return;
		if (this.#wanted) void this.#follow();
		else if (!first && choice !== 'none') void this.#load(choice);
	}

	/** The session started or resumed: the bed comes in. */
	play(): void {
		this.#wanted = true;
		void this.#follow();
	}

	/** The session paused or ended: the bed goes, over `fadeSec`. */
	rest(fadeSec = FADE_OUT_SEC): void {
		this.#wanted = false;
		this.#turn++;
		this.#fadeOut(fadeSec);
	}

	/** The page is left: the bed goes quickly, whatever the session does. */
	close(): void {
		this.rest(0.3);
	}

	/** Softens the bed under a cue at `startSec` on the audio clock; returns the withdrawal. */
	duck(startSec: number, durationSec: number): () => void {
		return this.#ducking.duck(startSec, durationSec);
	}

	/** Brings the sounding loop in line with what is wanted and chosen. */
	async #follow(): Promise<void> {
		const turn = ++this.#turn;
		const name = this.#chosen;
		if (!this.#wanted || name === 'none') {
			this.#fadeOut(CROSSFADE_SEC);
			return;
		}
		if (this.#voice?.name === name) return;
		const loop = await this.#load(name);
		if (turn !== this.#turn || !loop) return;
		const gains = this.#gainsNow();
		if (!gains) return;
		const swapping = this.#voice !== undefined;
		this.#fadeOut(CROSSFADE_SEC);
		this.#voice = this.#start(gains, name, loop, swapping ? CROSSFADE_SEC : FADE_IN_SEC);
	}

	#start(gains: Gains, name: SoundBedName, loop: Loop, fadeSec: number): Voice {
		const { context } = gains;
		const fade = context.createGain();
		const nowSec = context.currentTime;
		fade.gain.setValueAtTime(0, nowSec);
		fade.gain.linearRampToValueAtTime(1, nowSec + fadeSec);
		fade.connect(gains.volume);
		const source = context.createBufferSource();
		source.buffer = loop.buffer;
		source.loop = true;
		source.loopStart = loop.loopStartSec;
		source.loopEnd = loop.loopEndSec;
		source.connect(fade);
		source.start(nowSec, loop.loopStartSec);
		return { name, source, fade, fromSec: nowSec, fadeSec };
	}

	#fadeOut(fadeSec: number): void {
		const voice = this.#voice;
		const context = this.#gains?.context;
		this.#voice = undefined;
		if (!voice || !context) return;
		const nowSec = context.currentTime;
		// From wherever its fade in had reached, worked out here: not every browser's gain.value
		// tells the level mid-ramp, and a wrong one would jump.
		const reached = Math.min(1, Math.max(0, (nowSec - voice.fromSec) / voice.fadeSec));
		voice.fade.gain.cancelScheduledValues(nowSec);
		voice.fade.gain.setValueAtTime(reached, nowSec);
		voice.fade.gain.linearRampToValueAtTime(0, nowSec + fadeSec);
		voice.source.stop(nowSec + fadeSec);
		voice.source.onended = () => {
			voice.source.disconnect();
			voice.fade.disconnect();
		};
	}

	#applyVolume(): void {
		const gains = this.#gains;
		if (!gains) return;
		// Smoothly: a slider dragged must not crackle.
		gains.volume.gain.setTargetAtTime(this.#volume, gains.context.currentTime, 0.05);
	}

	/** The shared gains, made on the guidance's context the first time a loop plays. */
	#gainsNow(): Gains | undefined {
		const context = this.#context();
		const destination = this.#destination();
		if (!context || !destination || context.state === 'closed') return undefined;
		if (this.#gains?.context === context) return this.#gains;
		const volume = context.createGain();
		volume.gain.value = this.#volume;
		const ducking = context.createGain();
		volume.connect(ducking);
		ducking.connect(destination);
		this.#ducking.attach(ducking.gain);
		this.#gains = { context, volume };
		return this.#gains;
	}

	/** Each loop is fetched and decoded once; a failure is said, and tried again next time. */
	#load(name: SoundBedName): Promise<Loop | undefined> {
		const known = this.#loops.get(name);
		if (known) return known;
		// Without Web Audio the guidance itself says there is no sound: nothing more to say here.
		if (!this.#context()) return Promise.resolve(undefined);
		const loading = this.#decode(name).then((loop) => {
			if (!loop) this.#loops.delete(name);
			this.#onProblem(loop ? '' : SOUND_BED_PROBLEM);
			return loop;
		});
		this.#loops.set(name, loading);
		return loading;
	}

	async #decode(name: SoundBedName): Promise<Loop | undefined> {
		const context = this.#context();
		if (!context) return undefined;
		for (const format of this.#formats()) {
			try {
				// Low priority: the guidance's own sounds come first.
				const response = await this.#fetcher(this.#beds.files[name][format], { priority: 'low' });
				if (!response.ok) continue;
				const buffer = await context.decodeAudioData(await response.arrayBuffer());
				return this.#mended(buffer);
			} catch {
				// This format would not decode here: the next is tried, and a failure of all is said.
			}
		}
		return undefined;
	}

	#mended(buffer: AudioBuffer): Loop | undefined {
		return mendedLoop(buffer, this.#beds.loopStartSec, this.#beds.loopSec);
	}
}

/**
 * The bed the person chose, as the audio file wants it: the file's bytes in the format this
 * browser decodes, its loop, and the levels the player would give it. None for "none".
 */
export async function bedForFile(
	choice: SoundBedChoice,
	volume: number,
	fetcher: typeof fetch = (input, init) => fetch(input, init)
): Promise<BedForFile | undefined> {
	if (choice === 'none' || volume <= 0) return undefined;
	const formats = prefersWebm() ? (['webm', 'mp3'] as const) : (['mp3'] as const);
	for (const format of formats) {
		try {
			const response = await fetcher(SOUND_BEDS.files[choice][format]);
			if (!response.ok) continue;
			return {
				audio: await response.arrayBuffer(),
				loop: { startSec: SOUND_BEDS.loopStartSec, sec: SOUND_BEDS.loopSec },
				gain: volume,
				duckedGain: volume * DUCK_LEVEL
			};
		} catch {
			// Not to be had in this format: the next is tried.
		}
	}
	return undefined;
}

/** A bed for the audio file: the loop's bytes and where its loop lies in them. */
export interface BedForFile {
	audio: ArrayBuffer;
	loop: { startSec: number; sec: number };
	gain: number;
	duckedGain: number;
}
