/**
 * A session's state carried to another clock. The state's monotonic times (the mode's anchor,
 * a hold's start, the last time seen, the start) are on the clock of the window that made
 * them; another window's `performance.now()` counts from its own origin. Shifting every one of
 * them by the difference leaves the session exactly where it stands.
 */
import type { Mode, SessionState } from './types';

/** The mode with its monotonic times moved by `shiftMs`. */
function rebaseMode(mode: Mode, shiftMs: number): Mode {
	switch (mode.kind) {
		case 'idle':
		case 'paused':
		case 'done':
			return mode;
		case 'running':
			return { kind: 'running', anchorMs: mode.anchorMs + shiftMs };
		case 'held':
			return { kind: 'held', programMs: mode.programMs, sinceMs: mode.sinceMs + shiftMs };
		default: {
			const unhandled: never = mode;
			throw new Error(`unknown mode ${JSON.stringify(unhandled)}`);
		}
	}
}

/**
 * The same session on a clock that reads `shiftMs` more at the same instant: a time `t` on the
 * old clock is `t + shiftMs` on the new one. Program times and wall-clock times do not move.
 */
export function rebaseState(state: SessionState, shiftMs: number): SessionState {
	if (shiftMs === 0) return state;
	return {
		...state,
		mode: rebaseMode(state.mode, shiftMs),
		// -Infinity (never seen) stays itself.
		lastMs: state.lastMs + shiftMs,
		startedAtMs: state.startedAtMs + shiftMs
	};
}

/**
 * The shift from a clock whose zero is at wall time `fromOriginMs` to one whose zero is at
 * `toOriginMs` (`performance.timeOrigin` of the two windows): a reading on the first clock,
 * plus this, is the reading on the second at the same instant.
 */
export function originShiftMs(fromOriginMs: number, toOriginMs: number): number {
	return fromOriginMs - toOriginMs;
}
