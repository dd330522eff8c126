/** The browser's database for the screens' tests: fake IndexedDB, fresh for each test. */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach } from 'vitest';
import { Database } from '$lib/storage/database';
import { DatabaseModel } from '$lib/ui/database.svelte';

/**
 * A fresh fake IndexedDB for each test of the file (registered as its hooks): `model()` makes a
 * database model on it, `opened()` is the database a model last opened, closed after each test.
 */
export function freshDatabases() {
	let db: Database | undefined;
	beforeEach(() => {
		globalThis.indexedDB = new IDBFactory();
	});
	afterEach(() => db?.close());
	const model = () =>
		new DatabaseModel(async (onBlocked) => {
			const opened = await Database.open(undefined, undefined, onBlocked);
			if (opened.ok) db = opened.value;
			return opened;
		});
	return { model, opened: () => db };
}
