/** The sound beds: quiet loops under the guidance, made by `npm run cues`, and where each loops. */
import beds from './sound-beds.json';

/** The loops there are. */
export type SoundBedName = 'noise' | 'rain' | 'sea';

/** What may play under the guidance: a loop, or nothing. */
export type SoundBedChoice = SoundBedName | 'none';

export interface SoundBedFiles {
	/** Where the loop starts in each file: after a lead-in the seam is mended against. */
	loopStartSec: number;
	loopSec: number;
	files: Record<SoundBedName, { webm: string; mp3: string }>;
}

/** The committed loops. */
export const SOUND_BEDS: SoundBedFiles = beds;
