/**
 * The presenter pair's rules, as one window keeps them: given where this window stands and what
 * it heard (a message from another window, or something that happened here), where it stands
 * next and what it does (the messages to post among them). Pure: the channel, the locks, the
 * player and the clock stay with the adapter (`link.svelte.ts`), which carries the outputs out.
 */
import { isUnderWay } from '../engine/types';
import type { PresenterMessage, PresenterRole, SentSession } from './wire';

/** Where one window of the pair stands. Every state keeps the displays that follow it. */
export type PairState =
	/** The controls window: it runs the session, and may ask a display that runs one to give it back. */
	| {
			kind: 'leading';
			displays: readonly string[];
			/** The display whose session this window was handed, named in every state it posts. */
			succeeds?: string;
			/** Displays already asked to hand their session back: each is asked once. */
			asked: readonly string[];
			/** The display asked, until it answers: the only one whose handover is taken. */
			awaiting?: string;
	  }
	/** A display showing the session of the window `lead`; `heard` is the last session it sent. */
	| { kind: 'following'; displays: readonly string[]; lead: string; heard?: SentSession }
	/** A display that runs the session itself, as its lead went (`succeeds`) or none was there. */
	| { kind: 'taken-over'; displays: readonly string[]; succeeds?: string; notice: string };

/** What happened in this window, besides a message heard. */
export type PairEvent =
	/** This window is present and listens: it says hello. */
	| { type: 'connected' }
	/** The session this window runs changed: the displays are told. */
	| { type: 'changed' }
	/** The page is going: the last word is the session as it stands, then goodbye. */
	| { type: 'leaving' }
	/** The window `lead` is gone (its lock let go). */
	| { type: 'lead-gone'; lead: string }
	/** The display `display` is gone. */
	| { type: 'display-gone'; display: string };

export type PairInput = PresenterMessage | PairEvent;

/** A message as this window posts it; the adapter adds the version and this window's id. */
export type Outgoing = DistributiveOmit<PresenterMessage, 'v' | 'from'>;

/** What this window does next, in order. */
export type PairOutput =
	| { kind: 'post'; message: Outgoing }
	/** Watch the window `lead` (in its place once it goes), instead of any lead watched before. */
	| { kind: 'watch-lead'; lead: string }
	| { kind: 'watch-display'; display: string }
	| { kind: 'forget-display'; display: string }
	/** Show the lead's session `sent` on this window's clock. */
	| { kind: 'show'; sent: SentSession }
	/** Stop showing another window's session: this window runs its own now. */
	| { kind: 'stop-showing' }
	/** Carry the session `sent` on in this window, from where it stands. */
	| { kind: 'carry-on'; sent: SentSession }
	/** This display gave its session back: its own player goes. */
	| { kind: 'handed-over' }
	/** A message heard and not acted on, and why (for a developer). */
	| { kind: 'ignore'; reason: string };

/** What the protocol needs to know of this window as it steps. */
export interface Here {
	id: string;
	/** The session this window runs, as it would send it; undefined when it runs none. */
	mine: Omit<SentSession, 'succeeds'> | undefined;
	/** Whether a window is heard gone without its goodbye (Web Locks): then the watch decides. */
	reliable: boolean;
}

export type PairStep = [PairState, PairOutput[]];

/** Where a window starts: a controls window leads; a display follows its controls window. */
export function startingState(role: PresenterRole, pair: string | undefined): PairState {
	if (role === 'controller') return { kind: 'leading', displays: [], asked: [] };
	// A display given no window to follow runs the session itself.
	if (!pair) return { kind: 'taken-over', displays: [], notice: takeOverNotice(undefined) };
	return { kind: 'following', displays: [], lead: pair };
}

/** Whether this window runs the session (its player, its keeper, its sound). */
export const leads = (state: PairState): boolean => state.kind !== 'following';

/** A controls window leads always; a display follows or has taken over. */
export const roleOf = (state: PairState): PresenterRole =>
	state.kind === 'leading' ? 'controller' : 'display';

const live = (sent: { state: SentSession['state'] } | undefined) =>
	sent !== undefined && isUnderWay(sent.state.mode.kind);

/** What the display says when it carries on the session its controls window left. */
export function takeOverNotice(state: SentSession['state'] | undefined): string {
	if (!state) {
		return 'No controls window is open for this display, so this window runs the session on its own.';
	}
	if (isUnderWay(state.mode.kind)) {
		return 'The controls window closed; this window now runs the session.';
	}
	if (state.mode.kind === 'idle') {
		return 'The controls window closed; start the session here when you are ready.';
	}
	return 'The controls window closed.';
}

/** One step of the pair: the state after `input`, and what this window does. */
export function step(state: PairState, input: PairInput, here: Here): PairStep {
	// A window hears nothing of its own (a channel does not echo, but a stranger may forge it).
	if ('from' in input && input.from === here.id) return [state, []];
	switch (state.kind) {
		case 'leading':
			return whileLeading(state, input, here);
		case 'following':
			return whileFollowing(state, input, here);
		case 'taken-over':
			return whileTakenOver(state, input, here);
		default: {
			const unknown: never = state;
			throw new Error(`no such pair state ${JSON.stringify(unknown)}`);
		}
	}
}

type Leading = Extract<PairState, { kind: 'leading' }>;
type Following = Extract<PairState, { kind: 'following' }>;
type TakenOver = Extract<PairState, { kind: 'taken-over' }>;

const post = (message: Outgoing): PairOutput => ({ kind: 'post', message });

/** The session this window runs, posted, when it leads and runs one. */
function postMine(state: Leading | TakenOver, here: Here): PairOutput[] {
	if (!here.mine) return [];
	const succeeds = state.succeeds ? { succeeds: state.succeeds } : {};
	return [post({ type: 'state', role: roleOf(state), ...here.mine, ...succeeds })];
}

/** A display `from` that follows this window is watched, so it is counted while it lives. */
function welcome<S extends PairState>(state: S, from: string): [S, PairOutput[]] {
	if (state.displays.includes(from)) return [state, []];
	return [
		{ ...state, displays: [...state.displays, from] },
		[{ kind: 'watch-display', display: from }]
	];
}

function forget<S extends PairState>(state: S, display: string): [S, PairOutput[]] {
	if (!state.displays.includes(display)) return [state, []];
	return [
		{ ...state, displays: state.displays.filter((id) => id !== display) },
		[{ kind: 'forget-display', display }]
	];
}

/** The page goes: the session as it stands (a change may still be queued), then goodbye. */
function leave(state: PairState, here: Here): PairStep {
	const last = state.kind === 'following' ? [] : postMine(state, here);
	const forgotten = state.displays.map((display): PairOutput => ({
		kind: 'forget-display',
		display
	}));
	return [
		{ ...state, displays: [] },
		[...last, post({ type: 'bye', role: roleOf(state) }), ...forgotten]
	];
}

/** What a leader does alike, controls window or display: welcome displays, answer, say goodbye. */
const LEADER_INPUTS = ['connected', 'changed', 'leaving', 'hello', 'bye', 'display-gone'] as const;
type LeaderInput = Extract<PairInput, { type: (typeof LEADER_INPUTS)[number] }>;

const isLeaderInput = (input: PairInput): input is LeaderInput =>
	(LEADER_INPUTS as readonly string[]).includes(input.type);

/** An input no handler takes: the build breaks here when a new one is added and not handled. */
function unheard(input: never): never {
	throw new Error(`unheard input ${JSON.stringify(input)}`);
}

function asLeader<S extends Leading | TakenOver>(
	state: S,
	input: LeaderInput,
	here: Here
): PairStep {
	switch (input.type) {
		case 'connected':
			return [state, [post({ type: 'hello', role: roleOf(state) }), ...postMine(state, here)]];
		case 'changed':
			return [state, postMine(state, here)];
		case 'leaving':
			return leave(state, here);
		case 'hello': {
			const [next, outputs] =
				input.role === 'display' && input.pair === here.id
					? welcome(state, input.from)
					: [state, []];
			return [next, [...outputs, ...postMine(next, here)]];
		}
		case 'bye':
			return input.role === 'display' ? forget(state, input.from) : [state, []];
		case 'display-gone':
			return forget(state, input.display);
		default:
			return unheard(input);
	}
}

/** The controls window runs the session, and takes back a session a display runs, if it asked. */
function whileLeading(state: Leading, input: PairInput, here: Here): PairStep {
	if (isLeaderInput(input)) return asLeader(state, input, here);
	switch (input.type) {
		case 'state': {
			// With nothing started, it asks a display running this routine for its session, once.
			const ask =
				input.role === 'display' &&
				live(input) &&
				here.mine?.state.mode.kind === 'idle' &&
				!state.asked.includes(input.from);
			if (!ask) return [state, []];
			return [
				{ ...state, asked: [...state.asked, input.from], awaiting: input.from },
				[post({ type: 'take', to: input.from })]
			];
		}
		case 'handover': {
			if (input.to !== here.id) return [state, []];
			// Only the display this window asked, and once: any page of the site can post here.
			if (input.from !== state.awaiting || !live(input)) {
				return [state, [{ kind: 'ignore', reason: 'a handover this window did not ask for' }]];
			}
			// Answered: no other handover is taken.
			return [
				{ kind: 'leading', displays: state.displays, asked: state.asked, succeeds: input.from },
				[{ kind: 'carry-on', sent: sentOf(input) }]
			];
		}
		case 'take':
		case 'lead-gone':
			return [state, []];
		default:
			return unheard(input);
	}
}

/** A display shows its lead's session, follows where it goes, and takes over when the lead goes. */
function whileFollowing(state: Following, input: PairInput, here: Here): PairStep {
	switch (input.type) {
		case 'connected':
			return [
				state,
				[
					{ kind: 'watch-lead', lead: state.lead },
					post({ type: 'hello', role: 'display', pair: state.lead })
				]
			];
		case 'hello':
			// The window this display follows came (back) after the display said hello: say it again.
			if (input.from !== state.lead) return [state, []];
			return [state, [post({ type: 'hello', role: 'display', pair: input.from })]];
		case 'state': {
			const sent = sentOf(input);
			if (input.from === state.lead) {
				return [{ ...state, heard: sent }, [{ kind: 'show', sent }]];
			}
			// The window this display followed handed its session on: follow where it went.
			if (sent.succeeds !== state.lead) return [state, []];
			return follow(state, input.from, sent);
		}
		case 'bye': {
			if (input.role === 'display') return forget(state, input.from);
			// Where presence is reliable, the watch decides, so two displays never both take over.
			if (here.reliable || input.from !== state.lead) return [state, []];
			return takeOver(state, here);
		}
		case 'lead-gone':
			return input.lead === state.lead ? takeOver(state, here) : [state, []];
		case 'display-gone':
			return forget(state, input.display);
		case 'leaving':
			return leave(state, here);
		case 'changed':
		case 'take':
		case 'handover':
			return [state, []];
		default:
			return unheard(input);
	}
}

/** A display that runs the session: it gives it back to a controls window that asks or appears. */
function whileTakenOver(state: TakenOver, input: PairInput, here: Here): PairStep {
	if (isLeaderInput(input)) return asLeader(state, input, here);
	switch (input.type) {
		case 'state':
			// It follows a controls window that appears while its own session is not under way (not
			// a late word from the window it took over from, which is gone).
			if (input.role !== 'controller' || input.from === state.succeeds || live(here.mine)) {
				return [state, []];
			}
			return rejoin(state, input.from, sentOf(input), []);
		case 'take': {
			// A controls window asked for the session: it is handed over, and followed again.
			if (input.to !== here.id || !here.mine || !live(here.mine)) return [state, []];
			const mine: SentSession = {
				...here.mine,
				...(state.succeeds ? { succeeds: state.succeeds } : {})
			};
			return rejoin(state, input.from, mine, [post({ type: 'handover', to: input.from, ...mine })]);
		}
		case 'handover':
		case 'lead-gone':
			return [state, []];
		default:
			return unheard(input);
	}
}

/** The session a `state` or `handover` message carries, without the message's own fields. */
function sentOf(message: Extract<PresenterMessage, { type: 'state' | 'handover' }>): SentSession {
	return {
		state: message.state,
		clockOriginMs: message.clockOriginMs,
		before: message.before,
		...(message.note !== undefined ? { note: message.note } : {}),
		...(message.succeeds !== undefined ? { succeeds: message.succeeds } : {})
	};
}

/** The display follows the window `lead`, which sent `sent`, and says hello to it. */
function follow(state: PairState, lead: string, sent: SentSession): PairStep {
	return [
		{ kind: 'following', displays: state.displays, lead, heard: sent },
		[
			{ kind: 'watch-lead', lead },
			{ kind: 'show', sent },
			post({ type: 'hello', role: 'display', pair: lead })
		]
	];
}

/** The display stops running the session and follows the controls window `lead` again. */
function rejoin(state: TakenOver, lead: string, sent: SentSession, first: PairOutput[]): PairStep {
	const [next, outputs] = follow(state, lead, sent);
	const hello = outputs.pop();
	return [next, [...first, ...outputs, { kind: 'handed-over' }, ...(hello ? [hello] : [])]];
}

/** The lead went: this display carries the session on from the last state it heard. */
function takeOver(state: Following, here: Here): PairStep {
	const sent = state.heard;
	// The lead's watch is kept: it holds the gone window's place while this one leads.
	const next: TakenOver = {
		kind: 'taken-over',
		displays: state.displays,
		succeeds: state.lead,
		notice: takeOverNotice(sent?.state)
	};
	return [
		next,
		[
			{ kind: 'stop-showing' },
			...(sent ? [{ kind: 'carry-on', sent } satisfies PairOutput] : []),
			...postMine(next, here)
		]
	];
}

/** `Omit` over each member of a union, so each message keeps its own fields. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
