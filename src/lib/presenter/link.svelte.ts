/**
 * The presenter pair, as each window takes part in it. The controls window leads: it posts the
 * engine state on every change, and at once to a window that says hello. The display follows:
 * it renders the lead's state on its own clock, so both show the same moment. When the lead
 * goes (closed, reloaded, crashed), the display carries the session on and leads it; a controls
 * window that opens while a display runs the session asks for it back. One window leads at a
 * time, so one keeper checkpoints and records a session.
 */
import { untrack } from 'svelte';
import { systemClock, type Clock } from '../engine/clock';
import { isUnderWay, type SessionEvent, type SessionState } from '../engine/types';
import { viewAt, type SessionView } from '../engine/view';
import type { CheckIn } from '../storage/database';
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
	clock?: Clock;
	requestFrame?: (callback: () => void) => number;
	cancelFrame?: (id: number) => void;
	/** Where the page's leaving is heard. */
	window?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
	/** A page brought back from the back-forward cache starts afresh (another window may lead now). */
	reload?: () => void;
}

/** Events the passing of time alone raises, which a display works out from the state it has. */
const FOLLOWED_BY_CLOCK = new Set<SessionEvent['type']>([
	'phase-started',
	'breath-started',
	'step-started',
	'cue-due'
]);

const live = (state: SessionState) => isUnderWay(state.mode.kind);

/** What the display says when it carries on the session its controls window left. */
function takeOverNotice(state: SessionState | undefined): string {
	if (!state) {
		return 'No controls window is open for this display, so this window runs the session on its own.';
	}
	if (live(state)) return 'The controls window closed; this window now runs the session.';
	if (state.mode.kind === 'idle') {
		return 'The controls window closed; start the session here when you are ready.';
	}
	return 'The controls window closed.';
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
	/** This window runs the session (its player, its keeper, its sound). */
	leading = $state(false);
	/** The display: the lead's session as it stands now, on this window's clock; none heard yet when undefined. */
	view = $state.raw<SessionView>();
	/** The display: the routine's title, from the lead's session. */
	title = $state('');
	/** The display: the routine's whole length, from the lead's session, for its progress. */
	totalMs = $state(0);
	/** The controls window: how many displays follow it now. */
	displays = $state(0);
	/** The display: why it now runs the session itself, in words; empty while it follows. */
	notice = $state('');
	/** Why the pair cannot work as it should, or empty. */
	problem = $state('');
	/**
	 * Messages heard and ignored (malformed, another routine's, a stranger's handover), and why the
	 * last one was: for a developer, as any page of the site can post on the channel; nobody is told.
	 */
	ignored = { count: 0, reason: '' };

	#options: PresenterOptions;
	#clock: Clock;
	/** The display's next frame, while it follows. */
	#frame: number | undefined;
	#channel: PresenterChannel | undefined;
	/** The display: whom it follows, and the last session heard from them. */
	#following: string | undefined;
	#heard: SentSession | undefined;
	/** The same session on this window's clock. */
	#followed: SessionState | undefined;
	#stopWatchingLead: (() => void) | undefined;
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- counted into `displays`; nothing renders the map.
	#displayWatch = new Map<string, () => void>();
	/** The lead: the player whose state it posts, and the check-in that goes with it. */
	#player: LedPlayer | undefined;
	#kept: () => KeptAlong = () => ({ before: {}, note: '' });
	#postQueued = false;
	/** The window whose session this one took over or was handed, named in every state it posts. */
	#succeeds: string | undefined;
	/** The display asked to hand its session back, until it does: the only one whose handover is taken. */
	#awaiting: string | undefined;
	/** Displays already asked to hand their session back. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a note to self; nothing renders it.
	#asked = new Set<string>();

	constructor(options: PresenterOptions) {
		this.#options = options;
		this.id = options.id ?? randomId();
		this.role = options.role;
		this.available = options.channel !== undefined;
		this.#clock = options.clock ?? systemClock;
		this.leading = options.role === 'controller';
		this.#following = options.role === 'display' ? options.pair : undefined;
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
			this.#stopDrawing();
			// The last word is the session as it stands, in case a change is still queued.
			this.#postState();
			this.#send({ type: 'bye', role: this.role });
			this.#stopWatchingLead?.();
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
			if (this.#following) this.#follow(this.#following);
			this.#send({
				type: 'hello',
				role: this.role,
				...(this.#following ? { pair: this.#following } : {})
			});
			if (this.leading) this.#postState();
			this.#drawWhileFollowing();
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
			if (FOLLOWED_BY_CLOCK.has(event.type)) return;
			if (this.#displayWatch.size > 0) this.#queuePost();
		});
		return () => {
			stop();
			if (this.#player === player) this.#player = undefined;
		};
	}

	#send(message: DistributiveOmit<PresenterMessage, 'v' | 'from'>): void {
		try {
			this.#channel?.post({ ...message, v: PRESENTER_PROTOCOL, from: this.id } as PresenterMessage);
		} catch (error) {
			this.problem = `The other window could not be told of the session: ${String(error)}`;
		}
	}

	/** One post for a burst of events (an action can raise several). */
	#queuePost(): void {
		if (this.#postQueued) return;
		this.#postQueued = true;
		queueMicrotask(() => {
			this.#postQueued = false;
			this.#postState();
		});
	}

	#sent(): SentSession | undefined {
		const state = this.#player?.state;
		if (!state) return undefined;
		const kept = this.#kept();
		return {
			state,
			clockOriginMs: this.#originMs(),
			before: $state.snapshot(kept.before),
			...(kept.note ? { note: kept.note } : {}),
			...(this.#succeeds ? { succeeds: this.#succeeds } : {})
		};
	}

	#postState(): void {
		if (!this.leading) return;
		const sent = this.#sent();
		if (sent) this.#send({ type: 'state', role: this.role, ...sent });
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
		if (message.from === this.id) return;
		switch (message.type) {
			case 'hello':
				return this.#onHello(message.from, message.role, message.pair);
			case 'state':
				return this.#onState(message.from, message.role, message);
			case 'take':
				return this.#onTake(message.from, message.to);
			case 'handover':
				return this.#onHandover(message.to, { ...message, from: message.from });
			case 'bye':
				return this.#onBye(message.from, message.role);
			default: {
				const unhandled: never = message;
				throw new Error(`unheard message ${JSON.stringify(unhandled)}`);
			}
		}
	}

	#onHello(from: string, role: PresenterRole, pair: string | undefined): void {
		// The window this display follows came (back) after the display said hello: say it again.
		if (!this.leading && from === this.#following) {
			this.#send({ type: 'hello', role: this.role, pair: from });
			return;
		}
		if (!this.leading) return;
		if (role === 'display' && pair === this.id && !this.#displayWatch.has(from)) {
			this.#displayWatch.set(
				from,
				this.#options.presence.watch(from, () => this.#displayGone(from))
			);
			this.displays = this.#displayWatch.size;
		}
		this.#postState();
	}

	#displayGone(id: string): void {
		this.#displayWatch.get(id)?.();
		if (!this.#displayWatch.delete(id)) return;
		this.displays = this.#displayWatch.size;
	}

	#onState(from: string, role: PresenterRole, sent: SentSession): void {
		if (!this.leading && from === this.#following) {
			this.#hearSession(sent);
			return;
		}
		// The window this display followed handed its session on: follow where it went.
		if (!this.leading && this.#following && sent.succeeds === this.#following) {
			this.#follow(from);
			this.#hearSession(sent);
			this.#send({ type: 'hello', role: this.role, pair: from });
			return;
		}
		// A display whose session is not under way follows a controls window that appears (not
		// a late word from the one it took over from, which is gone).
		if (
			this.role === 'display' &&
			role === 'controller' &&
			from !== this.#succeeds &&
			this.#yields()
		) {
			this.#rejoin(from, sent);
			return;
		}
		// A controls window with nothing started asks a display running this routine for its session.
		const mine = this.#player?.state;
		if (
			this.role === 'controller' &&
			role === 'display' &&
			live(sent.state) &&
			mine?.mode.kind === 'idle' &&
			!this.#asked.has(from)
		) {
			this.#asked.add(from);
			this.#awaiting = from;
			this.#send({ type: 'take', to: from });
		}
	}

	/** The display hands its session to a controls window that asked, and follows it again. */
	#onTake(from: string, to: string): void {
		if (to !== this.id || !this.leading || this.role !== 'display') return;
		const sent = this.#sent();
		if (!sent || !live(sent.state)) return;
		this.#send({ type: 'handover', to: from, ...sent });
		this.#rejoin(from, sent);
	}

	/** A display that leads a session not under way (none started, or ended). */
	#yields(): boolean {
		const mine = this.#player?.state;
		return this.leading && (!mine || !live(mine));
	}

	/** The display stops leading and follows the controls window `lead` again. */
	#rejoin(lead: string, sent: SentSession): void {
		this.leading = false;
		this.#player = undefined;
		this.notice = '';
		this.#follow(lead);
		this.#hearSession(sent);
		this.#options.handedOver?.();
		this.#send({ type: 'hello', role: this.role, pair: lead });
	}

	#hearSession(sent: SentSession): void {
		const followed = receivedState(sent, this.#originMs());
		// Worked out before anything is kept, so a session that cannot be shown leaves the last one.
		const view = viewAt(followed, this.#clock.now());
		this.#heard = sent;
		this.#followed = followed;
		this.title = followed.timeline.routine.title;
		this.totalMs = followed.timeline.totalMs;
		if (this.leading) return;
		this.view = view;
		this.#drawWhileFollowing();
	}

	#onHandover(to: string, sent: SentSession & { from: string }): void {
		if (to !== this.id || this.role !== 'controller') return;
		// Only the display this window asked, and once: any page of the site can post on the channel.
		if (sent.from !== this.#awaiting || !live(sent.state)) {
			this.#ignore('a handover this window did not ask for');
			return;
		}
		this.#awaiting = undefined;
		this.#succeeds = sent.from;
		this.#options.carryOn(receivedState(sent, this.#originMs()), keptAlong(sent));
	}

	#onBye(from: string, role: PresenterRole): void {
		if (role === 'display') this.#displayGone(from);
		// Where presence is reliable, the watch decides, so two displays never both take over.
		if (!this.#options.presence.reliable && !this.leading && from === this.#following) {
			this.#takeOver();
		}
	}

	#follow(lead: string): void {
		this.#stopWatchingLead?.();
		this.#succeeds = undefined;
		this.#following = lead;
		this.#stopWatchingLead = this.#options.presence.watch(
			lead,
			() => {
				if (this.#following === lead) this.#takeOver();
			},
			{ succeed: true }
		);
	}

	/** The lead went: this display carries the session on from the last state it heard. */
	#takeOver(): void {
		if (this.leading) return;
		// The watch is kept: it holds the gone window's place while this one leads.
		this.#succeeds = this.#following;
		this.#following = undefined;
		this.leading = true;
		const sent = this.#heard;
		this.#heard = undefined;
		this.#followed = undefined;
		this.view = undefined;
		this.notice = takeOverNotice(sent?.state);
		if (sent) this.#options.carryOn(receivedState(sent, this.#originMs()), keptAlong(sent));
		this.#postState();
	}

	/** Where this window's monotonic clock's zero falls on the wall clock, now. */
	#originMs(): number {
		return this.#clock.epochNow() - this.#clock.now();
	}

	/** The display's view of the lead's session, at this moment on this window's clock. */
	/**
	 * A display draws the followed session at every frame, on its own clock. The controls never
	 * do: their player looks at the engine only when the screen changes, and a frame loop here
	 * would keep the page working at every frame for nothing.
	 */
	#drawWhileFollowing(): void {
		if (this.#frame !== undefined || this.leading || !this.#channel) return;
		const requestFrame =
			this.#options.requestFrame ?? ((callback) => requestAnimationFrame(callback));
		const onFrame = () => {
			this.#frame = undefined;
			if (this.leading || !this.#channel) return;
			// The next frame first: nothing in this one can stop the display's clock.
			this.#drawWhileFollowing();
			this.#refresh();
		};
		this.#frame = requestFrame(onFrame);
	}

	#stopDrawing(): void {
		if (this.#frame === undefined) return;
		const cancelFrame = this.#options.cancelFrame ?? ((id) => cancelAnimationFrame(id));
		cancelFrame(this.#frame);
		this.#frame = undefined;
	}

	#refresh(): void {
		const state = this.#followed;
		if (this.leading || !state) return;
		try {
			this.view = viewAt(state, this.#clock.now());
		} catch (error) {
			this.#ignore(`the session heard could not be shown: ${String(error)}`);
		}
	}
}

/** `Omit` over each member of a union, so each message keeps its own fields. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
