import { describe, expect, it } from 'vitest';
import { threeSteps } from '$test/routines';
import { loadOwnVoice } from './own-voice';

/** Decodes bytes that begin with 1, as a browser decodes a real file; refuses anything else. */
const ctx = {
	decodeAudioData: async (bytes: ArrayBuffer) => {
		if (new Uint8Array(bytes)[0] !== 1) throw new DOMException('bad', 'EncodingError');
		return { duration: 1 } as AudioBuffer;
	}
};

describe('the recordings as the player takes them', () => {
	it('names every cue in words, and says plainly which could not be played', async () => {
		const loaded = await loadOwnVoice(
			ctx,
			[
				{ cue: 'hip/soften', audio: new Uint8Array([0]).buffer },
				{ cue: 'defaults/countdown', audio: new Uint8Array([0]).buffer },
				{ cue: 'defaults/approach', audio: new Uint8Array([1]).buffer }
			],
			threeSteps()
		);
		expect([...loaded.voice.keys()]).toEqual(['defaults/approach']);
		expect(loaded.labels).toEqual(
			new Map([
				['hip/soften', 'Soften, Hip'],
				['defaults/countdown', 'Get ready'],
				['defaults/approach', 'Approach the edge, every step']
			])
		);
		expect(loaded.problem).toBe(
			'Your recording for “Soften, Hip”, “Get ready” could not be played (this browser cannot decode it), so the built-in voice speaks in its place. Record it again, or import the routine pack again.'
		);
	});

	it('has no problem to tell when every recording plays', async () => {
		const loaded = await loadOwnVoice(
			ctx,
			[{ cue: 'calm/breathe', audio: new Uint8Array([1]).buffer }],
			threeSteps()
		);
		expect(loaded.problem).toBe('');
		expect(loaded.labels.get('calm/breathe')).toBe('Breathe, Calm');
	});
});
