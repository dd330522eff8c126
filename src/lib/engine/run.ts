/**
 * One reduce call's working state: the session as it changes, the record drafted copy-on-write,
 * and the events gathered for the outside world. The moves every mode shares live here: time
 * passing (`advance`), entering and leaving segments, playing a new program, finishing.
 */
import { locate, next, type PlaySegment, type Program, type ProgramEnd } from './program';
import { RecordDraft } from './record-draft';
import type { AdjustmentRecord, Outcome, SessionEvent, SessionState, Transition } from './types';
import { isFlarePhase } from './session-state';

/** A cue reached this much after its moment is counted as passed, not played late. */
export const MISSED_AFTER_MS = 1000;

export class Run {
	readonly events: SessionEvent[] = [];
	readonly draft: RecordDraft;

	constructor(
		public state: SessionState,
		readonly atMs: number
	) {
		this.draft = new RecordDraft(state.record);
	}

	result(): Transition {
		const state = this.draft.changed ? { ...this.state, record: this.draft.value } : this.state;
		return { state, events: this.events };
	}

	/** Wall-clock time of monotonic `atMs`, for the record. */
	epochAt(atMs: number): number {
		return this.state.startedAtEpochMs + (atMs - this.state.startedAtMs);
	}

	/** Reports every boundary passed since the last call, up to now. */
	advance(): void {
		const { mode, program } = this.state;
		if (mode.kind !== 'running') return;
		const nowMs = Math.min(program.totalMs, this.atMs - mode.anchorMs);
		if (nowMs <= this.state.seenMs) return;
		let current = locate(program, this.state.seenMs);
		while (current) {
			const following = next(program, current);
			if (!following || following.startMs > nowMs) break;
			this.leave(current.segment, following.segment);
			const missed =
				following.startMs + following.segment.durationMs <= nowMs ||
				nowMs - following.startMs > MISSED_AFTER_MS;
			this.enter(following.segment, mode.anchorMs + following.startMs, missed);
			current = following;
		}
		this.state = { ...this.state, seenMs: nowMs };
		if (nowMs >= program.totalMs) {
			if (current) this.leave(current.segment, undefined);
			this.finish(program.end, mode.anchorMs + program.totalMs);
		}
	}

	leave(segment: PlaySegment, following: PlaySegment | undefined): void {
		const k = segment.stepIndex;
		if (segment.afterFlare) {
			if (segment.afterFlare === 'skip') this.draft.updateStep(k, { status: 'skipped' });
			if (segment.afterFlare === 'retry') this.draft.updateStep(k, { retried: true });
			return;
		}
		if (segment.lead || isFlarePhase(segment)) return;
		const stepEnds = !following || following.stepIndex !== k || following.lead;
		if (stepEnds && this.draft.status(k) === 'in-progress') {
			this.draft.updateStep(k, { status: 'completed' });
		}
	}

	enter(segment: PlaySegment, atMs: number, missed: boolean): void {
		const k = segment.stepIndex;
		if (!segment.lead && this.draft.status(k) !== 'in-progress') {
			this.draft.updateStep(k, { status: 'in-progress' });
			this.events.push({ type: 'step-started', stepIndex: k, atMs, missed });
		}
		if (segment.startMs === segment.phaseStartMs) {
			this.events.push({ type: 'phase-started', segment, atMs, missed });
		}
		this.events.push({ type: 'segment-started', segment, atMs, missed });
	}

	finish(outcome: ProgramEnd | Outcome, atMs: number): void {
		if (this.state.mode.kind === 'done') return;
		this.draft.value.steps.forEach((step, k) => {
			if (step.status === 'in-progress') this.draft.updateStep(k, { status: 'stopped' });
		});
		this.draft.set({ outcome, endedAtEpochMs: this.epochAt(atMs) });
		this.state = {
			...this.state,
			mode: { kind: 'done', outcome },
			seenMs: outcome === 'completed' ? this.state.program.totalMs : this.state.seenMs
		};
		if (outcome !== 'completed') this.events.push({ type: 'silence', atMs });
		this.events.push({ type: 'done', outcome, record: this.draft.value, atMs });
	}

	/** Replaces what plays from now on (a skip, a step back, a flare, a retry), paused or not. */
	play(program: Program): void {
		this.events.push({ type: 'silence', atMs: this.atMs });
		const paused = this.state.mode.kind === 'paused';
		this.state = {
			...this.state,
			program,
			seenMs: 0,
			mode: paused ? { kind: 'paused', programMs: 0 } : { kind: 'running', anchorMs: this.atMs }
		};
		const first = locate(program, 0);
		if (!first) {
			this.finish(program.end, this.atMs);
			return;
		}
		this.enter(first.segment, this.atMs, paused);
	}

	/** Where in the session `segment` is, for an adjustment's record. */
	adjustedAt(segment: PlaySegment, atMs: number) {
		return {
			stepId: this.state.timeline.steps[segment.stepIndex]?.id ?? '',
			stepIndex: segment.stepIndex,
			round: segment.round,
			phase: segment.phase,
			atEpochMs: this.epochAt(atMs)
		};
	}

	recordAdjustment(adjustment: AdjustmentRecord): void {
		this.draft.set({ adjustments: [...(this.draft.value.adjustments ?? []), adjustment] });
	}
}
