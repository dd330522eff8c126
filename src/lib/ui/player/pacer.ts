/** The breathing pacer's target for a moment of the session: grow on inhale, shrink on exhale. */
import type { SessionView } from '../../engine/view';

export interface PacerTarget {
	/** Changes when a new phase or breath part begins: the pacer restarts its move then. */
	key: string;
	scale: number;
	opacity: number;
	/** How long the move to the target takes: the time left in the breath part. */
	durationMs: number;
}

export const PACER_FULL = 1;
export const PACER_EMPTY = 0.55;
const PACER_AT_REST = 0.7;

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
	const durationMs = Math.max(0, view.segmentDurationMs - view.segmentElapsedMs);
	if (view.mode === 'running' || view.mode === 'paused' || view.mode === 'held') {
		switch (view.breath?.part) {
			case 'inhale':
			case 'hold-in':
				return {
					key,
					scale: PACER_FULL,
					opacity: 1,
					durationMs: view.breath.part === 'inhale' ? durationMs : 0
				};
			case 'exhale':
			case 'hold-out':
				return {
					key,
					scale: PACER_EMPTY,
					opacity: 0.45,
					durationMs: view.breath.part === 'exhale' ? durationMs : 0
				};
			default:
				break;
		}
	}
	return { key, scale: PACER_AT_REST, opacity: 0.6, durationMs: 800 };
}
