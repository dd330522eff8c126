/** Routine packs made as docs/routine-pack.md describes them, for the journeys that import one. */
import type { Page } from '@playwright/test';
import { strToU8, unzipSync, zipSync } from 'fflate';

/** A WAV file of a sine tone, made here as a coach's recording stands in. */
export function sineWav(seconds: number, rate = 8000): Uint8Array {
	const samples = Math.round(seconds * rate);
	const view = new DataView(new ArrayBuffer(44 + samples * 2));
	const text = (at: number, value: string) =>
		[...value].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
	text(0, 'RIFF');
	view.setUint32(4, 36 + samples * 2, true);
	text(8, 'WAVEfmt ');
	view.setUint32(16, 16, true);
	view.setUint16(20, 1, true);
	view.setUint16(22, 1, true);
	view.setUint32(24, rate, true);
	view.setUint32(28, rate * 2, true);
	view.setUint16(32, 2, true);
	view.setUint16(34, 16, true);
	text(36, 'data');
	view.setUint32(40, samples * 2, true);
	for (let i = 0; i < samples; i++) {
		view.setInt16(44 + i * 2, Math.round(Math.sin((i / rate) * 2 * Math.PI * 330) * 6000), true);
	}
	return new Uint8Array(view.buffer);
}

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
