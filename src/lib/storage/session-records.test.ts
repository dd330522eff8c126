import { describe, expect, it } from 'vitest';
import { testSession, threeSteps, TEST_EPOCH_MS } from '$test/routines';
import type { Checkpoint } from './database';
import { abandonedSession, finishedSession, resumable, RESUME_WITHIN_MS } from './session-records';

const routine = { id: 'three', title: 'Three steps', stepTitles: ['Hip', 'Calm', 'Rest'] };

describe('session records', () => {
	it('turns a finished record into a history line, keeping a check-in only when answered', () => {
		const { session, at } = testSession(threeSteps(), { started: true });
		at(20_000);
		session.flare();
		session.stop();
		const line = finishedSession(routine, session.state.record, { pain: 4 });
		expect(line).toMatchObject({
			routineId: 'three',
			outcome: 'stopped-after-flare',
			startedAtEpochMs: TEST_EPOCH_MS,
			endedAtEpochMs: TEST_EPOCH_MS + 20_000,
			before: { pain: 4 }
		});
		expect(line?.record.flares).toHaveLength(1);
		expect(finishedSession(routine, session.state.record, {})).not.toHaveProperty('before');
	});

	it('has no history line for a session that never ended', () => {
		const { session } = testSession(threeSteps(), { started: true });
		expect(finishedSession(routine, session.state.record)).toBeUndefined();
	});

	it('records a cut-off session as abandoned at its last checkpoint, its step stopped', () => {
		const { session, at } = testSession(threeSteps(), { started: true });
		at(27_000);
		const checkpoint: Checkpoint = {
			key: 'current',
			routineId: 'three',
			routineTitle: 'Three steps',
			stepTitles: routine.stepTitles,
			state: session.state,
			before: { pain: 6 },
			savedAtEpochMs: TEST_EPOCH_MS + 25_000
		};
		const line = abandonedSession(checkpoint);
		expect(line).toMatchObject({
			outcome: 'abandoned',
			endedAtEpochMs: TEST_EPOCH_MS + 25_000,
			before: { pain: 6 }
		});
		expect(line.record.steps.map((s) => s.status)).toEqual([
			'stopped',
			'not-reached',
			'not-reached'
		]);
		expect(resumable(checkpoint, checkpoint.savedAtEpochMs + RESUME_WITHIN_MS - 1)).toBe(true);
		expect(resumable(checkpoint, checkpoint.savedAtEpochMs + RESUME_WITHIN_MS)).toBe(false);
	});

	it("keeps the coach's note, trimmed, and no note key for an empty one", () => {
		const { session, at } = testSession(threeSteps(), { started: true });
		at(20_000);
		session.stop();
		const record = session.state.record;
		expect(finishedSession(routine, record, {}, '  Tight left hip.\n')?.note).toBe(
			'Tight left hip.'
		);
		expect(finishedSession(routine, record, {}, ' \n ')).not.toHaveProperty('note');
		const checkpoint: Checkpoint = {
			key: 'current',
			routineId: 'three',
			routineTitle: 'Three steps',
			stepTitles: routine.stepTitles,
			state: testSession(threeSteps(), { started: true }).session.state,
			note: 'Stopped to take a call.',
			savedAtEpochMs: TEST_EPOCH_MS + 5_000
		};
		expect(abandonedSession(checkpoint).note).toBe('Stopped to take a call.');
		expect(abandonedSession({ ...checkpoint, note: '' })).not.toHaveProperty('note');
	});
});
