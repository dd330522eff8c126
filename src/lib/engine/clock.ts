/**
 * Time is passed in: the engine reads a monotonic clock it is given, so tests drive time by hand
 * and a suspended tab or a changed system time cannot move a session.
 */

/** A monotonic clock in milliseconds, with the timers that go with it. */
export interface Clock {
	/** Monotonic milliseconds (`performance.now()` in the browser). */
	now(): number;
	/** Wall-clock milliseconds since 1970, only to stamp records. */
	epochNow(): number;
	setTimeout(callback: () => void, ms: number): number;
	clearTimeout(id: number): void;
	setInterval(callback: () => void, ms: number): number;
	clearInterval(id: number): void;
}

/** The browser's or Node's clock; globals wrapped in arrows so a test can replace them. */
export const systemClock: Clock = {
	now: () => performance.now(),
	epochNow: () => Date.now(),
	setTimeout: (callback, ms) => setTimeout(callback, ms) as unknown as number,
	clearTimeout: (id) => clearTimeout(id),
	setInterval: (callback, ms) => setInterval(callback, ms) as unknown as number,
	clearInterval: (id) => clearInterval(id)
};

/** A clock moved by hand: for tests and benchmarks. */
export class ManualClock implements Clock {
	#nowMs: number;
	#epochOffsetMs: number;
	#timers = new Map<number, { atMs: number; callback: () => void; everyMs?: number }>();
	#nextId = 1;

	constructor(startMs = 1000, epochStartMs = Date.UTC(2026, 0, 1)) {
		this.#nowMs = startMs;
		this.#epochOffsetMs = epochStartMs - startMs;
	}

	now(): number {
		return this.#nowMs;
	}

	epochNow(): number {
		return this.#nowMs + this.#epochOffsetMs;
	}

	setTimeout(callback: () => void, ms: number): number {
		const id = this.#nextId++;
		this.#timers.set(id, { atMs: this.#nowMs + Math.max(0, ms), callback });
		return id;
	}

	clearTimeout(id: number): void {
		this.#timers.delete(id);
	}

	setInterval(callback: () => void, ms: number): number {
		const id = this.#nextId++;
		const everyMs = Math.max(1, ms);
		this.#timers.set(id, { atMs: this.#nowMs + everyMs, callback, everyMs });
		return id;
	}

	clearInterval(id: number): void {
		this.#timers.delete(id);
	}

	/** Moves time forward, firing due timers in order. */
	advance(ms: number): void {
		const targetMs = this.#nowMs + ms;
		for (;;) {
			const due = [...this.#timers.entries()]
				.filter(([, timer]) => timer.atMs <= targetMs)
				.sort((a, b) => a[1].atMs - b[1].atMs)[0];
			if (!due) break;
			const [id, timer] = due;
			if (timer.everyMs) this.#timers.set(id, { ...timer, atMs: timer.atMs + timer.everyMs });
			else this.#timers.delete(id);
			this.#nowMs = Math.max(this.#nowMs, timer.atMs);
			timer.callback();
		}
		this.#nowMs = targetMs;
	}

	/** Sets the wall clock to another time, as a person changing the system time would. */
	shiftWallClock(ms: number): void {
		this.#epochOffsetMs += ms;
	}
}
