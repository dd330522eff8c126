import { describe, expect, it } from 'vitest';
import { cueDurationsMs, CUE_SPRITE } from '../cues';
import { fakeBuffer, fakeChunkContext } from '$test/fake-audio';
import { renderChunk, type ChunkSetup } from './render-chunk';
import type { RenderChunk } from './chunks';
import type { SessionSound } from './session-sounds';

const RATE = 1000;
const sprite = fakeBuffer('sprite', 50);
const ownVoice = fakeBuffer('own', 5);
const chime: SessionSound = { kind: 'cue', id: 'chime', atMs: 3000, lengthMs: 1600 };
const inhale: SessionSound = { kind: 'cue', id: 'inhale', atMs: 3150, lengthMs: 435 };
const own: SessionSound = { kind: 'own', cue: 'calm/breathe', atMs: 3500, lengthMs: 4000 };

/** The second of 3 s to 4 s, and the one after, as chunksOf cuts them. */
const CHUNK: RenderChunk = {
	index: 3,
	startFrame: 3000,
	frames: 1000,
	starts: [
		{ sound: chime, whenSec: 0, offsetSec: 0, durationSec: 1.6 },
		{ sound: inhale, whenSec: 0.15, offsetSec: 0, durationSec: 0.435 },
		{ sound: own, whenSec: 0.5, offsetSec: 0, durationSec: 4 }
	]
};
const NEXT: RenderChunk = {
	index: 4,
	startFrame: 4000,
	frames: 1000,
	starts: [
		{ sound: chime, whenSec: 0, offsetSec: 1, durationSec: 0.6 },
		{ sound: own, whenSec: 0, offsetSec: 0.5, durationSec: 3.5 }
	]
};

function setup(change: Partial<ChunkSetup> = {}) {
	const contexts: ReturnType<typeof fakeChunkContext>[] = [];
	const made: ChunkSetup = {
		bank: {
			sprite,
			spriteMap: CUE_SPRITE.sprite,
			own: new Map([['calm/breathe', ownVoice]])
		},
		sampleRate: RATE,
		volume: 0.5,
		makeContext: (frames) => {
			const ctx = fakeChunkContext(frames);
			contexts.push(ctx);
			return ctx;
		},
		...change
	};
	return { made, contexts };
}

describe('a chunk of the session’s file', () => {
	it('starts each sound at its time, from its place in the sprite, taken up where it was left', async () => {
		const { made, contexts } = setup();
		await renderChunk(CHUNK, made);
		await renderChunk(NEXT, made);
		const chimeAtSec = CUE_SPRITE.sprite.chime[0] / 1000;
		const inhaleAtSec = CUE_SPRITE.sprite.inhale[0] / 1000;
		expect(contexts[0]?.starts.map((s) => [s.buffer, ...s.args])).toEqual([
			[sprite, 0, chimeAtSec, 1.6],
			[sprite, 0.15, inhaleAtSec, 0.435],
			[ownVoice, 0.5, 0, 4]
		]);
		expect(contexts[1]?.starts.map((s) => [s.buffer, ...s.args])).toEqual([
			[sprite, 0, chimeAtSec + 1, 0.6],
			[ownVoice, 0, 0.5, 3.5]
		]);
		expect(cueDurationsMs().chime).toBe(1600);
	});

	it('plays at the person’s volume, and gives back exactly its own frames', async () => {
		const { made, contexts } = setup({ volume: 0.3 });
		const samples = await renderChunk(CHUNK, made);
		expect(contexts[0]?.gains.map((g) => g.gain.value)).toEqual([0.3]);
		expect(samples).toHaveLength(1000);
		expect(samples[999]).toBe(999);
	});

	it('loops a sound bed from where the chunk before left it, softened under the guidance', async () => {
		const bed = fakeBuffer('bed', 1.5);
		const { made, contexts } = setup({ bed: { buffer: bed, gain: 0.4, duckedGain: 0.1 } });
		await renderChunk(NEXT, made);
		const looped = contexts[0]?.starts.find((s) => s.buffer === bed);
		// 4 s into the file is 1 s into the third time round a 1.5 s loop.
		expect(looped).toMatchObject({ buffer: bed, loop: true, args: [0, 1] });
		const bedGain = contexts[0]?.gains[1];
		expect(bedGain?.gain.value).toBe(0.4);
		// The chime and the recording overlap: one span, softened from 0 s to 3.5 s.
		expect(bedGain?.gain.events.map(({ kind, level, atSec }) => [kind, level, atSec])).toEqual([
			['set', 0.4, 0],
			['ramp', 0.1, 0],
			['set', 0.1, 3.5],
			['ramp', 0.4, 3.65]
		]);
	});
});
