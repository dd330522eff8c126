/** Stored sessions for the history's tests, shaped as the player records them. */
import type { FlareRecord, Outcome, StepRecord } from '$lib/engine/types';
import type { StoredSession } from '$lib/storage/database';

/** Local time, so the tests read the same in every time zone: `at(2026, 11, 24, 18, 5)`. */
export function at(year: number, month: number, day: number, hour = 12, minute = 0): number {
	return new Date(year, month - 1, day, hour, minute).getTime();
}

const step = (id: string, status: StepRecord['status'], flares = 0, retried = false) => ({
	id,
	status,
	flares,
	retried
});

/** What tells one test session from another; its dates and outcome are its record's too. */
type SessionShape = Pick<StoredSession, 'id' | 'routineId' | 'routineTitle' | 'stepTitles'> &
	Pick<StoredSession['record'], 'steps' | 'flares'> &
	Pick<StoredSession, 'before' | 'after'> & { outcome: Outcome };

/** A session `minutes` long from `startedAtEpochMs`, stored as the player keeps one. */
function storedSession(
	startedAtEpochMs: number,
	minutes: number,
	{ steps, flares, ...session }: SessionShape
): StoredSession {
	const endedAtEpochMs = startedAtEpochMs + minutes * 60_000;
	const { outcome } = session;
	return {
		...session,
		startedAtEpochMs,
		endedAtEpochMs,
		record: { steps, flares, startedAtEpochMs, endedAtEpochMs, outcome }
	};
}

/** A completed four-step breathing session, 18:05–18:29 on Tue 24 Nov 2026, no check-in. */
export function completedSession(startedAtEpochMs = at(2026, 11, 24, 18, 5)): StoredSession {
	return storedSession(startedAtEpochMs, 24, {
		id: 1,
		routineId: 'breathe-settle',
		routineTitle: 'Breathe and settle',
		stepTitles: ['Arrive', 'Square breath', 'Long breath out', 'Stillness'],
		outcome: 'completed',
		steps: [
			step('arrive', 'completed'),
			step('square', 'completed'),
			step('long-out', 'completed'),
			step('still', 'completed')
		],
		flares: []
	});
}

/** A flare in `stepIndex` of {@link flaredSession}, `secondsIn` into the step. */
export function flare(
	startedAtEpochMs: number,
	stepIndex: number,
	stepId: string,
	changes: Partial<FlareRecord> = {}
): FlareRecord {
	return {
		stepId,
		stepIndex,
		round: 1,
		phase: 'soften',
		secondsIntoStep: 34,
		atEpochMs: startedAtEpochMs + 3 * 60_000,
		then: 'skip',
		...changes
	};
}

/**
 * A daily-unload session that flared in "Hip opener" (skipped), went on, and was stopped in
 * "Easy breathing"; pain 6 before and 3 after, the leg heavier then lighter.
 */
export function flaredSession(startedAtEpochMs = at(2026, 11, 25, 7, 30)): StoredSession {
	return storedSession(startedAtEpochMs, 7, {
		id: 2,
		routineId: 'daily-unload',
		routineTitle: 'Daily unload',
		stepTitles: [
			'Arrive',
			'Long spine',
			'Hip opener (left)',
			'Hip opener (right)',
			'Easy breathing',
			'Stillness'
		],
		outcome: 'stopped',
		steps: [
			step('arrive', 'completed'),
			step('long-spine', 'completed'),
			step('hip-left', 'skipped', 1),
			step('hip-right', 'completed'),
			step('close', 'stopped'),
			step('still', 'not-reached')
		],
		flares: [flare(startedAtEpochMs, 2, 'hip-left')],
		before: { pain: 6, leg: 'heavier' },
		after: { pain: 3, leg: 'lighter' }
	});
}

/**
 * {@link flaredSession} as a coach ran it: 10 s added to the hip's soften, the arrival's
 * breathing held for 42 s, a step back from the right hip to the left, 5 s taken, and a note.
 */
export function coachedSession(startedAtEpochMs = at(2026, 11, 25, 7, 30)): StoredSession {
	const session = flaredSession(startedAtEpochMs);
	const minute = (n: number) => startedAtEpochMs + n * 60_000;
	return {
		...session,
		note: 'Left hip tight today; went back once.',
		record: {
			...session.record,
			adjustments: [
				{
					kind: 'held',
					stepId: 'arrive',
					stepIndex: 0,
					round: 0,
					phase: 'breathe',
					heldMs: 42_400,
					atEpochMs: minute(0)
				},
				{
					kind: 'added',
					stepId: 'hip-left',
					stepIndex: 2,
					round: 2,
					phase: 'soften',
					deltaMs: 10_000,
					atEpochMs: minute(2)
				},
				{
					kind: 'back',
					stepId: 'hip-right',
					stepIndex: 3,
					round: 1,
					phase: 'approach',
					toStepId: 'hip-left',
					toStepIndex: 2,
					atEpochMs: minute(4)
				},
				{
					kind: 'taken',
					stepId: 'close',
					stepIndex: 4,
					round: 0,
					phase: 'breathe',
					deltaMs: -5_000,
					atEpochMs: minute(5)
				},
				{
					kind: 'back',
					stepId: 'arrive',
					stepIndex: 0,
					round: 0,
					phase: 'breathe',
					toStepId: 'arrive',
					toStepIndex: 0,
					atEpochMs: minute(6)
				}
			]
		}
	};
}
