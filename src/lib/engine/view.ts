/** What a screen shows of a session at a moment, derived from the state and the clock alone. */
import type { BreathPart, Phase, PlannedStep } from '../routine/timeline';
import { locate, next, type FlareDecision, type Located, type Program } from './program';
import { canRetry, programMsAt } from './reduce';
import type { Mode, Outcome, SessionState } from './types';

/** A session as a screen shows it at one moment. */
export interface SessionView {
	mode: Mode['kind'];
	outcome?: Outcome;
	phase: Phase;
	breath?: { part: BreathPart; n: number; of: number };
	/** The step being played, or led into during a countdown or a rest between steps. */
	step?: PlannedStep;
	stepIndex: number;
	stepCount: number;
	/** True in the countdown and the rests between steps. */
	lead: boolean;
	round: number;
	rounds: number;
	phaseLeftMs: number;
	phaseDurationMs: number;
	segmentElapsedMs: number;
	segmentDurationMs: number;
	sessionLeftMs: number;
	/**
	 * Where the session stands on the routine's own timeline, for a progress bar: a flare or a
	 * retry holds it at the step's place rather than moving it back or beyond.
	 */
	timelineMs: number;
	/** In release or recover after a flare: the three choices are open. */
	inFlare: boolean;
	canRetry: boolean;
	/** In a flare: what happens if nobody chooses, and in how long. */
	afterFlare?: { then: FlareDecision; inMs: number };
	/** The step is being tried again gently, after a flare: one round only. */
	gentle: boolean;
}

/** The session as it stands at monotonic `atMs`. */
export function viewAt(state: SessionState, atMs: number): SessionView {
	const { program, timeline, mode } = state;
	// The clock never runs backwards for a session, whatever the platform's clock does.
	const programMs = programMsAt(state, Math.max(atMs, state.lastMs));
	const base = {
		mode: mode.kind,
		outcome: mode.kind === 'done' ? mode.outcome : undefined,
		stepCount: timeline.steps.length,
		sessionLeftMs: Math.max(0, program.totalMs - programMs)
	};
	const located = mode.kind === 'done' ? undefined : locate(program, programMs);
	if (!located) {
		return {
			...base,
			phase: 'done',
			stepIndex: timeline.steps.length - 1,
			step: undefined,
			lead: false,
			round: 0,
			rounds: 0,
			phaseLeftMs: 0,
			phaseDurationMs: 0,
			segmentElapsedMs: 0,
			segmentDurationMs: 0,
			sessionLeftMs: 0,
			timelineMs: timeline.totalMs,
			inFlare: false,
			canRetry: false,
			gentle: false
		};
	}
	const { segment } = located;
	const outlook = flareOutlook(program, located, programMs);
	const segmentElapsedMs = programMs - located.startMs;
	const phaseElapsedMs = segment.startMs - segment.phaseStartMs + segmentElapsedMs;
	const inFlare = segment.phase === 'release' || segment.phase === 'recover';
	const onTimeline = program.pieces[located.piece]?.segments === timeline.segments;
	const stepStartMs = timeline.segments[state.index.firstOwn[segment.stepIndex] ?? 0]?.startMs ?? 0;
	// A phase a coach lengthened stops the bar at its end on the timeline rather than running on.
	const timelineMs =
		segment.timelineEndMs !== undefined
			? Math.min(segment.timelineEndMs, segment.startMs + segmentElapsedMs)
			: onTimeline
				? segment.startMs + segmentElapsedMs
				: stepStartMs + segment.intoStepMs + (inFlare ? 0 : segmentElapsedMs);
	return {
		...base,
		phase: segment.phase,
		breath: segment.breath,
		step: timeline.steps[segment.stepIndex],
		stepIndex: segment.stepIndex,
		lead: segment.lead,
		round: segment.round,
		rounds: segment.rounds,
		phaseLeftMs: Math.max(0, segment.phaseDurationMs - phaseElapsedMs),
		phaseDurationMs: segment.phaseDurationMs,
		segmentElapsedMs,
		segmentDurationMs: segment.durationMs,
		timelineMs: Math.min(timeline.totalMs, timelineMs),
		inFlare,
		canRetry: inFlare && canRetry(state, segment.stepIndex),
		...(outlook ? { afterFlare: outlook } : {}),
		gentle:
			!inFlare && !segment.lead && !onTimeline && !!state.record.steps[segment.stepIndex]?.retried
	};
}

/** What a flare's recovery ends in when nobody chooses, and how long until then. */
function flareOutlook(
	program: Program,
	located: Located,
	programMs: number
): { then: FlareDecision; inMs: number } | undefined {
	if (located.segment.phase !== 'release' && located.segment.phase !== 'recover') return undefined;
	for (let at: Located | undefined = located; at; at = next(program, at)) {
		const then = at.segment.afterFlare;
		if (then) return { then, inMs: Math.max(0, at.startMs + at.segment.durationMs - programMs) };
		if (at.segment.phase !== 'release' && at.segment.phase !== 'recover') return undefined;
	}
	return undefined;
}
