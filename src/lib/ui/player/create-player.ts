/** Builds a player for a routine with the browser's audio wired in. */
import { GuidanceAudio, type Underneath } from '../../audio/guidance-audio';
import type { OwnRecording } from '../../audio/own-voice';
import type { CueSettings } from '../../audio/cue-plan';
import type { ReadResult } from '../../storage/database';
import { compileTimeline, type Routine } from '../../routine';
import type { SessionState } from '../../engine/types';
import { PlayerModel } from '../session/player.svelte';

export interface PlayerSetup {
	countdownSec: number;
	sound: () => CueSettings;
	volume: number;
	/** A restored session to carry on (after a reload), instead of a new one. */
	from?: SessionState;
	/** The coach's recorded cues for this routine, played in place of the built-in voice. */
	recordings?: () => Promise<ReadResult<readonly OwnRecording[]>>;
	/** The sound bed, softened under each cue. */
	underneath?: Underneath;
}

const UNREADABLE =
	'Your recorded cues could not be read: the built-in voice speaks. Reload to retry.';

/** The recorded cues could not be read from the database, `reason` saying why in a few words. */
export const unreadableCues = (reason: string): string =>
	`Your recorded cues ${reason}: the built-in voice speaks. Reload to retry.`;

/** A player on the real clock and the browser's audio. */
export function createPlayer(routine: Routine, setup: PlayerSetup): PlayerModel {
	// The audio reports its status only after loading starts, once the player exists.
	const recordings = setup.recordings;
	const guidance = new GuidanceAudio({
		...(setup.underneath ? { underneath: setup.underneath } : {}),
		onStatus: (status) => player.soundChanged(status),
		ownVoice: async (ctx) => {
			const read = (await recordings?.()) ?? { ok: true, value: [] };
			if (!read.ok) {
				player.ownVoiceLoaded(new Map(), unreadableCues(read.reason));
				return new Map();
			}
			// Most routines have none: the code that decodes them is fetched only when needed.
			if (read.value.length === 0) return new Map();
			try {
				const { loadOwnVoice } = await import('../own-voice');
				const loaded = await loadOwnVoice(ctx, read.value, player.timeline);
				player.ownVoiceLoaded(loaded.labels, loaded.problem);
				return loaded.voice;
			} catch {
				player.ownVoiceLoaded(new Map(), UNREADABLE);
				return new Map();
			}
		}
	});
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
