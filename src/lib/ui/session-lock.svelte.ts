/**
 * One session at a time in this browser. The tab or window whose own session is under way holds
 * a Web Lock; every other one sees it held and says so, and never takes that live session for a
 * cut-off one (offering to resume it, or putting it in the history as abandoned). Another tab
 * starts only by taking the session over: it steals the lock, and the tab that held it hears so
 * and ends its session there. A tab that sees the lock held waits in line for it, so it hears
 * the moment the holder lets go or dies (a closed or crashed tab frees its locks).
 */

/** The lock a tab holds while its session runs, is paused or held. */
export const SESSION_LOCK = 'liana-session';
/** Where tabs tell each other that a session began or ended, so the others look again. */
const CHANNEL = 'liana-session';

/** What this needs of the browser's Web Locks. */
export type SessionLocks = Pick<LockManager, 'request' | 'query'>;

export const PLAYING_ELSEWHERE =
	'A session is already playing in another tab or window of Liana. Two at once would talk over each other, so Start here offers to take it over.';

/** Said in the tab whose session another tab took over. */
export const TAKEN_OVER =
	'A session was started in another tab or window, so this one ended here. Go on there.';

function browserLocks(): SessionLocks | undefined {
	return typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : undefined;
}

/** The tabs' channel, in a browser only (never while a page is prerendered). */
function openChannel(): BroadcastChannel | null {
	return typeof window === 'undefined' || typeof BroadcastChannel === 'undefined'
		? null
		: new BroadcastChannel(CHANNEL);
}

/** This tab's side of the lock, and what it knows of the others. */
export class SessionPresence {
	/** Another tab or window's session is under way. */
	elsewhere = $state(false);
	/** Another tab took this tab's session over: it ends here. */
	takenOver = $state(false);
	#locks: SessionLocks | undefined;
	#channel: BroadcastChannel | null;
	#state: 'idle' | 'waiting' | 'holding' = 'idle';
	#release: (() => void) | undefined;
	/** Stops waiting in line behind another tab's session (see {@link #watch}). */
	#stopWatching: AbortController | undefined;

	/** `channel` null: this one only asks, and hears nothing (a banner that looks once). */
	constructor(
		locks: SessionLocks | undefined = browserLocks(),
		channel: BroadcastChannel | null = openChannel()
	) {
		this.#locks = locks;
		this.#channel = channel;
	}

	/** Whether another tab's session holds the lock now (false where there are no Web Locks). */
	async playingElsewhere(): Promise<boolean> {
		if (!this.#locks) return false;
		try {
			const { held = [] } = await this.#locks.query();
			// A shared hold is another tab waiting in line (see #watch), not a session.
			return (
				this.#state !== 'holding' &&
				held.some((lock) => lock.name === SESSION_LOCK && lock.mode === 'exclusive')
			);
		} catch {
			return false;
		}
	}

	/** Looks again, and shows what it found. */
	async refresh(): Promise<void> {
		this.elsewhere = await this.playingElsewhere();
		if (this.elsewhere) this.#watch();
	}

	/**
	 * Waits in line for the lock another tab holds, and lets it go at once when granted: that
	 * moment is the other session's end, whether it stopped or its tab died without a word.
	 * Shared, so the tabs that wait are let in together and never wait on each other.
	 */
	#watch(): void {
		if (!this.#locks || this.#stopWatching || this.#state !== 'idle') return;
		const controller = new AbortController();
		this.#stopWatching = controller;
		void this.#locks
			.request(SESSION_LOCK, { mode: 'shared', signal: controller.signal }, () => undefined)
			.then(
				() => {
					if (this.#stopWatching === controller) this.#stopWatching = undefined;
					void this.refresh();
				},
				() => undefined
			);
	}

	#unwatch(): void {
		this.#stopWatching?.abort();
		this.#stopWatching = undefined;
	}

	/** Follows the other tabs while the page shows; returns the cleanup. */
	connect(): () => void {
		const look = () => void this.refresh();
		this.#channel?.addEventListener('message', look);
		globalThis.document?.addEventListener('visibilitychange', look);
		look();
		return () => {
			this.#channel?.removeEventListener('message', look);
			globalThis.document?.removeEventListener('visibilitychange', look);
			this.hold(false);
			this.#unwatch();
			this.#channel?.close();
		};
	}

	/**
	 * Holds the lock while this tab's session is under way (waiting while another holds it); let
	 * go, it is released once `until` settles (the session's end written).
	 */
	hold(playing: boolean, until?: Promise<unknown>): void {
		if (!playing) {
			const release = this.#release;
			this.#release = undefined;
			this.#state = 'idle';
			if (until) void until.then(release, release);
			else release?.();
			return;
		}
		this.#request(false);
	}

	/**
	 * Takes the session over from the tab that plays one: the lock is this tab's at once, and
	 * that tab hears it was taken (see {@link takenOver}). Held until `hold(false)`.
	 */
	takeOver(): void {
		this.#request(true);
	}

	#request(steal: boolean): void {
		this.takenOver = false;
		if (!this.#locks || this.#release) return;
		this.#unwatch();
		let release!: () => void;
		const released = new Promise<void>((resolve) => (release = resolve));
		this.#release = release;
		this.#state = 'waiting';
		const granted = () => {
			// Let go before it was granted: nothing to hold.
			if (this.#release !== release) return undefined;
			this.#state = 'holding';
			this.#tell();
			return released;
		};
		void (
			steal
				? this.#locks.request(SESSION_LOCK, { steal }, granted)
				: this.#locks.request(SESSION_LOCK, granted)
		).then(
			() => this.#tell(),
			(error: unknown) => {
				// Stolen by a tab that took the session over; any other failure leaves it unheld.
				if (this.#release !== release) return;
				this.#release = undefined;
				this.#state = 'idle';
				if (error instanceof DOMException && error.name === 'AbortError') this.takenOver = true;
				this.#tell();
			}
		);
		void this.refresh();
	}

	#tell(): void {
		void this.refresh();
		this.#channel?.postMessage('changed');
	}
}
