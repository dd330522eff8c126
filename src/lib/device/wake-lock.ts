/**
 * Keeps the screen on while a session plays. A wake lock ends whenever the page is hidden, so it
 * is asked for again when the page comes back, or on the next tap where the browser wants one.
 */

export type WakeLockStatus = 'off' | 'held' | 'unsupported' | 'refused';

type WakeLockNavigator = {
	wakeLock?: {
		request(type: 'screen'): Promise<{
			release(): Promise<void>;
			addEventListener(type: 'release', listener: () => void): void;
		}>;
	};
};

export class ScreenWakeLock {
	#navigator: WakeLockNavigator;
	#document: Pick<Document, 'addEventListener' | 'removeEventListener' | 'visibilityState'>;
	#sentinel: { release(): Promise<void> } | undefined;
	#wanted = false;
	#onStatus: (status: WakeLockStatus) => void;
	status: WakeLockStatus = 'off';

	constructor(
		options: {
			navigator?: WakeLockNavigator;
			document?: Pick<Document, 'addEventListener' | 'removeEventListener' | 'visibilityState'>;
			onStatus?: (status: WakeLockStatus) => void;
		} = {}
	) {
		this.#navigator = options.navigator ?? (navigator as unknown as WakeLockNavigator);
		this.#document = options.document ?? document;
		this.#onStatus = options.onStatus ?? (() => {});
	}

	#set(status: WakeLockStatus): void {
		this.status = status;
		this.#onStatus(status);
	}

	/** Holds the screen on until `release()`; returns the cleanup of its listeners. */
	hold(): void {
		if (this.#wanted) return;
		this.#wanted = true;
		this.#document.addEventListener('visibilitychange', this.#again);
		this.#document.addEventListener('pointerdown', this.#again);
		void this.#request();
	}

	release(): void {
		this.#wanted = false;
		this.#document.removeEventListener('visibilitychange', this.#again);
		this.#document.removeEventListener('pointerdown', this.#again);
		const sentinel = this.#sentinel;
		this.#sentinel = undefined;
		if (sentinel) void sentinel.release().catch(() => undefined);
		this.#set('off');
	}

	#again = () => {
		if (this.#wanted && !this.#sentinel && this.#document.visibilityState === 'visible') {
			void this.#request();
		}
	};

	async #request(): Promise<void> {
		const wakeLock = this.#navigator.wakeLock;
		if (!wakeLock) {
			this.#set('unsupported');
			return;
		}
		try {
			const sentinel = await wakeLock.request('screen');
			if (!this.#wanted) {
				await sentinel.release();
				return;
			}
			this.#sentinel = sentinel;
			sentinel.addEventListener('release', () => {
				if (this.#sentinel === sentinel) this.#sentinel = undefined;
			});
			this.#set('held');
		} catch {
			// Refused (battery saver, a hidden page): asked again on return or on the next tap.
			this.#set('refused');
		}
	}
}
