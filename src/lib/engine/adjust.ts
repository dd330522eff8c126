/**
 * A coach's live changes to the phase under way, as program rebuilding: the phase's segments are
 * resized into a new list and the program is joined again from the phase's start, so position
 * stays `now - anchor` and nothing is counted from ticks.
 */
import { makeProgram, type Located, type PlaySegment, type Program, type Slice } from './program';

/** The phase under way: a run of segments in one piece of a program. */
export interface PlayingPhase {
	piece: number;
	/** Index range `[from, to)` of the phase's segments in the piece's list. */
	from: number;
	to: number;
	segments: readonly PlaySegment[];
	/** Program time at which the phase began (within its piece). */
	startMs: number;
	elapsedMs: number;
}

/** A phase as resized: its new segments, and the change actually applied. */
export interface ResizedPhase {
	segments: PlaySegment[];
	appliedMs: number;
	/** Taking more than was left: the phase ends now and the next one begins. */
	endsNow: boolean;
}

const samePhase = (a: PlaySegment | undefined, b: PlaySegment) =>
	a !== undefined && a.phaseStartMs === b.phaseStartMs && a.phase === b.phase;

/** The phase around `located` at program time `programMs`. */
export function playingPhase(
	program: Program,
	located: Located,
	programMs: number
): PlayingPhase | undefined {
	const piece = program.pieces[located.piece];
	if (!piece) return undefined;
	let from = located.index;
	while (from > piece.from && samePhase(piece.segments[from - 1], located.segment)) from--;
	let to = located.index + 1;
	while (to < piece.to && samePhase(piece.segments[to], located.segment)) to++;
	const first = piece.segments[from];
	if (!first) return undefined;
	const startMs = located.startMs - (located.segment.startMs - first.startMs);
	return {
		piece: located.piece,
		from,
		to,
		segments: piece.segments.slice(from, to),
		startMs,
		elapsedMs: programMs - startMs
	};
}

/**
 * Adds or takes `deltaMs` from a phase. A breathe phase changes by whole breaths at its end
 * (never the breath under way) so its pattern is kept; any other phase by the exact time.
 */
export function resizePhase(
	phase: PlayingPhase,
	current: PlaySegment,
	deltaMs: number,
	onTimeline: boolean
): ResizedPhase {
	const resized = current.breath
		? resizeBreaths(phase.segments, current.breath.n, deltaMs)
		: resizeSingle(phase, deltaMs);
	const timelineEndMs = onTimeline ? current.phaseStartMs + current.phaseDurationMs : undefined;
	return {
		...resized,
		segments: resized.segments.map((segment) => ({
			...segment,
			timelineEndMs: segment.timelineEndMs ?? timelineEndMs
		}))
	};
}

function resizeSingle(phase: PlayingPhase, deltaMs: number): ResizedPhase {
	const last = phase.segments[phase.segments.length - 1];
	const first = phase.segments[0];
	if (!first || !last) return { segments: [], appliedMs: 0, endsNow: false };
	const leftMs = last.startMs + last.durationMs - first.startMs - phase.elapsedMs;
	if (deltaMs <= -leftMs) return { segments: [], appliedMs: -leftMs, endsNow: true };
	const segments = phase.segments.map((segment) => ({
		...segment,
		phaseDurationMs: segment.phaseDurationMs + deltaMs,
		durationMs: segment === last ? segment.durationMs + deltaMs : segment.durationMs
	}));
	return { segments, appliedMs: deltaMs, endsNow: false };
}

function resizeBreaths(
	segments: readonly PlaySegment[],
	currentBreath: number,
	deltaMs: number
): ResizedPhase {
	const lastBreath = segments[segments.length - 1]?.breath?.n ?? currentBreath;
	const pattern = segments.filter((segment) => segment.breath?.n === lastBreath);
	const breathMs = pattern.reduce((sum, segment) => sum + segment.durationMs, 0);
	if (breathMs <= 0) return { segments: [...segments], appliedMs: 0, endsNow: false };
	const breaths = Math.ceil(Math.abs(deltaMs) / breathMs);
	const change = deltaMs > 0 ? breaths : -Math.min(breaths, lastBreath - currentBreath);
	const kept =
		change < 0
			? segments.filter((segment) => (segment.breath?.n ?? 0) <= lastBreath + change)
			: [...segments];
	for (let j = 1; j <= change; j++) {
		const shiftMs = j * breathMs;
		for (const segment of pattern) {
			kept.push({
				...segment,
				startMs: segment.startMs + shiftMs,
				intoStepMs: segment.intoStepMs + shiftMs,
				breath: segment.breath && { ...segment.breath, n: lastBreath + j }
			});
		}
	}
	const appliedMs = change * breathMs;
	const of = lastBreath + change;
	const resized = kept.map((segment) => ({
		...segment,
		phaseDurationMs: segment.phaseDurationMs + appliedMs,
		breath: segment.breath && { ...segment.breath, of }
	}));
	return { segments: resized, appliedMs, endsNow: false };
}

/** The program from the phase's start: its new segments, then whatever followed it, unchanged. */
export function replacePhase(
	program: Program,
	phase: PlayingPhase,
	segments: readonly PlaySegment[]
): Program {
	const slices: Slice[] = [{ segments }];
	program.pieces.forEach((piece, p) => {
		if (p < phase.piece) return;
		const from = p === phase.piece ? phase.to : piece.from;
		slices.push({ segments: piece.segments, from, to: piece.to });
	});
	return makeProgram(slices, program.end);
}
