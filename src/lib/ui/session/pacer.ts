/**
 * The pacer's target for a moment of the session. Each phase moves in its own way: it reaches
 * slowly towards the edge in approach, grows and shrinks with the breath, opens in soften, draws
 * back in come back, settles small in a rest or a release. CSS runs each move once.
 */
import type { Phase } from '../../routine/timeline';
import { isUnderWay } from '../../engine/types';
import type { SessionView } from '../../engine/view';

export interface PacerTarget {
	/** Changes when a new phase or breath part begins: the pacer restarts its move then. */
	key: string;
	/** The phase whose look and motion the pacer takes. */
	look: Phase;
	scale: number;
	opacity: number;
	/** How long the move to the target takes. */
	durationMs: number;
}

export const PACER_FULL = 1;
export const PACER_EMPTY = 0.55;
const PACER_AT_REST = 0.7;
/** A settling move (into a rest, out after a flare): quick, but not a jump. */
const SETTLE_MS = 1_500;

/** Where each phase without breaths heads, and whether it takes the whole phase to get there. */
const PHASE_MOVES: Record<Phase, { scale: number; opacity: number; wholePhase: boolean }> = {
	countdown: { scale: 0.62, opacity: 0.55, wholePhase: false },
	approach: { scale: 0.9, opacity: 0.85, wholePhase: true },
	breathe: { scale: PACER_AT_REST, opacity: 0.6, wholePhase: false },
	soften: { scale: 1, opacity: 0.7, wholePhase: true },
	'come-back': { scale: 0.6, opacity: 0.55, wholePhase: true },
	rest: { scale: 0.62, opacity: 0.5, wholePhase: false },
	release: { scale: 0.5, opacity: 0.8, wholePhase: false },
	recover: { scale: 0.65, opacity: 0.7, wholePhase: false },
	done: { scale: PACER_AT_REST, opacity: 0.6, wholePhase: false }
};

/** Where the pacer heads, and how long it takes to get there, from the engine's view. */
export function pacerTarget(view: SessionView): PacerTarget {
	const key = [
		view.mode,
		view.phase,
		view.stepIndex,
		view.round,
		view.breath?.part,
		view.breath?.n
	].join(':');
	const look = view.phase;
	const live = isUnderWay(view.mode);
	const segmentLeftMs = Math.max(0, view.segmentDurationMs - view.segmentElapsedMs);
	if (live) {
		switch (view.breath?.part) {
			case 'inhale':
				return { key, look, scale: PACER_FULL, opacity: 1, durationMs: segmentLeftMs };
			case 'hold-in':
				return { key, look, scale: PACER_FULL, opacity: 1, durationMs: 0 };
			case 'exhale':
				return { key, look, scale: PACER_EMPTY, opacity: 0.45, durationMs: segmentLeftMs };
			case 'hold-out':
				return { key, look, scale: PACER_EMPTY, opacity: 0.45, durationMs: 0 };
			default:
				break;
		}
	}
	const move = PHASE_MOVES[view.phase];
	if (!live) return { key, look, scale: move.scale, opacity: move.opacity, durationMs: 800 };
	const durationMs = move.wholePhase ? view.phaseLeftMs : Math.min(SETTLE_MS, view.phaseLeftMs);
	return { key, look, scale: move.scale, opacity: move.opacity, durationMs };
}
