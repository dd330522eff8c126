import { describe, expect, it } from 'vitest';
import { routine } from '$test/routines';
import { compileTimeline } from '../../routine';
import { cueDurationsMs } from '../cues';
import { chunksOf } from './chunks';
import { sessionSounds, type SessionSound } from './session-sounds';

const DURATIONS = cueDurationsMs();

/** 3 s of countdown, then two breaths of 2 s in and 3 s out: 13 s in all. */
const TWO_BREATHS = compileTimeline(
	routine({
		version: 1,
		id: 'two',
		title: 'Two breaths',
		steps: [
			{
				type: 'breathe',
				id: 'calm',
				title: 'Calm',
				pattern: { inhale: 2, exhale: 3 },
				breaths: 2
			}
		]
	}),
	{ countdownSec: 3 }
);

const cue = (id: string, atMs: number) => ({ kind: 'cue', id, atMs });
const brief = (sounds: SessionSound[]) =>
	sounds.map((s) =>
		s.kind === 'cue' ? cue(s.id, s.atMs) : { kind: 'own', cue: s.cue, atMs: s.atMs }
	);

describe('the session as one file: its sounds', () => {
	it('are the player’s cues from a session started at 0 and played straight through', () => {
		const { sounds, lengthMs } = sessionSounds(
			TWO_BREATHS,
			{ voice: true, chimes: true },
			DURATIONS
		);
		expect(brief(sounds)).toEqual([
			cue('get-ready', 0),
			// The countdown's ticks on its last seconds: one, in a countdown of three.
			cue('tick', 2000),
			cue('chime', 3000),
			cue('inhale', 3150),
			cue('exhale', 5000),
			// The first moment of the second half says so, then the breath.
			cue('halfway', 8000),
			cue('inhale', 8000 + DURATIONS.halfway + 80),
			cue('exhale', 10000),
			cue('chime-end', 13000),
			cue('well-done', 13150)
		]);
		expect(sounds.map((s) => s.lengthMs)).toEqual(
			sounds.map((s) => (s.kind === 'cue' ? DURATIONS[s.id] : NaN))
		);
		// The file runs on past the session's 13 s until the closing chime has rung out.
		expect(TWO_BREATHS.totalMs).toBe(13_000);
		expect(lengthMs).toBe(13_000 + DURATIONS['chime-end']);
	});

	it('keep to the person’s settings: voice alone, chimes alone', () => {
		const voice = sessionSounds(TWO_BREATHS, { voice: true, chimes: false }, DURATIONS);
		expect(voice.sounds.map((s) => s.kind === 'cue' && s.id)).toEqual([
			'get-ready',
			'inhale',
			'exhale',
			'halfway',
			'inhale',
			'exhale',
			'well-done'
		]);
		expect(voice.lengthMs).toBe(13_000 + DURATIONS['well-done']);
		const chimes = sessionSounds(TWO_BREATHS, { voice: false, chimes: true }, DURATIONS);
		expect(brief(chimes.sounds)).toEqual([
			cue('tick', 2000),
			cue('chime', 3000),
			cue('chime-end', 13000)
		]);
	});

	it('are the session’s length exactly where nothing rings on past its end', () => {
		const silent = sessionSounds(TWO_BREATHS, { voice: false, chimes: false }, DURATIONS);
		expect(silent).toEqual({ sounds: [], lengthMs: 13_000 });
	});

	it('play the coach’s recordings in place of the built-in words, cut as the player cuts them', () => {
		const recorded = new Map([
			['defaults/countdown', 1200],
			['calm/breathe', 12_000]
		]);
		const { sounds } = sessionSounds(
			TWO_BREATHS,
			{ voice: true, chimes: true },
			DURATIONS,
			recorded
		);
		expect(sounds).toEqual([
			{ kind: 'own', cue: 'defaults/countdown', atMs: 0, lengthMs: 1200 },
			{ kind: 'cue', id: 'tick', atMs: 2000, lengthMs: DURATIONS.tick },
			{ kind: 'cue', id: 'chime', atMs: 3000, lengthMs: DURATIONS.chime },
			// After the chime, and ending 150 ms before the phase does (10 s of breathing).
			{ kind: 'own', cue: 'calm/breathe', atMs: 3150, lengthMs: 10_000 - 150 - 150 },
			{ kind: 'cue', id: 'chime-end', atMs: 13000, lengthMs: DURATIONS['chime-end'] },
			{ kind: 'cue', id: 'well-done', atMs: 13150, lengthMs: DURATIONS['well-done'] }
		]);
	});
});

describe('the session as one file: its chunks', () => {
	// 1,000 frames a second and 1 s chunks: frames and milliseconds read alike.
	const RATE = 1000;
	const planned = sessionSounds(TWO_BREATHS, { voice: true, chimes: true }, DURATIONS);
	const chunks = chunksOf(planned, RATE, RATE);
	const round = (sec: number) => Math.round(sec * 1e6) / 1e6;

	it('cover the whole file, end to end, the last one shorter', () => {
		expect(chunks).toHaveLength(16);
		expect(chunks.map((c) => c.startFrame)).toEqual(chunks.map((_, i) => i * RATE));
		expect(chunks.at(-1)?.frames).toBe(900);
		expect(chunks.reduce((sum, c) => sum + c.frames, 0)).toBe(planned.lengthMs);
	});

	it('start each sound at its time in the chunk it begins in', () => {
		const at = (index: number) =>
			chunks[index]?.starts.map((s) => [
				s.sound.kind === 'cue' ? s.sound.id : s.sound.cue,
				round(s.whenSec),
				round(s.offsetSec),
				round(s.durationSec)
			]);
		expect(at(0)).toEqual([['get-ready', 0, 0, 0.577]]);
		expect(at(2)).toEqual([['tick', 0, 0, 0.06]]);
		expect(at(1)).toEqual([]);
		// The chime rings 1.6 s: from its chunk on into the next, taken up where it was left.
		expect(at(3)).toEqual([
			['chime', 0, 0, 1.6],
			['inhale', 0.15, 0, 0.435]
		]);
		expect(at(4)?.[0]).toEqual(['chime', 0, 1, 0.6]);
		// The closing chime rings on through three chunks after the session's end.
		expect(at(13)).toEqual([
			['chime-end', 0, 0, 2.9],
			['well-done', 0.15, 0, 2.11]
		]);
		expect(at(14)).toEqual([
			['chime-end', 0, 1, 1.9],
			['well-done', 0, 0.85, 1.26]
		]);
		expect(at(15)).toEqual([
			['chime-end', 0, 2, 0.9],
			['well-done', 0, 1.85, 0.26]
		]);
	});

	it('together play every sound whole, exactly once, each chunk taking it up where the last stopped', () => {
		for (const sound of planned.sounds) {
			const parts = chunks.flatMap((chunk) =>
				chunk.starts
					.filter((s) => s.sound === sound)
					.map((s) => ({
						atSec: chunk.startFrame / RATE + s.whenSec,
						// What the chunk holds of it: the rest is cut off at the chunk's end.
						heardSec: Math.min(s.durationSec, chunk.frames / RATE - s.whenSec),
						...s
					}))
			);
			expect(parts[0]?.atSec).toBeCloseTo(sound.atMs / 1000, 9);
			let playedSec = 0;
			for (const part of parts) {
				expect(part.offsetSec).toBeCloseTo(playedSec, 9);
				expect(part.atSec).toBeCloseTo(sound.atMs / 1000 + playedSec, 9);
				expect(part.durationSec).toBeCloseTo(sound.lengthMs / 1000 - playedSec, 9);
				playedSec += part.heardSec;
			}
			expect(playedSec).toBeCloseTo(sound.lengthMs / 1000, 9);
		}
	});
});
