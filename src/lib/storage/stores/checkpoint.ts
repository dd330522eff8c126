/** The checkpoint store: the running session, saved at every phase change to resume it. */
import type { SessionState } from '../../engine/types';
import type { Connection, Writes } from './schema';
import type { CheckIn } from './sessions';

/** The running session, saved at every phase change, to resume after a reload or a crash. */
export interface Checkpoint {
	key: 'current';
	routineId: string;
	routineTitle: string;
	stepTitles: string[];
	/** The engine's whole state (plain data), so the session resumes exactly as it stood. */
	state: SessionState;
	before?: CheckIn;
	/** The coach's note so far, so a reload keeps it. */
	note?: string;
	savedAtEpochMs: number;
}

/** The checkpoint, read. */
export const checkpointReads = (db: Connection) => ({
	async checkpoint(): Promise<Checkpoint | undefined> {
		return db.get('checkpoint', 'current');
	}
});

export const saveCheckpoint = (writes: Writes, checkpoint: Checkpoint) =>
	writes.put('checkpoint', checkpoint);

export const discardCheckpoint = (writes: Writes) => writes.delete('checkpoint', 'current');
