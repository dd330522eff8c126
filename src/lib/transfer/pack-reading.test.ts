import { describe, expect, it } from 'vitest';
import { goodPack } from '../../../scripts/hostile-zips';
import {
	PACK_TIME_LIMIT_MS,
	readPackOffPage,
	transferable,
	type PackReply,
	type PackRequest,
	type PackTimers,
	type PackWorker
} from './pack-reading';
import { readPack } from './routine-pack';

/** A worker that does what the test says, and records what it was handed and whether it ended. */
class FakeWorker implements PackWorker {
	onmessage: ((event: MessageEvent<PackReply>) => void) | null = null;
	onerror: ((event: ErrorEvent) => void) | null = null;
	onmessageerror: ((event: MessageEvent) => void) | null = null;
	requests: { request: PackRequest; transfer: Transferable[] }[] = [];
	terminated = 0;
	postMessage(request: PackRequest, transfer: Transferable[]): void {
		this.requests.push({ request, transfer });
	}
	terminate(): void {
		this.terminated++;
	}
	answer(reply: PackReply): void {
		this.onmessage?.(new MessageEvent('message', { data: reply }));
	}
}

/** Timers moved by hand: the time limit fires only when the test passes the time. */
class HandTimers implements PackTimers {
	#due: { atMs: number; run: () => void }[] = [];
	nowMs = 0;
	setTimeout(run: () => void, ms: number): unknown {
		const timer = { atMs: this.nowMs + ms, run };
		this.#due.push(timer);
		return timer;
	}
	clearTimeout(id: unknown): void {
		this.#due = this.#due.filter((timer) => timer !== id);
	}
	pass(ms: number): void {
		this.nowMs += ms;
		for (const timer of this.#due.filter((t) => t.atMs <= this.nowMs)) timer.run();
	}
	get pending(): number {
		return this.#due.length;
	}
}

describe('reading a pack off the page', () => {
	it('hands the bytes over (transferred, not copied) and takes the worker’s answer', async () => {
		const worker = new FakeWorker();
		const timers = new HandTimers();
		const bytes = goodPack().slice().buffer;
		const reading = readPackOffPage(bytes, { startWorker: () => worker, timers });
		const [sent] = worker.requests;
		expect(sent?.request.bytes).toBe(bytes);
		expect(sent?.transfer).toEqual([bytes]);
		worker.answer({ kind: 'read', contents: readPack(new Uint8Array(bytes)) });
		expect(await reading).toMatchObject({ kind: 'read', contents: { ok: true } });
		expect(worker.terminated).toBe(1);
		expect(timers.pending).toBe(0);
	});

	it('stops a worker that passes the time limit, and says it took too long', async () => {
		const worker = new FakeWorker();
		const timers = new HandTimers();
		const reading = readPackOffPage(new ArrayBuffer(8), { startWorker: () => worker, timers });
		timers.pass(PACK_TIME_LIMIT_MS - 1);
		expect(worker.terminated).toBe(0);
		timers.pass(1);
		expect(await reading).toEqual({ kind: 'too-slow', limitMs: PACK_TIME_LIMIT_MS });
		expect(worker.terminated).toBe(1);
		// An answer after the limit changes nothing.
		worker.answer({ kind: 'failed', detail: 'late' });
		expect(worker.terminated).toBe(1);
	});

	it('says what failed when the worker breaks or cannot be started', async () => {
		const worker = new FakeWorker();
		const timers = new HandTimers();
		const reading = readPackOffPage(new ArrayBuffer(8), { startWorker: () => worker, timers });
		// Node has no ErrorEvent: an Event with the message a worker's error carries.
		const error = Object.assign(new Event('error', { cancelable: true }), {
			message: 'Out of memory'
		}) as ErrorEvent;
		worker.onerror?.(error);
		expect(error.defaultPrevented).toBe(true);
		expect(await reading).toEqual({ kind: 'failed', detail: 'Out of memory' });
		expect(worker.terminated).toBe(1);
		expect(timers.pending).toBe(0);
		const unstarted = await readPackOffPage(new ArrayBuffer(8), {
			startWorker: () => {
				throw new Error('Workers are not allowed here');
			},
			timers
		});
		expect(unstarted).toEqual({ kind: 'failed', detail: 'Workers are not allowed here' });
	});

	it('transfers a view’s own buffer, and copies only a view into a larger one', () => {
		const whole = new Uint8Array([1, 2, 3]);
		expect(transferable(whole)).toBe(whole.buffer);
		const part = whole.subarray(1);
		expect(new Uint8Array(transferable(part))).toEqual(new Uint8Array([2, 3]));
		expect(transferable(part)).not.toBe(whole.buffer);
	});
});
