/** Builds a player for a routine with the browser's audio wired in. */
import { GuidanceAudio } from '../../audio/guidance-audio';
import type { CueSettings } from '../../audio/cue-plan';
import { compileTimeline, type Routine } from '../../routine';
import type { SessionState } from '../../engine/types';
import { PlayerModel } from './player.svelte';

export interface PlayerSetup {
	countdownSec: number;
	sound: () => CueSettings;
	volume: number;
	/** A restored session to carry on (after a reload), instead of a new one. */
	from?: SessionState;
}

/** A player on the real clock and the browser's audio. */
export function createPlayer(routine: Routine, setup: PlayerSetup): PlayerModel {
	// The audio reports its status only after loading starts, once the player exists.
	const guidance = new GuidanceAudio({ onStatus: (status) => player.soundChanged(status) });
	guidance.setVolume(setup.volume);
	const player: PlayerModel = new PlayerModel(
		compileTimeline(routine, { countdownSec: setup.countdownSec }),
		{
			guidance,
			sound: setup.sound,
			...(setup.from ? { from: setup.from } : {})
		}
	);
	return player;
}
