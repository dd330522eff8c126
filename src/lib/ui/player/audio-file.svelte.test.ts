import { describe, expect, it } from 'vitest';
import type { SessionFileRequest, SessionFileResult } from '../../audio/file/session-file';
import { routine } from '$test/routines';
import { DEFAULT_SETTINGS } from '../../storage/settings';
import type { DownloadFile } from '../download';
import { NOT_LOADED } from '../lazy.svelte';
import { AudioFileModel, type AudioFileState } from './audio-file.svelte';

const ROUTINE = routine({
	version: 1,
	id: 'calm',
	title: 'Calm',
	steps: [{ type: 'rest', id: 'still', title: 'Still', seconds: 20 }]
});

/** A maker that reports the progress it is given, then answers `result` (made: three bytes). */
function setup(result: SessionFileResult['kind'] = 'made', settings = { countdownSec: 10 }) {
	const asked: SessionFileRequest[] = [];
	const seen: AudioFileState[] = [];
	const saved: DownloadFile[] = [];
	const model: AudioFileModel = new AudioFileModel({
		routine: () => ROUTINE,
		settings: () => ({ ...DEFAULT_SETTINGS, ...settings }),
		recordings: async () => [{ cue: 'defaults/rest', audio: new ArrayBuffer(4) }],
		download: (file) => saved.push(file),
		load:
			async () =>
			async (request, { onProgress }) => {
				asked.push(request);
				onProgress(0.42);
				seen.push(model.state);
				if (result === 'made') {
					return { kind: 'made', name: 'Calm.mp3', bytes: new Uint8Array([1, 2, 3]) };
				}
				if (result === 'cancelled') return { kind: 'cancelled' };
				return { kind: 'failed', message: 'The disk is full.' };
			}
	});
	return { model, asked, seen, saved };
}

describe('the routine’s audio file, on its page', () => {
	it('is made with the person’s countdown, sound settings and the coach’s recordings, and saved', async () => {
		const { model, asked, seen, saved } = setup();
		await model.make();
		// 10 s of countdown and 20 s of rest: the closing chime and words at 30 s.
		const closing = asked[0]?.plan(new Map()).sounds.filter((sound) => sound.atMs >= 30_000);
		expect(closing?.map((sound) => sound.kind === 'cue' && sound.id)).toEqual([
			'chime-end',
			'well-done'
		]);
		expect(closing?.[0]?.atMs).toBe(30_000);
		expect(asked[0]?.routine.title).toBe('Calm');
		expect(asked[0]?.settings).toEqual({ voice: true, chimes: true, volume: 0.9 });
		expect(asked[0]?.recordings.map((r) => r.cue)).toEqual(['defaults/rest']);
		expect(seen).toEqual([{ kind: 'making', percent: 42 }]);
		expect(saved).toEqual([
			{ name: 'Calm.mp3', type: 'audio/mpeg', bytes: new Uint8Array([1, 2, 3]) }
		]);
		expect(model.state).toEqual({ kind: 'saved', name: 'Calm.mp3' });
	});

	it('says why it could not be made, and saves nothing', async () => {
		const { model, saved } = setup('failed');
		await model.make();
		expect(model.state).toEqual({ kind: 'failed', message: 'The disk is full.' });
		expect(saved).toEqual([]);
	});

	it('goes back to the offer when cancelled', async () => {
		const { model, saved } = setup('cancelled');
		await model.make();
		expect(model.state).toEqual({ kind: 'idle' });
		expect(saved).toEqual([]);
	});

	it('says so when the maker cannot be fetched, and fetches it again on the next press', async () => {
		let fails = true;
		const model = new AudioFileModel({
			routine: () => ROUTINE,
			settings: () => DEFAULT_SETTINGS,
			download: () => undefined,
			load: async () => {
				if (fails) throw new TypeError('Failed to fetch dynamically imported module');
				return async () => ({ kind: 'cancelled' });
			}
		});
		await model.make();
		expect(model.state).toEqual({ kind: 'failed', message: NOT_LOADED });
		fails = false;
		await model.make();
		expect(model.state).toEqual({ kind: 'idle' });
	});
});
