/**
 * How a session becomes a line in the history: a finished one from the engine's record, one cut
 * off (a closed tab never resumed) from its last checkpoint, as `abandoned`.
 */
import type { SessionRecord } from '../engine/types';
import type { Checkpoint, CheckIn, StoredSession } from './database';

/** A session cut off less than this long ago is offered to resume; older, it is abandoned. */
export const RESUME_WITHIN_MS = 2 * 60 * 60 * 1000;

/** What the history keeps of the routine a session played. */
export interface PlayedRoutine {
	id: string;
	title: string;
	stepTitles: string[];
}

/** The history line of a session that ended (completed, stopped, after a flare, red flag). */
export function finishedSession(
	routine: PlayedRoutine,
	record: SessionRecord,
	before?: CheckIn,
	note = ''
): StoredSession | undefined {
	const { startedAtEpochMs, endedAtEpochMs, outcome } = record;
	if (startedAtEpochMs === undefined || endedAtEpochMs === undefined || !outcome) return undefined;
	return {
		routineId: routine.id,
		routineTitle: routine.title,
		stepTitles: routine.stepTitles,
		startedAtEpochMs,
		endedAtEpochMs,
		outcome,
		record,
		...(before && hasAnswer(before) ? { before } : {}),
		...(note.trim() ? { note: note.trim() } : {})
	};
}

/** The history line of a session cut off and not resumed: it ended at its last checkpoint. */
export function abandonedSession(checkpoint: Checkpoint): StoredSession {
	const record = checkpoint.state.record;
	return {
		routineId: checkpoint.routineId,
		routineTitle: checkpoint.routineTitle,
		stepTitles: checkpoint.stepTitles,
		startedAtEpochMs: checkpoint.state.startedAtEpochMs,
		endedAtEpochMs: checkpoint.savedAtEpochMs,
		outcome: 'abandoned',
		record: {
			...record,
			steps: record.steps.map((step) =>
				step.status === 'in-progress' ? { ...step, status: 'stopped' } : step
			),
			endedAtEpochMs: checkpoint.savedAtEpochMs
		},
		...(checkpoint.before && hasAnswer(checkpoint.before) ? { before: checkpoint.before } : {}),
		...(checkpoint.note?.trim() ? { note: checkpoint.note.trim() } : {})
	};
}

/** Whether a cut-off session may still be resumed at `nowEpochMs`. */
export function resumable(checkpoint: Checkpoint, nowEpochMs: number): boolean {
	const age = nowEpochMs - checkpoint.savedAtEpochMs;
	// A checkpoint from the future (the clock set back) is still offered rather than lost.
	return age < RESUME_WITHIN_MS;
}

/** True when the person answered at least one check-in question. */
export function hasAnswer(checkIn: CheckIn): boolean {
	return checkIn.pain !== undefined || checkIn.leg !== undefined;
}
