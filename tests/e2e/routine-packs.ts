/** Routine packs made as docs/routine-pack.md describes them, for the journeys that import one. */
import type { Page } from '@playwright/test';
import { strToU8, unzipSync, zipSync } from 'fflate';

/** The recordings a pack carries, as the unit tests make them too. */
export { sineWav } from '../../src/test-support/recordings';

/** A routine pack of a routine file's text and its recorded cues (WAV), by cue key. */
export function routinePack(text: string, cues: Record<string, Uint8Array>): Buffer {
	const manifest = {
		format: 'liana-routine-pack',
		version: 1,
		cues: Object.fromEntries(
			Object.keys(cues).map((cue) => [
				cue,
				{ file: `audio/${cue}.wav`, mimeType: 'audio/wav', durationSec: 1 }
			])
		)
	};
	const audio = Object.fromEntries(
		Object.entries(cues).map(([cue, bytes]) => [`audio/${cue}.wav`, bytes])
	);
	return Buffer.from(
		zipSync({
			'pack.json': strToU8(JSON.stringify(manifest)),
			'routine.json': strToU8(text),
			...audio
		})
	);
}

/** Chooses a pack in the library's `Import routine` input. */
export async function importPack(page: Page, pack: Buffer, name = 'evening-unwind.zip') {
	await page
		.getByLabel('Import routine')
		.setInputFiles({ name, mimeType: 'application/zip', buffer: pack });
}

/** The names of the audio files in a downloaded pack. */
export function packAudio(pack: Uint8Array): string[] {
	return Object.keys(unzipSync(pack))
		.filter((name) => name.startsWith('audio/'))
		.sort();
}
