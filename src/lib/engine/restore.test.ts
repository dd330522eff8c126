import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock';
import { restoreSession } from './reduce';
import { Session } from './session';
import { TEST_EPOCH_MS, testSession, threeSteps } from '$test/routines';
import type { SessionEvent } from './types';

/** A session restored on a fresh page: a new monotonic clock, `laterMs` of wall time later. */
function reopen(saved: Session, laterMs: number) {
	const savedEpochMs =
		saved.state.startedAtEpochMs + (saved.state.lastMs - saved.state.startedAtMs);
	const clock = new ManualClock(50, savedEpochMs + laterMs);
	const state = restoreSession(saved.state, clock.now(), clock.epochNow());
	if (!state) throw new Error('nothing to restore');
	const session = new Session(threeSteps(), clock, state);
	const events: SessionEvent[] = [];
	session.subscribe((event) => events.push(event));
	return { clock, session, events };
}

describe('restoring a session after a reload', () => {
	it('waits, paused, at the start of the phase it was in, with its record as it stood', () => {
		const { session, at } = testSession(threeSteps(), { started: true });
		// 27 s in: round 1 of the hip stretch, 2 s into soften (25–30 s).
		expect(at(27_000).phase).toBe('soften');
		const { session: restored } = reopen(session, 60_000);
		const view = restored.view();
		expect(view).toMatchObject({ mode: 'paused', phase: 'soften', stepIndex: 0, round: 1 });
		expect(view.phaseLeftMs).toBe(5_000);
		expect(restored.state.record.steps[0]?.status).toBe('in-progress');
	});

	it('a session saved while held comes back paused, its hold kept in the record', () => {
		const { session, at } = testSession(threeSteps(), { started: true });
		at(8_000);
		session.hold();
		at(20_000);
		const { session: restored } = reopen(session, 60_000);
		expect(restored.view()).toMatchObject({
			mode: 'paused',
			phase: 'approach',
			phaseLeftMs: 10_000
		});
		expect(restored.state.record.adjustments).toEqual([
			{
				kind: 'held',
				stepId: 'hip',
				stepIndex: 0,
				round: 1,
				phase: 'approach',
				heldMs: 12_000,
				atEpochMs: TEST_EPOCH_MS + 8_000
			}
		]);
	});

	it('plays the phase from its start on resume, its cue not counted as missed', () => {
		const { session, at } = testSession(threeSteps(), { started: true });
		at(27_000);
		const { session: restored, events, clock } = reopen(session, 60_000);
		restored.resume();
		expect(events.map((e) => e.type)).toEqual(['resumed', 'phase-started', 'segment-started']);
		expect(events.every((e) => !('missed' in e) || e.missed === false)).toBe(true);
		clock.advance(5_000);
		restored.tick();
		expect(restored.view().phase).toBe('come-back');
	});

	it('keeps the flare record and its decision when it stopped during recover', () => {
		const { session, at } = testSession(threeSteps(), { started: true });
		at(20_000);
		session.flare();
		at(26_000); // release 4 s, so 2 s into recover (8 s)
		const { session: restored } = reopen(session, 5 * 60_000);
		expect(restored.view()).toMatchObject({ mode: 'paused', phase: 'recover' });
		expect(restored.state.record.flares).toHaveLength(1);
		restored.resume();
		restored.choose('skip');
		expect(restored.view().stepIndex).toBe(1);
		expect(restored.state.record.steps[0]?.status).toBe('skipped');
	});

	it('keeps wall-clock times true on the new page clock', () => {
		const { session, at } = testSession(threeSteps(), { started: true });
		at(27_000);
		const { session: restored, clock } = reopen(session, 60_000);
		restored.resume();
		restored.stop();
		expect(restored.state.record.startedAtEpochMs).toBe(TEST_EPOCH_MS);
		expect(restored.state.record.endedAtEpochMs).toBe(clock.epochNow());
	});

	it('has nothing to restore for a session not started or already over', () => {
		const idle = testSession(threeSteps());
		expect(restoreSession(idle.session.state, 0, TEST_EPOCH_MS)).toBeUndefined();
		const over = testSession(threeSteps(), { started: true });
		over.session.stop();
		expect(restoreSession(over.session.state, 0, TEST_EPOCH_MS)).toBeUndefined();
	});

	it('survives being stored: a structured clone restores the same way', () => {
		const { session, at } = testSession(threeSteps(), { started: true });
		at(52_000);
		const cloned = structuredClone(session.state);
		const direct = restoreSession(session.state, 0, TEST_EPOCH_MS + 60_000);
		expect(restoreSession(cloned, 0, TEST_EPOCH_MS + 60_000)).toEqual(direct);
		expect(direct?.mode).toEqual({ kind: 'paused', programMs: 50_000 });
	});
});
