/**
 * The engine read by state: each mode has its own table of the actions it accepts and what they
 * do; an action a mode does not accept changes nothing but the time seen.
 */
import type { Run } from '../run';
import type { Action } from '../types';
import { inDone } from './done';
import { inHeld } from './held';
import { inIdle } from './idle';
import { inPaused } from './paused';
import { inRunning } from './running';

/** Applies `action` as the session's mode, after time has passed, says. */
export function applyInMode(run: Run, action: Action): void {
	const mode = run.state.mode;
	switch (mode.kind) {
		case 'idle':
			return inIdle(run, action);
		case 'running':
			return inRunning(run, action);
		case 'paused':
			return inPaused(run, action, mode);
		case 'held':
			return inHeld(run, action, mode);
		case 'done':
			return inDone(run, action);
		default: {
			const unhandled: never = mode;
			throw new Error(`unknown mode ${JSON.stringify(unhandled)}`);
		}
	}
}
