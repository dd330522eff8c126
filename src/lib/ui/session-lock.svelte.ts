/**
 * One session at a time in this browser. The tab or window whose own session is under way holds
 * a Web Lock; every other one sees it held and says so, and never takes that live session for a
 * cut-off one (offering to resume it, or putting it in the history as abandoned). A tab that
 * starts a session anyway waits for the lock and holds it once the other session ends.
 */

/** The lock a tab holds while its session runs, is paused or held. */
export const SESSION_LOCK = 'liana-session';
/** Where tabs tell each other that a session began or ended, so the others look again. */
const CHANNEL = 'liana-session';

/** What this needs of the browser's Web Locks. */
export type SessionLocks = Pick<LockManager, 'request' | 'query'>;

export const PLAYING_ELSEWHERE =
	'A session is already playing in another tab or window of Liana. Two at once talk over each other: stop the other one first, or close this tab.';

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
	#locks: SessionLocks | undefined;
	#channel: BroadcastChannel | null;
	#state: 'idle' | 'waiting' | 'holding' = 'idle';
	#release: (() => void) | undefined;

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
			return this.#state !== 'holding' && held.some((lock) => lock.name === SESSION_LOCK);
		} catch {
			return false;
		}
	}

	/** Looks again, and shows what it found. */
	async refresh(): Promise<void> {
		this.elsewhere = await this.playingElsewhere();
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
			this.#channel?.close();
		};
	}

	/** Holds the lock while this tab's session is under way (waiting while another holds it). */
	hold(playing: boolean): void {
		if (!playing) {
			this.#release?.();
			this.#release = undefined;
			this.#state = 'idle';
			return;
		}
		if (!this.#locks || this.#release) return;
		let release!: () => void;
		const released = new Promise<void>((resolve) => (release = resolve));
		this.#release = release;
		this.#state = 'waiting';
		void this.#locks
			.request(SESSION_LOCK, () => {
				// Let go before it was granted: nothing to hold.
				if (this.#release !== release) return undefined;
				this.#state = 'holding';
				this.#tell();
				return released;
			})
			.then(() => this.#tell())
			.catch(() => undefined);
		void this.refresh();
	}

	#tell(): void {
		void this.refresh();
		this.#channel?.postMessage('changed');
	}
}
