/** A recorded cue's name in words, as the player and the recording list show it. */
import { parseCueKey, isRoutinePhase } from '../routine/cue-keys';
import { PHASE_LABELS } from './labels';

/** "Approach the edge, Hip opener" or "Approach the edge, every step"; the key itself if unknown. */
export function cueLabel(cue: string, stepTitle: (stepId: string) => string | undefined): string {
	const parsed = parseCueKey(cue);
	if (!parsed) return cue;
	const phase = PHASE_LABELS[parsed.phase];
	if (isRoutinePhase(parsed.phase)) return phase;
	if (parsed.scope === 'defaults') return `${phase}, every step`;
	return `${phase}, ${stepTitle(parsed.scope) ?? parsed.scope}`;
}
