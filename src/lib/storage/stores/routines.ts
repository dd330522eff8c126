/** The routines store: the person's own routines, each with its recorded cues where it has some. */
import type { Recording } from './recordings';
import type { Connection, Writes } from './schema';

/** A routine the person imported, kept as the file's own text so nothing of it (x- keys) is lost. */
export interface StoredRoutine {
	id: string;
	text: string;
	addedAtEpochMs: number;
	updatedAtEpochMs: number;
}

/** The routines, read. */
export const routineReads = (db: Connection) => ({
	/** Every imported routine, in the order they were added. */
	async routines(): Promise<StoredRoutine[]> {
		const all = await db.getAll('routines');
		return all.sort((a, b) => a.addedAtEpochMs - b.addedAtEpochMs);
	},

	async routine(id: string): Promise<StoredRoutine | undefined> {
		return db.get('routines', id);
	}
});

/** Adds or replaces an imported routine. */
export const putRoutine = (writes: Writes, routine: StoredRoutine) =>
	writes.put('routines', routine);

export const deleteRoutine = (writes: Writes, id: string) => writes.delete('routines', id);

/**
 * Deletes a routine with its recorded cues, so a later routine given its id starts with none;
 * the value is the recordings, for an undo to put back with {@link putRoutineWithRecordings}.
 */
export const deleteRoutineWithRecordings = (writes: Writes, id: string) =>
	writes.all(['routines', 'recordings'], async (tx) => {
		const store = tx.objectStore('recordings');
		const recordings = await store.index('by-routine').getAll(id);
		await tx.objectStore('routines').delete(id);
		for (const recording of recordings) await store.delete([id, recording.cue]);
		return recordings;
	});

/**
 * Stores a routine with its recorded cues in place of any recorded before under its id (a
 * routine pack coming in): all of it or, when a write fails, none.
 */
export const putRoutineWithRecordings = (
	writes: Writes,
	routine: StoredRoutine,
	recordings: Recording[]
) =>
	writes.all(['routines', 'recordings'], async (tx) => {
		const store = tx.objectStore('recordings');
		await tx.objectStore('routines').put(routine);
		for (const key of await store.index('by-routine').getAllKeys(routine.id)) {
			await store.delete(key);
		}
		for (const recording of recordings) await store.put(recording);
	});
