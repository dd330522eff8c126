import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSession, reduce } from './reduce';
import { TEST_EPOCH_MS, TEST_START_MS, testSession, threeSteps } from '$test/routines';
import type { Action, SessionEvent } from './types';
import { viewAt } from './view';

// threeSteps(): countdown 0–5 s; hip round 1: approach 5–15, breathe 15–25 (2 breaths of
// 5 s), soften 25–30, come-back 30–34, rest 34–40; round 2 40–69; rest 69–76; calm 76–91
// (3 breaths); rest 91–111.
const TOTAL_MS = 111_000;
const setup = () => testSession(threeSteps(), { started: true });

const phaseStarts = (events: SessionEvent[]) =>
	events.flatMap((event) =>
		event.type === 'phase-started' ? [[event.segment.phase, event.atMs - TEST_START_MS]] : []
	);

describe('adding and taking time in a single-segment phase', () => {
	it('adds to the approach: elapsed kept, time left longer, later phases start exactly later', () => {
		const { session, events, at } = setup();
		at(8_000);
		session.adjust(10_000);
		expect(session.view()).toMatchObject({ phase: 'approach', phaseLeftMs: 17_000 });
		expect(session.view().phaseDurationMs).toBe(20_000);
		expect(session.view().sessionLeftMs).toBe(TOTAL_MS + 10_000 - 8_000);
		expect(session.state.record.adjustments).toEqual([
			{
				kind: 'added',
				stepId: 'hip',
				stepIndex: 0,
				round: 1,
				phase: 'approach',
				deltaMs: 10_000,
				atEpochMs: TEST_EPOCH_MS + 8_000
			}
		]);
		for (let ms = 8_000; ms <= 130_000; ms += 7) at(ms);
		expect(phaseStarts(events).slice(1, 5)).toEqual([
			['approach', 5_000],
			['breathe', 25_000],
			['soften', 35_000],
			['come-back', 40_000]
		]);
		expect(events.at(-1)).toMatchObject({ type: 'done', outcome: 'completed' });
		expect(events.at(-1)?.atMs).toBe(TEST_START_MS + TOTAL_MS + 10_000);
	});

	it('takes from the soften: the next phase is due sooner, with no drift after many ticks', () => {
		const { session, events, at } = setup();
		at(26_000);
		session.adjust(-3_000);
		expect(session.view()).toMatchObject({ phase: 'soften', phaseLeftMs: 1_000 });
		for (let ms = 26_000; ms <= 45_000; ms += 3) at(ms);
		expect(phaseStarts(events).filter(([, ms]) => Number(ms) > 26_000)).toEqual([
			['come-back', 27_000],
			['rest', 31_000],
			['approach', 37_000]
		]);
		expect(at(45_000).sessionLeftMs).toBe(TOTAL_MS - 3_000 - 45_000);
	});

	it('taking more than is left ends the phase now and cues the next one', () => {
		const { session, events, at } = setup();
		at(28_000);
		const before = events.length;
		session.adjust(-10_000);
		const now = events.slice(before);
		expect(now.map((event) => event.type)).toEqual([
			'adjusted',
			'silence',
			'phase-started',
			'segment-started'
		]);
		expect(now[3]).toMatchObject({
			segment: { phase: 'come-back' },
			missed: false,
			atMs: TEST_START_MS + 28_000
		});
		expect(session.view()).toMatchObject({ phase: 'come-back', phaseLeftMs: 4_000 });
		expect(session.state.record.adjustments).toEqual([
			expect.objectContaining({ kind: 'taken', phase: 'soften', deltaMs: -2_000 })
		]);
		expect(at(32_000)).toMatchObject({ phase: 'rest', phaseLeftMs: 6_000 });
	});

	it('taking all that is left of the last phase ends the session', () => {
		const { session, at } = setup();
		at(100_000);
		session.adjust(-20_000);
		expect(session.view()).toMatchObject({ mode: 'done', outcome: 'completed' });
		expect(session.state.record.steps.map((step) => step.status)).toEqual([
			'completed',
			'completed',
			'completed'
		]);
	});

	it('works while paused: the paused place stays, the phase is longer on resume', () => {
		const { session, at } = setup();
		at(8_000);
		session.pause();
		at(30_000);
		session.adjust(10_000);
		expect(session.view()).toMatchObject({
			mode: 'paused',
			phase: 'approach',
			phaseLeftMs: 17_000
		});
		session.resume();
		expect(at(46_999)).toMatchObject({ phase: 'approach', phaseLeftMs: 1 });
		expect(at(47_000)).toMatchObject({ phase: 'breathe' });
	});

	it('leaves a session without adjustments with no adjustments key, as stored records have', () => {
		const { session, at } = setup();
		at(50_000);
		expect('adjustments' in session.state.record).toBe(false);
	});

	it('keeps the progress bar from running past a lengthened phase', () => {
		const { session, at } = setup();
		at(10_000);
		session.adjust(10_000);
		expect(at(14_000).timelineMs).toBe(14_000);
		expect(at(20_000).timelineMs).toBe(15_000);
		expect(at(25_000)).toMatchObject({ phase: 'breathe', timelineMs: 15_000 });
	});
});

describe('adjusting a breathe phase by whole breaths', () => {
	it('adds ceil(delta / breath) breaths at its end and keeps the pattern', () => {
		const { session, at } = setup();
		at(16_000);
		session.adjust(10_000);
		expect(session.view()).toMatchObject({
			phase: 'breathe',
			breath: { part: 'inhale', n: 1, of: 4 },
			phaseLeftMs: 19_000
		});
		session.adjust(1);
		expect(session.view().breath).toMatchObject({ n: 1, of: 5 });
		expect(at(35_000)).toMatchObject({ breath: { part: 'inhale', n: 5, of: 5 } });
		expect(at(37_000)).toMatchObject({ breath: { part: 'exhale', n: 5, of: 5 } });
		expect(at(40_000)).toMatchObject({ phase: 'soften', phaseLeftMs: 5_000 });
	});

	it('removes whole breaths from its end but never the breath under way', () => {
		const { session, at } = setup();
		at(78_000);
		expect(session.view().breath).toMatchObject({ n: 1, of: 3 });
		session.adjust(-6_000);
		expect(session.view()).toMatchObject({ breath: { n: 1, of: 1 }, phaseLeftMs: 3_000 });
		expect(session.state.record.adjustments?.[0]).toMatchObject({
			kind: 'taken',
			deltaMs: -10_000
		});
		session.adjust(-10_000);
		expect(session.view()).toMatchObject({ breath: { n: 1, of: 1 }, phaseLeftMs: 3_000 });
		expect(session.state.record.adjustments).toHaveLength(1);
		expect(at(81_000)).toMatchObject({ phase: 'rest', phaseLeftMs: 20_000 });
	});
});

describe('adjusting during a flare', () => {
	it('lengthens the release and shortens the recover; what follows is unchanged', () => {
		const { session, at, events } = setup();
		at(20_000);
		session.flare();
		at(21_000);
		session.adjust(10_000);
		expect(session.view()).toMatchObject({ phase: 'release', phaseLeftMs: 13_000, inFlare: true });
		expect(at(34_000)).toMatchObject({ phase: 'recover', phaseLeftMs: 8_000 });
		session.adjust(-10_000);
		// The step retries gently: one round, from its approach, now.
		expect(session.view()).toMatchObject({ phase: 'approach', round: 1, rounds: 1 });
		expect(session.state.record.steps[0]).toMatchObject({ retried: true });
		expect(events.at(-1)).toMatchObject({
			type: 'segment-started',
			segment: { phase: 'approach' },
			missed: false
		});
	});
});

describe('holding a phase', () => {
	it('stands still for as long as it is held, then runs on from exactly where it stood', () => {
		const { session, events, at } = setup();
		at(8_000);
		session.hold();
		const held = events.length;
		expect(events.at(-1)).toMatchObject({ type: 'held' });
		for (let ms = 8_000; ms <= 608_000; ms += 997) at(ms);
		expect(at(608_000)).toMatchObject({ mode: 'held', phase: 'approach', phaseLeftMs: 7_000 });
		expect(events.length).toBe(held);
		session.unhold();
		expect(events.at(-1)).toMatchObject({ type: 'unheld' });
		expect(at(614_999)).toMatchObject({ mode: 'running', phase: 'approach', phaseLeftMs: 1 });
		expect(at(615_000)).toMatchObject({ phase: 'breathe' });
		const entry = session.state.record.adjustments?.[0];
		expect(entry).toEqual({
			kind: 'held',
			stepId: 'hip',
			stepIndex: 0,
			round: 1,
			phase: 'approach',
			heldMs: 600_000,
			atEpochMs: TEST_EPOCH_MS + 8_000
		});
		expect(events.some((event) => event.type === 'silence')).toBe(false);
	});

	it('can be lengthened while held, and a resume lets the hold go', () => {
		const { session, at } = setup();
		at(8_000);
		session.hold();
		at(20_000);
		session.adjust(10_000);
		expect(session.view()).toMatchObject({ mode: 'held', phaseLeftMs: 17_000 });
		session.resume();
		expect(session.view().mode).toBe('running');
		expect(at(36_999)).toMatchObject({ phase: 'approach', phaseLeftMs: 1 });
	});

	it('pausing while held records the hold and pauses at the same place', () => {
		const { session, at } = setup();
		at(8_000);
		session.hold();
		at(18_000);
		session.pause();
		expect(session.view()).toMatchObject({ mode: 'paused', phaseLeftMs: 7_000 });
		expect(session.state.record.adjustments).toEqual([
			expect.objectContaining({ kind: 'held', heldMs: 10_000 })
		]);
		at(50_000);
		session.resume();
		expect(at(56_000)).toMatchObject({ phase: 'approach', phaseLeftMs: 1_000 });
	});

	it('a flare while held brings the person out at once', () => {
		const { session, at, events } = setup();
		at(8_000);
		session.hold();
		at(30_000);
		session.flare();
		expect(session.view()).toMatchObject({ mode: 'running', phase: 'release' });
		expect(events.map((event) => event.type)).toContain('silence');
		expect(session.state.record.flares[0]).toMatchObject({ phase: 'approach', secondsIntoStep: 3 });
		expect(session.state.record.adjustments?.[0]).toMatchObject({ kind: 'held', heldMs: 22_000 });
	});

	it('stopping while held ends the session and keeps the hold', () => {
		const { session, at } = setup();
		at(8_000);
		session.hold();
		at(9_000);
		session.stop();
		expect(session.view()).toMatchObject({ mode: 'done', outcome: 'stopped' });
		expect(session.state.record.adjustments?.[0]).toMatchObject({ kind: 'held', heldMs: 1_000 });
	});

	it('taking all that is left while held ends the hold and starts the next phase', () => {
		const { session, at } = setup();
		at(8_000);
		session.hold();
		at(9_000);
		session.adjust(-10_000);
		expect(session.view()).toMatchObject({ mode: 'running', phase: 'breathe' });
		expect(session.state.record.adjustments?.map((entry) => entry.kind)).toEqual(['taken', 'held']);
	});

	it('does nothing unless running', () => {
		const { session, at } = setup();
		at(8_000);
		session.pause();
		session.hold();
		expect(session.view().mode).toBe('paused');
		session.unhold();
		expect(session.view().mode).toBe('paused');
	});
});

describe('going back a step', () => {
	it('starts the step before from its first phase, exactly on the clock, and records it', () => {
		const { session, events, at } = setup();
		at(80_000);
		const before = events.length;
		session.previous();
		expect(events.slice(before).map((event) => event.type)).toEqual([
			'adjusted',
			'silence',
			'step-started',
			'phase-started',
			'segment-started'
		]);
		expect(session.view()).toMatchObject({ phase: 'approach', stepIndex: 0, phaseLeftMs: 10_000 });
		// Everything from the hip's approach plays again: the routine less its countdown.
		expect(session.view().sessionLeftMs).toBe(TOTAL_MS - 5_000);
		expect(session.state.record.adjustments).toEqual([
			{
				kind: 'back',
				stepId: 'calm',
				stepIndex: 1,
				round: 0,
				phase: 'breathe',
				toStepId: 'hip',
				toStepIndex: 0,
				atEpochMs: TEST_EPOCH_MS + 80_000
			}
		]);
	});

	it('keeps every later boundary exact however the ticks fall', () => {
		const { session, events, at } = setup();
		at(80_000);
		session.previous();
		const from = events.length;
		for (let ms = 80_000; ms <= 80_000 + TOTAL_MS; ms += 13) at(ms);
		const starts = events
			.slice(from)
			.flatMap((event) =>
				event.type === 'phase-started' ? [[event.segment.phase, event.atMs - TEST_START_MS]] : []
			);
		expect(starts.slice(0, 6)).toEqual([
			['breathe', 90_000],
			['soften', 100_000],
			['come-back', 105_000],
			['rest', 109_000],
			['approach', 115_000],
			['breathe', 125_000]
		]);
		expect(events.at(-1)).toMatchObject({ type: 'done', outcome: 'completed' });
		expect(events.at(-1)?.atMs).toBe(TEST_START_MS + 80_000 + TOTAL_MS - 5_000);
	});

	it('in the first step starts it again, and says so in the record', () => {
		const { session, at } = setup();
		at(27_000);
		session.previous();
		expect(session.view()).toMatchObject({ phase: 'approach', stepIndex: 0, phaseLeftMs: 10_000 });
		expect(session.state.record.adjustments).toEqual([
			expect.objectContaining({ kind: 'back', stepIndex: 0, phase: 'soften', toStepIndex: 0 })
		]);
	});

	it('while held records the hold first, then the step back', () => {
		const { session, at } = setup();
		at(80_000);
		session.hold();
		at(95_000);
		session.previous();
		expect(session.view()).toMatchObject({ mode: 'running', phase: 'approach', stepIndex: 0 });
		expect(session.state.record.adjustments).toEqual([
			expect.objectContaining({ kind: 'held', heldMs: 15_000 }),
			expect.objectContaining({ kind: 'back', toStepId: 'hip', atEpochMs: TEST_EPOCH_MS + 95_000 })
		]);
	});

	it('records nothing where it does nothing: the countdown, a flare, the end', () => {
		const { session, at } = setup();
		at(2_000);
		session.previous();
		at(20_000);
		session.flare();
		session.previous();
		session.stop();
		session.previous();
		expect('adjustments' in session.state.record).toBe(false);
	});

	it('while paused goes back and stays paused', () => {
		const { session, at } = setup();
		at(80_000);
		session.pause();
		at(90_000);
		session.previous();
		expect(session.view()).toMatchObject({
			mode: 'paused',
			phase: 'approach',
			phaseLeftMs: 10_000
		});
		session.resume();
		expect(at(99_999)).toMatchObject({ phase: 'approach', phaseLeftMs: 1 });
		expect(session.state.record.adjustments?.[0]).toMatchObject({ kind: 'back' });
	});
});

describe('adjustments under any sequence of controls', () => {
	const move = fc.record({
		waitMs: fc.integer({ min: 0, max: 25_000 }),
		action: fc.oneof(
			fc.constant({ type: 'tick' as const }),
			fc.constant({ type: 'hold' as const }),
			fc.constant({ type: 'unhold' as const }),
			fc.constant({ type: 'pause' as const }),
			fc.constant({ type: 'resume' as const }),
			fc.constant({ type: 'flare' as const }),
			fc.constant({ type: 'previous' as const }),
			fc.record({
				type: fc.constant('adjust' as const),
				deltaMs: fc.oneof(
					fc.constantFrom(10_000, -10_000),
					fc.integer({ min: -60_000, max: 60_000 })
				)
			})
		)
	});

	it('keeps session time left equal to the program left, never negative', () => {
		fc.assert(
			fc.property(fc.array(move, { maxLength: 60 }), (moves) => {
				let state = createSession(threeSteps());
				let nowMs = 0;
				state = reduce(state, { type: 'start', atMs: nowMs, epochMs: 0 }).state;
				for (const { waitMs, action } of moves) {
					nowMs += waitMs;
					state = reduce(state, { ...action, atMs: nowMs } as Action).state;
					const view = viewAt(state, nowMs);
					const { mode } = state;
					const programMs =
						mode.kind === 'running'
							? Math.min(state.program.totalMs, nowMs - mode.anchorMs)
							: mode.kind === 'paused' || mode.kind === 'held'
								? mode.programMs
								: state.program.totalMs;
					expect(view.sessionLeftMs).toBe(
						mode.kind === 'done' ? 0 : Math.max(0, state.program.totalMs - programMs)
					);
					expect(view.sessionLeftMs).toBeGreaterThanOrEqual(0);
					expect(view.phaseLeftMs).toBeGreaterThanOrEqual(0);
					expect(view.timelineMs).toBeGreaterThanOrEqual(0);
					expect(view.timelineMs).toBeLessThanOrEqual(TOTAL_MS);
					for (const entry of state.record.adjustments ?? []) {
						if (entry.kind === 'held') expect(entry.heldMs).toBeGreaterThanOrEqual(0);
						else if (entry.kind === 'back')
							expect(entry.toStepIndex).toBeLessThanOrEqual(entry.stepIndex);
						else expect(entry.deltaMs).not.toBe(0);
					}
				}
			}),
			{ numRuns: 400 }
		);
	});
});
