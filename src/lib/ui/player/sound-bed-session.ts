/**
 * The sound bed follows the session: in as it starts or resumes, out as it pauses or ends. It
 * plays on, softly, through a flare's release and recovery: a sudden silence there would be one
 * more alarm, and the release cue itself softens it.
 */
import type { SoundBed } from '../../audio/sound-bed';
import type { PlayerModel } from '../session/player.svelte';

/** The bed fades slowly after the last words of a session. */
const END_FADE_SEC = 4;

/** Connects the bed to one player's session; returns the disconnect, which lets the bed go. */
export function connectSoundBed(player: PlayerModel, bed: SoundBed): () => void {
	// A player made mid-session (resumed after a reload, carried on from another window).
	const mode = player.view.mode;
	if (mode === 'running' || mode === 'held') bed.play();
	const stopListening = player.listen((event) => {
		switch (event.type) {
			case 'started':
			case 'resumed':
				bed.play();
				return;
			case 'paused':
				bed.rest();
				return;
			case 'done':
				bed.rest(END_FADE_SEC);
				return;
			default:
				return;
		}
	});
	return () => {
		stopListening();
		bed.close();
	};
}
