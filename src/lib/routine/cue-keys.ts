/**
 * The names of a coach's recorded cues: `<scope>/<phase>`, the scope a step's id or `defaults`
 * (the whole routine), the phase one of the format's phase names. Which one plays when is in
 * `own-cues.ts`.
 */
import { PHASES } from './timeline';

/** The phases a coach can record a cue for: every one, in the order a session meets them. */
export const VOICE_PHASES = PHASES;

/** A phase that can have a recorded cue. */
export type VoicePhase = (typeof VOICE_PHASES)[number];

/** The scope of a cue recorded for every step of the routine. */
export const DEFAULTS_SCOPE = 'defaults';

/** Phases of the session as a whole (before the first step, after the last): defaults only. */
export function isRoutinePhase(phase: string): boolean {
	return phase === 'countdown' || phase === 'done';
}

/** A cue's key as stored and packed: `defaults/approach`, `hip-left/soften`. */
export function cueKey(scope: string, phase: VoicePhase): string {
	return `${scope}/${phase}`;
}

/** A cue key read back, or undefined when it names no scope and phase a recording can have. */
export function parseCueKey(key: string): { scope: string; phase: VoicePhase } | undefined {
	const match = /^([a-z0-9][a-z0-9-]{0,63})\/([a-z-]+)$/.exec(key);
	const scope = match?.[1];
	const phase = VOICE_PHASES.find((name) => name === match?.[2]);
	if (!scope || !phase) return undefined;
	if (isRoutinePhase(phase) && scope !== DEFAULTS_SCOPE) return undefined;
	return { scope, phase };
}

/** Whether a recorded cue is one the routine with these step ids can play. */
export function cueOfRoutine(cue: string, stepIds: readonly string[]): boolean {
	const scope = parseCueKey(cue)?.scope;
	return scope === DEFAULTS_SCOPE || (scope !== undefined && stepIds.includes(scope));
}
