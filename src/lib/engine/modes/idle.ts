/** Idle: the session is ready and waits to be started; nothing else means anything yet. */
import { start } from '../moves/controls';
import type { Run } from '../run';
import type { Action } from '../types';
import { unknownAction } from './unknown';

export function inIdle(run: Run, action: Action): void {
	switch (action.type) {
		case 'start':
			return start(run, action.epochMs);
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
