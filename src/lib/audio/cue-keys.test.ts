import { describe, expect, it } from 'vitest';
import { cueKey, parseCueKey } from './cue-keys';
import { recordedCue } from './own-cues';

describe('cue keys', () => {
	it('names a cue by scope and phase, and reads it back', () => {
		expect(cueKey('hip-left', 'come-back')).toBe('hip-left/come-back');
		expect(parseCueKey('hip-left/come-back')).toEqual({ scope: 'hip-left', phase: 'come-back' });
		expect(parseCueKey('defaults/countdown')).toEqual({ scope: 'defaults', phase: 'countdown' });
	});

	it('refuses keys that name no phase, a step-only countdown, or a path', () => {
		for (const key of [
			'hip/sofen',
			'hip/countdown',
			'hip/done',
			'../hip/soften',
			'Hip/soften',
			'hip/soften/x',
			'soften',
			'/soften'
		]) {
			expect(parseCueKey(key), key).toBeUndefined();
		}
	});

	it("picks the step's recording, else the routine's, else none", () => {
		const recorded = new Map([
			['hip/soften', 1],
			['defaults/soften', 1],
			['defaults/rest', 1]
		]);
		expect(recordedCue(recorded, 'hip', 'soften')).toBe('hip/soften');
		expect(recordedCue(recorded, 'calm', 'soften')).toBe('defaults/soften');
		expect(recordedCue(recorded, 'hip', 'rest')).toBe('defaults/rest');
		expect(recordedCue(recorded, 'hip', 'approach')).toBeUndefined();
	});
});
