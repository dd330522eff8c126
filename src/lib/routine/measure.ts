/**
 * A routine's length and its number of timed pieces, worked out by arithmetic from the file: a
 * hostile file can ask for years of breaths in a few bytes, so nothing is compiled until these
 * figures are known to be within the caps. They match `compileTimeline` exactly (a property test
 * holds them to it).
 */
import type { Routine, Step } from './schema';
import {
	breathePattern,
	resolveDefaults,
	stretchCycle,
	toMs,
	type BreathPattern,
	type CompileOptions,
	type ResolvedDefaults
} from './timeline';

/** What a step or a routine would be, once compiled. */
export interface Measure {
	/** Its length in milliseconds. */
	durationMs: number;
	/** Its timed segments (phases, breath parts, rests): what the player holds in memory. */
	pieces: number;
}

/** A step's measure, and its length without the rests between its rounds. */
export interface StepMeasure extends Measure {
	activeMs: number;
}

const piece = (ms: number): Measure => ({ durationMs: Math.max(0, ms), pieces: ms > 0 ? 1 : 0 });

function breaths(pattern: BreathPattern, count: number): Measure {
	const parts = [pattern.inhale, pattern.holdIn, pattern.exhale, pattern.holdOut].map(toMs);
	const breathMs = parts.reduce((sum, ms) => sum + ms, 0);
	if (breathMs <= 0 || count <= 0) return { durationMs: 0, pieces: 0 };
	const partsPerBreath = parts.filter((ms) => ms > 0).length;
	return { durationMs: breathMs * count, pieces: partsPerBreath * count };
}

function sum(...measures: Measure[]): Measure {
	return measures.reduce(
		(total, m) => ({
			durationMs: total.durationMs + m.durationMs,
			pieces: total.pieces + m.pieces
		}),
		{ durationMs: 0, pieces: 0 }
	);
}

function times(measure: Measure, n: number): Measure {
	return { durationMs: measure.durationMs * n, pieces: measure.pieces * n };
}

/** A step's measure, as `compileStep` would lay it out (`roundsOverride` as there). */
export function measureStep(
	step: Step,
	resolved: ResolvedDefaults,
	roundsOverride?: number
): StepMeasure {
	switch (step.type) {
		case 'stretch': {
			const cycle = stretchCycle(step, resolved);
			const rounds = roundsOverride ?? step.rounds ?? resolved.rounds;
			const round = sum(
				piece(toMs(cycle.approach)),
				breaths(cycle.breathe, cycle.breathe.breaths),
				piece(toMs(cycle.soften)),
				piece(toMs(cycle.comeBack))
			);
			const active = times(round, rounds);
			const rests = times(piece(toMs(resolved.restBetweenRounds)), Math.max(0, rounds - 1));
			return { ...sum(active, rests), activeMs: active.durationMs };
		}
		case 'breathe': {
			const pattern = breathePattern(step, resolved);
			const measure = breaths(pattern, pattern.breaths);
			return { ...measure, activeMs: measure.durationMs };
		}
		case 'rest': {
			const measure = piece(toMs(step.seconds));
			return { ...measure, activeMs: measure.durationMs };
		}
		default: {
			const unhandled: never = step;
			throw new Error(`unknown step type ${JSON.stringify(unhandled)}`);
		}
	}
}

/** A routine's measure, as `compileTimeline` would lay it out; no countdown unless asked. */
export function measureRoutine(
	routine: Pick<Routine, 'defaults' | 'steps'>,
	options: CompileOptions = { countdownSec: 0 }
): Measure {
	const resolved = resolveDefaults(routine.defaults);
	const between = piece(toMs(resolved.restBetweenSteps));
	let total = piece(toMs(options.countdownSec));
	routine.steps.forEach((step, index) => {
		const previous = routine.steps[index - 1];
		const lead =
			index > 0 && step.type !== 'rest' && previous?.type !== 'rest' ? between : piece(0);
		total = sum(total, lead, measureStep(step, resolved));
	});
	return total;
}
