/** The sessions store: the history, one line per session, with its check-in and the coach's note. */
import type { Outcome, SessionRecord } from '../../engine/types';
import type { Connection, Writes } from './schema';

/** How a session ended; `abandoned` is one cut off (a closed tab) and never resumed. */
export type SessionOutcome = Outcome | 'abandoned';

/** How the leg feels, asked before and after a session. */
export type LegFeel = 'lighter' | 'same' | 'heavier';

/** The optional check-in: each answer a tap, each skippable. */
export interface CheckIn {
	/** Pain from 0 (none) to 10 (worst imaginable). */
	pain?: number;
	leg?: LegFeel;
}

/** One session in the history. */
export interface StoredSession {
	id?: number;
	routineId: string;
	routineTitle: string;
	/** The step titles as they were, so history reads well after the routine changes or goes. */
	stepTitles: string[];
	startedAtEpochMs: number;
	endedAtEpochMs: number;
	outcome: SessionOutcome;
	record: SessionRecord;
	before?: CheckIn;
	after?: CheckIn;
	/** The coach's note on the session, in their own words. */
	note?: string;
}

/** The history, read. */
export const sessionReads = (db: Connection) => ({
	/** Every session, newest first. */
	async sessions(): Promise<StoredSession[]> {
		return (await db.getAllFromIndex('sessions', 'by-started')).reverse();
	},

	async session(id: number): Promise<StoredSession | undefined> {
		return db.get('sessions', id);
	},

	/** When each routine was last played, by routine id. */
	async lastPlayed(): Promise<Map<string, number>> {
		const last = new Map<string, number>();
		for (const session of await db.getAllFromIndex('sessions', 'by-started')) {
			last.set(session.routineId, session.startedAtEpochMs);
		}
		return last;
	}
});

/**
 * Adds a finished session and clears its checkpoint, both or neither. A session is known by
 * its routine and start, so writing it again (a retry after a write that did land) stores it
 * once; a real end replaces the `abandoned` line another tab guessed for it. The checkpoint is
 * cleared only when it is this session's: another tab's newer session keeps its own.
 */
export const addSession = (writes: Writes, session: StoredSession) =>
	writes.all(['sessions', 'checkpoint'], async (tx) => {
		const sessions = tx.objectStore('sessions');
		const sameStart = await sessions.index('by-started').getAll(session.startedAtEpochMs);
		const stored = sameStart.find((other) => other.routineId === session.routineId);
		let id: number;
		if (stored?.id === undefined) id = await sessions.add(session);
		else if (stored.outcome === 'abandoned' && session.outcome !== 'abandoned')
			id = await sessions.put({ ...session, id: stored.id });
		else id = stored.id;
		const checkpoints = tx.objectStore('checkpoint');
		const checkpoint = await checkpoints.get('current');
		if (checkpoint && checkpoint.state.startedAtEpochMs === session.startedAtEpochMs)
			await checkpoints.delete('current');
		return id;
	});

/** Adds the after-session check-in (or any later answer) to a stored session. */
export const updateSession = (
	writes: Writes,
	id: number,
	change: Pick<StoredSession, 'before' | 'after' | 'note'>
) =>
	writes.one(async (db) => {
		const tx = db.transaction('sessions', 'readwrite');
		const stored = await tx.store.get(id);
		if (!stored) throw new DOMException('no such session', 'NotFoundError');
		const updated = { ...stored, ...change };
		await tx.store.put(updated);
		await tx.done;
		return updated;
	});

/** Deletes the whole history (the person confirmed it). */
export const clearSessions = (writes: Writes) => writes.one((db) => db.clear('sessions'));
