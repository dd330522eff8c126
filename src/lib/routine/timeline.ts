/**
 * The timeline compiler: a routine becomes a flat list of timed segments, with every default
 * resolved, so the whole session's length is known before it starts. Times are whole
 * milliseconds, so sums of fractional seconds stay exact.
 */
import type { FlarePolicy, Routine, Side, Step, StepType } from './schema';

/** Phase names as the app shows them (`data-phase`), in the order a session meets them. */
export const PHASES = [
	'countdown',
	'approach',
	'breathe',
	'soften',
	'come-back',
	'rest',
	'release',
	'recover',
	'done'
] as const;

export type Phase = (typeof PHASES)[number];

/** The parts of one breath (`data-breath`). */
export type BreathPart = 'inhale' | 'hold-in' | 'exhale' | 'hold-out';

/** A breath pattern in seconds, holds 0 when absent. */
export interface BreathPattern {
	inhale: number;
	holdIn: number;
	exhale: number;
	holdOut: number;
}

/** A stretch cycle with every value resolved. */
export interface ResolvedCycle {
	approach: number;
	breathe: BreathPattern & { breaths: number };
	soften: number;
	comeBack: number;
}

/** The defaults every routine starts from: the contract's built-in values. */
export const BUILT_IN_DEFAULTS = {
	cycle: {
		approach: 10,
		breathe: { breaths: 4, inhale: 4, holdIn: 0, exhale: 6, holdOut: 0 },
		soften: 20,
		comeBack: 8
	},
	rounds: 3,
	restBetweenRounds: 10,
	restBetweenSteps: 15,
	onFlare: 'skip',
	flare: { release: 10, recover: 30 }
} as const satisfies {
	cycle: ResolvedCycle;
	rounds: number;
	restBetweenRounds: number;
	restBetweenSteps: number;
	onFlare: FlarePolicy;
	flare: { release: number; recover: number };
};

/** The session-wide settings a routine is compiled with. */
export interface CompileOptions {
	/** The countdown before the first step, a setting of the app: 0 leaves it out. */
	countdownSec: number;
}

export const DEFAULT_COMPILE_OPTIONS: CompileOptions = { countdownSec: 5 };

/** One timed piece of a session. */
export interface Segment {
	/** The step this belongs to; for a lead segment, the step it leads into. */
	stepIndex: number;
	/** True for the countdown and the rests between steps: they come before `stepIndex`. */
	lead: boolean;
	phase: Phase;
	/** The stretch round, from 1; 0 where there are no rounds. */
	round: number;
	rounds: number;
	breath?: { part: BreathPart; n: number; of: number };
	startMs: number;
	durationMs: number;
	/** The whole phase this segment is part of (for a breath part, the whole breathing phase). */
	phaseStartMs: number;
	phaseDurationMs: number;
	/** How far into its step this segment starts; 0 for lead segments. */
	intoStepMs: number;
}

/** A step with its inherited values resolved. */
export interface PlannedStep {
	index: number;
	id: string;
	type: StepType;
	title: string;
	text?: string;
	side?: Side;
	onFlare: FlarePolicy;
	rounds: number;
	/** The step's own length, without rests between steps. */
	durationMs: number;
	step: Step;
}

/** A compiled routine: what a session plays. */
export interface Timeline {
	routine: Routine;
	steps: PlannedStep[];
	segments: Segment[];
	totalMs: number;
	flare: { releaseMs: number; recoverMs: number };
	resolved: ResolvedDefaults;
}

/** The routine's defaults merged over the built-in ones. */
export interface ResolvedDefaults {
	cycle: ResolvedCycle;
	rounds: number;
	restBetweenRounds: number;
	restBetweenSteps: number;
	onFlare: FlarePolicy;
	flare: { release: number; recover: number };
}

/** Seconds as whole milliseconds, so sums of fractions add up exactly. */
export const toMs = (seconds: number): number => Math.round(seconds * 1000);

/** A routine's `defaults` over the built-in ones. */
export function resolveDefaults(defaults: Routine['defaults']): ResolvedDefaults {
	const d = defaults ?? {};
	const builtIn = BUILT_IN_DEFAULTS;
	return {
		cycle: mergeCycle({ ...builtIn.cycle, breathe: { ...builtIn.cycle.breathe } }, d.cycle),
		rounds: d.rounds ?? builtIn.rounds,
		restBetweenRounds: d.restBetweenRounds ?? builtIn.restBetweenRounds,
		restBetweenSteps: d.restBetweenSteps ?? builtIn.restBetweenSteps,
		onFlare: d.onFlare ?? builtIn.onFlare,
		flare: {
			release: d.flare?.release ?? builtIn.flare.release,
			recover: d.flare?.recover ?? builtIn.flare.recover
		}
	};
}

type CycleOverride = NonNullable<Routine['defaults']>['cycle'];

function mergeCycle(base: ResolvedCycle, override: CycleOverride): ResolvedCycle {
	if (!override) return base;
	const b = override.breathe ?? {};
	return {
		approach: override.approach ?? base.approach,
		soften: override.soften ?? base.soften,
		comeBack: override.comeBack ?? base.comeBack,
		breathe: {
			breaths: b.breaths ?? base.breathe.breaths,
			inhale: b.inhale ?? base.breathe.inhale,
			holdIn: b.holdIn ?? base.breathe.holdIn,
			exhale: b.exhale ?? base.breathe.exhale,
			holdOut: b.holdOut ?? base.breathe.holdOut
		}
	};
}

/** Where a step's segments are placed and numbered. */
interface Placement {
	stepIndex: number;
	startMs: number;
}

/** Builds segments one after another; phases of 0 ms are left out. */
class SegmentWriter {
	readonly segments: Segment[] = [];
	atMs: number;
	private stepStartMs: number;

	constructor(private readonly placement: Placement) {
		this.atMs = placement.startMs;
		this.stepStartMs = placement.startMs;
	}

	add(phase: Phase, durationMs: number, round = 0, rounds = 0, lead = false): void {
		if (durationMs <= 0) return;
		this.segments.push({
			stepIndex: this.placement.stepIndex,
			lead,
			phase,
			round,
			rounds,
			startMs: this.atMs,
			durationMs,
			phaseStartMs: this.atMs,
			phaseDurationMs: durationMs,
			intoStepMs: lead ? 0 : this.atMs - this.stepStartMs
		});
		this.atMs += durationMs;
	}

	/** A run of paced breaths: one segment for each breath part, all in one phase. */
	breaths(pattern: BreathPattern, count: number, round = 0, rounds = 0): void {
		const parts: [BreathPart, number][] = [
			['inhale', toMs(pattern.inhale)],
			['hold-in', toMs(pattern.holdIn)],
			['exhale', toMs(pattern.exhale)],
			['hold-out', toMs(pattern.holdOut)]
		];
		const breathMs = parts.reduce((sum, [, ms]) => sum + ms, 0);
		if (breathMs <= 0 || count <= 0) return;
		const phaseStartMs = this.atMs;
		const phaseDurationMs = breathMs * count;
		for (let n = 1; n <= count; n++) {
			for (const [part, durationMs] of parts) {
				if (durationMs <= 0) continue;
				this.segments.push({
					stepIndex: this.placement.stepIndex,
					lead: false,
					phase: 'breathe',
					round,
					rounds,
					breath: { part, n, of: count },
					startMs: this.atMs,
					durationMs,
					phaseStartMs,
					phaseDurationMs,
					intoStepMs: this.atMs - this.stepStartMs
				});
				this.atMs += durationMs;
			}
		}
	}

	/** Marks where the step's own segments begin (after any lead). */
	beginStep(): void {
		this.stepStartMs = this.atMs;
	}
}

/** The resolved cycle of a stretch step: defaults, overridden key by key. */
export function stretchCycle(
	step: Step & { type: 'stretch' },
	resolved: ResolvedDefaults
): ResolvedCycle {
	return mergeCycle(resolved.cycle, step.cycle);
}

/** The pattern of a breathing step; a missing pattern takes the cycle's breathing. */
export function breathePattern(
	step: Step & { type: 'breathe' },
	resolved: ResolvedDefaults
): BreathPattern & { breaths: number } {
	const base = resolved.cycle.breathe;
	return {
		inhale: step.pattern?.inhale ?? base.inhale,
		holdIn: step.pattern ? (step.pattern.holdIn ?? 0) : base.holdIn,
		exhale: step.pattern?.exhale ?? base.exhale,
		holdOut: step.pattern ? (step.pattern.holdOut ?? 0) : base.holdOut,
		breaths: step.breaths ?? base.breaths
	};
}

/**
 * The step's own segments, from `startMs`. `roundsOverride` runs a stretch with fewer rounds
 * (a gentle retry runs one).
 */
export function compileStep(
	step: Step,
	stepIndex: number,
	resolved: ResolvedDefaults,
	startMs = 0,
	roundsOverride?: number
): Segment[] {
	const writer = new SegmentWriter({ stepIndex, startMs });
	writeStep(writer, step, resolved, roundsOverride);
	return writer.segments;
}

function writeStep(
	writer: SegmentWriter,
	step: Step,
	resolved: ResolvedDefaults,
	roundsOverride?: number
): void {
	writer.beginStep();
	switch (step.type) {
		case 'stretch': {
			const cycle = stretchCycle(step, resolved);
			const rounds = roundsOverride ?? step.rounds ?? resolved.rounds;
			for (let round = 1; round <= rounds; round++) {
				if (round > 1) writer.add('rest', toMs(resolved.restBetweenRounds), round - 1, rounds);
				writer.add('approach', toMs(cycle.approach), round, rounds);
				writer.breaths(cycle.breathe, cycle.breathe.breaths, round, rounds);
				writer.add('soften', toMs(cycle.soften), round, rounds);
				writer.add('come-back', toMs(cycle.comeBack), round, rounds);
			}
			return;
		}
		case 'breathe': {
			const pattern = breathePattern(step, resolved);
			writer.breaths(pattern, pattern.breaths);
			return;
		}
		case 'rest':
			writer.add('rest', toMs(step.seconds));
			return;
		default: {
			const unhandled: never = step;
			throw new Error(`unknown step type ${JSON.stringify(unhandled)}`);
		}
	}
}

/** Compiles a routine (already validated) into its timeline. */
export function compileTimeline(
	routine: Routine,
	options: CompileOptions = DEFAULT_COMPILE_OPTIONS
): Timeline {
	const resolved = resolveDefaults(routine.defaults);
	const segments: Segment[] = [];
	const steps: PlannedStep[] = [];
	let atMs = 0;
	routine.steps.forEach((step, index) => {
		const writer = new SegmentWriter({ stepIndex: index, startMs: atMs });
		if (index === 0) {
			writer.add('countdown', toMs(options.countdownSec), 0, 0, true);
		} else if (step.type !== 'rest' && routine.steps[index - 1]?.type !== 'rest') {
			writer.add('rest', toMs(resolved.restBetweenSteps), 0, 0, true);
		}
		const ownStartMs = writer.atMs;
		writeStep(writer, step, resolved);
		steps.push(planStep(step, index, resolved, writer.atMs - ownStartMs));
		for (const segment of writer.segments) segments.push(segment);
		atMs = writer.atMs;
	});
	return {
		routine,
		steps,
		segments,
		totalMs: atMs,
		flare: { releaseMs: toMs(resolved.flare.release), recoverMs: toMs(resolved.flare.recover) },
		resolved
	};
}

function planStep(
	step: Step,
	index: number,
	resolved: ResolvedDefaults,
	durationMs: number
): PlannedStep {
	return {
		index,
		id: step.id,
		type: step.type,
		title: step.title,
		text: step.text,
		side: step.type === 'stretch' ? step.side : undefined,
		onFlare: step.onFlare ?? resolved.onFlare,
		rounds: step.type === 'stretch' ? (step.rounds ?? resolved.rounds) : 1,
		durationMs,
		step
	};
}
