/** A coach's live changes to the phase under way: more or less time, a hold and its letting go. */
import { playingPhase, replacePhase, resizePhase } from '../adjust';
import { locate } from '../program';
import type { Run } from '../run';
import { programMsAt } from '../session-state';
import type { AdjustmentRecord, ModeOf } from '../types';

/** Lengthens or shortens the phase under way; the time already spent in it stays the same. */
export function adjust(run: Run, deltaMs: number): void {
	if (!Number.isFinite(deltaMs) || deltaMs === 0) return;
	const { program } = run.state;
	const programMs = programMsAt(run.state, run.atMs);
	const located = locate(program, programMs);
	const phase = located && playingPhase(program, located, programMs);
	if (!located || !phase) return;
	const onTimeline =
		program.pieces[phase.piece]?.segments === run.state.timeline.segments ||
		located.segment.timelineEndMs !== undefined;
	const resized = resizePhase(phase, located.segment, deltaMs, onTimeline);
	if (resized.appliedMs === 0) return;
	const adjustment: AdjustmentRecord = {
		...run.adjustedAt(located.segment, run.atMs),
		kind: resized.appliedMs > 0 ? 'added' : 'taken',
		deltaMs: resized.appliedMs
	};
	run.recordAdjustment(adjustment);
	run.events.push({ type: 'adjusted', adjustment, atMs: run.atMs });
	const rebuilt = replacePhase(program, phase, resized.segments);
	if (resized.endsNow) {
		// The next phase begins now, its cue due: a hold on the ended phase lets go.
		if (run.state.mode.kind === 'held') letGo(run, run.state.mode);
		run.leave(located.segment, locate(rebuilt, 0)?.segment);
		return run.play(rebuilt);
	}
	run.state = {
		...run.state,
		program: rebuilt,
		seenMs: Math.max(0, run.state.seenMs - phase.startMs)
	};
	placeAt(run, phase.elapsedMs);
}

/** Moves the position to `programMs` of the current program, keeping the mode's kind. */
function placeAt(run: Run, programMs: number): void {
	const mode = run.state.mode;
	switch (mode.kind) {
		case 'running':
			run.state = { ...run.state, mode: { kind: 'running', anchorMs: run.atMs - programMs } };
			return;
		case 'paused':
		case 'held':
			run.state = { ...run.state, mode: { ...mode, programMs } };
			return;
		case 'idle':
		case 'done':
			return;
		default: {
			const unhandled: never = mode;
			throw new Error(`unknown mode ${JSON.stringify(unhandled)}`);
		}
	}
}

/** Holds the phase still: its time left stays, nothing new becomes due, sound plays on. */
export function hold(run: Run): void {
	const programMs = programMsAt(run.state, run.atMs);
	run.state = { ...run.state, mode: { kind: 'held', programMs, sinceMs: run.atMs } };
	run.events.push({ type: 'held', atMs: run.atMs });
}

/** Lets a hold go: the phase runs on from where it stood, and the hold is recorded. */
export function letGo(run: Run, mode: ModeOf<'held'>): void {
	const located = locate(run.state.program, mode.programMs);
	run.state = {
		...run.state,
		mode: { kind: 'running', anchorMs: run.atMs - mode.programMs }
	};
	if (!located) return;
	const adjustment: AdjustmentRecord = {
		...run.adjustedAt(located.segment, mode.sinceMs),
		kind: 'held',
		heldMs: run.atMs - mode.sinceMs
	};
	run.recordAdjustment(adjustment);
	run.events.push({ type: 'unheld', adjustment, atMs: run.atMs });
}
