/** The drafts store: routines being written in the editor, kept as typed. */
import { isNewDraftKey } from '../draft-keys';
import type { Connection, Writes } from './schema';

/**
 * A routine being written in the editor, kept as typed so nothing is lost on a reload.
 * `routine` is what the form holds, which may not be a valid routine yet.
 */
export interface RoutineDraft {
	/** The id of the routine it edits, or for a routine not saved yet `draft:<random>` (draft-keys.ts). */
	key: string;
	routine: unknown;
	updatedAtEpochMs: number;
}

/** The drafts, read. */
export const draftReads = (db: Connection) => ({
	async draft(key: string): Promise<RoutineDraft | undefined> {
		return db.get('drafts', key);
	},

	/** Every draft, the latest edited first. */
	async drafts(): Promise<RoutineDraft[]> {
		const all = await db.getAll('drafts');
		return all.sort((a, b) => b.updatedAtEpochMs - a.updatedAtEpochMs);
	}
});

/** Keeps the editor's draft as typed. */
export const saveDraft = (writes: Writes, draft: RoutineDraft) => writes.put('drafts', draft);

export const discardDraft = (writes: Writes, key: string) => writes.delete('drafts', key);

/**
 * Forgets a new routine's draft with the cues recorded for it: both or, when a write fails,
 * neither. Only a new routine's key (`draft:…`) has recordings of its own: for any other key
 * (an own routine's edit) the routine's recordings are left alone.
 */
export const discardDraftWithRecordings = (writes: Writes, key: string) =>
	writes.all(['drafts', 'recordings'], async (tx) => {
		await tx.objectStore('drafts').delete(key);
		if (!isNewDraftKey(key)) return;
		const store = tx.objectStore('recordings');
		for (const cue of await store.index('by-routine').getAllKeys(key)) await store.delete(cue);
	});
