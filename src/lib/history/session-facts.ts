/**
 * What one stored session comes to, in the words the history uses: its outcome, its counts,
 * its check-in, each step's title as it was, and what followed each flare.
 */
import type { AdjustmentRecord, FlareRecord, StepStatus } from '../engine/types';
import type { Phase } from '../routine/timeline';
import type { SessionOutcome, StoredSession } from '../storage/database';
import { clockTime, minutesIn, secondsLabel, type Locale } from './format';

/** How a session ended, as the history list says it. */
export const OUTCOME_WORDS: Record<SessionOutcome, string> = {
	completed: 'Completed',
	stopped: 'Stopped',
	'stopped-after-flare': 'Stopped after a flare',
	'red-flag': 'Red flag',
	abandoned: 'Abandoned'
};

/** Where a step stood when the session ended, in words. */
export const STEP_STATUS_WORDS: Record<StepStatus, string> = {
	completed: 'Completed',
	skipped: 'Skipped',
	stopped: 'Stopped here',
	'not-reached': 'Not reached',
	'in-progress': 'In progress when it ended'
};

/** What came after a flare, as far as the record tells. */
export type FlareFollowUp = 'skipped' | 'retried' | 'ended' | 'flared-again' | 'red-flag';

/** A flare's follow-up, in words. */
export const FOLLOW_UP_WORDS: Record<FlareFollowUp, string> = {
	skipped: 'Step skipped',
	retried: 'Tried again gently',
	ended: 'Session ended',
	'flared-again': 'Flared again while recovering',
	'red-flag': 'Red flag'
};

/** The counts a session line shows. */
export interface SessionCounts {
	completed: number;
	skipped: number;
	flares: number;
}

/** How many steps were completed and skipped, and how many flares came. */
export function sessionCounts(session: StoredSession): SessionCounts {
	const steps = session.record.steps;
	return {
		completed: steps.filter((step) => step.status === 'completed').length,
		skipped: steps.filter((step) => step.status === 'skipped').length,
		flares: session.record.flares.length
	};
}

/**
 * A step's title as it was when the session ran; its id when the title was not kept. A title
 * two steps share ("Hip opener", left and right) gets the step's id beside it to tell them apart.
 */
export function stepTitle(session: StoredSession, stepIndex: number): string {
	const id = session.record.steps[stepIndex]?.id;
	const title = session.stepTitles[stepIndex];
	if (title === undefined) return id ?? `Step ${stepIndex + 1}`;
	const shared = session.stepTitles.filter((other) => other === title).length > 1;
	return shared && id !== undefined ? `${title} (${id})` : title;
}

/** "6 → 3", "6 → –", or empty when neither check-in gave a pain score. */
export function painChange(session: StoredSession): string {
	const before = session.before?.pain;
	const after = session.after?.pain;
	if (before === undefined && after === undefined) return '';
	return `${before ?? '–'} → ${after ?? '–'}`;
}

const isRecovery = (flare: FlareRecord | undefined) =>
	flare?.phase === 'release' || flare?.phase === 'recover';

/**
 * What followed the flare at `index`. The record keeps what the protocol planned (`then`); the
 * person may have chosen otherwise while recovering, so the step's end state and the session's
 * outcome, which say what really happened, win over the plan.
 */
export function flareFollowUp(session: StoredSession, index: number): FlareFollowUp {
	const flares = session.record.flares;
	const flare = flares[index];
	if (!flare) return 'skipped';
	const next = flares[index + 1];
	if (next && next.stepIndex === flare.stepIndex && isRecovery(next)) return 'flared-again';
	if (!next) {
		if (session.outcome === 'stopped-after-flare') return 'ended';
		const redFlag = session.outcome === 'red-flag' ? session.record.redFlag : undefined;
		if (redFlag?.stepIndex === flare.stepIndex) return 'red-flag';
	}
	const step = session.record.steps[flare.stepIndex];
	const firstInStep = !flares.slice(0, index).some((f) => f.stepIndex === flare.stepIndex);
	if (step?.retried && firstInStep) return 'retried';
	if (step?.status === 'skipped') return 'skipped';
	if (flare.then === 'retry') return 'retried';
	if (flare.then === 'stop') return 'ended';
	return 'skipped';
}

/**
 * Where and when in its step a flare came, in one line: "Soften, round 2, about 3 minutes in, at
 * 18:12". The seconds the record keeps are said as a person would, never as "163 s into the step".
 */
export function flareMoment(
	flare: Pick<FlareRecord, 'phase' | 'round' | 'secondsIntoStep' | 'atEpochMs'>,
	phaseWords: PhaseWords,
	locale?: Locale
): string {
	const round = flare.round > 0 ? `, round ${flare.round}` : '';
	const at = clockTime(flare.atEpochMs, locale);
	return `${phaseWords(flare.phase)}${round}, ${minutesIn(flare.secondsIntoStep)}, at ${at}`;
}

/** Words for a phase; the UI hands in its labels, the phase names are the default. */
export type PhaseWords = (phase: Phase) => string;

/** The coach's adjustments of a session, in order; none for sessions kept before there were any. */
export function adjustments(session: StoredSession): AdjustmentRecord[] {
	return session.record.adjustments ?? [];
}

/** Where an adjustment was made: "Soften, Hip opener round 2". */
function adjustedWhere(
	session: StoredSession,
	adjustment: AdjustmentRecord,
	phaseWords: PhaseWords
): string {
	const round = adjustment.round > 0 ? ` round ${adjustment.round}` : '';
	return `${phaseWords(adjustment.phase)}, ${stepTitle(session, adjustment.stepIndex)}${round}`;
}

/**
 * A coach's adjustment in words: "+10 s in Soften, Hip opener round 2 at 18:04", "Held Breathe,
 * Arrive for 42 s from 18:06", "Went back to Long spine from Soften, Hip opener round 1 at 18:09".
 */
export function adjustmentWords(
	session: StoredSession,
	adjustment: AdjustmentRecord,
	phaseWords: PhaseWords = (phase) => phase,
	timeWords: (epochMs: number) => string = clockTime
): string {
	const where = adjustedWhere(session, adjustment, phaseWords);
	const at = timeWords(adjustment.atEpochMs);
	switch (adjustment.kind) {
		case 'added':
			return `+${secondsLabel(adjustment.deltaMs / 1000)} in ${where} at ${at}`;
		case 'taken':
			return `−${secondsLabel(-adjustment.deltaMs / 1000)} in ${where} at ${at}`;
		case 'held':
			return `Held ${where} for ${secondsLabel(adjustment.heldMs / 1000)} from ${at}`;
		case 'back': {
			const to = stepTitle(session, adjustment.toStepIndex);
			return adjustment.toStepIndex === adjustment.stepIndex
				? `Started ${to} again from ${phaseWords(adjustment.phase)} at ${at}`
				: `Went back to ${to} from ${where} at ${at}`;
		}
		default: {
			const unhandled: never = adjustment;
			throw new Error(`unknown adjustment ${JSON.stringify(unhandled)}`);
		}
	}
}
