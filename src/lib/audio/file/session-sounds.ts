/**
 * The whole session as one file would play it: every sound the player would schedule, from a
 * fresh session started at time 0 and played straight through (no flare, no pause), cut into
 * chunks rendered one at a time so a phone never holds the whole session's samples at once.
 * Pure: the same planner as the player (cue-plan.ts), so the file and the player never disagree.
 */
import { createSession, reduce } from '../../engine/reduce';
import type { Timeline } from '../../routine/timeline';
import { planCueGroups, type CueSettings } from '../cue-plan';
import type { CueId } from '../cues';

/** One sound of the session, on the session's own time (0 = the session's start). */
export type SessionSound =
	| { kind: 'cue'; id: CueId; atMs: number; lengthMs: number }
	/** A coach's recorded cue, cut at `lengthMs` as the player cuts it. */
	| { kind: 'own'; cue: string; atMs: number; lengthMs: number };

/** Every sound of a session played straight through, and how long its file runs. */
export interface SessionSounds {
	sounds: SessionSound[];
	/**
	 * The session's length, or more where its last sound rings on: the closing chime and words
	 * play at the session's end, as the player plays them, so the file ends after them.
	 */
	lengthMs: number;
}

/** The sounds of `timeline` played from start to end, as the person's settings would have them. */
export function sessionSounds(
	timeline: Timeline,
	settings: CueSettings,
	durationsMs: Record<CueId, number>,
	/** The coach's recorded cues that can play: key → length in ms. */
	recorded: ReadonlyMap<string, number> = new Map()
): SessionSounds {
	const started = reduce(createSession(timeline), { type: 'start', atMs: 0, epochMs: 0 }).state;
	const endMs = started.program.totalMs;
	// From just before 0, so a moment at the very start (the countdown, the first step) counts.
	const groups = planCueGroups(started, -1, endMs, settings, durationsMs, recorded);
	const sounds: SessionSound[] = [];
	for (const group of groups) {
		for (const clip of group.clips) {
			const atMs = group.atMs + clip.offsetMs;
			sounds.push({ kind: 'cue', id: clip.id, atMs, lengthMs: durationsMs[clip.id] });
		}
		const own = group.own;
		if (!own) continue;
		const lengthMs = Math.min(recorded.get(own.cue) ?? 0, own.maxMs);
		if (lengthMs > 0) {
			sounds.push({ kind: 'own', cue: own.cue, atMs: group.atMs + own.offsetMs, lengthMs });
		}
	}
	sounds.sort((a, b) => a.atMs - b.atMs);
	const lastEndMs = Math.max(0, ...sounds.map((sound) => sound.atMs + sound.lengthMs));
	return { sounds, lengthMs: Math.max(endMs, lastEndMs) };
}

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
