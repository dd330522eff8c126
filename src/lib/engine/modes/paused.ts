/**
 * Paused: time stands still and nothing sounds. A flare brings the person out at once. Skip,
 * back, stop, a red flag, a choice and more or less time do what they do while running, and the
 * session stays paused where they leave it.
 */
import { resume } from '../moves/controls';
import { recover, reportFlare } from '../moves/flare';
import type { Run } from '../run';
import type { Action, ModeOf } from '../types';
import { inRunning } from './running';
import { unknownAction } from './unknown';

export function inPaused(run: Run, action: Action, mode: ModeOf<'paused'>): void {
	switch (action.type) {
		case 'resume':
			return resume(run, mode);
		case 'flare': {
			const reported = reportFlare(run);
			if (!reported) return;
			// A flare always brings the person out now, paused or not.
			run.state = { ...run.state, mode: { kind: 'running', anchorMs: run.atMs } };
			return recover(run, reported);
		}
		case 'skip':
		case 'previous':
		case 'stop':
		case 'red-flag':
		case 'choose':
		case 'adjust':
			return inRunning(run, action);
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
