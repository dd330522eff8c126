/** The words a person reads and hears for the engine's names. */
import type { BreathPart, Phase, PlannedStep } from '../routine/timeline';
import type { FlareDecision } from '../engine/program';
import type { Outcome } from '../engine/types';
import type { SessionView } from '../engine/view';
import { secondsLabel } from '../history/format';

/** A phase's label, as shown in large type. */
export const PHASE_LABELS: Record<Phase, string> = {
	countdown: 'Get ready',
	approach: 'Approach the edge',
	breathe: 'Breathe',
	soften: 'Soften',
	'come-back': 'Come back',
	rest: 'Rest',
	release: 'Release',
	recover: 'Recover',
	done: 'Done'
};

/** What to do in a phase, in one short line. */
export const PHASE_HINTS: Record<Phase, string> = {
	countdown: 'Settle into position.',
	approach: 'Move slowly towards the edge, well short of pain.',
	breathe: 'Stay where you are and breathe.',
	soften: 'Let go a little more with each breath out.',
	'come-back': 'Come back out slowly.',
	rest: 'Rest and breathe easily.',
	release: 'Stop. Come back out of the stretch slowly, and breathe.',
	recover: 'Slow, easy breaths. Let the body settle.',
	done: 'The session is over.'
};

/** Whether a step asks the body to stretch: a flare there means coming out of the stretch. */
export const isStretch = (step: Pick<PlannedStep, 'type'> | undefined): boolean =>
	step?.type === 'stretch';

/** What to do now, in one short line, in words that fit the step: no stretch to come out of in a breath. */
export function phaseHint(phase: Phase, step: Pick<PlannedStep, 'type'> | undefined): string {
	if (phase === 'release' && !isStretch(step)) {
		return 'Stop what you are doing. Let your breath go easy and be still.';
	}
	return PHASE_HINTS[phase];
}

/** The words under Flare, fitting the step: a stretch is come out of, a breath is eased off. */
export function flareAction(step: Pick<PlannedStep, 'type'> | undefined): string {
	return isStretch(step) ? 'bring me out of the stretch' : 'pain or discomfort: ease off';
}

/** What happens when nobody chooses after a flare: "Skipping this step in 0:24". */
export function flareOutlook(then: FlareDecision, inMs: number): string {
	const when = formatClock(inMs);
	switch (then) {
		case 'skip':
			return `Skipping this step in ${when}`;
		case 'stop':
			return `Ending the session in ${when}`;
		case 'retry':
			return `One gentle round in ${when}`;
		default: {
			const unhandled: never = then;
			throw new Error(`unknown decision ${JSON.stringify(unhandled)}`);
		}
	}
}

export const BREATH_LABELS: Record<BreathPart, string> = {
	inhale: 'Breathe in',
	'hold-in': 'Hold',
	exhale: 'Breathe out',
	'hold-out': 'Hold'
};

export const OUTCOME_LABELS: Record<Outcome, string> = {
	completed: 'Session complete',
	stopped: 'Session stopped',
	'stopped-after-flare': 'Session ended after a flare',
	'red-flag': 'Session ended: red flag'
};

/** Where the session is in the routine, in one line: "Step 2 of 8 · left side · round 1 of 3". */
export function formatStepLine(view: SessionView): string {
	const step = view.step;
	if (!step) return '';
	const parts = [`Step ${view.stepIndex + 1} of ${view.stepCount}`];
	if (step.side) parts.push(step.side === 'left' ? 'left side' : 'right side');
	if (view.gentle) parts.push('one gentle round');
	else if (view.rounds > 1 && view.round > 0) parts.push(`round ${view.round} of ${view.rounds}`);
	return parts.join(' · ');
}

/** Milliseconds as `m:ss`, counting whole seconds down (5.0 s left shows 0:05, 4.2 s shows 0:05). */
export function formatClock(ms: number): string {
	const totalSeconds = Math.max(0, Math.ceil(ms / 1000 - 1e-9));
	const minutes = Math.floor(totalSeconds / 60);
	const seconds = totalSeconds % 60;
	return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

/** A length of time in words, to the second: "45 s", "23 min 33 s", "1 h 2 min". */
export function formatDuration(ms: number): string {
	return secondsLabel(ms / 1000);
}

/** A length in the same words, to the nearest minute past one: a routine's "about 24 min". */
export function formatRoughDuration(ms: number): string {
	const seconds = Math.round(ms / 1000);
	return secondsLabel(seconds < 60 ? seconds : Math.round(seconds / 60) * 60);
}

/** How long ago, in words a person reads at a glance: "just now", "12 min ago", "2 h 5 min ago". */
export function formatAgo(agoMs: number): string {
	const minutes = Math.max(0, Math.round(agoMs / 60_000));
	if (minutes < 1) return 'just now';
	if (minutes < 60) return `${minutes} min ago`;
	return `${Math.floor(minutes / 60)} h ${minutes % 60} min ago`;
}
