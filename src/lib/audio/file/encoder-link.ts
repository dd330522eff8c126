/**
 * The page's side of the MP3 encoder's worker: requests out, replies in, one at a time as they
 * are awaited. A worker that fails to start or load (offline before it was ever fetched) is
 * told apart from one that stopped while encoding, so the person is told which.
 */
import type { EncoderReply, EncoderRequest } from './encoder-messages';

/** The little of a Worker used here, so tests hand in their own. */
export interface EncoderWorker {
	onmessage: ((event: MessageEvent<EncoderReply>) => void) | null;
	onerror: ((event: ErrorEvent) => void) | null;
	onmessageerror: ((event: MessageEvent) => void) | null;
	postMessage(request: EncoderRequest, transfer?: Transferable[]): void;
	terminate(): void;
}

/** A reply, or the worker's end: it never loaded, or it stopped. */
export type EncoderEvent = EncoderReply | { kind: 'not-loaded' } | { kind: 'stopped' };

/** Vite bundles the worker from this exact expression, as a file of its own. */
export const startEncoderWorker = (): EncoderWorker =>
	new Worker(new URL('./mp3-worker.ts', import.meta.url), { type: 'module', name: 'audio-file' });

export class EncoderLink {
	#worker: EncoderWorker;
	#events: EncoderEvent[] = [];
	#waiting: ((event: EncoderEvent) => void) | undefined;
	#heard = false;

	constructor(worker: EncoderWorker) {
		this.#worker = worker;
		worker.onmessage = (event) => {
			this.#heard = true;
			this.#push(event.data);
		};
		worker.onerror = (event) => {
			// Said to the person in words; the browser need not log it as uncaught too.
			event.preventDefault();
			// Before any answer the worker's script itself did not load or run.
			this.#push(this.#heard ? { kind: 'stopped' } : { kind: 'not-loaded' });
		};
		worker.onmessageerror = () => this.#push({ kind: 'stopped' });
	}

	send(request: EncoderRequest, transfer: Transferable[] = []): void {
		this.#worker.postMessage(request, transfer);
	}

	/** The next reply or end, in the order they came. */
	next(): Promise<EncoderEvent> {
		const event = this.#events.shift();
		if (event) return Promise.resolve(event);
		return new Promise((resolve) => (this.#waiting = resolve));
	}

	close(): void {
		this.#worker.terminate();
	}

	#push(event: EncoderEvent): void {
		const waiting = this.#waiting;
		this.#waiting = undefined;
		if (waiting) waiting(event);
		else this.#events.push(event);
	}
}
