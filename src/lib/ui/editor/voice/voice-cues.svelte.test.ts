import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { routine, THREE_STEPS } from '$test/routines';
import { Database } from '../../../storage/database';
import { DatabaseModel } from '../../database.svelte';
import {
	cueScopes,
	microphoneProblem,
	NO_RECORDER,
	VoiceCuesModel,
	type Recorder,
	type VoiceCuesOptions
} from './voice-cues.svelte';
import { readsOf } from '$test/stored';

let db: Database | undefined;
beforeEach(() => {
	globalThis.indexedDB = new IDBFactory();
});
afterEach(() => db?.close());

/** A microphone and recorder that record whatever bytes the test says. */
function fakeMedia() {
	const tracks: { stopped: boolean }[] = [];
	const recorders: (Recorder & { state: string })[] = [];
	let bytes = [1, 2, 3];
	return {
		tracks,
		recorders,
		say: (next: number[]) => (bytes = next),
		getUserMedia: async () => {
			const track = { stopped: false, stop: () => (track.stopped = true) };
			tracks.push(track);
			return { getTracks: () => [track] } as unknown as MediaStream;
		},
		makeRecorder: (): Recorder => {
			const recorder: Recorder & { state: string } = {
				mimeType: 'audio/webm;codecs=opus',
				state: 'inactive',
				ondataavailable: null,
				onstop: null,
				onerror: null,
				start: () => void (recorder.state = 'recording'),
				stop: () => {
					recorder.state = 'inactive';
					recorder.ondataavailable?.({ data: new Blob([new Uint8Array(bytes)]) });
					recorder.onstop?.();
				}
			};
			recorders.push(recorder);
			return recorder;
		}
	};
}

function setup(options: Partial<VoiceCuesOptions> = {}) {
	const media = fakeMedia();
	const said: string[] = [];
	const played: string[] = [];
	const database = new DatabaseModel(async (onBlocked) => {
		const opened = await Database.open(undefined, undefined, onBlocked);
		if (opened.ok) db = opened.value;
		return opened;
	});
	const model = new VoiceCuesModel({
		routineId: 'three',
		database,
		getUserMedia: media.getUserMedia,
		makeRecorder: media.makeRecorder,
		// Each byte is a tenth of a second; a first byte of 0 will not decode.
		measure: async (audio) => {
			const view = new Uint8Array(audio);
			if (view[0] === 0) throw new DOMException('bad', 'EncodingError');
			return view.length / 10;
		},
		play: async (audio, onended) => {
			played.push(`${audio.type} ${audio.size}`);
			return { stop: () => onended() };
		},
		now: () => 5_000,
		announce: (message) => said.push(message),
		...options
	});
	model.name(cueScopes(routine(THREE_STEPS)).flatMap((scope) => scope.targets));
	return { model, media, said, played };
}

/** Lets the recorder's hand-over (an async chain) finish. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('the cues a routine can have', () => {
	it('lists the routine-wide cues, then each step with the phases its type goes through', () => {
		const scopes = cueScopes(routine(THREE_STEPS));
		expect(scopes.map((s) => [s.scope, s.title, s.targets.map((t) => t.phase).join(' ')])).toEqual([
			[
				'defaults',
				'Every step',
				'countdown approach breathe soften come-back rest release recover done'
			],
			['hip', 'Hip (left)', 'approach breathe soften come-back rest release recover'],
			['calm', 'Calm', 'breathe rest release recover'],
			['rest', 'Rest', 'rest release recover']
		]);
		expect(scopes[1]?.targets[2]).toEqual({
			cue: 'hip/soften',
			phase: 'soften',
			label: 'Soften, Hip (left)'
		});
	});
});

describe('recording a cue', () => {
	it('records, stores the recording with its length, and lets the microphone go', async () => {
		const { model, media, said } = setup();
		await model.load();
		expect(model.loaded).toBe(true);
		await model.record('hip/soften');
		expect(model.recording).toBe('hip/soften');
		expect(said.at(-1)).toBe('Recording “Soften, Hip (left)”. Speak now, then press Stop.');
		media.say([5, 5, 5, 5, 5]);
		model.stop();
		await settle();
		expect(model.recording).toBeUndefined();
		expect(media.tracks.every((t) => t.stopped)).toBe(true);
		expect(model.recorded.get('hip/soften')).toEqual({
			durationSec: 0.5,
			mimeType: 'audio/webm;codecs=opus'
		});
		const stored = await readsOf(db)?.recording('three', 'hip/soften');
		expect([...new Uint8Array(stored?.audio ?? new ArrayBuffer(0))]).toEqual([5, 5, 5, 5, 5]);
		expect(stored).toMatchObject({ durationSec: 0.5, recordedAtEpochMs: 5_000 });
		expect(said.at(-1)).toBe(
			'Saved your recording for “Soften, Hip (left)” (0.5 s). The player plays it in place of the built-in voice.'
		);
	});

	it('records again in place of the old recording, plays it back, and deletes it', async () => {
		const { model, media, said, played } = setup();
		await model.load();
		await model.record('defaults/rest');
		model.stop();
		await settle();
		media.say([7, 7]);
		await model.record('defaults/rest');
		model.stop();
		await settle();
		expect((await readsOf(db)?.recordings('three'))?.map((r) => r.durationSec)).toEqual([0.2]);

		await model.play('defaults/rest');
		expect(model.playing).toBe('defaults/rest');
		expect(played).toEqual(['audio/webm;codecs=opus 2']);
		expect(said.at(-1)).toBe('Playing your recording for “Rest, every step”.');
		await model.play('defaults/rest');
		expect(model.playing).toBeUndefined();

		await model.remove('defaults/rest');
		expect(model.recorded.has('defaults/rest')).toBe(false);
		expect(await readsOf(db)?.recordings('three')).toEqual([]);
		expect(said.at(-1)).toBe(
			'Deleted your recording for “Rest, every step”; the built-in voice speaks it again.'
		);
	});

	it('says a recording that cannot be read as unread, not as one to record again', async () => {
		const { model, played } = setup();
		await model.load();
		const audio = new ArrayBuffer(2);
		const kept = { audio, mimeType: 'audio/webm', durationSec: 0.2, recordedAtEpochMs: 1 };
		await db?.putRecording({ routineId: 'three', cue: 'defaults/rest', ...kept });
		await model.load();
		const get = IDBObjectStore.prototype.get;
		IDBObjectStore.prototype.get = function () {
			throw new DOMException('gone', 'UnknownError');
		};
		try {
			await model.play('defaults/rest');
		} finally {
			IDBObjectStore.prototype.get = get;
		}
		expect(model.problem).toBe(
			'Your recording for “Rest, every step” could not be read just now (UnknownError). Reload the page to try again.'
		);
		expect(model.playing).toBeUndefined();
		expect(played).toEqual([]);
		expect(model.recorded.has('defaults/rest')).toBe(true);
	});

	it('records one cue at a time', async () => {
		const { model, media } = setup();
		await model.record('hip/soften');
		await model.record('calm/breathe');
		expect(model.recording).toBe('hip/soften');
		expect(media.recorders).toHaveLength(1);
	});

	it('stops by itself after the longest recording allowed', async () => {
		let fire = () => {};
		const { model, said } = setup({
			maxRecordingMs: 60_000,
			setTimer: (work) => {
				fire = work;
				return () => {};
			}
		});
		await model.load();
		await model.record('hip/soften');
		fire();
		await settle();
		expect(said).toContain('Recording stopped after 1 minutes.');
		expect(model.recorded.has('hip/soften')).toBe(true);
	});
});

describe('when recording cannot be done', () => {
	it('says plainly that the microphone was refused, missing or busy', async () => {
		for (const [name, words] of [
			['NotAllowedError', 'The microphone was refused'],
			['NotFoundError', 'No microphone was found'],
			['NotReadableError', 'The microphone is busy']
		] as const) {
			const { model } = setup({
				getUserMedia: () => Promise.reject(new DOMException('no', name))
			});
			await model.record('hip/soften');
			expect(model.problem, name).toMatch(new RegExp(`^${words}, so nothing was recorded`));
			expect(model.recording).toBeUndefined();
			expect(model.starting).toBe(false);
		}
		expect(microphoneProblem(new Error('x'))).toMatch(/could not be opened \(Error\)/);
	});

	it('says so where the browser cannot record at all', async () => {
		const { model } = setup({ makeRecorder: undefined });
		await model.record('hip/soften');
		expect(model.problem).toBe(NO_RECORDER);
		const noMicrophone = setup({ getUserMedia: undefined });
		await noMicrophone.model.record('hip/soften');
		expect(noMicrophone.model.problem).toBe(NO_RECORDER);
	});

	it('keeps nothing when the recording is empty or will not play back, and keeps the old one', async () => {
		const { model, media } = setup();
		await model.load();
		await model.record('hip/soften');
		model.stop();
		await settle();
		media.say([]);
		await model.record('hip/soften');
		model.stop();
		await settle();
		expect(model.problem).toMatch(/^Nothing was recorded for “Soften, Hip \(left\)”/);
		media.say([0, 1]);
		await model.record('hip/soften');
		model.stop();
		await settle();
		expect(model.problem).toMatch(
			/^The recording for “Soften, Hip \(left\)” could not be played back \(EncodingError\), so it was not saved/
		);
		expect((await readsOf(db)?.recordings('three'))?.map((r) => r.durationSec)).toEqual([0.3]);
	});

	it('lets the microphone go and keeps nothing when the list leaves mid-recording', async () => {
		const { model, media } = setup();
		await model.load();
		await model.record('hip/soften');
		model.disconnect();
		await settle();
		expect(media.tracks[0]?.stopped).toBe(true);
		expect(model.recording).toBeUndefined();
		expect(await readsOf(db)?.recordings('three')).toEqual([]);
	});
});

describe('a routine that changes its id', () => {
	it('takes its recordings along to the new id', async () => {
		const { model } = setup();
		await model.load();
		await model.record('hip/soften');
		model.stop();
		await settle();
		await model.moveTo('three-evening');
		expect(model.routineId).toBe('three-evening');
		expect(model.recorded.has('hip/soften')).toBe(true);
		expect(await readsOf(db)?.recordings('three')).toEqual([]);
		expect((await readsOf(db)?.recordings('three-evening'))?.map((r) => r.cue)).toEqual([
			'hip/soften'
		]);
	});
});
