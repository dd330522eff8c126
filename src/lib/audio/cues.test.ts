import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CUE_SPRITE, type CueId } from './cues';

const STATIC = fileURLToPath(new URL('../../../static', import.meta.url));

// Every id the type allows, written out: a cue added to the type but not made fails here.
const ALL: Record<CueId, true> = {
	'get-ready': true,
	approach: true,
	breathe: true,
	inhale: true,
	exhale: true,
	hold: true,
	soften: true,
	'come-back': true,
	rest: true,
	'next-step': true,
	left: true,
	right: true,
	halfway: true,
	release: true,
	'release-still': true,
	recover: true,
	'well-done': true,
	'session-ended': true,
	'red-flag': true,
	'round-1': true,
	'round-2': true,
	'round-3': true,
	'round-4': true,
	'round-5': true,
	'round-6': true,
	'round-7': true,
	'round-8': true,
	'round-9': true,
	'round-10': true,
	'last-round': true,
	chime: true,
	'chime-end': true,
	tick: true
};

describe('the committed cue sprite', () => {
	it('has a sound for every cue and nothing else', () => {
		expect(Object.keys(CUE_SPRITE.sprite).sort()).toEqual(Object.keys(ALL).sort());
	});

	it('lays its sounds one after another without overlap, each of some length', () => {
		const spans = Object.values(CUE_SPRITE.sprite).sort((a, b) => a[0] - b[0]);
		spans.forEach(([offsetMs, durationMs], i) => {
			expect(durationMs).toBeGreaterThan(30);
			const next = spans[i + 1];
			if (next) expect(offsetMs + durationMs).toBeLessThan(next[0]);
		});
	});

	it('ships both formats, named by their content hash, in static/', () => {
		for (const path of [CUE_SPRITE.files.webm, CUE_SPRITE.files.mp3]) {
			expect(path).toMatch(/^\/audio\/cues-[0-9a-f]{10}\.(webm|mp3)$/);
			expect(existsSync(STATIC + path)).toBe(true);
			expect(statSync(STATIC + path).size).toBeGreaterThan(20_000);
		}
	});

	it('keeps the words of every spoken cue', () => {
		expect(CUE_SPRITE.texts.release).toBe('Stop. Come back slowly. Breathe.');
		expect(CUE_SPRITE.texts['red-flag']).toContain('qualified professional');
	});
});
