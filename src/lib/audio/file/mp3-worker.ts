/**
 * The worker the session's file is encoded in: chunks of samples come in from the page, go
 * through mediabunny's LAME-based MP3 encoder (its WebAssembly is inlined in its bundle, so this
 * worker's one file is all it needs offline) and the finished file goes back, transferred.
 */
import { registerMp3Encoder } from '@mediabunny/mp3-encoder';
import {
	AudioSample,
	AudioSampleSource,
	BufferTarget,
	Mp3OutputFormat,
	Output,
	Quality
} from 'mediabunny';
import type { EncoderReply, EncoderRequest } from './encoder-messages';

/** The little of a dedicated worker's scope used here (the app's types are the page's). */
interface EncoderScope {
	onmessage: ((event: MessageEvent<EncoderRequest>) => void) | null;
	postMessage(reply: EncoderReply, transfer?: Transferable[]): void;
}

const scope = self as unknown as EncoderScope;

// LAME always, not a browser's own MP3 encoder where one exists: one encoder, one delay, one sound.
registerMp3Encoder();

interface OpenFile {
	output: Output<Mp3OutputFormat, BufferTarget>;
	source: AudioSampleSource;
	sampleRate: number;
	framesSoFar: number;
}

let file: Promise<OpenFile> | undefined;
/** Requests are handled one after another, in the order they came. */
let queue: Promise<void> = Promise.resolve();
let failed = false;

scope.onmessage = (event) => {
	const request = event.data;
	queue = queue.then(async () => {
		if (failed) return;
		try {
			await handle(request);
		} catch (error) {
			failed = true;
			scope.postMessage({
				kind: 'failed',
				detail: error instanceof Error ? error.message : String(error),
				memory: error instanceof RangeError || /memory/i.test(String(error))
			});
		}
	});
};

async function handle(request: EncoderRequest): Promise<void> {
	switch (request.kind) {
		case 'begin':
			file = begin(request.sampleRate, request.bitrate, request.title);
			await file;
			return;
		case 'chunk': {
			const open = await opened();
			const sample = new AudioSample({
				data: request.samples,
				format: 'f32-planar',
				numberOfChannels: 1,
				sampleRate: open.sampleRate,
				timestamp: open.framesSoFar / open.sampleRate
			});
			open.framesSoFar += sample.numberOfFrames;
			await open.source.add(sample);
			sample.close();
			scope.postMessage({ kind: 'encoded', index: request.index });
			return;
		}
		case 'finish': {
			const open = await opened();
			await open.output.finalize();
			const bytes = open.output.target.buffer;
			if (!bytes) throw new Error('the encoder gave no file');
			scope.postMessage({ kind: 'finished', bytes }, [bytes]);
			return;
		}
		default: {
			const unhandled: never = request;
			throw new Error(`unknown request ${String(unhandled)}`);
		}
	}
}

function opened(): Promise<OpenFile> {
	if (!file) throw new Error('no file begun');
	return file;
}

async function begin(sampleRate: number, bitrate: number, title: string): Promise<OpenFile> {
	const output = new Output({ format: new Mp3OutputFormat(), target: new BufferTarget() });
	const source = new AudioSampleSource({ codec: 'mp3', quality: new Quality({ bitrate }) });
	output.addAudioTrack(source);
	output.setMetadataTags({ title, comment: 'Made with Liana' });
	await output.start();
	return { output, source, sampleRate, framesSoFar: 0 };
}
