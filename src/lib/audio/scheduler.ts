/**
 * The cue scheduler: a short tick asks the cue plan for every sound due soon and starts each at
 * its exact time on the audio clock (`start(when)`), so a late timer or a hidden tab never makes
 * a cue late. A timer callback never plays a sound "now". Silence stops everything at once,
 * started or only scheduled.
 */
import type { SessionEvent, SessionState } from '../engine/types';
import { planCueGroups, type CueSettings } from './cue-plan';
import { cueDurationsMs, type CueId } from './cues';

/** A sound handed to the audio output: it can be stopped before or while it plays. */
export interface ScheduledSound {
	stop(): void;
	/** When it ends, on the audio clock, in seconds. */
	endSec: number;
}

/** Where sounds go: the Web Audio adapter in the browser, a recording fake in tests. */
export interface CueOutput {
	/** The audio clock's time, in seconds, of a moment on the monotonic clock. */
	audioTimeAt(monotonicMs: number): number;
	/** The audio clock now, in seconds. */
	currentTime(): number;
	/** Starts a cue at `whenSec` on the audio clock. */
	start(id: CueId, whenSec: number): ScheduledSound;
	/** The coach's recorded cues that can play: key → length in ms. */
	ownCues(): ReadonlyMap<string, number>;
	/** Starts a recorded cue at `whenSec`, cut after `maxSec`. */
	startOwn(cue: string, whenSec: number, maxSec: number): ScheduledSound;
}

/** A recorded cue handed over, in monotonic time: what "your voice" says now. */
interface OwnSound {
	cue: string;
	atMs: number;
	endMs: number;
	/** The moment of its group: a chime may come first. */
	groupAtMs: number;
}

/** How far ahead sounds are handed to the audio clock by default. */
export const LOOKAHEAD_MS = 200;
/**
 * The most sounds waiting on the audio clock at once. A whole 24-minute session is a few hundred;
 * a routine at the format's caps would be tens of thousands of audio nodes made in one task. The
 * plan stops short there, and the next look at the engine (a phase's end) plans on.
 */
export const MOST_HANDED_OVER = 2_000;
/** A moment reached this late is let go: a cue is never played long after its time. */
export const LATE_MS = 250;

export interface SchedulerOptions {
	settings: () => CueSettings;
	durationsMs?: Record<CueId, number>;
}

export class CueScheduler {
	#output: CueOutput;
	#settings: () => CueSettings;
	#durationsMs: Record<CueId, number>;
	/** Every sound handed over and not yet ended, with the moment (monotonic) of its group. */
	#sounds = new Map<ScheduledSound, number>();
	/** Monotonic time up to which every due sound has been handed over. */
	#scheduledUntilMs = -Infinity;
	#own: OwnSound[] = [];

	constructor(output: CueOutput, options: SchedulerOptions) {
		this.#output = output;
		this.#settings = options.settings;
		this.#durationsMs = options.durationsMs ?? cueDurationsMs();
	}

	/**
	 * Hands over the sounds due up to `nowMs + lookaheadMs` (Infinity: to the session's end);
	 * passed moments are never replayed.
	 */
	update(state: SessionState, nowMs: number, lookaheadMs = LOOKAHEAD_MS): void {
		this.#prune();
		if (state.mode.kind !== 'running') return;
		const fromMs = Math.max(this.#scheduledUntilMs, nowMs - LATE_MS);
		const toMs = nowMs + lookaheadMs;
		if (toMs <= fromMs) return;
		const recorded = this.#output.ownCues();
		const settings = this.#settings();
		const groups = planCueGroups(state, fromMs, toMs, settings, this.#durationsMs, recorded);
		groups.sort((a, b) => a.atMs - b.atMs);
		let untilMs = toMs;
		let lastAtMs = fromMs;
		for (const group of groups) {
			const count = group.clips.length + (group.own ? 1 : 0);
			// Cut only between moments, so the next plan, from the last moment handed over, misses none.
			if (group.atMs > lastAtMs && this.#sounds.size + count > MOST_HANDED_OVER) {
				untilMs = lastAtMs;
				break;
			}
			lastAtMs = group.atMs;
			for (const clip of group.clips) {
				const whenSec = this.#output.audioTimeAt(group.atMs + clip.offsetMs);
				this.#sounds.set(this.#output.start(clip.id, whenSec), group.atMs);
			}
			const own = group.own;
			if (!own) continue;
			const atMs = group.atMs + own.offsetMs;
			const whenSec = this.#output.audioTimeAt(atMs);
			this.#sounds.set(this.#output.startOwn(own.cue, whenSec, own.maxMs / 1000), group.atMs);
			const lengthMs = Math.min(recorded.get(own.cue) ?? 0, own.maxMs);
			this.#own.push({ cue: own.cue, atMs, endMs: atMs + lengthMs, groupAtMs: group.atMs });
		}
		this.#scheduledUntilMs = untilMs;
	}

	/** Monotonic time handed over so far: every sound due before it is on the audio clock. */
	get plannedUntilMs(): number {
		return this.#scheduledUntilMs;
	}

	/** Follows the engine: silence stops every sound; a jump or a resume plans afresh from then. */
	onEvent(event: SessionEvent): void {
		switch (event.type) {
			case 'silence':
				this.silence(event.atMs);
				return;
			case 'resumed':
			case 'unheld':
				this.#scheduledUntilMs = event.atMs - 1;
				return;
			case 'adjusted':
			case 'held':
				this.cancelAfter(event.atMs);
				return;
			default:
				return;
		}
	}

	/** Stops every sound at once, started or still waiting, and plans again from `atMs`. */
	silence(atMs: number): void {
		for (const sound of this.#sounds.keys()) sound.stop();
		this.#sounds.clear();
		this.#own = [];
		// Just before `atMs`, so a moment that begins now (release, after a flare) is still cued.
		this.#scheduledUntilMs = atMs - 1;
	}

	/**
	 * Withdraws the sounds that start after `atMs` and plans again from then; the one playing
	 * now plays on. For a coach's change: what was planned ahead no longer holds.
	 */
	cancelAfter(atMs: number): void {
		// By the moment of each sound's group: a group kept is kept whole, words after its chime
		// too, since the plan made again begins after `atMs`.
		for (const [sound, groupAtMs] of this.#sounds) {
			if (groupAtMs <= atMs) continue;
			sound.stop();
			this.#sounds.delete(sound);
		}
		this.#own = this.#own.filter((own) => own.groupAtMs <= atMs);
		this.#scheduledUntilMs = Math.min(this.#scheduledUntilMs, atMs);
	}

	/** Plays one cue now, outside the plan: the end of a stopped session, a red flag. */
	playNow(ids: readonly CueId[], nowMs: number): void {
		let atMs = nowMs;
		for (const id of ids) {
			const whenSec = this.#output.audioTimeAt(atMs);
			this.#sounds.set(this.#output.start(id, whenSec), nowMs);
			atMs += this.#durationsMs[id] + 80;
		}
	}

	/** The recorded cue sounding at `nowMs` (monotonic), if any: what the player shows. */
	ownCueAt(nowMs: number): string | undefined {
		this.#own = this.#own.filter((own) => own.endMs > nowMs);
		return this.#own.find((own) => own.atMs <= nowMs)?.cue;
	}

	/** How long until a recorded cue begins or ends, which the player names while it sounds. */
	msUntilOwnChange(nowMs: number): number | undefined {
		let soonest = Infinity;
		for (const own of this.#own) {
			if (own.atMs > nowMs) soonest = Math.min(soonest, own.atMs - nowMs);
			else if (own.endMs > nowMs) soonest = Math.min(soonest, own.endMs - nowMs);
		}
		return soonest === Infinity ? undefined : soonest;
	}

	/** Sounds handed over and not yet ended. */
	get pending(): number {
		this.#prune();
		return this.#sounds.size;
	}

	#prune(): void {
		const nowSec = this.#output.currentTime();
		for (const sound of this.#sounds.keys()) if (sound.endSec <= nowSec) this.#sounds.delete(sound);
	}
}

/** What the player needs of the browser's audio: an output, and a way to ask for sound. */
export interface Guidance extends CueOutput {
	load(): Promise<void>;
	/** Asks for sound within a tap or key press; true when sound can play. */
	unlock(): Promise<boolean>;
	setVolume(volume: number): void;
}
