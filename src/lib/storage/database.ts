/**
 * The person's data in IndexedDB (through idb): their routines, their sessions, the running
 * session's checkpoint and settings. Every write is one transaction, so a failed write (a full
 * disk, private mode) leaves what was stored as it was, and says why in words a person can act on.
 */
import {
	openDB,
	type DBSchema,
	type IDBPDatabase,
	type IDBPTransaction,
	type StoreNames
} from 'idb';
import type { SessionRecord } from '../engine/types';

export const DB_NAME = 'liana';
/** The current version; every earlier one is upgraded step by step by {@link UPGRADES}. */
export const DB_VERSION = 1;

/** A routine the person imported, kept as the file's own text so nothing of it (x- keys) is lost. */
export interface StoredRoutine {
	id: string;
	text: string;
	addedAtEpochMs: number;
	updatedAtEpochMs: number;
}

/** One session in the history. */
export interface StoredSession {
	id?: number;
	routineId: string;
	routineTitle: string;
	record: SessionRecord;
}

/** Where a running session stood at its last phase change, to resume after a reload. */
export interface Checkpoint {
	key: 'current';
	routineId: string;
	stepIndex: number;
	phase: string;
	savedAtEpochMs: number;
}

interface LianaSchema extends DBSchema {
	routines: { key: string; value: StoredRoutine };
	sessions: {
		key: number;
		value: StoredSession;
		indexes: { 'by-routine': string };
	};
	checkpoint: { key: string; value: Checkpoint };
	settings: { key: string; value: unknown };
}

type Upgrade = (
	db: IDBPDatabase<LianaSchema>,
	tx: IDBPTransaction<LianaSchema, StoreNames<LianaSchema>[], 'versionchange'>
) => void;

/** One upgrade per version, run in order from the version found: index 0 makes version 1. */
export const UPGRADES: readonly Upgrade[] = [
	(db) => {
		db.createObjectStore('routines', { keyPath: 'id' });
		const sessions = db.createObjectStore('sessions', { keyPath: 'id', autoIncrement: true });
		sessions.createIndex('by-routine', 'routineId');
		db.createObjectStore('checkpoint', { keyPath: 'key' });
		db.createObjectStore('settings');
	}
];

/** The outcome of a write: done, or why not (and that nothing changed). */
export type StoreResult<T = void> = { ok: true; value: T } | { ok: false; message: string };

/** Words for a storage failure, saying what happened and what to do. */
export function storageProblem(error: unknown): string {
	const name = error instanceof DOMException || error instanceof Error ? error.name : '';
	switch (name) {
		case 'QuotaExceededError':
			return 'This device is out of storage space, so nothing was saved; what was saved before is unchanged. Free some space and try again.';
		case 'InvalidStateError':
		case 'UnknownError':
			return 'The browser would not save here just now; nothing changed. Reload the page and try again.';
		default:
			return `Saving failed (${name || 'unknown error'}); nothing changed.`;
	}
}

export const UNAVAILABLE =
	'This browser does not let Liana keep anything here (private browsing?). Sessions still play, but routines and history are not saved.';
export const BLOCKED =
	'Liana is open in another tab with an older version. Close that tab to finish updating; nothing is lost meanwhile.';

/** The database, opened and upgraded. */
export class Database {
	private constructor(private readonly db: IDBPDatabase<LianaSchema>) {}

	/**
	 * Opens (and upgrades) the database; a browser without IndexedDB is a message, not a crash.
	 * While another tab holds an older version open, `onBlocked` hears why the wait.
	 */
	static async open(
		name = DB_NAME,
		version = DB_VERSION,
		onBlocked: (message: string) => void = () => {}
	): Promise<StoreResult<Database>> {
		if (typeof indexedDB === 'undefined') return { ok: false, message: UNAVAILABLE };
		try {
			const db = await openDB<LianaSchema>(name, version, {
				upgrade(db, oldVersion, newVersion, tx) {
					for (let v = oldVersion; v < (newVersion ?? version); v++) UPGRADES[v]?.(db, tx);
				},
				blocked() {
					onBlocked(BLOCKED);
				}
			});
			return { ok: true, value: new Database(db) };
		} catch (error) {
			return { ok: false, message: `${UNAVAILABLE} (${storageProblem(error)})` };
		}
	}

	close(): void {
		this.db.close();
	}

	async #write<T>(work: () => Promise<T>): Promise<StoreResult<T>> {
		try {
			return { ok: true, value: await work() };
		} catch (error) {
			return { ok: false, message: storageProblem(error) };
		}
	}

	putRoutine(routine: StoredRoutine): Promise<StoreResult> {
		return this.#write(async () => {
			await this.db.put('routines', routine);
		});
	}

	async routines(): Promise<StoredRoutine[]> {
		return this.db.getAll('routines');
	}

	deleteRoutine(id: string): Promise<StoreResult> {
		return this.#write(() => this.db.delete('routines', id));
	}

	/** Adds a finished session and clears the checkpoint, both or neither. */
	addSession(session: StoredSession): Promise<StoreResult<number>> {
		return this.#write(async () => {
			const tx = this.db.transaction(['sessions', 'checkpoint'], 'readwrite');
			const id = await tx.objectStore('sessions').add(session);
			await tx.objectStore('checkpoint').delete('current');
			await tx.done;
			return id;
		});
	}

	/** Every session, newest first. */
	async sessions(): Promise<StoredSession[]> {
		const all = await this.db.getAll('sessions');
		return all.sort((a, b) => (b.record.startedAtEpochMs ?? 0) - (a.record.startedAtEpochMs ?? 0));
	}

	saveCheckpoint(checkpoint: Checkpoint): Promise<StoreResult> {
		return this.#write(async () => {
			await this.db.put('checkpoint', checkpoint);
		});
	}

	async checkpoint(): Promise<Checkpoint | undefined> {
		return this.db.get('checkpoint', 'current');
	}
}
