/**
 * The whole session as one file would play it: every sound the player would schedule, from a
 * fresh session started at time 0 and played straight through (no flare, no pause). Pure: the
 * same planner as the player (cue-plan.ts), so the file and the player never disagree.
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
