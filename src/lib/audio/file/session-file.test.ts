import { describe, expect, it } from 'vitest';
import { routine } from '$test/routines';
import { compileTimeline } from '../../routine';
import { CUE_SPRITE, cueDurationsMs } from '../cues';
import type { EncoderWorker } from './encoder-link';
import type { EncoderReply, EncoderRequest } from './encoder-messages';
import { fakeChunkContext } from '$test/fake-audio';
import { sessionSounds } from './session-sounds';
import {
	ENCODER_NOT_LOADED,
	makeSessionFile,
	NO_MEMORY,
	NO_OFFLINE_AUDIO,
	SILENT,
	SOUNDS_NOT_LOADED,
	type SessionFileEnvironment,
	type SessionFileRequest
} from './session-file';

/** 5 s of countdown and 30 breaths of 2 s: 65 s and the closing chime, three chunks. */
const TIMELINE = compileTimeline(
	routine({
		version: 1,
		id: 'quick',
		title: 'Quick: breaths / minute',
		steps: [
			{ type: 'breathe', id: 'b', title: 'B', pattern: { inhale: 1, exhale: 1 }, breaths: 30 }
		]
	}),
	{ countdownSec: 5 }
);
const SETTINGS = { voice: true, chimes: true, volume: 0.8 };
const REQUEST: SessionFileRequest = {
	routine: TIMELINE.routine,
	plan: (recorded) => sessionSounds(TIMELINE, SETTINGS, cueDurationsMs(), recorded),
	sprite: CUE_SPRITE,
	settings: SETTINGS,
	recordings: []
};

type Answer = (request: EncoderRequest, worker: FakeWorker) => EncoderReply | 'error' | undefined;

interface FakeWorker extends EncoderWorker {
	requests: EncoderRequest[];
	terminated: boolean;
}

/** A worker that answers each request as `answer` says, a moment later. */
function fakeWorker(answer: Answer): FakeWorker {
	const worker: FakeWorker = {
		requests: [],
		terminated: false,
		onmessage: null,
		onerror: null,
		onmessageerror: null,
		postMessage(request) {
			worker.requests.push(request);
			setTimeout(() => {
				if (worker.terminated) return;
				const reply = answer(request, worker);
				if (reply === 'error') {
					worker.onerror?.({ preventDefault: () => undefined } as ErrorEvent);
				} else if (reply) worker.onmessage?.({ data: reply } as MessageEvent<EncoderReply>);
			});
		},
		terminate() {
			worker.terminated = true;
		}
	};
	return worker;
}

const encodes: Answer = (request) => {
	if (request.kind === 'chunk') return { kind: 'encoded', index: request.index };
	if (request.kind === 'finish')
		return { kind: 'finished', bytes: new Uint8Array([1, 2, 3]).buffer };
	return undefined;
};

function environment(worker: FakeWorker, change: Partial<SessionFileEnvironment> = {}) {
	return {
		makeContext: (frames: number) => fakeChunkContext(frames),
		startWorker: () => worker,
		fetchBytes: async () => new ArrayBuffer(8),
		...change
	};
}

describe('making the session’s file', () => {
	it('renders it chunk by chunk into the encoder, and names it after the routine', async () => {
		const worker = fakeWorker(encodes);
		const progress: number[] = [];
		const result = await makeSessionFile(REQUEST, {
			environment: environment(worker),
			onProgress: (fraction) => progress.push(fraction)
		});
		expect(result).toEqual({
			kind: 'made',
			name: 'Quick breaths minute.mp3',
			bytes: new Uint8Array([1, 2, 3])
		});
		expect(worker.requests.map((r) => r.kind)).toEqual([
			'begin',
			'chunk',
			'chunk',
			'chunk',
			'finish'
		]);
		expect(worker.requests[0]).toEqual({
			kind: 'begin',
			sampleRate: 32_000,
			bitrate: 64_000,
			title: 'Quick: breaths / minute'
		});
		// 30 s chunks at 32 kHz; the last holds the rest of 65 s and the closing chime (2.9 s).
		const lengths = worker.requests.flatMap((r) => (r.kind === 'chunk' ? [r.samples.length] : []));
		expect(lengths).toEqual([960_000, 960_000, 252_800]);
		expect(progress).toEqual([0.25, 0.5, 0.75, 1]);
		expect(worker.terminated).toBe(true);
	});

	it('stops the rendering and the worker on Cancel', async () => {
		const abort = new AbortController();
		const worker = fakeWorker((request, self) => {
			if (request.kind === 'chunk' && request.index === 0) abort.abort();
			return encodes(request, self);
		});
		const result = await makeSessionFile(REQUEST, {
			environment: environment(worker),
			signal: abort.signal
		});
		expect(result).toEqual({ kind: 'cancelled' });
		expect(worker.terminated).toBe(true);
		expect(worker.requests.filter((r) => r.kind === 'chunk').length).toBeLessThan(3);
		expect(worker.requests.map((r) => r.kind)).not.toContain('finish');
	});

	it('says so in words when the encoder never loaded (offline before it was kept)', async () => {
		const worker = fakeWorker(() => 'error');
		const result = await makeSessionFile(REQUEST, { environment: environment(worker) });
		expect(result).toEqual({ kind: 'failed', message: ENCODER_NOT_LOADED });
		expect(worker.terminated).toBe(true);
	});

	it('says so when memory runs out, in the encoder or the rendering', async () => {
		const short = fakeWorker(() => ({ kind: 'failed', detail: 'out of memory', memory: true }));
		expect(await makeSessionFile(REQUEST, { environment: environment(short) })).toEqual({
			kind: 'failed',
			message: NO_MEMORY
		});
		const refused = environment(fakeWorker(encodes), {
			makeContext: (frames) => ({
				...fakeChunkContext(frames),
				startRendering: () => Promise.reject(new RangeError('Array buffer allocation failed'))
			})
		});
		expect(await makeSessionFile(REQUEST, { environment: refused })).toEqual({
			kind: 'failed',
			message: NO_MEMORY
		});
	});

	it('says so where the browser cannot render off screen, or the sounds cannot be read', async () => {
		const worker = fakeWorker(encodes);
		expect(
			await makeSessionFile(REQUEST, {
				environment: { ...environment(worker), makeContext: undefined }
			})
		).toEqual({ kind: 'failed', message: NO_OFFLINE_AUDIO });
		const offline = environment(worker, { fetchBytes: () => Promise.reject(new TypeError()) });
		expect(await makeSessionFile(REQUEST, { environment: offline })).toEqual({
			kind: 'failed',
			message: SOUNDS_NOT_LOADED
		});
		expect(worker.requests).toEqual([]);
	});

	it('loops a sound bed under the guidance when one is given, decoded at the file’s rate', async () => {
		const contexts: ReturnType<typeof fakeChunkContext>[] = [];
		const env = environment(fakeWorker(encodes), {
			makeContext: (frames) => {
				const ctx = fakeChunkContext(frames);
				contexts.push(ctx);
				return ctx;
			}
		});
		const bed = { audio: new ArrayBuffer(16), gain: 0.3, duckedGain: 0.1 };
		const result = await makeSessionFile({ ...REQUEST, bed }, { environment: env });
		expect(result.kind).toBe('made');
		// The decoder, then the three chunks: each loops the bed from where the last left it.
		const loops = contexts.slice(1).map((ctx) => ctx.starts.filter((s) => s.loop));
		expect(loops.map((found) => found.map((s) => s.args))).toEqual([[[0, 0]], [[0, 30]], [[0, 0]]]);
		expect(bed.audio.byteLength).toBe(16);
	});

	it('refuses a file that would be silent', async () => {
		const worker = fakeWorker(encodes);
		const silent = { ...REQUEST, settings: { voice: false, chimes: false, volume: 0.8 } };
		expect(await makeSessionFile(silent, { environment: environment(worker) })).toEqual({
			kind: 'failed',
			message: SILENT
		});
	});
});
