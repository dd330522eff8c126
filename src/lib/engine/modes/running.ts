/**
 * Running: time plays the program (the countdown, the steps, a flare's release and recover).
 * Time already passed was played before the action (`advance`), so a tick has nothing left to do.
 */
import { adjust, hold } from '../moves/coach';
import { pause, previous, redFlag, skip, stop } from '../moves/controls';
import { choose, flare } from '../moves/flare';
import type { Run } from '../run';
import type { Action } from '../types';
import { unknownAction } from './unknown';

export function inRunning(run: Run, action: Action): void {
	switch (action.type) {
		case 'pause':
			return pause(run);
		case 'skip':
			return skip(run);
		// Not in the countdown or a flare's recovery.
		case 'previous':
			return previous(run);
		case 'stop':
			return stop(run);
		case 'flare':
			return flare(run);
		case 'red-flag':
			return redFlag(run);
		// Only in a flare's release or recover.
		case 'choose':
			return choose(run, action.choice);
		case 'adjust':
			return adjust(run, action.deltaMs);
		case 'hold':
			return hold(run);
		case 'start':
		case 'tick':
		case 'resume':
		case 'unhold':
			return;
		default:
			return unknownAction(action);
	}
}
