import { describe, expect, it } from 'vitest';
import type { StoredSession } from '../storage/database';
import {
	adjustmentWords,
	adjustments,
	flareFollowUp,
	flareMoment,
	painChange,
	sessionCounts,
	stepTitle
} from './session-facts';
import { clockTime } from './format';
import { at, coachedSession, completedSession, flare, flaredSession } from '$test/sessions';

/** A session of `flaredSession`'s shape with other flares, step records and outcome. */
function withFlares(
	flares: StoredSession['record']['flares'],
	changes: {
		outcome?: StoredSession['outcome'];
		retried?: boolean;
		status?: 'skipped' | 'completed';
	} = {}
): StoredSession {
	const session = flaredSession();
	const steps = session.record.steps.map((step, i) =>
		i === 2
			? { ...step, retried: changes.retried ?? false, status: changes.status ?? step.status }
			: step
	);
	return {
		...session,
		outcome: changes.outcome ?? session.outcome,
		record: { ...session.record, steps, flares }
	};
}

describe('one session in words', () => {
	it('counts steps completed and skipped, and flares', () => {
		expect(sessionCounts(completedSession())).toEqual({ completed: 4, skipped: 0, flares: 0 });
		expect(sessionCounts(flaredSession())).toEqual({ completed: 3, skipped: 1, flares: 1 });
	});

	it('shows pain before and after, a dash for a question not answered', () => {
		expect(painChange(flaredSession())).toBe('6 → 3');
		expect(painChange({ ...flaredSession(), after: { leg: 'same' } })).toBe('6 → –');
		expect(painChange(completedSession())).toBe('');
	});

	it('names a step by the title it had, or its id when the title was not kept', () => {
		const session = flaredSession();
		expect(stepTitle(session, 2)).toBe('Hip opener (left)');
		expect(stepTitle({ ...session, stepTitles: [] }, 2)).toBe('hip-left');
		expect(stepTitle({ ...session, stepTitles: [] }, 9)).toBe('Step 10');
	});

	it('tells apart two steps of the same title by their ids', () => {
		const session = flaredSession();
		session.stepTitles = session.stepTitles.map((title) => title.replace(/ \(.*\)$/, ''));
		expect(stepTitle(session, 2)).toBe('Hip opener (hip-left)');
		expect(stepTitle(session, 3)).toBe('Hip opener (hip-right)');
		expect(stepTitle(session, 1)).toBe('Long spine');
	});
});

describe('what followed a flare', () => {
	const start = flaredSession().startedAtEpochMs;
	const first = flare(start, 2, 'hip-left', { then: 'retry' });

	it('is the skip the record shows', () => {
		expect(flareFollowUp(flaredSession(), 0)).toBe('skipped');
	});

	it('is the gentle retry when the step was tried again', () => {
		expect(flareFollowUp(withFlares([first], { retried: true, status: 'completed' }), 0)).toBe(
			'retried'
		);
	});

	it('is a skip when the person chose to skip instead of the planned retry', () => {
		expect(flareFollowUp(withFlares([first], { status: 'skipped' }), 0)).toBe('skipped');
	});

	it('is the end of the session after the last flare of a session stopped after a flare', () => {
		const stop = { ...first, then: 'stop' as const };
		expect(flareFollowUp(withFlares([stop], { outcome: 'stopped-after-flare' }), 0)).toBe('ended');
		// The person ended the session themselves although the plan was to retry.
		expect(flareFollowUp(withFlares([first], { outcome: 'stopped-after-flare' }), 0)).toBe('ended');
	});

	it('is another flare when the next one came while recovering in the same step', () => {
		const again = { ...first, phase: 'release' as const, then: 'skip' as const };
		const session = withFlares([first, again], { retried: false, status: 'skipped' });
		expect(flareFollowUp(session, 0)).toBe('flared-again');
		expect(flareFollowUp(session, 1)).toBe('skipped');
	});

	it('is a retry for the first flare and a skip for the flare in the retry', () => {
		const inRetry = { ...first, secondsIntoStep: 12, then: 'skip' as const };
		const session = withFlares([first, inRetry], { retried: true, status: 'skipped' });
		expect(flareFollowUp(session, 0)).toBe('retried');
		expect(flareFollowUp(session, 1)).toBe('skipped');
	});

	it('is the red flag when a red flag ended the session in the same step, not in a later one', () => {
		const redFlag = (stepIndex: number): StoredSession => {
			const session = withFlares([first], { outcome: 'red-flag', status: 'skipped' });
			session.record.redFlag = { stepId: 's', stepIndex, phase: 'recover', atEpochMs: start + 1 };
			return session;
		};
		expect(flareFollowUp(redFlag(2), 0)).toBe('red-flag');
		expect(flareFollowUp(redFlag(4), 0)).toBe('skipped');
	});
});

const british = (epochMs: number) => clockTime(epochMs, 'en-GB');

describe('a flare’s moment in words', () => {
	it('says how far into the step in minutes, never raw seconds', () => {
		const flare = { phase: 'soften' as const, round: 2, atEpochMs: at(2026, 11, 25, 18, 12) };
		const words = (secondsIntoStep: number) =>
			flareMoment({ ...flare, secondsIntoStep }, (phase) => phase.toUpperCase(), 'en-GB');
		expect(words(163)).toBe('SOFTEN, round 2, about 3 minutes in, at 18:12');
		expect(words(40)).toBe('SOFTEN, round 2, in the first minute, at 18:12');
		expect(words(80)).toBe('SOFTEN, round 2, about 1 minute in, at 18:12');
		expect(flareMoment({ ...flare, round: 0, secondsIntoStep: 5 }, String, 'en-US')).toBe(
			'soften, in the first minute, at 6:12 PM'
		);
	});
});

describe("a coach's adjustments in words", () => {
	it('says what was changed, where, and when', () => {
		const session = coachedSession();
		const words = adjustments(session).map((adjustment) =>
			adjustmentWords(
				session,
				adjustment,
				(phase) => phase[0]?.toUpperCase() + phase.slice(1),
				british
			)
		);
		expect(words).toEqual([
			'Held Breathe, Arrive for 42 s from 07:30',
			'+10 s in Soften, Hip opener (left) round 2 at 07:32',
			'Went back to Hip opener (left) from Approach, Hip opener (right) round 1 at 07:34',
			'\u22125 s in Breathe, Easy breathing at 07:35',
			'Started Arrive again from Breathe at 07:36'
		]);
	});

	it('words phases by their names unless told otherwise, and minutes past one', () => {
		const session = coachedSession();
		const [held] = adjustments(session);
		if (held?.kind !== 'held') throw new Error('the test session begins with a hold');
		expect(
			adjustmentWords(session, { ...held, phase: 'come-back', heldMs: 125_000 }, undefined, british)
		).toBe('Held come-back, Arrive for 2 min 5 s from 07:30');
	});

	it('says the time as the person’s locale writes it, one way everywhere', () => {
		const session = coachedSession();
		const [held] = adjustments(session);
		if (!held) throw new Error('the test session has adjustments');
		const american = (epochMs: number) => clockTime(epochMs, 'en-US');
		expect(adjustmentWords(session, held, undefined, american)).toBe(
			'Held breathe, Arrive for 42 s from 7:30 AM'
		);
	});

	it('finds none in a session kept before coaches could adjust', () => {
		expect(adjustments(completedSession())).toEqual([]);
	});
});
