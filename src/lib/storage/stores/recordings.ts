/** The recordings store: the cues a coach recorded in their own voice, by routine and cue. */
import { parseCueKey } from '../../routine/cue-keys';
import type { Connection, Writes } from './schema';

/** A cue a coach recorded in their own voice, played instead of the built-in voice. */
export interface Recording {
	routineId: string;
	/** What it is the cue for: `defaults/<phase>` or `<step id>/<phase>`. */
	cue: string;
	/** The audio as recorded (an ArrayBuffer clones everywhere, a Blob not in every test host). */
	audio: ArrayBuffer;
	mimeType: string;
	durationSec: number;
	recordedAtEpochMs: number;
}

/** The recorded cues, read. */
export const recordingReads = (db: Connection) => ({
	/** Every cue recorded for one routine. */
	async recordings(routineId: string): Promise<Recording[]> {
		return db.getAllFromIndex('recordings', 'by-routine', routineId);
	},

	/** One recorded cue, or undefined. */
	async recording(routineId: string, cue: string): Promise<Recording | undefined> {
		return db.get('recordings', [routineId, cue]);
	},

	/** The ids of the routines that have recorded cues. */
	async recordedRoutineIds(): Promise<Set<string>> {
		const keys = await db.getAllKeys('recordings');
		return new Set(keys.map(([routineId]) => routineId));
	}
});

/** Adds or replaces one recorded cue. */
export const putRecording = (writes: Writes, recording: Recording) =>
	writes.put('recordings', recording);

export const deleteRecording = (writes: Writes, routineId: string, cue: string) =>
	writes.delete('recordings', [routineId, cue]);

/**
 * Moves a routine's recordings to its new id (it was saved under another), replacing any the
 * new id had: all of them or, when a write fails, none. With none to move, nothing changes.
 */
export const moveRecordings = (writes: Writes, fromId: string, toId: string) =>
	writes.all(['recordings'], async (tx) => {
		const store = tx.objectStore('recordings');
		const index = store.index('by-routine');
		const moving = await index.getAll(fromId);
		// Nothing to move (another list moved them first): the new id keeps what it has.
		if (moving.length === 0) return;
		for (const key of await index.getAllKeys(toId)) await store.delete(key);
		for (const recording of moving) {
			await store.delete([fromId, recording.cue]);
			await store.put({ ...recording, routineId: toId });
		}
	});

/**
 * Moves one step's recorded cues to its new id (`<from>/<phase>` to `<to>/<phase>`), replacing
 * any recorded under the new id: all of them or, when a write fails, none.
 */
export const renameCueScope = (writes: Writes, routineId: string, from: string, to: string) =>
	writes.all(['recordings'], async (tx) => {
		const store = tx.objectStore('recordings');
		const all = await store.index('by-routine').getAll(routineId);
		const moving = all.filter((recording) => parseCueKey(recording.cue)?.scope === from);
		if (moving.length === 0) return 0;
		for (const recording of all) {
			if (parseCueKey(recording.cue)?.scope === to) await store.delete([routineId, recording.cue]);
		}
		for (const recording of moving) {
			await store.delete([routineId, recording.cue]);
			const phase = recording.cue.slice(from.length + 1);
			await store.put({ ...recording, cue: `${to}/${phase}` });
		}
		return moving.length;
	});
