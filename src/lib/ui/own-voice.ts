/**
 * A routine's recorded cues as the player takes them: decoded, named in words, and any that
 * could not be played said plainly. Imported only when the routine has recordings.
 */
import { decodeRecordings, type OwnRecording } from '../audio/own-voice';
import type { Timeline } from '../routine/timeline';
import { cueLabel } from './cue-label';

/** The recordings ready to play, each cue's name in words, and the problem to show or empty. */
export interface LoadedOwnVoice {
	voice: Map<string, AudioBuffer>;
	labels: Map<string, string>;
	problem: string;
}

/** Decodes the recordings on `ctx`; one that fails leaves its cue to the built-in voice. */
export async function loadOwnVoice(
	ctx: Pick<BaseAudioContext, 'decodeAudioData'>,
	recordings: readonly OwnRecording[],
	timeline: Timeline
): Promise<LoadedOwnVoice> {
	const { voice, failed } = await decodeRecordings(ctx, recordings);
	const stepTitle = (id: string) => timeline.steps.find((step) => step.id === id)?.title;
	const labels = new Map(recordings.map(({ cue }) => [cue, cueLabel(cue, stepTitle)]));
	const names = failed.map((cue) => `“${labels.get(cue) ?? cue}”`).join(', ');
	const problem =
		failed.length === 0
			? ''
			: `Your recording for ${names} could not be played (this browser cannot decode it), so the built-in voice speaks in its place. Record it again, or import the routine pack again.`;
	return { voice, labels, problem };
}
