/**
 * The presenter pair's wire: what the controls window and the display window say to each other
 * over a `BroadcastChannel` (same browser, no network, so offline too), and how each window
 * knows the other is still there (a Web Lock each window holds while it lives).
 */
import * as v from 'valibot';
import { originShiftMs, rebaseState } from '../engine/rebase';
import type { SessionState } from '../engine/types';
import type { CheckIn } from '../storage/database';
import { checkCarriedSession } from './carried-session';
import { PRESENTER_PROTOCOL, presenterMessageSchema } from './message-schema';

export { PRESENTER_PROTOCOL };

/** Which window this is: the normal player with the controls, or the studio display. */
export type PresenterRole = 'controller' | 'display';

/** A session as one window hands it to another, on the sender's monotonic clock. */
export interface SentSession {
	state: SessionState;
	/**
	 * Where the sender's monotonic clock's zero falls on the wall clock, measured as it sent
	 * (`Date.now() - performance.now()`). Windows of one machine share the wall clock, so this is
	 * how a receiver puts the state on its own monotonic clock; measured afresh at every message,
	 * a wall clock set meanwhile does not skew it (a fixed `performance.timeOrigin` would).
	 */
	clockOriginMs: number;
	/** The before-session check-in, so whichever window keeps the session keeps it whole. */
	before: CheckIn;
	/** The coach's note on the session, for the same reason. */
	note?: string;
	/** The window whose session the sender carries on, so that window's other displays follow. */
	succeeds?: string;
}

/** Everything the windows of one routine say to each other. */
export type PresenterMessage = { v: typeof PRESENTER_PROTOCOL; from: string } & (
	| /** A window that opened (or follows someone new) asks the lead for the session at once. */
	  { type: 'hello'; role: PresenterRole; pair?: string }
	  /** The lead's session, on every change and whenever asked. */
	| ({ type: 'state'; role: PresenterRole } & SentSession)
	/** A controls window asks the display that runs the session to hand it back. */
	| { type: 'take'; to: string }
	/** The display hands its session to the controls window `to`, and follows it again. */
	| ({ type: 'handover'; to: string } & SentSession)
	/** The window is closing. */
	| { type: 'bye'; role: PresenterRole }
);

/** The channel all windows of one routine share, in this browser. */
export function channelName(routineId: string): string {
	return `liana-presenter:${routineId}`;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null;

/** What was heard on the channel: a message of this protocol, another version's, or noise. */
export type Heard =
	| { kind: 'message'; message: PresenterMessage }
	| { kind: 'other-version'; version: unknown }
	/** Not a message this window can act on; `reason` says why, for a developer only. */
	| { kind: 'noise'; reason: string };

const noise = (reason: string): Heard => ({ kind: 'noise', reason });

/**
 * Reads what came over the channel for routine `routineId`: only a message of this version,
 * with every field as the schema says and any session in it fit for this routine (rebuilt from
 * it), is one. Any page of the site can post here, so nothing else is trusted.
 */
export function readMessage(data: unknown, routineId: string): Heard {
	if (!isRecord(data) || typeof data.from !== 'string' || data.from === '') {
		return noise('not a message');
	}
	if (data.v !== PRESENTER_PROTOCOL) return { kind: 'other-version', version: data.v };
	if (!v.is(presenterMessageSchema, data)) return noise(`not a well-formed ${String(data.type)}`);
	// The schema checked every field but the session's timeline and program, which come next.
	const message = data as unknown as PresenterMessage;
	if (message.type !== 'state' && message.type !== 'handover') return { kind: 'message', message };
	const carried = checkCarriedSession(message.state, routineId);
	if (!carried.ok) return noise(`a ${message.type} whose session does not fit: ${carried.reason}`);
	return { kind: 'message', message: { ...message, state: carried.state } };
}

/** A sent session on this window's clock (whose zero is at wall time `localOriginMs` now). */
export function receivedState(sent: SentSession, localOriginMs: number): SessionState {
	return rebaseState(sent.state, originShiftMs(sent.clockOriginMs, localOriginMs));
}

/** A channel the windows share; `BroadcastChannel` in the browser, a fake in the tests. */
export interface PresenterChannel {
	post(message: PresenterMessage): void;
	listen(hear: (data: unknown) => void): void;
	close(): void;
}

/** The browser's channel for a routine, or undefined where there is none (an old browser). */
export function openBroadcastChannel(routineId: string): PresenterChannel | undefined {
	if (typeof BroadcastChannel === 'undefined') return undefined;
	const channel = new BroadcastChannel(channelName(routineId));
	return {
		post: (message) => channel.postMessage(message),
		listen: (hear) => {
			channel.onmessage = (event) => hear(event.data);
		},
		close: () => channel.close()
	};
}

/** How a window shows it lives, and learns that another one has gone (closed, reloaded, crashed). */
export interface Presence {
	/** Marks this window as present until the returned release is called; resolves once it is. */
	hold(windowId: string): Promise<() => void>;
	/**
	 * Calls `gone` once window `windowId` is no longer present; returns the cancel. With `succeed`,
	 * the watcher takes the gone window's place until it cancels or goes itself, so no other
	 * window watching for the same one hears it gone meanwhile: one successor, never two.
	 */
	watch(windowId: string, gone: () => void, options?: { succeed?: boolean }): () => void;
	/** True where a window is heard gone without its goodbye (closed, crashed). */
	readonly reliable: boolean;
}

const lockName = (windowId: string) => `liana-window:${windowId}`;

/** The part of the Web Locks API presence uses (`navigator.locks`, or a fake in the tests). */
export interface Locks {
	request(
		name: string,
		options: { signal?: AbortSignal },
		granted: () => Promise<void> | void
	): Promise<unknown>;
}

/**
 * Presence by Web Locks: each window holds a lock named for it while it lives; the browser lets
 * it go when the window closes or crashes, and a window waiting for it is then granted it. No
 * heartbeat is needed, so a hidden window whose timers the browser slows is never taken for gone.
 */
export function lockPresence(locks: Locks): Presence {
	return {
		hold(windowId) {
			return new Promise((held) => {
				void locks.request(lockName(windowId), {}, () => {
					let release = () => {};
					const kept = new Promise<void>((resolve) => (release = resolve));
					held(release);
					return kept;
				});
			});
		},
		reliable: true,
		watch(windowId, gone, options = {}) {
			const abort = new AbortController();
			let cancelled = false;
			let letGo = () => {};
			locks
				.request(lockName(windowId), { signal: abort.signal }, () => {
					if (cancelled) return;
					gone();
					if (!options.succeed) return;
					return new Promise<void>((resolve) => (letGo = resolve));
				})
				.catch((error: unknown) => {
					// Cancelled on purpose: the window stopped watching before the other one went.
					if (error instanceof DOMException && error.name === 'AbortError') return;
					throw error;
				});
			return () => {
				cancelled = true;
				abort.abort();
				letGo();
			};
		}
	};
}

/** Where Web Locks are missing, a window's "bye" as it closes is all there is to hear. */
export const byeOnlyPresence: Presence = {
	reliable: false,
	hold: () => Promise.resolve(() => {}),
	watch: () => () => {}
};

/** The browser's presence: Web Locks where there are, else the goodbye alone. */
export function browserPresence(): Presence {
	return typeof navigator !== 'undefined' && navigator.locks
		? lockPresence(navigator.locks)
		: byeOnlyPresence;
}
