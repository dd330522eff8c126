/**
 * The sound bed softened while a cue speaks: each cue's span on the audio clock becomes a dip of
 * the bed's ducking gain, just before the cue and back up just after; cues close together make
 * one dip, so the bed does not bob between them. Planned as `setTargetAtTime` steps at exact
 * audio times, so it holds in a hidden tab; a change re-plans only from where the plans part.
 */

/** Where the bed sinks to under a cue: still there, well under the voice. */
export const DUCK_LEVEL = 0.35;
/** The bed starts down this long before a cue, so the cue's first sound is already clear. */
const LEAD_SEC = 0.3;
/** And comes back up this long after it. */
const TAIL_SEC = 0.2;
/** Cues closer than this share one dip. */
const MERGE_GAP_SEC = 1.2;
/** Down quickly, up slowly: a return that is not noticed. */
const DOWN_TIME_CONSTANT_SEC = 0.08;
const UP_TIME_CONSTANT_SEC = 0.4;

/** A cue's time on the audio clock, in seconds. */
export interface CueSpan {
	startSec: number;
	endSec: number;
}

/** One `setTargetAtTime(level, atSec, timeConstantSec)`. */
export interface DuckStep {
	atSec: number;
	level: number;
	timeConstantSec: number;
}

/** The dips for these cues, in time order: down before each group of cues, up after it. */
export function duckSteps(spans: Iterable<CueSpan>): DuckStep[] {
	const sorted = [...spans].sort((a, b) => a.startSec - b.startSec);
	const steps: DuckStep[] = [];
	let dip: { downSec: number; upSec: number } | undefined;
	const close = () => {
		if (!dip) return;
		steps.push(
			{ atSec: dip.downSec, level: DUCK_LEVEL, timeConstantSec: DOWN_TIME_CONSTANT_SEC },
			{ atSec: dip.upSec, level: 1, timeConstantSec: UP_TIME_CONSTANT_SEC }
		);
	};
	for (const span of sorted) {
		const downSec = span.startSec - LEAD_SEC;
		const upSec = span.endSec + TAIL_SEC;
		if (dip && downSec - dip.upSec < MERGE_GAP_SEC) {
			dip.upSec = Math.max(dip.upSec, upSec);
			continue;
		}
		close();
		dip = { downSec, upSec };
	}
	close();
	return steps;
}

/** The time from which two plans part, or undefined when they are the same. */
export function firstChange(
	before: readonly DuckStep[],
	after: readonly DuckStep[]
): number | undefined {
	const length = Math.max(before.length, after.length);
	for (let i = 0; i < length; i++) {
		const a = before[i];
		const b = after[i];
		if (a && b && a.atSec === b.atSec && a.level === b.level) continue;
		return Math.min(a?.atSec ?? Infinity, b?.atSec ?? Infinity);
	}
	return undefined;
}

/** The step a plan is following at `atSec`: the last one begun, or none (full level). */
function stepAt(steps: readonly DuckStep[], atSec: number): DuckStep {
	let current: DuckStep = { atSec: -Infinity, level: 1, timeConstantSec: UP_TIME_CONSTANT_SEC };
	for (const step of steps) {
		if (step.atSec > atSec) break;
		current = step;
	}
	return current;
}

/** The bed's ducking on one gain: cues come and go, the gain's automation follows. */
export class Ducking {
	#spans = new Set<CueSpan>();
	#applied: readonly DuckStep[] = [];
	#param: AudioParam | undefined;
	#now: () => number;
	#pending = false;

	constructor(now: () => number) {
		this.#now = now;
	}

	/** The gain to duck, once the bed has one; the cues already handed over apply at once. */
	attach(param: AudioParam): void {
		this.#param = param;
		this.#applied = [];
		this.#apply();
	}

	/** Softens the bed under a cue; returns the withdrawal, for a cue stopped before its end. */
	duck(startSec: number, durationSec: number): () => void {
		const span = { startSec, endSec: startSec + durationSec };
		this.#spans.add(span);
		this.#changed();
		return () => {
			if (this.#spans.delete(span)) this.#changed();
		};
	}

	/** Changes are applied once per task: a hidden tab hands over minutes of cues at once. */
	#changed(): void {
		if (this.#pending) return;
		this.#pending = true;
		queueMicrotask(() => {
			this.#pending = false;
			this.#apply();
		});
	}

	#apply(): void {
		const nowSec = this.#now();
		// Cues long over change nothing ahead: let them go.
		for (const span of this.#spans) if (span.endSec + 5 < nowSec) this.#spans.delete(span);
		const param = this.#param;
		if (!param) return;
		const steps = duckSteps(this.#spans);
		const changedSec = firstChange(this.#applied, steps);
		this.#applied = steps;
		if (changedSec === undefined) return;
		const fromSec = Math.max(nowSec, changedSec);
		param.cancelScheduledValues(fromSec);
		// A step already begun changed (a cue withdrawn mid-dip): head for where the plan is now.
		if (changedSec < nowSec) {
			const now = stepAt(steps, nowSec);
			param.setTargetAtTime(now.level, nowSec, now.timeConstantSec);
		}
		for (const step of steps) {
			if (step.atSec >= fromSec)
				param.setTargetAtTime(step.level, step.atSec, step.timeConstantSec);
		}
	}
}
