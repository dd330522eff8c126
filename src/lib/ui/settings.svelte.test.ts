import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Database } from '../storage/database';
import { DEFAULT_SETTINGS } from '../storage/settings';
import { SettingsModel } from './settings.svelte';
import { readsOf } from '$test/stored';

function memoryStorage(initial: Record<string, string> = {}) {
	const data = new Map(Object.entries(initial));
	return {
		data,
		getItem: (key: string) => data.get(key) ?? null,
		setItem: (key: string, value: string) => void data.set(key, value)
	};
}

let db: Database;
const database = { get: async () => db };

beforeEach(async () => {
	globalThis.indexedDB = new IDBFactory();
	const opened = await Database.open();
	if (!opened.ok) throw new Error(opened.message);
	db = opened.value;
});
afterEach(() => db.close());

const quickCopy = (change: object) =>
	memoryStorage({ 'liana.settings.v1': JSON.stringify({ ...DEFAULT_SETTINGS, ...change }) });

describe('the settings model', () => {
	it('moves settings kept only in localStorage into the database', async () => {
		const model = new SettingsModel(quickCopy({ countdownSec: 10, theme: 'light' }), database);
		await model.load();
		expect(await readsOf(db).settings()).toMatchObject({ countdownSec: 10, theme: 'light' });
	});

	it('takes the database settings over a cleared localStorage, and copies them back', async () => {
		await db.saveSettings({ ...DEFAULT_SETTINGS, volume: 0.3, voice: false });
		const storage = memoryStorage();
		const model = new SettingsModel(storage, database);
		expect(model.value.volume).toBe(DEFAULT_SETTINGS.volume);
		await model.load();
		expect(model.value).toMatchObject({ volume: 0.3, voice: false });
		expect(JSON.parse(storage.data.get('liana.settings.v1') ?? '{}')).toMatchObject({
			volume: 0.3
		});
	});

	it('keeps the quick copy and says why when the database cannot read the settings', async () => {
		const model = new SettingsModel(quickCopy({ countdownSec: 10 }), database);
		db.close();
		await model.load();
		expect(model.value.countdownSec).toBe(10);
		expect(model.problem).toMatch(/^Your settings could not be read just now \(.+\)\. Reload/);
	});

	it('saves each change in both places', async () => {
		const storage = memoryStorage();
		const model = new SettingsModel(storage, database);
		await model.load();
		expect(await readsOf(db).settings()).toBeUndefined();
		model.update({ chimes: false });
		await expect.poll(async () => readsOf(db).settings()).toMatchObject({ chimes: false });
		expect(storage.data.get('liana.settings.v1')).toContain('"chimes":false');
	});

	it('keeps a change for the visit and says so when the database cannot save it', async () => {
		const model = new SettingsModel(memoryStorage(), database);
		const put = IDBObjectStore.prototype.put;
		IDBObjectStore.prototype.put = function () {
			throw new DOMException('full', 'QuotaExceededError');
		};
		try {
			model.update({ countdownSec: 15 });
			await expect.poll(() => model.problem).toContain('out of storage space');
		} finally {
			IDBObjectStore.prototype.put = put;
		}
		expect(model.value.countdownSec).toBe(15);
	});
});
