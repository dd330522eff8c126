/** What the person's controls do to a session, once its mode has said it accepts them. */
import type { Run } from '../run';
import { currentSegment, isFlarePhase, programMsAt, timelineProgram } from '../session-state';
import type { AdjustmentRecord, ModeOf } from '../types';
import { choose } from './flare';
import { locate } from '../program';

/** Starts the clock at now: the first segment is entered and cued at once. */
export function start(run: Run, epochMs: number): void {
	run.state = {
		...run.state,
		startedAtMs: run.atMs,
		startedAtEpochMs: epochMs,
		mode: { kind: 'running', anchorMs: run.atMs }
	};
	run.draft.set({ startedAtEpochMs: epochMs });
	run.events.push({ type: 'started', atMs: run.atMs });
	const first = locate(run.state.program, 0);
	if (first) run.enter(first.segment, run.atMs, false);
	else run.finish(run.state.program.end, run.atMs);
}

/** Stops time where it stands, and silences what plays. */
export function pause(run: Run): void {
	const programMs = programMsAt(run.state, run.atMs);
	run.state = { ...run.state, mode: { kind: 'paused', programMs } };
	run.events.push({ type: 'paused', atMs: run.atMs }, { type: 'silence', atMs: run.atMs });
}

/** Runs on from where the pause stood. */
export function resume(run: Run, mode: ModeOf<'paused'>): void {
	const anchorMs = run.atMs - mode.programMs;
	const reenter = run.state.reenter ? currentSegment(run.state) : undefined;
	run.state = { ...run.state, mode: { kind: 'running', anchorMs }, reenter: false };
	run.events.push({ type: 'resumed', atMs: run.atMs });
	// A restored session hears its phase begin again, as if it had just started.
	if (reenter) run.enter(reenter.segment, run.atMs, false);
}

/** Skips the step (or the lead into it, or a flare's recovery, as its own choice). */
export function skip(run: Run): void {
	const current = currentSegment(run.state)?.segment;
	if (!current) return;
	const k = current.stepIndex;
	if (isFlarePhase(current)) return choose(run, 'skip');
	const { index } = run.state;
	if (current.lead) return run.play(timelineProgram(run.state, index.firstOwn[k]));
	run.draft.updateStep(k, { status: 'skipped' });
	run.play(timelineProgram(run.state, index.end[k]));
}

/** Goes back to the start of the step before (the first step: again); not in a countdown or a flare. */
export function previous(run: Run): void {
	const current = currentSegment(run.state)?.segment;
	if (!current || isFlarePhase(current) || current.phase === 'countdown') return;
	const k = current.stepIndex;
	const target = Math.max(0, k - 1);
	if (target !== k && run.draft.status(k) === 'in-progress') {
		run.draft.updateStep(k, { status: 'not-reached' });
	}
	// Entering the target's first segment marks it in progress again, whatever it was.
	run.draft.updateStep(target, { status: 'not-reached' });
	const adjustment: AdjustmentRecord = {
		...run.adjustedAt(current, run.atMs),
		kind: 'back',
		toStepId: run.state.timeline.steps[target]?.id ?? '',
		toStepIndex: target
	};
	run.recordAdjustment(adjustment);
	run.events.push({ type: 'adjusted', adjustment, atMs: run.atMs });
	run.play(timelineProgram(run.state, run.state.index.firstOwn[target]));
}

/** Ends the session now; in a flare's recovery, as stopped after a flare. */
export function stop(run: Run): void {
	const inFlare = isFlarePhase(currentSegment(run.state)?.segment);
	run.finish(inFlare ? 'stopped-after-flare' : 'stopped', run.atMs);
}

/** Numbness, weakness or sudden severe pain: recorded where it happened, and the session ends. */
export function redFlag(run: Run): void {
	const segment = currentSegment(run.state)?.segment;
	const k = segment?.stepIndex ?? 0;
	run.draft.set({
		redFlag: {
			stepId: run.state.timeline.steps[k]?.id ?? '',
			stepIndex: k,
			phase: segment?.phase ?? 'done',
			atEpochMs: run.epochAt(run.atMs)
		}
	});
	const redFlag = run.draft.value.redFlag;
	if (redFlag) run.events.push({ type: 'red-flag', redFlag, atMs: run.atMs });
	run.finish('red-flag', run.atMs);
}
