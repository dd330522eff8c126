/**
 * The session engine as a reducer: `reduce(state, action)` returns the next state and the events
 * to hand to the outside world. Position is always `now - anchor` in a program; nothing is
 * counted from ticks, so a late tick or a frozen tab lands exactly where the clock says.
 */
import { compileStep, type Timeline } from '../routine/timeline';
import { playingPhase, replacePhase, resizePhase } from './adjust';
import {
	locate,
	makeProgram,
	next,
	type FlareDecision,
	type Located,
	type PlaySegment,
	type Program,
	type ProgramEnd,
	type Slice
} from './program';
import type {
	Action,
	AdjustmentRecord,
	CueName,
	FlareRecord,
	Outcome,
	SessionEvent,
	SessionRecord,
	SessionState,
	StepIndex,
	StepRecord,
	StepStatus,
	Transition
} from './types';

/** A cue reached this much after its moment is counted as passed, not played late. */
export const MISSED_AFTER_MS = 1000;

/** The third flare in one session ends it. */
export const FLARES_PER_SESSION = 3;

/** A new session for a compiled routine, not yet started. */
export function createSession(timeline: Timeline): SessionState {
	return {
		timeline,
		index: indexSteps(timeline),
		mode: { kind: 'idle' },
		program: fullProgram(timeline),
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

function fullProgram(timeline: Timeline): Program {
	return makeProgram([{ segments: timeline.segments }]);
}

/** The program from a timeline index to the end of the routine. */
function fromTimeline(state: SessionState, from: number | undefined, end?: ProgramEnd): Program {
	return makeProgram(timelineFrom(state, from), end);
}

function timelineFrom(state: SessionState, from: number | undefined): Slice[] {
	const segments = state.timeline.segments;
	if (from === undefined || from < 0 || from >= segments.length) return [];
	return [{ segments, from }];
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
	const kind = saved.mode.kind;
	if (kind !== 'running' && kind !== 'paused' && kind !== 'held') return undefined;
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

/** Whether the step being recovered from may be tried again gently. */
export function canRetry(state: SessionState, stepIndex: number): boolean {
	const step = state.timeline.steps[stepIndex];
	const record = state.record.steps[stepIndex];
	if (!step || !record) return false;
	return (
		step.onFlare === 'retry' && record.flares < 2 && state.record.flares.length < FLARES_PER_SESSION
	);
}

const isFlarePhase = (segment: PlaySegment | undefined) =>
	segment?.phase === 'release' || segment?.phase === 'recover';

/** A copy-on-write view of the record, so a tick that changes nothing copies nothing. */
class RecordDraft {
	#record: SessionRecord;
	#stepsCopied = false;
	changed = false;

	constructor(record: SessionRecord) {
		this.#record = record;
	}

	get value(): SessionRecord {
		return this.#record;
	}

	status(k: number): StepStatus | undefined {
		return this.#record.steps[k]?.status;
	}

	updateStep(k: number, change: Partial<StepRecord>): void {
		const step = this.#record.steps[k];
		if (!step) return;
		this.#ensureCopy();
		this.#record.steps[k] = { ...step, ...change };
	}

	set(change: Partial<SessionRecord>): void {
		this.#ensureCopy();
		Object.assign(this.#record, change);
	}

	#ensureCopy(): void {
		if (this.#stepsCopied) return;
		this.#record = {
			...this.#record,
			steps: [...this.#record.steps],
			flares: [...this.#record.flares]
		};
		this.#stepsCopied = true;
		this.changed = true;
	}
}

/** Actions that leave a hold in place; any other ends it first, as if the coach let go. */
const KEEPS_HOLD = new Set<Action['type']>(['start', 'tick', 'hold', 'adjust']);

/** Applies one action. Never throws: an action that makes no sense in a state changes nothing. */
export function reduce(state: SessionState, action: Action): Transition {
	const atMs = Math.max(action.atMs, state.lastMs);
	const run = new Run({ ...state, lastMs: atMs }, atMs);
	if (action.type !== 'start') run.advance();
	run.apply(action);
	return run.result();
}

/** One reduce call's working state and the events it gathers. */
class Run {
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

	private epochAt(atMs: number): number {
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

	private leave(segment: PlaySegment, following: PlaySegment | undefined): void {
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

	private enter(segment: PlaySegment, atMs: number, missed: boolean): void {
		const k = segment.stepIndex;
		if (!segment.lead && this.draft.status(k) !== 'in-progress') {
			this.draft.updateStep(k, { status: 'in-progress' });
			this.events.push({ type: 'step-started', stepIndex: k, atMs, missed });
		}
		if (segment.startMs === segment.phaseStartMs) {
			this.events.push({ type: 'phase-started', segment, atMs, missed });
		}
		if (segment.breath) {
			this.events.push({
				type: 'breath-started',
				segment,
				part: segment.breath.part,
				atMs,
				missed
			});
		}
		this.events.push({ type: 'cue-due', cue: cueFor(segment), segment, atMs, missed });
	}

	private finish(outcome: ProgramEnd | Outcome, atMs: number): void {
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

	/** Replaces what plays from now on: a skip, a step back, a flare, a retry. */
	private play(program: Program): void {
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

	apply(action: Action): void {
		const kind = this.state.mode.kind;
		if (kind === 'done') return;
		if (kind === 'idle') {
			if (action.type === 'start') this.start(action.epochMs);
			return;
		}
		if (kind === 'held' && !KEEPS_HOLD.has(action.type)) this.unhold();
		switch (action.type) {
			case 'start':
			case 'tick':
				return;
			case 'pause':
				return this.pause();
			case 'resume':
				return this.resume();
			case 'skip':
				return this.skip();
			case 'previous':
				return this.previous();
			case 'stop':
				return this.stop();
			case 'flare':
				return this.flare();
			case 'red-flag':
				return this.redFlag();
			case 'choose':
				return this.choose(action.choice);
			case 'adjust':
				return this.adjust(action.deltaMs);
			case 'hold':
				return this.hold();
			case 'unhold':
				return this.unhold();
			default: {
				const unhandled: never = action;
				throw new Error(`unknown action ${JSON.stringify(unhandled)}`);
			}
		}
	}

	private start(epochMs: number): void {
		this.state = {
			...this.state,
			startedAtMs: this.atMs,
			startedAtEpochMs: epochMs,
			mode: { kind: 'running', anchorMs: this.atMs }
		};
		this.draft.set({ startedAtEpochMs: epochMs });
		this.events.push({ type: 'started', atMs: this.atMs });
		const first = locate(this.state.program, 0);
		if (first) this.enter(first.segment, this.atMs, false);
		else this.finish(this.state.program.end, this.atMs);
	}

	private pause(): void {
		if (this.state.mode.kind !== 'running') return;
		const programMs = programMsAt(this.state, this.atMs);
		this.state = { ...this.state, mode: { kind: 'paused', programMs } };
		this.events.push({ type: 'paused', atMs: this.atMs }, { type: 'silence', atMs: this.atMs });
	}

	private resume(): void {
		if (this.state.mode.kind !== 'paused') return;
		const anchorMs = this.atMs - this.state.mode.programMs;
		const reenter = this.state.reenter ? currentSegment(this.state) : undefined;
		this.state = { ...this.state, mode: { kind: 'running', anchorMs }, reenter: false };
		this.events.push({ type: 'resumed', atMs: this.atMs });
		// A restored session hears its phase begin again, as if it had just started.
		if (reenter) this.enter(reenter.segment, this.atMs, false);
	}

	/** Where in the session `segment` is, for an adjustment's record. */
	private adjustedAt(segment: PlaySegment, atMs: number) {
		return {
			stepId: this.state.timeline.steps[segment.stepIndex]?.id ?? '',
			stepIndex: segment.stepIndex,
			round: segment.round,
			phase: segment.phase,
			atEpochMs: this.epochAt(atMs)
		};
	}

	private recordAdjustment(adjustment: AdjustmentRecord): void {
		this.draft.set({ adjustments: [...(this.draft.value.adjustments ?? []), adjustment] });
	}

	/** Moves the position to `programMs` of the current program, keeping the mode's kind. */
	private placeAt(programMs: number): void {
		const mode = this.state.mode;
		switch (mode.kind) {
			case 'running':
				this.state = { ...this.state, mode: { kind: 'running', anchorMs: this.atMs - programMs } };
				return;
			case 'paused':
			case 'held':
				this.state = { ...this.state, mode: { ...mode, programMs } };
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

	/** Lengthens or shortens the phase under way; the time already spent in it stays the same. */
	private adjust(deltaMs: number): void {
		if (!Number.isFinite(deltaMs) || deltaMs === 0) return;
		const { program } = this.state;
		const programMs = programMsAt(this.state, this.atMs);
		const located = locate(program, programMs);
		const phase = located && playingPhase(program, located, programMs);
		if (!located || !phase) return;
		const onTimeline =
			program.pieces[phase.piece]?.segments === this.state.timeline.segments ||
			located.segment.timelineEndMs !== undefined;
		const resized = resizePhase(phase, located.segment, deltaMs, onTimeline);
		if (resized.appliedMs === 0) return;
		const adjustment: AdjustmentRecord = {
			...this.adjustedAt(located.segment, this.atMs),
			kind: resized.appliedMs > 0 ? 'added' : 'taken',
			deltaMs: resized.appliedMs
		};
		this.recordAdjustment(adjustment);
		this.events.push({ type: 'adjusted', adjustment, atMs: this.atMs });
		const rebuilt = replacePhase(program, phase, resized.segments);
		if (resized.endsNow) {
			// The next phase begins now, its cue due: a hold on the ended phase lets go.
			this.unhold();
			this.leave(located.segment, locate(rebuilt, 0)?.segment);
			return this.play(rebuilt);
		}
		this.state = {
			...this.state,
			program: rebuilt,
			seenMs: Math.max(0, this.state.seenMs - phase.startMs)
		};
		this.placeAt(phase.elapsedMs);
	}

	/** Holds the phase still: its time left stays, nothing new becomes due, sound plays on. */
	private hold(): void {
		if (this.state.mode.kind !== 'running') return;
		const programMs = programMsAt(this.state, this.atMs);
		this.state = { ...this.state, mode: { kind: 'held', programMs, sinceMs: this.atMs } };
		this.events.push({ type: 'held', atMs: this.atMs });
	}

	/** Lets a hold go: the phase runs on from where it stood, and the hold is recorded. */
	private unhold(): void {
		const mode = this.state.mode;
		if (mode.kind !== 'held') return;
		const located = locate(this.state.program, mode.programMs);
		this.state = {
			...this.state,
			mode: { kind: 'running', anchorMs: this.atMs - mode.programMs }
		};
		if (!located) return;
		const adjustment: AdjustmentRecord = {
			...this.adjustedAt(located.segment, mode.sinceMs),
			kind: 'held',
			heldMs: this.atMs - mode.sinceMs
		};
		this.recordAdjustment(adjustment);
		this.events.push({ type: 'unheld', adjustment, atMs: this.atMs });
	}

	private skip(): void {
		const current = currentSegment(this.state)?.segment;
		if (!current) return;
		const k = current.stepIndex;
		if (isFlarePhase(current)) return this.choose('skip');
		if (current.lead) return this.play(fromTimeline(this.state, this.state.index.firstOwn[k]));
		this.draft.updateStep(k, { status: 'skipped' });
		this.play(fromTimeline(this.state, this.state.index.end[k]));
	}

	private previous(): void {
		const current = currentSegment(this.state)?.segment;
		if (!current || isFlarePhase(current) || current.phase === 'countdown') return;
		const k = current.stepIndex;
		const target = Math.max(0, k - 1);
		if (target !== k && this.draft.status(k) === 'in-progress') {
			this.draft.updateStep(k, { status: 'not-reached' });
		}
		// Entering the target's first segment marks it in progress again, whatever it was.
		this.draft.updateStep(target, { status: 'not-reached' });
		const adjustment: AdjustmentRecord = {
			...this.adjustedAt(current, this.atMs),
			kind: 'back',
			toStepId: this.state.timeline.steps[target]?.id ?? '',
			toStepIndex: target
		};
		this.recordAdjustment(adjustment);
		this.events.push({ type: 'adjusted', adjustment, atMs: this.atMs });
		this.play(fromTimeline(this.state, this.state.index.firstOwn[target]));
	}

	private stop(): void {
		const inFlare = isFlarePhase(currentSegment(this.state)?.segment);
		this.finish(inFlare ? 'stopped-after-flare' : 'stopped', this.atMs);
	}

	private flare(): void {
		const located = currentSegment(this.state);
		if (!located) return;
		const { segment } = located;
		const k = segment.stepIndex;
		const step = this.state.timeline.steps[k];
		if (!step) return;
		const intoStepMs = segment.intoStepMs + Math.max(0, this.state.seenMs - located.startMs);
		const stepFlares = (this.draft.value.steps[k]?.flares ?? 0) + 1;
		const sessionFlares = this.draft.value.flares.length + 1;
		const then = flareDecision(step.onFlare, stepFlares, sessionFlares);
		const flare: FlareRecord = {
			stepId: step.id,
			stepIndex: k,
			round: segment.round,
			phase: segment.phase,
			secondsIntoStep: intoStepMs / 1000,
			atEpochMs: this.epochAt(this.atMs),
			then
		};
		this.draft.updateStep(k, { flares: stepFlares, status: 'in-progress' });
		this.draft.set({ flares: [...this.draft.value.flares, flare] });
		this.events.push({ type: 'flare', flare, atMs: this.atMs });
		if (this.state.mode.kind === 'paused') {
			// A flare always brings the person out now, paused or not.
			this.state = { ...this.state, mode: { kind: 'running', anchorMs: this.atMs } };
		}
		const recovery = this.recoverySegments(segment, intoStepMs, then);
		if (recovery.length === 0) return this.decide(k, then);
		const end: ProgramEnd = then === 'stop' ? 'stopped-after-flare' : 'completed';
		this.play(makeProgram([{ segments: recovery }, ...this.afterFlare(k, then)], end));
	}

	private recoverySegments(
		at: PlaySegment,
		intoStepMs: number,
		then: FlareDecision
	): PlaySegment[] {
		const { releaseMs, recoverMs } = this.state.timeline.flare;
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
	private afterFlare(k: number, then: FlareDecision): Slice[] {
		switch (then) {
			case 'skip':
				return timelineFrom(this.state, this.state.index.firstOwn[k + 1]);
			case 'stop':
				return [];
			case 'retry':
				return this.retrySlices(k);
			default: {
				const unhandled: never = then;
				throw new Error(`unknown decision ${JSON.stringify(unhandled)}`);
			}
		}
	}

	/** The step once more from its first round, gently: one round only; then the routine goes on. */
	private retrySlices(k: number): Slice[] {
		const planned = this.state.timeline.steps[k];
		if (!planned) return [];
		const once = compileStep(planned.step, k, this.state.timeline.resolved, 0, 1);
		return [{ segments: once }, ...timelineFrom(this.state, this.state.index.end[k])];
	}

	/** Carries out a decision after a flare, at once. */
	private decide(k: number, then: FlareDecision): void {
		switch (then) {
			case 'skip':
				this.draft.updateStep(k, { status: 'skipped' });
				return this.play(fromTimeline(this.state, this.state.index.firstOwn[k + 1]));
			case 'stop':
				return this.finish('stopped-after-flare', this.atMs);
			case 'retry':
				this.draft.updateStep(k, { retried: true });
				return this.play(makeProgram(this.retrySlices(k)));
			default: {
				const unhandled: never = then;
				throw new Error(`unknown decision ${JSON.stringify(unhandled)}`);
			}
		}
	}

	private choose(choice: 'skip' | 'end' | 'retry'): void {
		const current = currentSegment(this.state)?.segment;
		if (!current || !isFlarePhase(current)) return;
		const k = current.stepIndex;
		if (choice === 'end') return this.decide(k, 'stop');
		if (choice === 'retry' && !canRetry({ ...this.state, record: this.draft.value }, k)) return;
		this.decide(k, choice);
	}

	private redFlag(): void {
		const segment = currentSegment(this.state)?.segment;
		const k = segment?.stepIndex ?? 0;
		this.draft.set({
			redFlag: {
				stepId: this.state.timeline.steps[k]?.id ?? '',
				stepIndex: k,
				phase: segment?.phase ?? 'done',
				atEpochMs: this.epochAt(this.atMs)
			}
		});
		const redFlag = this.draft.value.redFlag;
		if (redFlag) this.events.push({ type: 'red-flag', redFlag, atMs: this.atMs });
		this.finish('red-flag', this.atMs);
	}
}

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

function cueFor(segment: PlaySegment): CueName {
	if (segment.breath) {
		const part = segment.breath.part;
		return part === 'hold-in' || part === 'hold-out' ? 'hold' : part;
	}
	return segment.phase === 'countdown' ? 'get-ready' : segment.phase;
}
