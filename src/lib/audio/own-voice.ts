/**
 * Decodes a routine's recorded cues for the player (loaded only when the routine has some, so a
 * first visit does not download it).
 */

/** A coach's recorded cue as stored: its key and the audio file's bytes. */
export interface OwnRecording {
	cue: string;
	audio: ArrayBuffer;
}

/** Each recording decoded on `ctx`; one that will not decode is named in `failed`. */
export async function decodeRecordings(
	ctx: Pick<BaseAudioContext, 'decodeAudioData'>,
	recordings: readonly OwnRecording[]
): Promise<{ voice: Map<string, AudioBuffer>; failed: string[] }> {
	const voice = new Map<string, AudioBuffer>();
	const failed: string[] = [];
	for (const { cue, audio } of recordings) {
		try {
			// Decoding takes the bytes away: a copy keeps the stored recording whole.
			voice.set(cue, await ctx.decodeAudioData(audio.slice(0)));
		} catch {
			// Named below: the built-in voice speaks this cue, and the player says why.
			failed.push(cue);
		}
	}
	return { voice, failed };
}
