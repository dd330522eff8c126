import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { Database } from '../storage/database';
import { findCutOffSession, type CutOffDatabase } from './cut-off-session';

describe('looking for a session cut off', () => {
	it('says in words when the checkpoint cannot be read, and writes nothing', async () => {
		globalThis.indexedDB = new IDBFactory();
		const opened = await Database.open();
		if (!opened.ok) throw new Error(opened.message);
		const db = opened.value;
		const writes: unknown[] = [];
		const database: CutOffDatabase = {
			get: async () => db,
			write: async () => {
				writes.push('write');
				return { ok: false, message: 'Nothing should be written.' };
			}
		};
		db.close();
		const found = await findCutOffSession(database, Date.now());
		expect(found.checkpoint).toBeUndefined();
		expect(found.problem).toMatch(
			/^The session that was cut off could not be read just now \(.+\)\. Reload the page/
		);
		expect(writes).toEqual([]);
	});
});
