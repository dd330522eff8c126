/** Small routines for the engine's tests, built through the real validator and compiler. */
import { compileTimeline, parseRoutine, type Routine, type Timeline } from '$lib/routine';
import { ManualClock } from '$lib/engine/clock';
import { Session } from '$lib/engine/session';
import type { SessionEvent } from '$lib/engine/types';

/** Validates a routine given as an object; a test fixture that is not valid fails loudly. */
export function routine(value: object): Routine {
	const result = parseRoutine(JSON.stringify(value));
	if (!result.ok) throw new Error(result.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
	return result.routine;
}

/**
 * Three steps with round numbers: a stretch of 2 rounds (10 + 2×(2+3) + 5 + 4 = 29 s a round,
 * rest 6 s between rounds), a breathing step (3 breaths of 2 + 3 s), a rest of 20 s.
 * Countdown 5 s; rest between steps 7 s; release 4 s, recover 8 s.
 */
export const THREE_STEPS = {
	version: 1,
	id: 'three',
	title: 'Three steps',
	defaults: {
		cycle: { approach: 10, breathe: { breaths: 2, inhale: 2, exhale: 3 }, soften: 5, comeBack: 4 },
		rounds: 2,
		restBetweenRounds: 6,
		restBetweenSteps: 7,
		flare: { release: 4, recover: 8 }
	},
	steps: [
		{ type: 'stretch', id: 'hip', title: 'Hip', side: 'left', onFlare: 'retry' },
		{ type: 'breathe', id: 'calm', title: 'Calm', pattern: { inhale: 2, exhale: 3 }, breaths: 3 },
		{ type: 'rest', id: 'rest', title: 'Rest', seconds: 20 }
	]
};

/** The timeline of {@link THREE_STEPS}, or of a variant with other step policies. */
export function threeSteps(changes: { onFlare?: string[] } = {}): Timeline {
	const value = structuredClone(THREE_STEPS) as typeof THREE_STEPS & {
		steps: { onFlare?: string }[];
	};
	changes.onFlare?.forEach((policy, i) => {
		const step = value.steps[i];
		if (step) step.onFlare = policy;
	});
	return compileTimeline(routine(value), { countdownSec: 5 });
}

/** Where test sessions start: monotonic ms, and the wall-clock time that goes with it. */
export const TEST_START_MS = 1000;
export const TEST_EPOCH_MS = Date.UTC(2026, 10, 25, 9, 0, 0);

/**
 * A session on a hand-moved clock that records its events; `at(ms)` moves to `ms` after the
 * start and ticks, `after(ms)` moves on from now and ticks; both return what the screen shows.
 */
export function testSession(timeline: Timeline = threeSteps(), { started = false } = {}) {
	const clock = new ManualClock(TEST_START_MS, TEST_EPOCH_MS);
	const session = new Session(timeline, clock);
	const events: SessionEvent[] = [];
	session.subscribe((event) => events.push(event));
	const at = (ms: number) => {
		clock.advance(TEST_START_MS + ms - clock.now());
		session.tick();
		return session.view();
	};
	const after = (ms: number) => at(clock.now() - TEST_START_MS + ms);
	if (started) session.start();
	return { clock, session, events, at, after, timeline };
}

/** Each step's status, in order. */
export const statuses = (session: Session) => session.state.record.steps.map((step) => step.status);
