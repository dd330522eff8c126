/**
 * Paused: time stands still and nothing sounds. Controls that replace the program (skip, back, a
 * choice) leave it paused at the new place; a flare brings the person out at once.
 */
import { adjust } from '../moves/coach';
import { previous, redFlag, resume, skip, stop } from '../moves/controls';
import { choose, recover, reportFlare } from '../moves/flare';
import type { Run } from '../run';
import type { Action, ModeOf } from '../types';
import { unknownAction } from './unknown';

export function inPaused(run: Run, action: Action, mode: ModeOf<'paused'>): void {
	switch (action.type) {
		case 'resume':
			return resume(run, mode);
		case 'skip':
			return skip(run);
		// Not in the countdown or a flare's recovery.
		case 'previous':
			return previous(run);
		case 'stop':
			return stop(run);
		case 'flare': {
			const reported = reportFlare(run);
			if (!reported) return;
			// A flare always brings the person out now, paused or not.
			run.state = { ...run.state, mode: { kind: 'running', anchorMs: run.atMs } };
			return recover(run, reported);
		}
		case 'red-flag':
			return redFlag(run);
		// Only in a flare's release or recover.
		case 'choose':
			return choose(run, action.choice);
		case 'adjust':
			return adjust(run, action.deltaMs);
		case 'start':
		case 'tick':
		case 'pause':
		case 'hold':
		case 'unhold':
			return;
		default:
			return unknownAction(action);
	}
}
