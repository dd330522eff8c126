/**
 * A session cut off by a reload, a crash or a closed tab: still resumable if recent, otherwise
 * put into the history as abandoned, so the checkpoint never lingers and nothing is lost.
 */
import type { Checkpoint, Database, StoreResult } from '../storage/database';
import { abandonedSession, resumable } from '../storage/session-records';

/** The database as this needs it. */
export interface CutOffDatabase {
	get(): Promise<Database | undefined>;
	write<T>(work: (db: Database) => Promise<StoreResult<T>>): Promise<StoreResult<T>>;
}

/** What was found: a session to offer, and why an old one could not be kept, if it could not. */
export interface CutOff {
	checkpoint?: Checkpoint;
	problem?: string;
}

/**
 * Finds the cut-off session; one too old to resume goes into the history as abandoned. A session
 * still under way in another tab (`liveElsewhere`) is not cut off: it is left alone.
 */
export async function findCutOffSession(
	database: CutOffDatabase,
	nowEpochMs: number,
	liveElsewhere: () => Promise<boolean> = async () => false
): Promise<CutOff> {
	const db = await database.get();
	const read = await db?.read('The session that was cut off', (kept) => kept.checkpoint());
	if (read && !read.ok) return { problem: read.message };
	const checkpoint = read?.value;
	if (!checkpoint || (await liveElsewhere())) return {};
	if (resumable(checkpoint, nowEpochMs)) return { checkpoint };
	const problem = await abandon(database, checkpoint);
	return problem ? { problem } : {};
}

/** Puts a cut-off session into the history as abandoned; returns why not, or undefined. */
export async function abandon(
	database: CutOffDatabase,
	checkpoint: Checkpoint
): Promise<string | undefined> {
	const result = await database.write((db) => db.addSession(abandonedSession(checkpoint)));
	return result.ok ? undefined : `The interrupted session was not kept: ${result.message}`;
}
