/**
 * Which of a coach's recorded cues a moment of the session plays: the step's own recording
 * beats the routine's (`defaults/<phase>`), which beats the built-in voice. Keys are checked
 * where they are stored (`cue-keys.ts`), so none names a step for the countdown or the end.
 */
import type { Phase } from '../routine/timeline';

/** The recorded cue a phase of a step plays, if any. */
export function recordedCue(
	recorded: ReadonlyMap<string, number>,
	stepId: string | undefined,
	phase: Phase
): string | undefined {
	const own = `${stepId}/${phase}`;
	const all = `defaults/${phase}`;
	return stepId && recorded.has(own) ? own : recorded.has(all) ? all : undefined;
}
