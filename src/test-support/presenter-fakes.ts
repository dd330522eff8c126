/**
 * Fakes of the browser for the presenter pair's tests: a broadcast channel shared by windows
 * (delivered a task later, as the browser does) and a lock manager whose locks a window holds
 * until it closes or crashes.
 */
import type { Locks, PresenterChannel, PresenterMessage } from '$lib/presenter/wire';

/** Every window's end of one broadcast channel; `sent` is everything posted, in order. */
export class FakeBroadcast {
	sent: PresenterMessage[] = [];
	#ends = new Set<{ hear?: (data: unknown) => void }>();

	/** A new window's end of the channel. */
	open(): PresenterChannel {
		const end: { hear?: (data: unknown) => void } = {};
		this.#ends.add(end);
		return {
			post: (message) => {
				// Posted messages are copies, as structured cloning makes them.
				const data = structuredClone(message);
				this.sent.push(data);
				for (const other of [...this.#ends]) {
					if (other !== end) queueMicrotask(() => other.hear?.(structuredClone(data)));
				}
			},
			listen: (hear) => {
				end.hear = hear;
			},
			close: () => {
				this.#ends.delete(end);
			}
		};
	}

	/** Something else posted on the channel (another version of the app, a stray tab). */
	inject(data: unknown): void {
		for (const end of [...this.#ends]) queueMicrotask(() => end.hear?.(data));
	}
}

interface Request {
	client: string;
	name: string;
	granted: () => Promise<void> | void;
	signal?: AbortSignal;
	settle: () => void;
}

/** Exclusive locks by name, each held by one client (a window) and granted in request order. */
export class FakeLockManager {
	#held = new Map<string, { client: string; release: () => void }>();
	#queue: Request[] = [];

	/** One window's `navigator.locks`. */
	client(client: string): Locks {
		return {
			request: (name, options, granted) =>
				new Promise<unknown>((resolve, reject) => {
					const request: Request = { client, name, granted, settle: () => resolve(undefined) };
					if (options.signal) {
						request.signal = options.signal;
						options.signal.addEventListener('abort', () => {
							const at = this.#queue.indexOf(request);
							if (at < 0) return;
							this.#queue.splice(at, 1);
							reject(new DOMException('The request was aborted.', 'AbortError'));
						});
					}
					this.#queue.push(request);
					this.#grant();
				})
		};
	}

	/** The window went without a word (a crash): its locks are let go, its requests dropped. */
	crash(client: string): void {
		this.#queue = this.#queue.filter((request) => request.client !== client);
		for (const [name, lock] of [...this.#held]) {
			if (lock.client === client) {
				this.#held.delete(name);
				lock.release();
			}
		}
		this.#grant();
	}

	/** Who holds the lock `name`, if anyone. */
	holder(name: string): string | undefined {
		return this.#held.get(name)?.client;
	}

	#grant(): void {
		for (const request of [...this.#queue]) {
			if (this.#held.has(request.name)) continue;
			this.#queue.splice(this.#queue.indexOf(request), 1);
			let released = false;
			const release = () => {
				if (released) return;
				released = true;
				if (this.#held.get(request.name)?.release === release) this.#held.delete(request.name);
				request.settle();
				this.#grant();
			};
			this.#held.set(request.name, { client: request.client, release });
			void Promise.resolve(request.granted()).then(release);
		}
	}
}
