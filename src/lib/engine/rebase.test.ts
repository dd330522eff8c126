import { describe, expect, it } from 'vitest';
import type { Clock } from './clock';
import { originShiftMs, rebaseState } from './rebase';
import { Session } from './session';
import { testSession, threeSteps } from '$test/routines';
import { viewAt } from './view';

/**
 * Two windows opened at different moments: the second's `performance.now()` reads 73 s less
 * than the first's at the same instant (its origin is 73 s later on the wall clock).
 */
const FIRST_ORIGIN_MS = Date.UTC(2026, 10, 25, 9, 0, 0) + 0.25;
const SECOND_ORIGIN_MS = FIRST_ORIGIN_MS + 73_000.5;

describe('carrying a state to another window’s clock', () => {
	it('the shift between two origins is the difference of their zeros', () => {
		expect(originShiftMs(FIRST_ORIGIN_MS, SECOND_ORIGIN_MS)).toBeCloseTo(-73_000.5, 6);
		expect(originShiftMs(SECOND_ORIGIN_MS, FIRST_ORIGIN_MS)).toBeCloseTo(73_000.5, 6);
		expect(originShiftMs(FIRST_ORIGIN_MS, FIRST_ORIGIN_MS)).toBe(0);
	});

	it('shows the same moment of the session in both windows, through every kind of control', () => {
		const { session, clock, after } = testSession(threeSteps(), { started: true });
		const shiftMs = originShiftMs(FIRST_ORIGIN_MS, SECOND_ORIGIN_MS);
		const compare = () => {
			const there = rebaseState(session.state, shiftMs);
			for (const laterMs of [0, 1, 999, 4_321, 60_000]) {
				const here = clock.now() + laterMs;
				expect(viewAt(there, here + shiftMs)).toEqual(viewAt(session.state, here));
			}
		};
		const controls: (() => void)[] = [
			() => after(12_345),
			() => session.pause(),
			() => after(30_000),
			() => session.resume(),
			() => session.hold(),
			() => after(7_000),
			() => session.unhold(),
			() => session.adjust(10_000),
			() => after(3_000),
			() => session.flare(),
			() => after(2_000),
			() => session.choose('retry'),
			() => session.skip(),
			() => session.previous(),
			() => after(1_000)
		];
		compare();
		for (const control of controls) {
			control();
			compare();
		}
		session.stop();
		compare();
		expect(session.view().mode).toBe('done');
	});

	it('a session carried on in the other window runs on from where it stood, to the same end', () => {
		const { session, clock, after } = testSession(threeSteps(), { started: true });
		after(20_000);
		session.hold();
		after(5_000);
		const shiftMs = -40_000;
		// The other window's clock: the same instant, read 40 s lower.
		const otherClock: Clock = {
			now: () => clock.now() + shiftMs,
			epochNow: () => clock.epochNow(),
			setTimeout: (callback, ms) => clock.setTimeout(callback, ms),
			clearTimeout: (id) => clock.clearTimeout(id),
			setInterval: (callback, ms) => clock.setInterval(callback, ms),
			clearInterval: (id) => clock.clearInterval(id)
		};
		const carried = new Session(threeSteps(), otherClock, rebaseState(session.state, shiftMs));
		for (const s of [session, carried]) s.unhold();
		clock.advance(41_000);
		for (const s of [session, carried]) s.tick();
		expect(carried.view()).toEqual(session.view());
		expect(carried.state.record).toEqual(session.state.record);
	});

	it('leaves a session not yet started, and one already ended, as they are', () => {
		const idle = testSession(threeSteps()).session.state;
		expect(rebaseState(idle, 500).mode).toEqual({ kind: 'idle' });
		expect(rebaseState(idle, 500).lastMs).toBe(-Infinity);
		const { session } = testSession(threeSteps(), { started: true });
		session.stop();
		const done = rebaseState(session.state, -1234);
		expect(done.mode).toEqual(session.state.mode);
		expect(done.record).toBe(session.state.record);
		expect(rebaseState(session.state, 0)).toBe(session.state);
	});
});
