/**
 * A session's state outside any action: a new one, one brought back after a reload, and where it
 * stands (program time, the segment playing) at a moment.
 */
import type { Timeline } from '../routine/timeline';
import {
	locate,
	makeProgram,
	type Located,
	type PlaySegment,
	type Program,
	type Slice
} from './program';
import type { AdjustmentRecord, SessionRecord, SessionState, StepIndex } from './types';
import { isUnderWay } from './types';

/** A new session for a compiled routine, not yet started. */
export function createSession(timeline: Timeline): SessionState {
	return {
		timeline,
		index: indexSteps(timeline),
		mode: { kind: 'idle' },
		program: makeProgram([{ segments: timeline.segments }]),
		seenMs: 0,
		lastMs: -Infinity,
		startedAtMs: 0,
		startedAtEpochMs: 0,
		record: {
			steps: timeline.steps.map((step) => ({
				id: step.id,
				status: 'not-reached',
				flares: 0,
				retried: false
			})),
			flares: []
		}
	};
}

function indexSteps(timeline: Timeline): StepIndex {
	const count = timeline.steps.length;
	const firstOwn = new Array<number>(count).fill(-1);
	const end = new Array<number>(count).fill(-1);
	timeline.segments.forEach((segment, i) => {
		if (segment.lead) return;
		if (firstOwn[segment.stepIndex] === -1) firstOwn[segment.stepIndex] = i;
		end[segment.stepIndex] = i + 1;
	});
	// A step without segments (never valid, but never a crash) sits where the next one starts.
	for (let k = count - 1; k >= 0; k--) {
		if (firstOwn[k] !== -1) continue;
		const after = k + 1 < count ? (firstOwn[k + 1] ?? -1) : timeline.segments.length;
		firstOwn[k] = after === -1 ? timeline.segments.length : after;
		end[k] = firstOwn[k] ?? timeline.segments.length;
	}
	return { firstOwn, end };
}

/** Program time at monotonic `atMs`. */
export function programMsAt(state: SessionState, atMs: number): number {
	switch (state.mode.kind) {
		case 'idle':
			return 0;
		case 'running':
			return Math.min(state.program.totalMs, Math.max(0, atMs - state.mode.anchorMs));
		case 'paused':
		case 'held':
			return state.mode.programMs;
		case 'done':
			return state.program.totalMs;
		default: {
			const unhandled: never = state.mode;
			throw new Error(`unknown mode ${JSON.stringify(unhandled)}`);
		}
	}
}

/** The segment playing now, as far as the state has seen. */
export function currentSegment(state: SessionState): Located | undefined {
	return locate(state.program, state.seenMs);
}

/** Whether a segment is a flare's release or recover, where the three choices are open. */
export const isFlarePhase = (segment: PlaySegment | undefined) =>
	segment?.phase === 'release' || segment?.phase === 'recover';

/**
 * A session saved while it ran (a checkpoint), brought back after a reload or a crash: paused at
 * the start of the phase it was in, with its record as it stood, on this page's monotonic clock
 * (`atMs` now, `epochMs` the wall clock now). Undefined when there is nothing left to resume.
 */
export function restoreSession(
	saved: SessionState,
	atMs: number,
	epochMs: number
): SessionState | undefined {
	if (!isUnderWay(saved.mode.kind)) return undefined;
	const programMs = programMsAt(saved, saved.lastMs);
	const located = locate(saved.program, programMs);
	if (!located) return undefined;
	const piece = saved.program.pieces[located.piece];
	const intoPhaseMs = located.segment.startMs - located.segment.phaseStartMs;
	const phaseStartMs = Math.max(piece?.offsetMs ?? 0, located.startMs - intoPhaseMs);
	return {
		...saved,
		record: saved.mode.kind === 'held' ? withHoldUntil(saved, saved.mode.sinceMs) : saved.record,
		mode: { kind: 'paused', programMs: phaseStartMs },
		seenMs: phaseStartMs,
		lastMs: atMs,
		// The page's monotonic clock began anew: keep the record's wall-clock times true.
		startedAtMs: atMs - (epochMs - saved.startedAtEpochMs),
		reenter: true
	};
}

/** A record with the hold that was on when the session was saved, held until it was last seen. */
function withHoldUntil(saved: SessionState, sinceMs: number): SessionRecord {
	const segment = locate(saved.program, programMsAt(saved, saved.lastMs))?.segment;
	if (!segment) return saved.record;
	const held: AdjustmentRecord = {
		kind: 'held',
		stepId: saved.timeline.steps[segment.stepIndex]?.id ?? '',
		stepIndex: segment.stepIndex,
		round: segment.round,
		phase: segment.phase,
		heldMs: Math.max(0, saved.lastMs - sinceMs),
		atEpochMs: saved.startedAtEpochMs + (sinceMs - saved.startedAtMs)
	};
	return { ...saved.record, adjustments: [...(saved.record.adjustments ?? []), held] };
}

/** The program from a timeline index to the end of the routine. */
export function timelineProgram(state: SessionState, from: number | undefined): Program {
	return makeProgram(timelineFrom(state, from));
}

/** The routine's own segments from a timeline index on; none past its end. */
export function timelineFrom(state: SessionState, from: number | undefined): Slice[] {
	const segments = state.timeline.segments;
	if (from === undefined || from < 0 || from >= segments.length) return [];
	return [{ segments, from }];
}
