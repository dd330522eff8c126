/**
 * The session as one MP3: rendered chunk by chunk on the page's OfflineAudioContext (which
 * renders off the main thread, and exists only on a window) and encoded in a worker as the
 * chunks come. At most two chunks' samples are held at once, whatever the session's length.
 * Nothing stored is read but the routine's recordings, and nothing is written.
 */
import type { CueSprite } from '../cues';
import { decodeRecordings, type OwnRecording } from '../own-voice';
import { mendedLoop } from '../loop-seam';
import { chunksOf } from './chunks';
import {
	EncoderLink,
	startEncoderWorker,
	type EncoderEvent,
	type EncoderWorker
} from './encoder-link';
import { FILE_BITRATE, FILE_SAMPLE_RATE } from './encoder-messages';
import { renderChunk, type MakeChunkContext, type SoundBank, type SoundBed } from './render-chunk';
import type { SessionSounds } from './session-sounds';

/**
 * What the file is made of: the session's sounds, the person's sound settings, the coach's voice.
 * The plan and the sprite come from the caller, which has them already (the player's own code):
 * this module, fetched when asked for, carries none of it again.
 */
export interface SessionFileRequest {
	routine: { id: string; title: string };
	/** Every sound of the session (sessionSounds), given how long each recorded cue lasts. */
	plan: (recorded: ReadonlyMap<string, number>) => SessionSounds;
	sprite: CueSprite;
	settings: { voice: boolean; chimes: boolean; volume: number };
	recordings: readonly OwnRecording[];
	/** A sound bed to loop under the guidance (none: guidance alone). */
	bed?: SoundBedRequest;
}

/**
 * The hook for a sound bed under the guidance: its loop, as the file's bytes (decoded here at
 * the file's rate) or already decoded, at `gain`, softened to `duckedGain` under each cue.
 */
export type SoundBedRequest = Omit<SoundBed, 'buffer' | 'loopStartSec' | 'loopEndSec'> & {
	audio: ArrayBuffer | AudioBuffer;
	/** Where the loop lies in a bed file (its seam is mended there), as the player loops it. */
	loop?: { startSec: number; sec: number };
};

/** The file made, or why not. */
export type SessionFileResult =
	| { kind: 'made'; name: string; bytes: Uint8Array<ArrayBuffer> }
	| { kind: 'cancelled' }
	| { kind: 'failed'; message: string };

/** Where the file is made: the browser's own unless a test hands in others. */
export interface SessionFileEnvironment {
	/** Undefined where the browser has no OfflineAudioContext. */
	makeContext?: MakeChunkContext;
	startWorker?: () => EncoderWorker;
	fetchBytes?: (url: string) => Promise<ArrayBuffer>;
}

export interface SessionFileOptions {
	/** How far along, 0 to 1, after each chunk encoded. */
	onProgress?: (fraction: number) => void;
	/** Cancel: the rendering stops after the chunk under way, and the worker at once. */
	signal?: AbortSignal;
	environment?: SessionFileEnvironment;
}

export const NO_OFFLINE_AUDIO =
	'This browser cannot make audio files (it cannot render sound off screen). Try a recent Chrome, Edge, Firefox or Safari.';
export const ENCODER_NOT_LOADED =
	'The part of Liana that makes audio files could not be loaded (is the network gone?). Open this page once while online; it then works offline too.';
export const SOUNDS_NOT_LOADED =
	'The guidance sounds could not be loaded for the file (is the network gone?). Open this page once while online; it then works offline too.';
export const NO_MEMORY =
	'There was not enough memory to make the audio file. Close other apps or tabs, then try again.';
export const ENCODER_STOPPED =
	'The audio file could not be finished: its encoder stopped. Try again; if it stops again, reload the page first.';
export const SILENT =
	'Voice and chimes are both off in your settings, so the file would be silent. Turn one of them on in Settings first.';
export const NO_VOLUME =
	'The volume is at 0 in your settings, so the file would be silent. Raise it in Settings first.';

/** Chunks rendered ahead of the encoder: one encoding, one waiting. */
const AHEAD = 2;

/** Makes the session's MP3. Never throws: every way it can fail is a result with words. */
export async function makeSessionFile(
	request: SessionFileRequest,
	options: SessionFileOptions = {}
): Promise<SessionFileResult> {
	const { settings } = request;
	if (!settings.voice && !settings.chimes && !request.bed) return failed(SILENT);
	if (settings.volume <= 0) return failed(NO_VOLUME);
	const environment = { ...browserEnvironment(), ...options.environment };
	const makeContext = environment.makeContext;
	if (!makeContext) return failed(NO_OFFLINE_AUDIO);
	const signal = options.signal;

	const sprite = request.sprite;
	const decoder = makeContext(1, FILE_SAMPLE_RATE);
	let bank: SoundBank;
	let bed: SoundBed | undefined;
	try {
		const decoded = await decodeSprite(decoder, environment.fetchBytes ?? fetchBytes, sprite);
		// A recording that will not decode leaves its cue to the built-in voice, as in the player.
		const own = await decodeRecordings(decoder, request.recordings);
		bank = { sprite: decoded, spriteMap: sprite.sprite, own: own.voice };
		bed = request.bed && (await decodeBed(decoder, request.bed));
	} catch {
		return failed(SOUNDS_NOT_LOADED);
	}
	if (signal?.aborted) return { kind: 'cancelled' };

	const recorded = new Map([...bank.own].map(([cue, buffer]) => [cue, buffer.duration * 1000]));
	const chunks = chunksOf(request.plan(recorded), FILE_SAMPLE_RATE);

	let link: EncoderLink;
	try {
		link = new EncoderLink((environment.startWorker ?? startEncoderWorker)());
	} catch {
		return failed(ENCODER_NOT_LOADED);
	}
	const cancelled = new Promise<'cancelled'>((resolve) => {
		if (signal?.aborted) resolve('cancelled');
		signal?.addEventListener('abort', () => resolve('cancelled'), { once: true });
	});
	const next = () => Promise.race([link.next(), cancelled]);
	try {
		link.send({
			kind: 'begin',
			sampleRate: FILE_SAMPLE_RATE,
			bitrate: FILE_BITRATE,
			title: request.routine.title
		});
		let encoded = 0;
		const setup = {
			bank,
			sampleRate: FILE_SAMPLE_RATE,
			volume: settings.volume,
			makeContext,
			...(bed ? { bed } : {})
		};
		for (const chunk of chunks) {
			while (chunk.index - encoded >= AHEAD) {
				const event = await next();
				if (event === 'cancelled') return { kind: 'cancelled' };
				if (event.kind !== 'encoded') return ended(event);
				encoded += 1;
				options.onProgress?.(encoded / (chunks.length + 1));
			}
			const samples = await Promise.race([renderChunk(chunk, setup), cancelled]);
			if (samples === 'cancelled') return { kind: 'cancelled' };
			link.send({ kind: 'chunk', index: chunk.index, samples }, [samples.buffer]);
		}
		link.send({ kind: 'finish' });
		for (;;) {
			const event = await next();
			if (event === 'cancelled') return { kind: 'cancelled' };
			if (event.kind === 'encoded') {
				encoded += 1;
				options.onProgress?.(encoded / (chunks.length + 1));
				continue;
			}
			if (event.kind !== 'finished') return ended(event);
			options.onProgress?.(1);
			return { kind: 'made', name: fileName(request.routine), bytes: new Uint8Array(event.bytes) };
		}
	} catch (error) {
		// Rendering refused: most often memory a phone would not give.
		return failed(isMemory(error) ? NO_MEMORY : ENCODER_STOPPED);
	} finally {
		link.close();
	}
}

/** The file's name: the routine's title, without what a file system would refuse. */
export function fileName(routine: { id: string; title: string }): string {
	const title = routine.title
		.replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/^\.+/, '');
	return `${title || routine.id}.mp3`;
}

/** The worker's end, or an answer out of turn, in words. */
function ended(event: EncoderEvent): SessionFileResult {
	switch (event.kind) {
		case 'not-loaded':
			return failed(ENCODER_NOT_LOADED);
		case 'stopped':
		case 'encoded':
		case 'finished':
			return failed(ENCODER_STOPPED);
		case 'failed':
			if (event.memory) return failed(NO_MEMORY);
			// The encoder's own worker (LAME) could not start: its code never arrived.
			return failed(/load/i.test(event.detail) ? ENCODER_NOT_LOADED : ENCODER_STOPPED);
		default: {
			const unhandled: never = event;
			return failed(String(unhandled));
		}
	}
}

function failed(message: string): SessionFileResult {
	return { kind: 'failed', message };
}

function isMemory(error: unknown): boolean {
	const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
	return error instanceof RangeError || /memory|quota/i.test(text);
}

/** The sprite in a format this browser decodes: the Opus one first (smaller), else the MP3. */
async function decodeSprite(
	decoder: Pick<BaseAudioContext, 'decodeAudioData'>,
	fetcher: (url: string) => Promise<ArrayBuffer>,
	sprite: CueSprite
): Promise<AudioBuffer> {
	try {
		return await decoder.decodeAudioData(await fetcher(sprite.files.webm));
	} catch {
		return decoder.decodeAudioData(await fetcher(sprite.files.mp3));
	}
}

async function decodeBed(
	decoder: Pick<BaseAudioContext, 'decodeAudioData'>,
	{ audio, loop, ...levels }: SoundBedRequest
): Promise<SoundBed> {
	// Decoding takes the bytes away: a copy keeps the caller's whole.
	const buffer =
		audio instanceof ArrayBuffer ? await decoder.decodeAudioData(audio.slice(0)) : audio;
	const mended = loop ? mendedLoop(buffer, loop.startSec, loop.sec) : undefined;
	return mended
		? { buffer, loopStartSec: mended.loopStartSec, loopEndSec: mended.loopEndSec, ...levels }
		: { buffer, ...levels };
}

async function fetchBytes(url: string): Promise<ArrayBuffer> {
	const response = await fetch(url);
	if (!response.ok) throw new Error(`the server answered ${response.status}`);
	return response.arrayBuffer();
}

function browserEnvironment(): SessionFileEnvironment {
	const Offline = typeof window === 'undefined' ? undefined : window.OfflineAudioContext;
	if (!Offline) return {};
	return {
		makeContext: (frames, sampleRate) =>
			new Offline({ numberOfChannels: 1, length: frames, sampleRate })
	};
}
