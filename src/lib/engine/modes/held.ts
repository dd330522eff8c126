/**
 * Held: a coach holds the phase still; sound plays on, nothing new becomes due. Time may be added
 * or taken while held; any other control lets the hold go first, as if the coach let go, and then
 * does what it does in a running session.
 */
import { adjust, letGo } from '../moves/coach';
import type { Run } from '../run';
import type { Action, ModeOf } from '../types';
import { inRunning } from './running';
import { unknownAction } from './unknown';

export function inHeld(run: Run, action: Action, mode: ModeOf<'held'>): void {
	switch (action.type) {
		case 'adjust':
			return adjust(run, action.deltaMs);
		case 'unhold':
		case 'resume':
			return letGo(run, mode);
		case 'pause':
		case 'skip':
		case 'previous':
		case 'stop':
		case 'flare':
		case 'red-flag':
		case 'choose':
			letGo(run, mode);
			return inRunning(run, action);
		case 'start':
		case 'tick':
		case 'hold':
			return;
		default:
			return unknownAction(action);
	}
}
