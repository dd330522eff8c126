/** Done: the session is over and its record final; every action is ignored. */
import type { Run } from '../run';
import type { Action } from '../types';
import { unknownAction } from './unknown';

export function inDone(_run: Run, action: Action): void {
	switch (action.type) {
		case 'start':
		case 'tick':
		case 'pause':
		case 'resume':
		case 'skip':
		case 'previous':
		case 'stop':
		case 'flare':
		case 'red-flag':
		case 'choose':
		case 'adjust':
		case 'hold':
		case 'unhold':
			return;
		default:
			return unknownAction(action);
	}
}
