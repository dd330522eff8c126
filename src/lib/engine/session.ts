/**
 * A session bound to a clock: the thin shell around the pure reducer that stamps each action
 * with the clock's time and hands the events to whoever listens (the UI, the audio layer).
 */
import type { Timeline } from '../routine/timeline';
import type { Clock } from './clock';
import { createSession, reduce } from './reduce';
import type { Action, FlareChoice, SessionEvent, SessionState } from './types';
import { viewAt, type SessionView } from './view';

export type SessionListener = (event: SessionEvent, state: SessionState) => void;

type TimedAction = Action extends infer A
	? A extends { atMs: number }
		? Omit<A, 'atMs'>
		: never
	: never;

/** A running session: controls in, events out. */
export class Session {
	#state: SessionState;
	#listeners = new Set<SessionListener>();

	/** A new session of the timeline, or one carried on from a restored state. */
	constructor(
		timeline: Timeline,
		private readonly clock: Clock,
		from?: SessionState
	) {
		this.#state = from ?? createSession(timeline);
	}

	get state(): SessionState {
		return this.#state;
	}

	/** Listens to every event; returns the unsubscribe. */
	subscribe(listener: SessionListener): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/** The session as a screen shows it now. */
	view(): SessionView {
		return viewAt(this.#state, this.clock.now());
	}

	dispatch(action: TimedAction): void {
		const transition = reduce(this.#state, { ...action, atMs: this.clock.now() } as Action);
		this.#state = transition.state;
		for (const event of transition.events) {
			for (const listener of this.#listeners) listener(event, this.#state);
		}
	}

	start(): void {
		this.dispatch({ type: 'start', epochMs: this.clock.epochNow() });
	}
	tick(): void {
		this.dispatch({ type: 'tick' });
	}
	pause(): void {
		this.dispatch({ type: 'pause' });
	}
	resume(): void {
		this.dispatch({ type: 'resume' });
	}
	skip(): void {
		this.dispatch({ type: 'skip' });
	}
	previous(): void {
		this.dispatch({ type: 'previous' });
	}
	stop(): void {
		this.dispatch({ type: 'stop' });
	}
	flare(): void {
		this.dispatch({ type: 'flare' });
	}
	redFlag(): void {
		this.dispatch({ type: 'red-flag' });
	}
	choose(choice: FlareChoice): void {
		this.dispatch({ type: 'choose', choice });
	}
	/** The coach adds (positive) or takes (negative) time from the phase under way. */
	adjust(deltaMs: number): void {
		this.dispatch({ type: 'adjust', deltaMs });
	}
	/** The coach holds the phase still, without silencing it. */
	hold(): void {
		this.dispatch({ type: 'hold' });
	}
	unhold(): void {
		this.dispatch({ type: 'unhold' });
	}
}
