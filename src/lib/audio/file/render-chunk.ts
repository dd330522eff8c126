/**
 * One chunk of the session's file, rendered with an OfflineAudioContext: every sound that
 * overlaps the chunk is started at its exact time in it (`start(when, offset, duration)`), under
 * the person's volume, with the sound bed looping beneath where there is one. The context
 * renders off the main thread; building its graph here is a few dozen nodes at most.
 */
import type { SpriteMap } from '../cues';
import type { RenderChunk } from './chunks';

/** The sounds a chunk is made of, decoded once at the file's sample rate. */
export interface SoundBank {
	/** The cue sprite, and where each cue sits in it. */
	sprite: AudioBuffer;
	spriteMap: SpriteMap;
	/** The coach's recorded cues: key → sound. */
	own: ReadonlyMap<string, AudioBuffer>;
}

/**
 * A sound bed under the guidance: a seamless loop played through the whole file at `gain`, and
 * softened to `duckedGain` while a cue sounds (left at `gain` when not given).
 */
export interface SoundBed {
	buffer: AudioBuffer;
	gain: number;
	duckedGain?: number;
	/** Where the loop lies in the buffer (a lead-in before, its start again after); all of it when not given. */
	loopStartSec?: number;
	loopEndSec?: number;
}

/** The little of an OfflineAudioContext used here, so tests hand in a fake that records. */
export interface ChunkContext {
	readonly destination: AudioNode;
	createBufferSource(): AudioBufferSourceNode;
	createGain(): GainNode;
	startRendering(): Promise<AudioBuffer>;
	decodeAudioData(bytes: ArrayBuffer): Promise<AudioBuffer>;
}

/** A mono context of `frames` at `sampleRate`: the browser's OfflineAudioContext, or a fake. */
export type MakeChunkContext = (frames: number, sampleRate: number) => ChunkContext;

/** What a chunk is rendered with. */
export interface ChunkSetup {
	bank: SoundBank;
	sampleRate: number;
	/** The person's volume, 0 to 1, as the player's master volume. */
	volume: number;
	bed?: SoundBed;
	makeContext: MakeChunkContext;
}

/**
 * The main thread's own work for each chunk, as User Timing measures (seen in the browser's
 * performance tools): the graph built, the samples copied. Each must stay well under 50 ms.
 */
export const CHUNK_BUILT = 'Liana audio file: chunk built';
export const CHUNK_COPIED = 'Liana audio file: chunk copied';

function measure(name: string, startMs: number): void {
	performance.measure(name, { start: startMs, end: performance.now() });
}

/** A bed's softening takes this long each way, so it never clicks. */
const DUCK_RAMP_SEC = 0.15;

/** Renders `chunk` and returns its samples, in a buffer of their own (ready to transfer). */
export async function renderChunk(
	chunk: RenderChunk,
	setup: ChunkSetup
): Promise<Float32Array<ArrayBuffer>> {
	const buildStart = performance.now();
	const ctx = setup.makeContext(chunk.frames, setup.sampleRate);
	const master = ctx.createGain();
	master.gain.value = setup.volume;
	master.connect(ctx.destination);
	for (const start of chunk.starts) {
		const { sound } = start;
		const buffer = sound.kind === 'cue' ? setup.bank.sprite : setup.bank.own.get(sound.cue);
		if (!buffer) continue;
		const intoBufferSec =
			sound.kind === 'cue' ? (setup.bank.spriteMap[sound.id]?.[0] ?? 0) / 1000 : 0;
		const source = ctx.createBufferSource();
		source.buffer = buffer;
		source.connect(master);
		source.start(start.whenSec, intoBufferSec + start.offsetSec, start.durationSec);
	}
	if (setup.bed) addBed(ctx, chunk, setup.bed, setup.sampleRate, master);
	const rendering = ctx.startRendering();
	measure(CHUNK_BUILT, buildStart);
	const rendered = await rendering;
	const copyStart = performance.now();
	// A copy: the rendered buffer's own memory cannot be handed to a worker.
	const samples = new Float32Array(chunk.frames);
	samples.set(rendered.getChannelData(0).subarray(0, chunk.frames));
	measure(CHUNK_COPIED, copyStart);
	return samples;
}

/** The bed loops from where the chunk before left it, softened under each sound. */
function addBed(
	ctx: ChunkContext,
	chunk: RenderChunk,
	bed: SoundBed,
	sampleRate: number,
	master: GainNode
): void {
	const gain = ctx.createGain();
	gain.gain.value = bed.gain;
	gain.connect(master);
	const source = ctx.createBufferSource();
	source.buffer = bed.buffer;
	source.loop = true;
	source.connect(gain);
	const loopStartSec = bed.loopStartSec ?? 0;
	const loopEndSec = bed.loopEndSec ?? bed.buffer.duration;
	source.loopStart = loopStartSec;
	source.loopEnd = loopEndSec;
	const loopSec = loopEndSec - loopStartSec;
	const intoLoopSec = loopSec > 0 ? (chunk.startFrame / sampleRate) % loopSec : 0;
	source.start(0, loopStartSec + intoLoopSec);
	const ducked = bed.duckedGain;
	if (ducked === undefined) return;
	for (const { fromSec, toSec } of soundingSpans(chunk)) {
		gain.gain.setValueAtTime(bed.gain, Math.max(0, fromSec - DUCK_RAMP_SEC));
		gain.gain.linearRampToValueAtTime(ducked, fromSec);
		gain.gain.setValueAtTime(ducked, toSec);
		gain.gain.linearRampToValueAtTime(bed.gain, toSec + DUCK_RAMP_SEC);
	}
}

/** When something sounds in the chunk: sounds that overlap or nearly touch make one span. */
function soundingSpans(chunk: RenderChunk): { fromSec: number; toSec: number }[] {
	const spans: { fromSec: number; toSec: number }[] = [];
	const sorted = [...chunk.starts].sort((a, b) => a.whenSec - b.whenSec);
	for (const start of sorted) {
		const fromSec = start.whenSec;
		const toSec = start.whenSec + start.durationSec;
		const last = spans.at(-1);
		if (last && fromSec <= last.toSec + 2 * DUCK_RAMP_SEC) last.toSec = Math.max(last.toSec, toSec);
		else spans.push({ fromSec, toSec });
	}
	return spans;
}
