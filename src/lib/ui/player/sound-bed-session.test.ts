import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../engine';
import type { SoundBed } from '../../audio/sound-bed';
import type { PlayerModel } from '../session/player.svelte';
import { connectSoundBed } from './sound-bed-session';

/** A player that hands its events to the test, and a bed that writes down what it was asked. */
function session(mode = 'idle') {
	let listener: (event: SessionEvent) => void = () => {};
	const player = {
		view: { mode },
		listen(heard: (event: SessionEvent) => void) {
			listener = heard;
			return () => (listener = () => {});
		}
	} as unknown as PlayerModel;
	const asked: string[] = [];
	const bed = {
		play: () => asked.push('play'),
		rest: (fadeSec?: number) => asked.push(`rest ${fadeSec ?? 'short'}`),
		close: () => asked.push('close')
	} as unknown as SoundBed;
	const hear = (type: string) => listener({ type, atMs: 0 } as SessionEvent);
	return { player, bed, asked, hear };
}

describe('the sound bed following the session', () => {
	it('comes in at the start and resume, goes at a pause and the end, and plays on through a flare', () => {
		const { player, bed, asked, hear } = session();
		const disconnect = connectSoundBed(player, bed);
		expect(asked).toEqual([]);
		hear('started');
		hear('silence');
		hear('flare');
		hear('paused');
		hear('resumed');
		hear('done');
		expect(asked).toEqual(['play', 'rest short', 'play', 'rest 4']);
		disconnect();
		hear('started');
		expect(asked.slice(4)).toEqual(['close']);
	});

	it('plays at once for a session already under way (after a reload)', () => {
		const { player, bed, asked } = session('running');
		connectSoundBed(player, bed);
		expect(asked).toEqual(['play']);
	});
});
