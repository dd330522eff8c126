/** Idle: the session is ready and waits to be started; nothing else means anything yet. */
import { start } from '../moves/controls';
import type { Run } from '../run';
import type { Action } from '../types';

export function inIdle(run: Run, action: Action): void {
	if (action.type === 'start') start(run, action.epochMs);
}
