/**
 * The session engine as a reducer: `reduce(state, action)` returns the next state and the events
 * to hand to the outside world. Position is always `now - anchor` in a program; nothing is
 * counted from ticks, so a late tick or a frozen tab lands exactly where the clock says. What
 * each mode accepts is written once, per mode, in `modes/`.
 */
import { applyInMode } from './modes';
import { Run } from './run';
import type { Action, SessionState, Transition } from './types';

export { canRetry, flareDecision, FLARES_PER_SESSION } from './moves/flare';
export { MISSED_AFTER_MS } from './run';
export { createSession, currentSegment, programMsAt, restoreSession } from './session-state';

/** Applies one action. Never throws: an action that makes no sense in a state changes nothing. */
export function reduce(state: SessionState, action: Action): Transition {
	const atMs = Math.max(action.atMs, state.lastMs);
	const run = new Run({ ...state, lastMs: atMs }, atMs);
	// Time passes first: the action meets the session where the clock has brought it.
	if (action.type !== 'start') run.advance();
	applyInMode(run, action);
	return run.result();
}
