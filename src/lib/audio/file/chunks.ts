/**
 * The session's file cut into chunks rendered one at a time, so a phone never holds the whole
 * session's samples at once. Pure, and apart from the plan (session-sounds.ts): the maker that
 * uses it is fetched only when asked for, and shares no code with the player it need not.
 */
import type { SessionSound, SessionSounds } from './session-sounds';

/** A sound as one chunk starts it: where in the chunk, how far into the sound, for how long. */
export interface ChunkStart {
	sound: SessionSound;
	/** When it starts in the chunk, in seconds from the chunk's first sample. */
	whenSec: number;
	/** How far into the sound the chunk takes it up: more than 0 for a sound from the chunk before. */
	offsetSec: number;
	/** How much of the sound is left to play from there. */
	durationSec: number;
}

/** A stretch of the file rendered on its own. */
export interface RenderChunk {
	index: number;
	/** Where the chunk starts in the file, in sample frames. */
	startFrame: number;
	frames: number;
	starts: ChunkStart[];
}

/** Chunks of about 30 s: a few megabytes of samples each, rendered in well under a second. */
export const CHUNK_SEC = 30;

/**
 * Cuts the file into chunks of `chunkFrames` (the last one shorter). A sound that crosses a
 * boundary is in both chunks: the second takes it up where the first left it, so it plays on
 * exactly, sample for sample.
 */
export function chunksOf(
	{ sounds, lengthMs }: SessionSounds,
	sampleRate: number,
	chunkFrames = CHUNK_SEC * sampleRate
): RenderChunk[] {
	const totalFrames = Math.ceil((lengthMs / 1000) * sampleRate);
	const chunks: RenderChunk[] = [];
	for (let startFrame = 0; startFrame < totalFrames; startFrame += chunkFrames) {
		const frames = Math.min(chunkFrames, totalFrames - startFrame);
		const fromSec = startFrame / sampleRate;
		const toSec = (startFrame + frames) / sampleRate;
		const starts: ChunkStart[] = [];
		for (const sound of sounds) {
			const soundFromSec = sound.atMs / 1000;
			const soundToSec = (sound.atMs + sound.lengthMs) / 1000;
			if (soundFromSec >= toSec || soundToSec <= fromSec) continue;
			const startSec = Math.max(soundFromSec, fromSec);
			starts.push({
				sound,
				whenSec: startSec - fromSec,
				offsetSec: startSec - soundFromSec,
				durationSec: soundToSec - startSec
			});
		}
		chunks.push({ index: chunks.length, startFrame, frames, starts });
	}
	return chunks;
}
