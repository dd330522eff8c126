import { describe, expect, it } from 'vitest';
import { cueKey, parseCueKey } from './cue-keys';

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
});
