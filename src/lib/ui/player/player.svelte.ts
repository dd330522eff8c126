/**
 * The player's view-model: wraps one engine session, mirrors what the screen shows, keeps the
 * engine ticking from animation frames (and a slower timer when frames stop, as in a hidden
 * tab), and hands the engine's cues to the audio scheduler. Every number shown is derived from
 * the engine's position, never counted here.
 */
import { untrack } from 'svelte';
import type { CueSettings } from '../../audio/cue-plan';
import type { SoundStatus } from '../../audio/guidance-audio';
import {
	CueScheduler,
	HIDDEN_LOOKAHEAD_MS,
	LOOKAHEAD_MS,
	type Guidance
} from '../../audio/scheduler';
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

/** How often the engine is ticked when animation frames do not run. */
const BACKGROUND_TICK_MS = 250;

const ALL_SOUND: CueSettings = { voice: true, chimes: true };

/** The environment, as options with defaults, so a test hands in its own. */
export interface PlayerOptions {
	clock?: Clock;
	requestFrame?: (callback: () => void) => number;
	cancelFrame?: (id: number) => void;
	/** Where visibility changes are heard; a tab coming back ticks at once. */
	visibility?: Pick<Document, 'addEventListener' | 'removeEventListener'> & { hidden?: boolean };
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
	#requestFrame: (callback: () => void) => number;
	#cancelFrame: (id: number) => void;
	#visibility: PlayerOptions['visibility'];
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
	#boundaryTimer: number | undefined;
	#boundaryAtMs = -1;
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
		this.#requestFrame = options.requestFrame ?? ((callback) => requestAnimationFrame(callback));
		this.#cancelFrame = options.cancelFrame ?? ((id) => cancelAnimationFrame(id));
		this.#visibility =
			options.visibility ?? (typeof document === 'undefined' ? undefined : document);
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

	/** Keeps the engine ticking while mounted and starts loading the sounds; returns the cleanup. */
	connect(): () => void {
		// Called from an $effect: reading the view here must not make the effect re-run each frame.
		return untrack(() => this.#connect());
	}

	#connect(): () => void {
		let frame = 0;
		const onFrame = () => {
			this.tick();
			frame = this.#requestFrame(onFrame);
		};
		frame = this.#requestFrame(onFrame);
		const timer = this.#clock.setInterval(() => this.tick(), BACKGROUND_TICK_MS);
		const onVisible = () => {
			this.tick();
			this.#wakeSound();
		};
		this.#visibility?.addEventListener('visibilitychange', onVisible);
		// Sound stopped by the platform comes back on the next tap, as browsers require a gesture.
		const onTap = () => this.#wakeSound();
		this.#visibility?.addEventListener('pointerdown', onTap);
		// In a task of its own: making the audio context is slow on a phone, and hydration is enough.
		const cancelLoad = afterThisTask(() => void this.#guidance?.load());
		this.#connected = true;
		this.#armBoundary();
		return () => {
			cancelLoad();
			this.#connected = false;
			this.#disarmBoundary();
			this.#cancelFrame(frame);
			this.#clock.clearInterval(timer);
			this.#visibility?.removeEventListener('visibilitychange', onVisible);
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

	#schedule(): void {
		const hidden = this.#visibility?.hidden === true;
		this.#scheduler?.update(
			this.#session.state,
			this.#clock.now(),
			hidden ? HIDDEN_LOOKAHEAD_MS : LOOKAHEAD_MS
		);
	}

	#refresh(): void {
		const own = this.#scheduler?.ownCueAt(this.#clock.now());
		this.ownVoice = own ? (this.#ownLabels.get(own) ?? own) : '';
		this.#view = this.#session.view();
		this.#record = this.#session.state.record;
		this.#armBoundary();
	}

	/** A timer at the next boundary, so the screen changes on time, not at the next frame. */
	#armBoundary(): void {
		if (!this.#connected || this.#view.mode !== 'running') {
			this.#disarmBoundary();
			return;
		}
		const atMs = this.#clock.now() + this.#view.segmentDurationMs - this.#view.segmentElapsedMs;
		if (Math.abs(atMs - this.#boundaryAtMs) < 1) return;
		this.#disarmBoundary();
		this.#boundaryAtMs = atMs;
		this.#boundaryTimer = this.#clock.setTimeout(
			() => {
				this.#boundaryTimer = undefined;
				this.#boundaryAtMs = -1;
				this.tick();
			},
			Math.max(0, atMs - this.#clock.now())
		);
	}

	#disarmBoundary(): void {
		if (this.#boundaryTimer !== undefined) this.#clock.clearTimeout(this.#boundaryTimer);
		this.#boundaryTimer = undefined;
		this.#boundaryAtMs = -1;
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
