import { describe, expect, it } from 'vitest';
import type { SessionView } from '../../engine/view';
import { PACER_EMPTY, PACER_FULL, pacerTarget } from './pacer';

const view = (over: Partial<SessionView>): SessionView => ({
	mode: 'running',
	phase: 'approach',
	stepIndex: 1,
	stepCount: 3,
	lead: false,
	round: 1,
	rounds: 2,
	phaseLeftMs: 8_000,
	phaseDurationMs: 10_000,
	segmentElapsedMs: 2_000,
	segmentDurationMs: 10_000,
	sessionLeftMs: 60_000,
	timelineMs: 10_000,
	inFlare: false,
	canRetry: false,
	gentle: false,
	...over
});

describe('the pacer', () => {
	it('grows in a breath in and shrinks in a breath out, over the time left in it', () => {
		const inhale = pacerTarget(view({ phase: 'breathe', breath: { part: 'inhale', n: 1, of: 4 } }));
		expect(inhale).toMatchObject({ scale: PACER_FULL, durationMs: 8_000, look: 'breathe' });
		const exhale = pacerTarget(view({ phase: 'breathe', breath: { part: 'exhale', n: 1, of: 4 } }));
		expect(exhale).toMatchObject({ scale: PACER_EMPTY, durationMs: 8_000 });
		expect(inhale.key).not.toBe(exhale.key);
	});

	it('moves each phase its own way: reaches out in approach, draws back in come back', () => {
		const approach = pacerTarget(view({ phase: 'approach' }));
		const soften = pacerTarget(view({ phase: 'soften' }));
		const comeBack = pacerTarget(view({ phase: 'come-back' }));
		const release = pacerTarget(view({ phase: 'release', phaseLeftMs: 9_000 }));
		// Approach and come back take the whole phase, so the move is the time itself.
		expect(approach).toMatchObject({ look: 'approach', durationMs: 8_000 });
		expect(comeBack.durationMs).toBe(8_000);
		expect(comeBack.scale).toBeLessThan(approach.scale);
		expect(soften.scale).toBeGreaterThan(approach.scale);
		// A release settles quickly rather than over its whole time.
		expect(release.durationMs).toBeLessThan(9_000);
		expect(release.scale).toBeLessThan(comeBack.scale);
		const looks = new Set(
			[approach, soften, comeBack, release].map((t) => `${t.scale}/${t.opacity}`)
		);
		expect(looks.size).toBe(4);
	});

	it('starts its move again when the session is paused or resumed', () => {
		const running = pacerTarget(view({}));
		const paused = pacerTarget(view({ mode: 'paused' }));
		expect(paused.key).not.toBe(running.key);
	});
});
