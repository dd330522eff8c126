/**
 * What a test's database holds, read directly: the app reads only through `Database.read`, whose
 * work is handed the reads; a test looking at what was kept takes them out of it.
 */
import type { Database, StoredReads } from '$lib/storage/database';

/** The database's reads (none without a database), for a test to check what was stored. */
export function readsOf(db: Database): StoredReads;
export function readsOf(db: Database | undefined): StoredReads | undefined;
export function readsOf(db: Database | undefined): StoredReads | undefined {
	if (!db) return undefined;
	let reads: StoredReads | undefined;
	// The work starts before read awaits anything: the reads are in hand when it returns.
	void db.read('The test', async (stored) => {
		reads = stored;
	});
	if (!reads) throw new Error('Database.read no longer hands its reads over at once');
	return reads;
}
