import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FLARES_PER_SESSION, createSession, reduce } from './reduce';
import { threeSteps } from '$test/routines';
import type { Action, SessionEvent, SessionState } from './types';
import { viewAt } from './view';

type Control =
	| Exclude<Action['type'], 'start' | 'choose' | 'adjust'>
	| 'choose-skip'
	| 'choose-end'
	| 'choose-retry'
	| 'add'
	| 'take';

const controls: Control[] = [
	'tick',
	'pause',
	'resume',
	'skip',
	'previous',
	'stop',
	'flare',
	'red-flag',
	'choose-skip',
	'choose-end',
	'choose-retry',
	'hold',
	'unhold',
	'add',
	'take'
];

/** A step of a person's (or a clock's) doing: wait some time, then one control. */
const move = fc.record({
	waitMs: fc.oneof(fc.integer({ min: 0, max: 2_000 }), fc.integer({ min: 0, max: 60_000 })),
	// Weighted towards ticks, as in real life; the rest spread over every control.
	control: fc.oneof(
		{ weight: 4, arbitrary: fc.constant<Control>('tick') },
		{ weight: 3, arbitrary: fc.constantFrom(...controls) }
	),
	backwardsMs: fc.oneof(
		{ weight: 9, arbitrary: fc.constant(0) },
		fc.integer({ min: 1, max: 5_000 })
	)
});

const policies = fc.tuple(
	fc.constantFrom('skip', 'stop', 'retry'),
	fc.constantFrom('skip', 'stop', 'retry'),
	fc.constantFrom('skip', 'stop', 'retry')
);

function toAction(control: Control, atMs: number): Action {
	if (control.startsWith('choose-')) {
		const choice = control.slice('choose-'.length) as 'skip' | 'end' | 'retry';
		return { type: 'choose', choice, atMs };
	}
	if (control === 'add' || control === 'take') {
		return { type: 'adjust', deltaMs: control === 'add' ? 10_000 : -10_000, atMs };
	}
	return { type: control as Exclude<Control, `choose-${string}` | 'add' | 'take'>, atMs };
}

function checkRecord(state: SessionState): void {
	const { record } = state;
	const steps = record.steps;
	expect(steps).toHaveLength(state.timeline.steps.length);
	expect(steps.filter((step) => step.status === 'in-progress').length).toBeLessThanOrEqual(1);
	expect(steps.reduce((sum, step) => sum + step.flares, 0)).toBe(record.flares.length);
	expect(record.flares.length).toBeLessThanOrEqual(FLARES_PER_SESSION);
	for (const flare of record.flares) {
		expect(steps[flare.stepIndex]?.id).toBe(flare.stepId);
		expect(flare.secondsIntoStep).toBeGreaterThanOrEqual(0);
	}
	if (state.mode.kind === 'done') {
		expect(record.outcome).toBe(state.mode.outcome);
		expect(steps.some((step) => step.status === 'in-progress')).toBe(false);
	} else {
		expect(record.outcome).toBeUndefined();
	}
}

describe('the engine under any sequence of controls', () => {
	it('never throws, time only moves forward, and the record always adds up', () => {
		fc.assert(
			fc.property(policies, fc.array(move, { maxLength: 60 }), (onFlare, moves) => {
				let state = createSession(threeSteps({ onFlare }));
				let nowMs = 500;
				let lastEventMs = -Infinity;
				const apply = (action: Action) => {
					const transition = reduce(state, action);
					expect(transition.state.lastMs).toBeGreaterThanOrEqual(state.lastMs);
					for (const event of transition.events) {
						expect(event.atMs).toBeGreaterThanOrEqual(lastEventMs);
						lastEventMs = event.atMs;
					}
					state = transition.state;
					checkRecord(state);
					const view = viewAt(state, action.atMs);
					expect(view.sessionLeftMs).toBeGreaterThanOrEqual(0);
					expect(view.sessionLeftMs).toBeLessThanOrEqual(state.program.totalMs);
					expect(view.phaseLeftMs).toBeGreaterThanOrEqual(0);
				};
				apply({ type: 'start', atMs: nowMs, epochMs: 0 });
				for (const { waitMs, control, backwardsMs } of moves) {
					nowMs += waitMs;
					apply(toAction(control, nowMs - backwardsMs));
				}
			}),
			{ numRuns: 400 }
		);
	});

	it('reports each cue once: passed time is never replayed', () => {
		fc.assert(
			fc.property(fc.array(fc.integer({ min: 0, max: 30_000 }), { maxLength: 40 }), (waits) => {
				let state = createSession(threeSteps());
				let nowMs = 0;
				const events: SessionEvent[] = [];
				const apply = (action: Action) => {
					const transition = reduce(state, action);
					state = transition.state;
					events.push(...transition.events);
				};
				apply({ type: 'start', atMs: nowMs, epochMs: 0 });
				for (const wait of waits) apply({ type: 'tick', atMs: (nowMs += wait) });
				const cueTimes = events.flatMap((e) => (e.type === 'segment-started' ? [e.atMs] : []));
				expect(new Set(cueTimes).size).toBe(cueTimes.length);
				const expected = state.timeline.segments
					.map((segment) => segment.startMs)
					.filter((startMs) => startMs <= nowMs);
				expect(cueTimes).toEqual(expected);
			}),
			{ numRuns: 300 }
		);
	});

	it('lands at the same place however the same span of time is ticked', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 1, max: 20_000 }), { minLength: 1, maxLength: 30 }),
				(waits) => {
					const totalMs = waits.reduce((sum, ms) => sum + ms, 0);
					let ticked = createSession(threeSteps());
					ticked = reduce(ticked, { type: 'start', atMs: 0, epochMs: 0 }).state;
					let nowMs = 0;
					for (const wait of waits)
						ticked = reduce(ticked, { type: 'tick', atMs: (nowMs += wait) }).state;
					let jumped = createSession(threeSteps());
					jumped = reduce(jumped, { type: 'start', atMs: 0, epochMs: 0 }).state;
					jumped = reduce(jumped, { type: 'tick', atMs: totalMs }).state;
					expect(viewAt(ticked, totalMs)).toEqual(viewAt(jumped, totalMs));
					expect(ticked.record).toEqual(jumped.record);
				}
			),
			{ numRuns: 300 }
		);
	});
});
