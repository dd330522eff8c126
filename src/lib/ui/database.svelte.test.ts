import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { Database, type StoredSession } from '../storage/database';
import { PendingSessions, type PendingStore } from '../storage/pending-sessions';
import { DatabaseModel, STORAGE_CLEARED, type KeptNote } from './database.svelte';
import { readsOf } from '$test/stored';

/** The note outside IndexedDB, in memory: survives what the test clears of the database. */
function note(): KeptNote & { kept: boolean } {
	return {
		kept: false,
		read() {
			return this.kept;
		},
		write() {
			this.kept = true;
		}
	};
}

const model = (kept: KeptNote) => new DatabaseModel(undefined, kept);

beforeEach(() => {
	globalThis.indexedDB = new IDBFactory();
});

describe('storage the browser cleared', () => {
	it('a first visit says nothing; a write leaves the note', async () => {
		const kept = note();
		const first = model(kept);
		const db = await first.get();
		expect(first.cleared).toBe('');
		expect(kept.kept).toBe(false);
		expect(await first.write((d) => d.saveSettings({ volume: 0.5 }))).toMatchObject({ ok: true });
		expect(kept.kept).toBe(true);
		db?.close();
		// The next visit finds the database it left: nothing to say.
		const again = model(kept);
		(await again.get())?.close();
		expect(again.cleared).toBe('');
	});

	it('a database gone while the note says something was saved is said, once opened', async () => {
		const kept = note();
		const first = model(kept);
		await first.write((d) => d.saveSettings({ volume: 0.5 }));
		(await first.get())?.close();
		// The browser clears the site's IndexedDB (eviction, "clear site data" for it alone).
		globalThis.indexedDB = new IDBFactory();
		const after = model(kept);
		const db = await after.get();
		expect(db).toBeInstanceOf(Database);
		expect(after.cleared).toBe(STORAGE_CLEARED);
		db?.close();
	});

	it('a failed write leaves no note', async () => {
		const kept = note();
		const first = model(kept);
		const result = await first.write(async () => ({ ok: false, message: 'full' }));
		expect(result.ok).toBe(false);
		expect(kept.kept).toBe(false);
		(await first.get())?.close();
	});
});

/** localStorage as a map. */
function memoryStore(): PendingStore {
	const items = new Map<string, string>();
	return {
		getItem: (key) => items.get(key) ?? null,
		setItem: (key, value) => items.set(key, value)
	};
}

const finished = (startedAtEpochMs: number): StoredSession => ({
	routineId: 'daily-unload',
	routineTitle: 'Daily unload',
	stepTitles: ['Step'],
	startedAtEpochMs,
	endedAtEpochMs: startedAtEpochMs + 60_000,
	outcome: 'stopped',
	record: { steps: [], flares: [], startedAtEpochMs, outcome: 'stopped' }
});

describe('sessions that waited outside the database', () => {
	it('are in the history as soon as the database opens, and wait no more', async () => {
		const pending = new PendingSessions(memoryStore());
		pending.keep(finished(1_000));
		pending.keep(finished(2_000));
		const model = new DatabaseModel(undefined, note(), pending);
		const db = await model.get();
		expect((await readsOf(db)?.sessions())?.map((s) => s.startedAtEpochMs)).toEqual([2_000, 1_000]);
		expect(pending.list()).toEqual([]);
		db?.close();
	});

	it('a database deleted in another tab is opened again for the next write', async () => {
		const model = new DatabaseModel(undefined, note(), new PendingSessions(memoryStore()));
		await model.write((d) => d.saveSettings({ volume: 0.5 }));
		await new Promise((resolve) => (indexedDB.deleteDatabase('liana').onsuccess = resolve));
		expect(await model.write((d) => d.addSession(finished(3_000)))).toMatchObject({ ok: true });
		expect((await readsOf(await model.get())?.sessions())?.length).toBe(1);
		(await model.get())?.close();
	});
});
