import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { DatabaseModel } from '../database.svelte';
import { SettingsModel } from '../settings.svelte';
import { unreadableCues } from './create-player';
import { PlayScreenModel } from './play-screen.svelte';

beforeEach(() => {
	globalThis.indexedDB = new IDBFactory();
});

function screen(database: DatabaseModel): PlayScreenModel {
	return new PlayScreenModel({
		data: () => ({ id: 'mine', load: undefined }),
		query: () => undefined,
		database,
		settings: new SettingsModel(undefined),
		updates: undefined
	});
}

describe("the play screen's recorded cues", () => {
	it('says in words when they cannot be read, and the audio file takes none', async () => {
		const database = new DatabaseModel();
		const db = await database.get();
		await db?.putRecording({
			routineId: 'mine',
			cue: 'defaults/rest',
			audio: new ArrayBuffer(4),
			mimeType: 'audio/wav',
			durationSec: 1,
			recordedAtEpochMs: 1
		});
		const model = screen(database);
		expect((await model.readRecordings('mine')).ok).toBe(true);
		const getAll = IDBIndex.prototype.getAll;
		IDBIndex.prototype.getAll = function () {
			throw new DOMException('gone', 'UnknownError');
		};
		try {
			const read = await model.readRecordings('mine');
			if (read.ok) throw new Error('the recordings were read');
			expect(unreadableCues(read.reason)).toBe(
				'Your recorded cues could not be read just now (UnknownError): the built-in voice speaks. Reload to retry.'
			);
			expect(await model.recordings('mine')).toEqual([]);
		} finally {
			IDBIndex.prototype.getAll = getAll;
			db?.close();
		}
	});
});
