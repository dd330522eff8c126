/**
 * The person's data in IndexedDB (through idb): opening it, its upgrades, and how every read and
 * write runs. Each store's values, reads and writes are its own module's (stores/). Every write
 * is one transaction, so a failed write (a full disk, private mode) leaves what was stored as it
 * was, and says why in words a person can act on; a read that fails is said the same way.
 */
import { openDB, type IDBPTransaction, type StoreNames } from 'idb';
import { newDraftKey, OLD_NEW_DRAFT_KEY } from './draft-keys';
import {
	checkpointReads,
	discardCheckpoint,
	saveCheckpoint,
	type Checkpoint
} from './stores/checkpoint';
import {
	discardDraft,
	discardDraftWithRecordings,
	draftReads,
	saveDraft,
	type RoutineDraft
} from './stores/drafts';
import {
	deleteRecording,
	moveRecordings,
	putRecording,
	recordingReads,
	renameCueScope,
	type Recording
} from './stores/recordings';
import {
	deleteRoutine,
	deleteRoutineWithRecordings,
	putRoutine,
	putRoutineWithRecordings,
	routineReads,
	type StoredRoutine
} from './stores/routines';
import type { Connection, LianaSchema, Writes, Writing } from './stores/schema';
import {
	addSession,
	clearSessions,
	sessionReads,
	updateSession,
	type StoredSession
} from './stores/sessions';
import { saveSettings, settingsReads } from './stores/settings';

// Where the app has always found them: each store's values, described in its own module.
export type { Checkpoint } from './stores/checkpoint';
export type { RoutineDraft } from './stores/drafts';
export type { Recording } from './stores/recordings';
export type { StoredRoutine } from './stores/routines';
export type { CheckIn, LegFeel, SessionOutcome, StoredSession } from './stores/sessions';

export const DB_NAME = 'liana';
/** The current version; every earlier one is upgraded step by step by {@link UPGRADES}. */
export const DB_VERSION = 3;

type Upgrading = IDBPTransaction<LianaSchema, StoreNames<LianaSchema>[], 'versionchange'>;

type Upgrade = (db: Connection, tx: Upgrading) => void;

/** One upgrade per version, run in order from the version found: index 0 makes version 1. */
export const UPGRADES: readonly Upgrade[] = [
	(db) => {
		db.createObjectStore('routines', { keyPath: 'id' });
		const sessions = db.createObjectStore('sessions', { keyPath: 'id', autoIncrement: true });
		sessions.createIndex('by-routine', 'routineId');
		sessions.createIndex('by-started', 'startedAtEpochMs');
		db.createObjectStore('checkpoint', { keyPath: 'key' });
		db.createObjectStore('settings');
	},
	(db) => {
		db.createObjectStore('drafts', { keyPath: 'key' });
		const recordings = db.createObjectStore('recordings', { keyPath: ['routineId', 'cue'] });
		recordings.createIndex('by-routine', 'routineId');
	},
	(_db, tx) => {
		// A failed move aborts the upgrade, which keeps everything as it was.
		moveOldNewDrafts(tx).catch(() => tx.abort());
	}
];

/**
 * New routines' drafts were kept as `new-<epoch ms>`, which is a valid routine id too: each moves
 * to a `draft:` key with the cues recorded for it. A draft whose key is a saved routine's id is
 * that routine's edit (the old editor took it for a new one), and those recordings are the
 * routine's: both stay where they are.
 */
async function moveOldNewDrafts(tx: Upgrading): Promise<void> {
	const drafts = tx.objectStore('drafts');
	const recordings = tx.objectStore('recordings');
	for (const draft of await drafts.getAll()) {
		if (!OLD_NEW_DRAFT_KEY.test(draft.key)) continue;
		if ((await tx.objectStore('routines').getKey(draft.key)) !== undefined) continue;
		const key = newDraftKey(draft.key);
		await drafts.delete(draft.key);
		await drafts.put({ ...draft, key });
		for (const recording of await recordings.index('by-routine').getAll(draft.key)) {
			await recordings.delete([draft.key, recording.cue]);
			await recordings.put({ ...recording, routineId: key });
		}
	}
}

/** The outcome of a write: done, or why not (and that nothing changed). */
export type StoreResult<T = void> =
	| { ok: true; value: T }
	/** `reason`: why, in a few words to go inside a sentence of the caller's own. */
	| { ok: false; message: string; reason?: string };

/** The name a failure goes by (`QuotaExceededError`), to show in brackets after the words. */
export function errorName(error: unknown): string {
	return error instanceof Error || error instanceof DOMException ? error.name : 'unknown error';
}

/** The outcome of a read: a write's shape, with `reason` always given for the caller's sentence. */
export type ReadResult<T> =
	| Extract<StoreResult<T>, { ok: true }>
	| (Extract<StoreResult<T>, { ok: false }> & { reason: string });

/** Why a read failed, in a few words a sentence of the caller's can hold: the one wording. */
export function readReason(error: unknown): string {
	return `could not be read just now (${errorName(error)})`;
}

/** Why a write failed, in a few words a sentence of the caller's can hold. */
export function storageReason(error: unknown): string {
	const name = error instanceof DOMException || error instanceof Error ? error.name : '';
	switch (name) {
		case 'QuotaExceededError':
			return 'this device is out of storage space';
		case 'NotFoundError':
			return 'its place was cleared in another tab';
		case 'InvalidStateError':
		case 'UnknownError':
			return 'the browser would not save just now';
		default:
			return `saving failed (${name || 'unknown error'})`;
	}
}

/** Words for a storage failure, saying what happened and what to do. */
export function storageProblem(error: unknown): string {
	const name = error instanceof DOMException || error instanceof Error ? error.name : '';
	switch (name) {
		case 'QuotaExceededError':
			return 'This device is out of storage space, so nothing was saved; what was saved before is unchanged. Free some space and try again.';
		case 'NotFoundError':
			return 'That entry is no longer stored (deleted in another tab?); nothing changed.';
		case 'InvalidStateError':
		case 'UnknownError':
			return 'The browser would not save here just now; nothing changed. Reload the page and try again.';
		default:
			return `Saving failed (${name || 'unknown error'}); nothing changed.`;
	}
}

export const UNAVAILABLE =
	'This browser does not let Liana keep anything here (private browsing?). Sessions still play, but routines and history are not saved.';
export const LET_GO =
	'Liana was updated or its storage cleared in another tab, so this tab stopped saving. Reload the page to go on; the session on screen keeps playing meanwhile.';
export const BLOCKED =
	'Liana is open in another tab with an older version. Close that tab to finish updating; nothing is lost meanwhile.';

/** What is stored, read: every store's reads, handed only to {@link Database.read}'s work. */
export type StoredReads = ReturnType<typeof routineReads> &
	ReturnType<typeof sessionReads> &
	ReturnType<typeof checkpointReads> &
	ReturnType<typeof settingsReads> &
	ReturnType<typeof draftReads> &
	ReturnType<typeof recordingReads>;

/** The database, opened and upgraded. */
export class Database {
	/** The database did not exist before this opening: a first visit, or storage cleared since. */
	readonly createdNow: boolean;
	#connection: { closed: boolean };
	#reads: StoredReads;
	#writes: Writes;

	private constructor(
		private readonly db: Connection,
		createdNow = false,
		connection = { closed: false }
	) {
		this.createdNow = createdNow;
		this.#connection = connection;
		this.#reads = {
			...routineReads(db),
			...sessionReads(db),
			...checkpointReads(db),
			...settingsReads(db),
			...draftReads(db),
			...recordingReads(db)
		};
		this.#writes = {
			put: (store, value, key) =>
				this.#write(async () => {
					await this.db.put(store, value, key);
				}),
			delete: (store, key) => this.#write(() => this.db.delete(store, key)),
			one: (work) => this.#write(() => work(this.db)),
			all: (stores, work) => this.#atomic(stores, work)
		};
	}

	/** This connection was let go (the database deleted or upgraded elsewhere): open it again. */
	get closed(): boolean {
		return this.#connection.closed;
	}

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
			let createdNow = false;
			const connection = { closed: false };
			const db = await openDB<LianaSchema>(name, version, {
				upgrade(db, oldVersion, newVersion, tx) {
					createdNow = oldVersion === 0;
					for (let v = oldVersion; v < (newVersion ?? version); v++) UPGRADES[v]?.(db, tx);
				},
				blocked() {
					onBlocked(BLOCKED);
				},
				// Another tab upgrades or deletes the database: let go of it, so that tab is not
				// held up, and say why nothing saves here any more.
				blocking() {
					db.close();
					connection.closed = true;
					onBlocked(LET_GO);
				},
				// The browser closed it (storage cleared under it): nothing more is written through it.
				terminated() {
					connection.closed = true;
				}
			});
			return { ok: true, value: new Database(db, createdNow, connection) };
		} catch (error) {
			return { ok: false, message: `${UNAVAILABLE} (${storageProblem(error)})` };
		}
	}

	close(): void {
		this.#connection.closed = true;
		this.db.close();
	}

	/**
	 * Runs reads and returns what they read, or, as a write does, why not: `what` was read (“Your
	 * routines”) names it in the message, which says to reload. The reads are had only here.
	 */
	async read<T>(what: string, work: (stored: StoredReads) => Promise<T>): Promise<ReadResult<T>> {
		try {
			return { ok: true, value: await work(this.#reads) };
		} catch (error) {
			const reason = readReason(error);
			return { ok: false, message: `${what} ${reason}. Reload the page to try again.`, reason };
		}
	}

	async #write<T>(work: () => Promise<T>): Promise<StoreResult<T>> {
		try {
			return { ok: true, value: await work() };
		} catch (error) {
			return { ok: false, message: storageProblem(error), reason: storageReason(error) };
		}
	}

	/**
	 * One read-write transaction over `stores`: all of `work` is kept or, when any of it throws,
	 * none (a write that throws does not end the transaction by itself, so it is aborted).
	 */
	#atomic<T, const S extends StoreNames<LianaSchema>[]>(
		stores: S,
		work: (tx: Writing<S>) => Promise<T>
	): Promise<StoreResult<T>> {
		return this.#write(async () => {
			const tx = this.db.transaction(stores, 'readwrite');
			let value: T;
			try {
				value = await work(tx);
			} catch (error) {
				tx.abort();
				// The aborted transaction rejects too, for this same failure: it is said once, below.
				await tx.done.then(
					() => undefined,
					() => undefined
				);
				throw error;
			}
			await tx.done;
			return value;
		});
	}

	// The writes, each its store's (stores/): done, or why not in words, and nothing changed.

	putRoutine(routine: StoredRoutine): Promise<StoreResult> {
		return putRoutine(this.#writes, routine);
	}

	deleteRoutine(id: string): Promise<StoreResult> {
		return deleteRoutine(this.#writes, id);
	}

	deleteRoutineWithRecordings(id: string): Promise<StoreResult<Recording[]>> {
		return deleteRoutineWithRecordings(this.#writes, id);
	}

	putRoutineWithRecordings(routine: StoredRoutine, recordings: Recording[]): Promise<StoreResult> {
		return putRoutineWithRecordings(this.#writes, routine, recordings);
	}

	addSession(session: StoredSession): Promise<StoreResult<number>> {
		return addSession(this.#writes, session);
	}

	updateSession(
		id: number,
		change: Pick<StoredSession, 'before' | 'after' | 'note'>
	): Promise<StoreResult<StoredSession>> {
		return updateSession(this.#writes, id, change);
	}

	clearSessions(): Promise<StoreResult> {
		return clearSessions(this.#writes);
	}

	saveCheckpoint(checkpoint: Checkpoint): Promise<StoreResult> {
		return saveCheckpoint(this.#writes, checkpoint);
	}

	discardCheckpoint(): Promise<StoreResult> {
		return discardCheckpoint(this.#writes);
	}

	saveSettings(settings: object): Promise<StoreResult> {
		return saveSettings(this.#writes, settings);
	}

	saveDraft(draft: RoutineDraft): Promise<StoreResult> {
		return saveDraft(this.#writes, draft);
	}

	discardDraft(key: string): Promise<StoreResult> {
		return discardDraft(this.#writes, key);
	}

	discardDraftWithRecordings(key: string): Promise<StoreResult> {
		return discardDraftWithRecordings(this.#writes, key);
	}

	putRecording(recording: Recording): Promise<StoreResult> {
		return putRecording(this.#writes, recording);
	}

	deleteRecording(routineId: string, cue: string): Promise<StoreResult> {
		return deleteRecording(this.#writes, routineId, cue);
	}

	moveRecordings(fromId: string, toId: string): Promise<StoreResult> {
		return moveRecordings(this.#writes, fromId, toId);
	}

	renameCueScope(routineId: string, from: string, to: string): Promise<StoreResult<number>> {
		return renameCueScope(this.#writes, routineId, from, to);
	}
}
