/**
 * The player's view-model: wraps one engine session, mirrors what the screen shows, and keeps
 * the engine ticking from animation frames (and a slower timer when frames stop, as in a
 * hidden tab). Every number shown is derived from the engine's position, never counted here.
 */
import {
	Session,
	systemClock,
	type Clock,
	type SessionEvent,
	type SessionView
} from '../../engine';
import type { FlareChoice, SessionRecord } from '../../engine/types';
import type { Timeline } from '../../routine/timeline';
import { PHASE_LABELS } from '../labels';

/** How often the engine is ticked when animation frames do not run. */
const BACKGROUND_TICK_MS = 250;

/** The environment, as options with defaults, so a test hands in its own. */
export interface PlayerOptions {
	clock?: Clock;
	requestFrame?: (callback: () => void) => number;
	cancelFrame?: (id: number) => void;
	/** Where visibility changes are heard; a tab coming back ticks at once. */
	visibility?: Pick<Document, 'addEventListener' | 'removeEventListener'>;
}

export class PlayerModel {
	readonly timeline: Timeline;
	#session: Session;
	#clock: Clock;
	#requestFrame: (callback: () => void) => number;
	#cancelFrame: (id: number) => void;
	#visibility: PlayerOptions['visibility'];
	#view = $state.raw<SessionView>() as SessionView;
	#record = $state.raw<SessionRecord>() as SessionRecord;
	/** The one polite announcement of the screen: phase changes, not seconds. */
	announcement = $state('');

	constructor(timeline: Timeline, options: PlayerOptions = {}) {
		this.timeline = timeline;
		this.#clock = options.clock ?? systemClock;
		this.#requestFrame = options.requestFrame ?? ((callback) => requestAnimationFrame(callback));
		this.#cancelFrame = options.cancelFrame ?? ((id) => cancelAnimationFrame(id));
		this.#visibility =
			options.visibility ?? (typeof document === 'undefined' ? undefined : document);
		this.#session = new Session(timeline, this.#clock);
		this.#session.subscribe((event) => this.#announce(event));
		this.#refresh();
	}

	get view(): SessionView {
		return this.#view;
	}

	get record(): SessionRecord {
		return this.#record;
	}

	/** Keeps the engine ticking while mounted; returns the cleanup. */
	connect(): () => void {
		let frame = 0;
		const onFrame = () => {
			this.tick();
			frame = this.#requestFrame(onFrame);
		};
		frame = this.#requestFrame(onFrame);
		const timer = this.#clock.setInterval(() => this.tick(), BACKGROUND_TICK_MS);
		const onVisible = () => this.tick();
		this.#visibility?.addEventListener('visibilitychange', onVisible);
		return () => {
			this.#cancelFrame(frame);
			this.#clock.clearInterval(timer);
			this.#visibility?.removeEventListener('visibilitychange', onVisible);
		};
	}

	tick(): void {
		this.#session.tick();
		this.#refresh();
	}

	start = () => this.#do(() => this.#session.start());
	pause = () => this.#do(() => this.#session.pause());
	resume = () => this.#do(() => this.#session.resume());
	skip = () => this.#do(() => this.#session.skip());
	previous = () => this.#do(() => this.#session.previous());
	stop = () => this.#do(() => this.#session.stop());
	flare = () => this.#do(() => this.#session.flare());
	redFlag = () => this.#do(() => this.#session.redFlag());
	choose = (choice: FlareChoice) => this.#do(() => this.#session.choose(choice));

	/** Space: start, pause or resume, whichever fits now. */
	toggle = () => {
		const mode = this.#view.mode;
		if (mode === 'idle') this.start();
		else if (mode === 'running') this.pause();
		else if (mode === 'paused') this.resume();
	};

	#do(action: () => void): void {
		action();
		this.#refresh();
	}

	#refresh(): void {
		this.#view = this.#session.view();
		this.#record = this.#session.state.record;
	}

	#announce(event: SessionEvent): void {
		if (event.type === 'done') {
			this.announcement =
				event.outcome === 'completed'
					? 'Well done. The session is complete.'
					: 'The session has ended.';
			return;
		}
		if (event.type !== 'phase-started' || event.missed) return;
		const segment = event.segment;
		if (segment.phase === 'release') {
			this.announcement = 'Flare noted. Stop, come back slowly, and breathe.';
			return;
		}
		const step = this.timeline.steps[segment.stepIndex];
		const title = step ? [step.title, step.side].filter(Boolean).join(', ') : '';
		const where = segment.lead ? `Next: ${title}` : title;
		const round =
			segment.round > 0 && segment.rounds > 1
				? ` Round ${segment.round} of ${segment.rounds}.`
				: '';
		this.announcement = `${PHASE_LABELS[segment.phase]}. ${where}.${round}`;
	}
}
