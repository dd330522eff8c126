import { describe, expect, it } from 'vitest';
import { recordedCue } from './own-cues';

describe('which recording plays', () => {
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
