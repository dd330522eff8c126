/**
 * The flare protocol: a flare is recorded where it happened, then release and recover play, and
 * what follows is the step's policy (skip, stop, a gentle retry) unless the person chooses first.
 */
import { compileStep } from '../../routine/timeline';
import {
	makeProgram,
	type FlareDecision,
	type PlaySegment,
	type ProgramEnd,
	type Slice
} from '../program';
import type { Run } from '../run';
import { currentSegment, isFlarePhase, timelineFrom, timelineProgram } from '../session-state';
import type { FlareChoice, FlareRecord, SessionState } from '../types';

/** The third flare in one session ends it. */
export const FLARES_PER_SESSION = 3;

/** The flare protocol's rules 2 and 4: policy, then the second- and third-flare limits. */
export function flareDecision(
	policy: FlareDecision,
	flaresInStep: number,
	flaresInSession: number
): FlareDecision {
	if (flaresInSession >= FLARES_PER_SESSION) return 'stop';
	if (policy === 'retry' && flaresInStep >= 2) return 'skip';
	return policy;
}

/** Whether the step being recovered from may be tried again gently. */
export function canRetry(state: SessionState, stepIndex: number): boolean {
	const step = state.timeline.steps[stepIndex];
	const record = state.record.steps[stepIndex];
	if (!step || !record) return false;
	return (
		step.onFlare === 'retry' && record.flares < 2 && state.record.flares.length < FLARES_PER_SESSION
	);
}

/** A flare as recorded: where it happened, and what the session will do after it. */
interface ReportedFlare {
	segment: PlaySegment;
	intoStepMs: number;
	then: FlareDecision;
}

/** A flare reported while the session runs: recorded, then recovered from. */
export function flare(run: Run): void {
	const reported = reportFlare(run);
	if (reported) recover(run, reported);
}

/** Records a flare in the step playing now; undefined where nothing plays. */
export function reportFlare(run: Run): ReportedFlare | undefined {
	const located = currentSegment(run.state);
	if (!located) return undefined;
	const { segment } = located;
	const k = segment.stepIndex;
	const step = run.state.timeline.steps[k];
	if (!step) return undefined;
	const intoStepMs = segment.intoStepMs + Math.max(0, run.state.seenMs - located.startMs);
	const stepFlares = (run.draft.value.steps[k]?.flares ?? 0) + 1;
	const sessionFlares = run.draft.value.flares.length + 1;
	const then = flareDecision(step.onFlare, stepFlares, sessionFlares);
	const record: FlareRecord = {
		stepId: step.id,
		stepIndex: k,
		round: segment.round,
		phase: segment.phase,
		secondsIntoStep: intoStepMs / 1000,
		atEpochMs: run.epochAt(run.atMs),
		then
	};
	run.draft.updateStep(k, { flares: stepFlares, status: 'in-progress' });
	run.draft.set({ flares: [...run.draft.value.flares, record] });
	run.events.push({ type: 'flare', flare: record, atMs: run.atMs });
	return { segment, intoStepMs, then };
}

/** Plays release and recover now, then what the decision says; without them, decides at once. */
export function recover(run: Run, { segment, intoStepMs, then }: ReportedFlare): void {
	const k = segment.stepIndex;
	const recovery = recoverySegments(run, segment, intoStepMs, then);
	if (recovery.length === 0) return decide(run, k, then);
	const end: ProgramEnd = then === 'stop' ? 'stopped-after-flare' : 'completed';
	run.play(makeProgram([{ segments: recovery }, ...afterFlare(run, k, then)], end));
}

/** The person's choice in a flare's release or recover; elsewhere there is nothing to choose. */
export function choose(run: Run, choice: FlareChoice): void {
	const current = currentSegment(run.state)?.segment;
	if (!current || !isFlarePhase(current)) return;
	const k = current.stepIndex;
	if (choice === 'end') return decide(run, k, 'stop');
	if (choice === 'retry' && !canRetry({ ...run.state, record: run.draft.value }, k)) return;
	decide(run, k, choice);
}

function recoverySegments(
	run: Run,
	at: PlaySegment,
	intoStepMs: number,
	then: FlareDecision
): PlaySegment[] {
	const { releaseMs, recoverMs } = run.state.timeline.flare;
	const segments: PlaySegment[] = [];
	let startMs = 0;
	for (const [phase, durationMs] of [
		['release', releaseMs],
		['recover', recoverMs]
	] as const) {
		if (durationMs <= 0) continue;
		segments.push({
			stepIndex: at.stepIndex,
			lead: false,
			phase,
			round: at.round,
			rounds: at.rounds,
			startMs,
			durationMs,
			phaseStartMs: startMs,
			phaseDurationMs: durationMs,
			intoStepMs
		});
		startMs += durationMs;
	}
	const last = segments[segments.length - 1];
	if (last) segments[segments.length - 1] = { ...last, afterFlare: then };
	return segments;
}

/** What plays once a flare's recovery is over. */
function afterFlare(run: Run, k: number, then: FlareDecision): Slice[] {
	switch (then) {
		case 'skip':
			return timelineFrom(run.state, run.state.index.firstOwn[k + 1]);
		case 'stop':
			return [];
		case 'retry':
			return retrySlices(run, k);
		default: {
			const unhandled: never = then;
			throw new Error(`unknown decision ${JSON.stringify(unhandled)}`);
		}
	}
}

/** The step once more from its first round, gently: one round only; then the routine goes on. */
function retrySlices(run: Run, k: number): Slice[] {
	const planned = run.state.timeline.steps[k];
	if (!planned) return [];
	const once = compileStep(planned.step, k, run.state.timeline.resolved, 0, 1);
	return [{ segments: once }, ...timelineFrom(run.state, run.state.index.end[k])];
}

/** Carries out a decision after a flare, at once. */
function decide(run: Run, k: number, then: FlareDecision): void {
	switch (then) {
		case 'skip':
			run.draft.updateStep(k, { status: 'skipped' });
			return run.play(timelineProgram(run.state, run.state.index.firstOwn[k + 1]));
		case 'stop':
			return run.finish('stopped-after-flare', run.atMs);
		case 'retry':
			run.draft.updateStep(k, { retried: true });
			return run.play(makeProgram(retrySlices(run, k)));
		default: {
			const unhandled: never = then;
			throw new Error(`unknown decision ${JSON.stringify(unhandled)}`);
		}
	}
}
