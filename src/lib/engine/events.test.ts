import { describe, expect, it } from 'vitest';
import { EVENT_CLASSES, isClockDriven, needsCheckpoint, type SessionEvent } from './types';

const types = Object.keys(EVENT_CLASSES) as SessionEvent['type'][];

describe('what each engine event is, for those who listen', () => {
	it('names the boundaries time alone brings, which a follower works out for itself', () => {
		expect(types.filter(isClockDriven)).toEqual([
			'phase-started',
			'step-started',
			'segment-started'
		]);
	});

	it('names the events whose state is kept as a checkpoint, for a resume after a reload', () => {
		expect(types.filter(needsCheckpoint)).toEqual([
			'started',
			'phase-started',
			'paused',
			'resumed',
			'adjusted',
			'held',
			'unheld',
			'flare'
		]);
	});
});
