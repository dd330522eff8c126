/**
 * The presenter pair, as each window takes part in it. The controls window leads: it posts the
 * engine state on every change, and at once to a window that says hello. The display follows:
 * it renders the lead's state on its own clock, so both show the same moment. When the lead
 * goes (closed, reloaded, crashed), the display carries the session on and leads it; a controls
 * window that opens while a display runs the session asks for it back. One window leads at a
 * time, so one keeper checkpoints and records a session.
 *
 * The rules are the protocol's (`protocol.ts`); this class owns the channel, the locks, the
 * player and the display's wakes, feeds the protocol what happens, and carries out what it returns.
 */
import { untrack } from 'svelte';
import { systemClock, type Clock } from '../engine/clock';
import { isClockDriven, type SessionEvent, type SessionState } from '../engine/types';
import { viewAt, type SessionView } from '../engine/view';
import type { CheckIn } from '../storage/database';
import { MIN_WAKE_MS, msUntilChange } from '../ui/session/next-change';
import {
	leads,
	startingState,
	step,
	type Here,
	type PairInput,
	type PairOutput,
	type PairState
} from './protocol';
import {
	PRESENTER_PROTOCOL,
	readMessage,
	receivedState,
	type PresenterChannel,
	type PresenterMessage,
	type PresenterRole,
	type Presence,
	type SentSession
} from './wire';

/** The player as the lead posts it. */
export interface LedPlayer {
	readonly state: SessionState;
	listen(listener: (event: SessionEvent) => void): () => void;
}

/** What the keeper holds besides the engine state, carried with it to another window. */
export interface KeptAlong {
	before: CheckIn;
	note: string;
}

/** What a window does when a session comes to it from another. */
export type CarryOn = (state: SessionState, kept: KeptAlong) => void;

/** The environment, as options with defaults, so a test hands in its own. */
export interface PresenterOptions {
	/** The routine this window plays: a session of any other is not heard. */
	routineId: string;
	role: PresenterRole;
	/** The display: the id of the controls window it follows. */
	pair?: string;
	/** This window's id; a random one by default. */
	id?: string;
	/** Carries a session on in this window, from where it stands (the page makes its player). */
	carryOn: CarryOn;
	/** The display gave its session back: the page lets its own player go. */
	handedOver?: () => void;
	/** The shared channel; undefined where the browser has none (the pair is then not offered). */
	channel: PresenterChannel | undefined;
	presence: Presence;
	/** This window's clock, and the timer that wakes a display when what it shows changes. */
	clock?: Clock;
	/** Where the page's leaving is heard. */
	window?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
	/** A page brought back from the back-forward cache starts afresh (another window may lead now). */
	reload?: () => void;
}

const keptAlong = (sent: SentSession): KeptAlong => ({
	before: sent.before,
	note: sent.note ?? ''
});

const randomId = () =>
	typeof crypto !== 'undefined' && 'randomUUID' in crypto
		? crypto.randomUUID()
		: Math.random().toString(36).slice(2);

export class PresenterLink {
	readonly id: string;
	readonly role: PresenterRole;
	/** Whether this browser can pair windows at all. */
	readonly available: boolean;
	/** Connected and present: a display opened now will find this window. */
	ready = $state(false);
	/** The display: the lead's session as it stands now, on this window's clock; none heard yet when undefined. */
	view = $state.raw<SessionView>();
	/** The display: the routine's title, from the lead's session. */
	title = $state('');
	/** The display: the routine's whole length, from the lead's session, for its progress. */
	totalMs = $state(0);
	/** Why the pair cannot work as it should, or empty. */
	problem = $state('');
	/**
	 * Messages heard and ignored (malformed, another routine's, a stranger's handover), and why the
	 * last one was: for a developer, as any page of the site can post on the channel; nobody is told.
	 */
	ignored = { count: 0, reason: '' };

	/** Where this window stands in the pair, replaced whole at every step. */
	#pair = $state.raw<PairState>({ kind: 'leading', displays: [], asked: [] });
	#options: PresenterOptions;
	#clock: Clock;
	/** The display's next wake, while it follows: the moment what it shows changes. */
	#wake: number | undefined;
	#channel: PresenterChannel | undefined;
	/** The lead's session on this window's clock, while this display follows it. */
	#followed: SessionState | undefined;
	#stopWatchingLead: (() => void) | undefined;
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- the protocol counts the displays; this holds their watches.
	#displayWatch = new Map<string, () => void>();
	/** The lead: the player whose state it posts, and the check-in that goes with it. */
	#player: LedPlayer | undefined;
	#kept: () => KeptAlong = () => ({ before: {}, note: '' });
	#postQueued = false;

	constructor(options: PresenterOptions) {
		this.#options = options;
		this.id = options.id ?? randomId();
		this.role = options.role;
		this.available = options.channel !== undefined;
		this.#clock = options.clock ?? systemClock;
		this.#pair = startingState(options.role, options.pair);
	}

	/** This window runs the session (its player, its keeper, its sound). */
	get leading(): boolean {
		return leads(this.#pair);
	}

	/** The controls window: how many displays follow it now. */
	get displays(): number {
		return this.#pair.displays.length;
	}

	/** The display: why it now runs the session itself, in words; empty while it follows. */
	get notice(): string {
		return this.#pair.kind === 'taken-over' ? this.#pair.notice : '';
	}

	/** Joins the pair while the page is shown; returns the cleanup (which says goodbye). */
	connect(): () => void {
		return untrack(() => this.#connect());
	}

	#connect(): () => void {
		const channel = this.#options.channel;
		if (!channel) return () => {};
		let closed = false;
		let release = () => {};
		const leave = () => {
			if (closed) return;
			closed = true;
			this.#sleep();
			this.#take({ type: 'leaving' });
			this.#stopWatchingLead?.();
			this.#stopWatchingLead = undefined;
			for (const stop of this.#displayWatch.values()) stop();
			this.#displayWatch.clear();
			channel.close();
			this.#channel = undefined;
			this.ready = false;
			release();
		};
		const onPageShow = (event: PageTransitionEvent) => {
			if (event.persisted) this.#options.reload?.();
		};
		const page = this.#options.window;
		page?.addEventListener('pagehide', leave);
		page?.addEventListener('pageshow', onPageShow);
		// Present first: a window that hears this one can then tell when it goes.
		void this.#options.presence.hold(this.id).then((letGo) => {
			release = letGo;
			if (closed) {
				letGo();
				return;
			}
			this.#channel = channel;
			channel.listen((data) => this.#hear(data));
			this.ready = true;
			this.#take({ type: 'connected' });
		});
		return () => {
			page?.removeEventListener('pagehide', leave);
			page?.removeEventListener('pageshow', onPageShow);
			leave();
		};
	}

	/** Posts `player`'s state on every change while this window leads; returns the stop. */
	lead(player: LedPlayer, kept: () => KeptAlong = () => ({ before: {}, note: '' })): () => void {
		this.#player = player;
		this.#kept = kept;
		this.#queuePost();
		const stop = player.listen((event) => {
			// Only what a control changed: the follower works out the passing of time itself.
			// What time alone raises, a display works out from the state it has.
			if (isClockDriven(event.type)) return;
			if (this.displays > 0) this.#queuePost();
		});
		return () => {
			stop();
			if (this.#player === player) this.#player = undefined;
		};
	}

	/** One post for a burst of events (an action can raise several). */
	#queuePost(): void {
		if (this.#postQueued) return;
		this.#postQueued = true;
		queueMicrotask(() => {
			this.#postQueued = false;
			this.#take({ type: 'changed' });
		});
	}

	/** This window as the protocol sees it: its id, its session as it stands, its presence. */
	#here(): Here {
		return {
			id: this.id,
			mine: this.#mine(),
			reliable: this.#options.presence.reliable
		};
	}

	#mine(): Here['mine'] {
		const state = this.#player?.state;
		if (!state) return undefined;
		const kept = this.#kept();
		return {
			state,
			clockOriginMs: this.#originMs(),
			before: $state.snapshot(kept.before),
			...(kept.note ? { note: kept.note } : {})
		};
	}

	/** One step of the protocol, and what it says to do, done in order. */
	#take(input: PairInput): void {
		const [next, outputs] = step(this.#pair, input, this.#here());
		this.#pair = next;
		for (const output of outputs) this.#do(output);
		// A display that now leads runs a player of its own, which wakes itself.
		if (this.leading) this.#sleep();
	}

	#do(output: PairOutput): void {
		switch (output.kind) {
			case 'post':
				return this.#send(output.message);
			case 'watch-lead':
				return this.#watchLead(output.lead);
			case 'watch-display':
				return this.#watchDisplay(output.display);
			case 'forget-display':
				this.#displayWatch.get(output.display)?.();
				this.#displayWatch.delete(output.display);
				return;
			case 'show':
				return this.#show(output.sent);
			case 'stop-showing':
				this.#followed = undefined;
				this.view = undefined;
				this.#sleep();
				return;
			case 'carry-on':
				return this.#options.carryOn(
					receivedState(output.sent, this.#originMs()),
					keptAlong(output.sent)
				);
			case 'handed-over':
				this.#player = undefined;
				return this.#options.handedOver?.();
			case 'ignore':
				return this.#ignore(output.reason);
			default: {
				const unknown: never = output;
				throw new Error(`no such output ${JSON.stringify(unknown)}`);
			}
		}
	}

	#send(message: DistributiveOmit<PresenterMessage, 'v' | 'from'>): void {
		try {
			this.#channel?.post({ ...message, v: PRESENTER_PROTOCOL, from: this.id } as PresenterMessage);
		} catch (error) {
			this.problem = `The other window could not be told of the session: ${String(error)}`;
		}
	}

	/** One message at a time, each on its own: whatever one does wrong, the next is still heard. */
	#hear(data: unknown): void {
		try {
			this.#handle(data);
		} catch (error) {
			this.#ignore(`a message could not be handled: ${String(error)}`);
		}
	}

	#ignore(reason: string): void {
		this.ignored.count++;
		this.ignored.reason = reason;
	}

	#handle(data: unknown): void {
		const heard = readMessage(data, this.#options.routineId);
		if (heard.kind === 'other-version') {
			this.problem =
				'The other window runs another version of Liana, so the two cannot pair. Reload both windows.';
			return;
		}
		if (heard.kind === 'noise') {
			this.#ignore(heard.reason);
			return;
		}
		const message = heard.message;
		// A session that cannot be shown on this window's clock is noise too, and changes nothing.
		if (message.type === 'state' || message.type === 'handover') {
			viewAt(receivedState(message, this.#originMs()), this.#clock.now());
		}
		this.#take(message);
	}

	#watchLead(lead: string): void {
		this.#stopWatchingLead?.();
		this.#stopWatchingLead = this.#options.presence.watch(
			lead,
			() => this.#take({ type: 'lead-gone', lead }),
			{ succeed: true }
		);
	}

	#watchDisplay(display: string): void {
		this.#displayWatch.set(
			display,
			this.#options.presence.watch(display, () => this.#take({ type: 'display-gone', display }))
		);
	}

	/** The lead's session `sent`, shown on this window's clock from now on. */
	#show(sent: SentSession): void {
		const followed = receivedState(sent, this.#originMs());
		this.#followed = followed;
		this.title = followed.timeline.routine.title;
		this.totalMs = followed.timeline.totalMs;
		this.view = viewAt(followed, this.#clock.now());
		this.#wakeWhenShownChanges();
	}

	/** Where this window's monotonic clock's zero falls on the wall clock, now. */
	#originMs(): number {
		return this.#clock.epochNow() - this.#clock.now();
	}

	/**
	 * A display looks at the followed session again only when what it shows would change (a
	 * second, a phase, a breath), as the player does, and sleeps in between: CSS moves the pacer.
	 * Nothing runs while the session stands still (before it, paused, held, done): the lead posts
	 * the control that moves it on. The controls never wake here: their player wakes itself.
	 */
	#wakeWhenShownChanges(): void {
		this.#sleep();
		const view = this.view;
		if (this.leading || !this.#channel || !this.#followed || !view) return;
		// Shown or not: a display plays no sound and keeps nothing, so only its screen matters.
		const inMs = msUntilChange(view, true);
		if (inMs === undefined) return;
		this.#wake = this.#clock.setTimeout(
			() => {
				this.#wake = undefined;
				this.#refresh();
			},
			Math.max(MIN_WAKE_MS, inMs)
		);
	}

	#sleep(): void {
		if (this.#wake === undefined) return;
		this.#clock.clearTimeout(this.#wake);
		this.#wake = undefined;
	}

	#refresh(): void {
		const state = this.#followed;
		if (this.leading || !this.#channel || !state) return;
		try {
			this.view = viewAt(state, this.#clock.now());
		} catch (error) {
			this.#ignore(`the session heard could not be shown: ${String(error)}`);
		}
		// Even after a failure: nothing in one wake can stop the display's clock.
		this.#wakeWhenShownChanges();
	}
}

/** `Omit` over each member of a union, so each message keeps its own fields. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
