/**
 * Reading a routine pack off the page: the bytes are handed (transferred) to a worker that reads
 * and checks them (pack-worker.ts), within a time limit after which the worker is stopped. So no
 * pack, however made, can freeze the page, and the person is told when one took too long.
 */
import type { PackContents } from './routine-pack';

/** How long a pack may take to read: a real pack of 100 MiB takes a few seconds on a phone. */
export const PACK_TIME_LIMIT_MS = 20_000;

/** What the page sends the worker: the pack's bytes, handed over. */
export interface PackRequest {
	bytes: ArrayBuffer;
}

/** What the worker answers. */
export type PackReply =
	{ kind: 'read'; contents: PackContents } | { kind: 'failed'; detail: string };

/** A pack read, or why reading it stopped. */
export type PackReading = PackReply | { kind: 'too-slow'; limitMs: number };

/** The little of a Worker used here, so tests hand in their own. */
export interface PackWorker {
	onmessage: ((event: MessageEvent<PackReply>) => void) | null;
	onerror: ((event: ErrorEvent) => void) | null;
	onmessageerror: ((event: MessageEvent) => void) | null;
	postMessage(request: PackRequest, transfer: Transferable[]): void;
	terminate(): void;
}

/** Timers the time limit runs on: the page's own unless a test hands in others. */
export interface PackTimers {
	setTimeout(run: () => void, ms: number): unknown;
	clearTimeout(id: unknown): void;
}

/** Where the worker comes from, and its time limit. */
export interface PackReadingOptions {
	startWorker?: () => PackWorker;
	timeLimitMs?: number;
	timers?: PackTimers;
}

const pageTimers: PackTimers = {
	setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
	clearTimeout: (id) => globalThis.clearTimeout(id as ReturnType<typeof setTimeout>)
};

/** Vite bundles the worker from this exact expression, as a file of its own. */
const startPackWorker = (): PackWorker =>
	new Worker(new URL('./pack-worker.ts', import.meta.url), { type: 'module', name: 'pack' });

/**
 * Reads a pack in a worker. The buffer is transferred: it is empty here afterwards. The worker is
 * stopped once it answers, fails, or passes the time limit.
 */
export function readPackOffPage(
	bytes: ArrayBuffer,
	options: PackReadingOptions = {}
): Promise<PackReading> {
	const limitMs = options.timeLimitMs ?? PACK_TIME_LIMIT_MS;
	const timers = options.timers ?? pageTimers;
	return new Promise((resolve) => {
		let worker: PackWorker;
		try {
			worker = (options.startWorker ?? startPackWorker)();
		} catch (error) {
			resolve({ kind: 'failed', detail: errorText(error) });
			return;
		}
		let done = false;
		const finish = (reading: PackReading) => {
			if (done) return;
			done = true;
			timers.clearTimeout(timer);
			worker.terminate();
			resolve(reading);
		};
		const timer = timers.setTimeout(() => finish({ kind: 'too-slow', limitMs }), limitMs);
		worker.onmessage = (event) => finish(event.data);
		worker.onerror = (event) => {
			// Said to the person below; the browser need not log it as uncaught too.
			event.preventDefault();
			finish({ kind: 'failed', detail: event.message || 'the pack reader stopped' });
		};
		worker.onmessageerror = () =>
			finish({ kind: 'failed', detail: 'the pack reader’s answer could not be received' });
		worker.postMessage({ bytes }, [bytes]);
	});
}

/** The bytes' own buffer to transfer, copied only when the view shares a larger one. */
export function transferable(bytes: Uint8Array): ArrayBuffer {
	const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
	return whole && bytes.buffer instanceof ArrayBuffer ? bytes.buffer : bytes.slice().buffer;
}

function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
