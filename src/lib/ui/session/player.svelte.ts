/**
 * The player's view-model: wraps one engine session, mirrors what the screen shows, and hands
 * the engine's cues to the audio scheduler. It looks at the engine only when something a person
 * sees changes (a second shown, a phase, a breath) and sleeps in between: no frame loop, no
 * polling. Every number shown is derived from the engine's position, never counted here.
 */
import { untrack } from 'svelte';
import type { CueSettings } from '../../audio/cue-plan';
import type { SoundStatus } from '../../audio/guidance-audio';
import { CueScheduler, type Guidance } from '../../audio/scheduler';
import {
	Session,
	systemClock,
	type Clock,
	type SessionEvent,
	type SessionView
} from '../../engine';
import {
	isUnderWay,
	type FlareChoice,
	type SessionRecord,
	type SessionState
} from '../../engine/types';
import { compileTimeline, type Timeline } from '../../routine/timeline';
import { PHASE_LABELS, phaseHint } from '../labels';
import { MIN_WAKE_MS, msUntilChange } from './next-change';

/**
 * Runs `work` in a task after this one (a message, which no fake clock holds back); returns the
 * cancel. Splits one long task in two, so a tap between them is answered sooner.
 */
function afterThisTask(work: () => void): () => void {
	if (typeof MessageChannel === 'undefined') {
		const timer = setTimeout(work, 0);
		return () => clearTimeout(timer);
	}
	let cancelled = false;
	const channel = new MessageChannel();
	channel.port1.onmessage = () => {
		channel.port1.close();
		if (!cancelled) work();
	};
	channel.port2.postMessage(null);
	return () => {
		cancelled = true;
		channel.port1.close();
	};
}

/** What the coach's +10 s and −10 s add and take. */
export const COACH_STEP_MS = 10_000;

/**
 * How far ahead sounds are handed to the audio clock while the page is shown. The player wakes
 * at least once a second then, so a cue is always in the audio clock's hands well before it is
 * due; a control withdraws what was handed over.
 */
const SHOWN_LOOKAHEAD_MS = 2_000;
/**
 * Hidden, or on a phone or tablet whose screen may lock, every cue to the session's end is
 * handed over at once: a locked or hidden page may run no script for minutes.
 */
const TO_THE_END = Infinity;

const ALL_SOUND: CueSettings = { voice: true, chimes: true };

/** The environment, as options with defaults, so a test hands in its own. */
export interface PlayerOptions {
	clock?: Clock;
	/** Where visibility changes are heard; a tab coming back ticks at once. */
	visibility?: Pick<Document, 'addEventListener' | 'removeEventListener'> & { hidden?: boolean };
	/**
	 * A phone or tablet, whose screen may lock mid-session: the whole session's cues are handed
	 * to the audio clock from the start. By default, a device whose main pointer is a finger.
	 */
	lockable?: boolean;
	/** The browser's audio; without it the session runs silently. */
	guidance?: Guidance;
	/** What the person chose to hear, read at each scheduling. */
	sound?: () => CueSettings;
	/** A restored session (after a reload) to carry on, instead of a new one. */
	from?: SessionState;
}

export class PlayerModel {
	#timeline = $state.raw<Timeline>() as Timeline;
	#session: Session;
	#clock: Clock;
	#visibility: PlayerOptions['visibility'];
	#lockable: boolean;
	#guidance: Guidance | undefined;
	#scheduler: CueScheduler | undefined;
	#view = $state.raw<SessionView>() as SessionView;
	#record = $state.raw<SessionRecord>() as SessionRecord;
	/** The one polite announcement of the screen: phase changes, not seconds. */
	announcement = $state('');
	/** Where the sound stands, for the message that says so. */
	sound = $state.raw<SoundStatus>({ kind: 'off' });
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- listeners are not state: nothing renders from them.
	#listeners = new Set<(event: SessionEvent) => void>();
	#connected = false;
	#wakeTimer: number | undefined;
	#wakeAtMs = -1;
	/** The coach's recorded cue sounding now, in words, or empty. */
	ownVoice = $state('');
	/** Which recorded cues could not be played (the built-in voice says them), or empty. */
	ownVoiceProblem = $state('');
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- replaced whole, never changed: nothing renders from it.
	#ownLabels: ReadonlyMap<string, string> = new Map();
	/** Set when the session was paused because sound stopped; cleared on resume. */
	pausedForSound = $state(false);

	constructor(timeline: Timeline, options: PlayerOptions = {}) {
		this.#clock = options.clock ?? systemClock;
		this.#visibility =
			options.visibility ?? (typeof document === 'undefined' ? undefined : document);
		this.#lockable = options.lockable ?? fingerFirst();
		this.#guidance = options.guidance;
		if (this.#guidance) {
			this.#scheduler = new CueScheduler(this.#guidance, {
				settings: options.sound ?? (() => ALL_SOUND)
			});
		}
		this.#session = this.#newSession(timeline, options.from);
		this.#refresh();
	}

	#newSession(timeline: Timeline, from?: SessionState): Session {
		this.#timeline = from?.timeline ?? timeline;
		const session = new Session(this.#timeline, this.#clock, from);
		const scheduler = this.#scheduler;
		if (scheduler) session.subscribe((event) => scheduler.onEvent(event));
		session.subscribe((event) => this.#onEvent(event));
		return session;
	}

	/** Hears every engine event, for the outside world (wake lock, vibration); returns the unsubscribe. */
	listen(listener: (event: SessionEvent) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	get timeline(): Timeline {
		return this.#timeline;
	}

	/** A new countdown length applies to a session not yet started; later, to the next one. */
	setCountdown(countdownSec: number): void {
		if (this.#view.mode !== 'idle') return;
		const timeline = compileTimeline(this.#timeline.routine, { countdownSec });
		if (timeline.totalMs === this.#timeline.totalMs) return;
		this.#session = this.#newSession(timeline);
		this.#refresh();
	}

	setVolume(volume: number): void {
		this.#guidance?.setVolume(volume);
	}

	get view(): SessionView {
		return this.#view;
	}

	get record(): SessionRecord {
		return this.#record;
	}

	/** The engine's whole state, for the checkpoint that lets a session resume after a reload. */
	get state(): SessionState {
		return this.#session.state;
	}

	/** Follows the engine while mounted and starts loading the sounds; returns the cleanup. */
	connect(): () => void {
		// Called from an $effect: reading the view here must not make the effect re-run.
		return untrack(() => this.#connect());
	}

	#connect(): () => void {
		const onVisibility = () => {
			// Shown again, the plan is made afresh from the engine: over a long hidden stretch the
			// audio clock drifts from the monotonic one by a few parts in a million.
			if (this.#visibility?.hidden !== true) this.#scheduler?.cancelAfter(this.#clock.now());
			this.tick();
			this.#wakeSound();
		};
		this.#visibility?.addEventListener('visibilitychange', onVisibility);
		// A page the browser froze and thawed: its audio clock stood still with it (Chromium), so
		// every sound handed over would now sound as late as the freeze was long. They go, and the
		// plan is made again from now; moments passed meanwhile are not replayed.
		const onThaw = () => {
			this.#scheduler?.silence(this.#clock.now());
			this.tick();
		};
		this.#visibility?.addEventListener('resume', onThaw);
		// Sound stopped by the platform comes back on the next tap, as browsers require a gesture.
		const onTap = () => this.#wakeSound();
		this.#visibility?.addEventListener('pointerdown', onTap);
		// In a task of its own: making the audio context is slow on a phone, and hydration is enough.
		const cancelLoad = afterThisTask(() => void this.#guidance?.load());
		this.#connected = true;
		this.#armWake();
		return () => {
			cancelLoad();
			this.#connected = false;
			this.#disarmWake();
			this.#visibility?.removeEventListener('visibilitychange', onVisibility);
			this.#visibility?.removeEventListener('resume', onThaw);
			this.#visibility?.removeEventListener('pointerdown', onTap);
			this.#scheduler?.silence(this.#clock.now());
		};
	}

	tick(): void {
		this.#session.tick();
		this.#schedule();
		this.#refresh();
	}

	#wakeSound(): void {
		if (this.sound.kind === 'interrupted' && isUnderWay(this.#view.mode)) {
			void this.#guidance?.unlock();
		}
	}

	/** Takes the recorded cues' names, and what could not be played (or empty), once loaded. */
	ownVoiceLoaded(labels: ReadonlyMap<string, string>, problem: string): void {
		this.#ownLabels = labels;
		this.ownVoiceProblem = problem;
	}

	/** Called by the audio layer when its status changes. */
	soundChanged(status: SoundStatus): void {
		this.sound = status;
		// Sound stopped mid-session (a call, another app): pause rather than go on unheard.
		if (
			status.kind === 'interrupted' &&
			(this.#view.mode === 'running' || this.#view.mode === 'held')
		) {
			this.pausedForSound = true;
			this.pause();
		}
	}

	start = () => {
		void this.#guidance?.unlock();
		this.#do(() => this.#session.start());
	};
	pause = () => this.#do(() => this.#session.pause());
	resume = () => {
		void this.#guidance?.unlock();
		this.pausedForSound = false;
		this.#do(() => this.#session.resume());
	};
	skip = () => this.#do(() => this.#session.skip());
	previous = () => this.#do(() => this.#session.previous());
	stop = () => this.#do(() => this.#session.stop());
	flare = () => this.#do(() => this.#session.flare());
	redFlag = () => this.#do(() => this.#session.redFlag());
	choose = (choice: FlareChoice) => this.#do(() => this.#session.choose(choice));
	/** The coach's "+10 s": the phase under way lasts longer (by whole breaths when breathing). */
	addTime = () => this.#do(() => this.#session.adjust(COACH_STEP_MS));
	/** The coach's "−10 s": the phase under way ends sooner, or now when less is left. */
	takeTime = () => this.#do(() => this.#session.adjust(-COACH_STEP_MS));
	hold = () => this.#do(() => this.#session.hold());
	releaseHold = () => this.#do(() => this.#session.unhold());
	/** H: holds the running phase, or lets a hold go. */
	toggleHold = () => {
		if (this.#view.mode === 'held') this.releaseHold();
		else this.hold();
	};
	/** The "Enable sound" button: asks the browser again, within this tap. */
	enableSound = () => {
		void this.#guidance?.unlock().then(() => this.#do(() => {}));
	};
	/** A settings change: what is already scheduled is planned again. */
	soundSettingsChanged = () => this.#scheduler?.silence(this.#clock.now());

	/** Space: start, pause or resume, whichever fits now. */
	toggle = () => {
		const mode = this.#view.mode;
		if (mode === 'idle') this.start();
		else if (mode === 'running') this.pause();
		// Held shows Resume, as paused does: Space lets the hold go.
		else if (mode === 'paused' || mode === 'held') this.resume();
	};

	#do(action: () => void): void {
		action();
		this.#schedule();
		this.#refresh();
	}

	get #shown(): boolean {
		return this.#visibility?.hidden !== true;
	}

	#schedule(): void {
		const ahead = this.#lockable || !this.#shown ? TO_THE_END : SHOWN_LOOKAHEAD_MS;
		this.#scheduler?.update(this.#session.state, this.#clock.now(), ahead);
	}

	#refresh(): void {
		const own = this.#scheduler?.ownCueAt(this.#clock.now());
		this.ownVoice = own ? (this.#ownLabels.get(own) ?? own) : '';
		this.#view = this.#session.view();
		this.#record = this.#session.state.record;
		this.#armWake();
	}

	/**
	 * One timer, at the next moment the screen changes (a second, a phase, a breath, a recorded
	 * cue's name) or, hidden, at the next segment: the engine's events then come on time.
	 */
	#armWake(): void {
		const nowMs = this.#clock.now();
		const shown = this.#shown;
		const changeInMs = this.#connected ? msUntilChange(this.#view, shown) : undefined;
		const ownInMs = shown ? this.#scheduler?.msUntilOwnChange(nowMs) : undefined;
		const inMs = Math.min(changeInMs ?? Infinity, ownInMs ?? Infinity);
		if (!this.#connected || inMs === Infinity) {
			this.#disarmWake();
			return;
		}
		const atMs = nowMs + Math.max(MIN_WAKE_MS, inMs);
		if (Math.abs(atMs - this.#wakeAtMs) < 1) return;
		this.#disarmWake();
		this.#wakeAtMs = atMs;
		this.#wakeTimer = this.#clock.setTimeout(() => {
			this.#wakeTimer = undefined;
			this.#wakeAtMs = -1;
			this.tick();
		}, atMs - nowMs);
	}

	#disarmWake(): void {
		if (this.#wakeTimer !== undefined) this.#clock.clearTimeout(this.#wakeTimer);
		this.#wakeTimer = undefined;
		this.#wakeAtMs = -1;
	}

	#onEvent(event: SessionEvent): void {
		for (const listener of this.#listeners) listener(event);
		if (event.type === 'done') {
			if (event.outcome === 'red-flag') this.#scheduler?.playNow(['red-flag'], event.atMs);
			else if (event.outcome !== 'completed')
				this.#scheduler?.playNow(['session-ended'], event.atMs);
			this.announcement =
				event.outcome === 'completed'
					? 'Well done. The session is complete.'
					: 'The session has ended.';
			return;
		}
		const coach = coachAnnouncement(event, this.#timeline);
		if (coach) {
			this.announcement = coach;
			return;
		}
		if (event.type !== 'phase-started' || event.missed) return;
		const segment = event.segment;
		const step = this.#timeline.steps[segment.stepIndex];
		if (segment.phase === 'release') {
			this.announcement = `Flare noted. ${phaseHint('release', step)}`;
			return;
		}
		const title = step ? [step.title, step.side].filter(Boolean).join(', ') : '';
		const where = segment.lead ? `Next: ${title}` : title;
		const round = this.#session.view().gentle
			? ' One gentle round.'
			: segment.round > 0 && segment.rounds > 1
				? ` Round ${segment.round} of ${segment.rounds}.`
				: '';
		this.announcement = `${PHASE_LABELS[segment.phase]}. ${where}.${round}`;
	}
}

/** A device whose main pointer is a finger: a phone or a tablet, whose screen may lock. */
function fingerFirst(): boolean {
	return typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches;
}

/** What a coach's change sounds like to a screen reader; a step back is heard as its new phase. */
function coachAnnouncement(event: SessionEvent, timeline: Timeline): string | undefined {
	switch (event.type) {
		case 'held':
			return 'Held. This phase waits until the hold is released.';
		case 'unheld':
			return 'Hold released. The phase goes on.';
		case 'adjusted': {
			const { adjustment } = event;
			if (adjustment.kind !== 'added' && adjustment.kind !== 'taken') return undefined;
			const seconds = Math.round(Math.abs(adjustment.deltaMs) / 1000);
			const phase = PHASE_LABELS[adjustment.phase];
			const step = timeline.steps[adjustment.stepIndex]?.title ?? '';
			return adjustment.kind === 'added'
				? `${seconds} seconds added to ${phase}, ${step}.`
				: `${seconds} seconds taken from ${phase}, ${step}.`;
		}
		default:
			return undefined;
	}
}
