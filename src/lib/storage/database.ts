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
import type { Outcome, SessionRecord, SessionState } from '../engine/types';
import { parseCueKey } from '../routine/cue-keys';
import { isNewDraftKey, newDraftKey, OLD_NEW_DRAFT_KEY } from './draft-keys';

export const DB_NAME = 'liana';
/** The current version; every earlier one is upgraded step by step by {@link UPGRADES}. */
export const DB_VERSION = 3;

/** A routine the person imported, kept as the file's own text so nothing of it (x- keys) is lost. */
export interface StoredRoutine {
	id: string;
	text: string;
	addedAtEpochMs: number;
	updatedAtEpochMs: number;
}

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

interface LianaSchema extends DBSchema {
	routines: { key: string; value: StoredRoutine };
	sessions: {
		key: number;
		value: StoredSession;
		indexes: { 'by-routine': string; 'by-started': number };
	};
	checkpoint: { key: string; value: Checkpoint };
	settings: { key: string; value: unknown };
	drafts: { key: string; value: RoutineDraft };
	recordings: { key: [string, string]; value: Recording; indexes: { 'by-routine': string } };
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
async function moveOldNewDrafts(
	tx: IDBPTransaction<LianaSchema, StoreNames<LianaSchema>[], 'versionchange'>
): Promise<void> {
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

const SETTINGS_KEY = 'settings';

export const UNAVAILABLE =
	'This browser does not let Liana keep anything here (private browsing?). Sessions still play, but routines and history are not saved.';
export const LET_GO =
	'Liana was updated or its storage cleared in another tab, so this tab stopped saving. Reload the page to go on; the session on screen keeps playing meanwhile.';
export const BLOCKED =
	'Liana is open in another tab with an older version. Close that tab to finish updating; nothing is lost meanwhile.';

/**
 * What is stored, read. Handed only to {@link Database.read}'s work: a read that fails is said in
 * words through its result, never a rejection at its caller.
 */
export class StoredReads {
	constructor(private readonly db: IDBPDatabase<LianaSchema>) {}

	/** Every imported routine, in the order they were added. */
	async routines(): Promise<StoredRoutine[]> {
		const all = await this.db.getAll('routines');
		return all.sort((a, b) => a.addedAtEpochMs - b.addedAtEpochMs);
	}

	async routine(id: string): Promise<StoredRoutine | undefined> {
		return this.db.get('routines', id);
	}

	/** Every session, newest first. */
	async sessions(): Promise<StoredSession[]> {
		return (await this.db.getAllFromIndex('sessions', 'by-started')).reverse();
	}

	async session(id: number): Promise<StoredSession | undefined> {
		return this.db.get('sessions', id);
	}

	/** When each routine was last played, by routine id. */
	async lastPlayed(): Promise<Map<string, number>> {
		const last = new Map<string, number>();
		for (const session of await this.db.getAllFromIndex('sessions', 'by-started')) {
			last.set(session.routineId, session.startedAtEpochMs);
		}
		return last;
	}

	async checkpoint(): Promise<Checkpoint | undefined> {
		return this.db.get('checkpoint', 'current');
	}

	/** The settings as last saved here (any shape: the reader checks them key by key). */
	async settings(): Promise<unknown> {
		return this.db.get('settings', SETTINGS_KEY);
	}

	async draft(key: string): Promise<RoutineDraft | undefined> {
		return this.db.get('drafts', key);
	}

	/** Every draft, the latest edited first. */
	async drafts(): Promise<RoutineDraft[]> {
		const all = await this.db.getAll('drafts');
		return all.sort((a, b) => b.updatedAtEpochMs - a.updatedAtEpochMs);
	}

	/** Every cue recorded for one routine. */
	async recordings(routineId: string): Promise<Recording[]> {
		return this.db.getAllFromIndex('recordings', 'by-routine', routineId);
	}

	/** One recorded cue, or undefined. */
	async recording(routineId: string, cue: string): Promise<Recording | undefined> {
		return this.db.get('recordings', [routineId, cue]);
	}

	/** The ids of the routines that have recorded cues. */
	async recordedRoutineIds(): Promise<Set<string>> {
		const keys = await this.db.getAllKeys('recordings');
		return new Set(keys.map(([routineId]) => routineId));
	}
}

/** The database, opened and upgraded. */
export class Database {
	/** The database did not exist before this opening: a first visit, or storage cleared since. */
	readonly createdNow: boolean;
	#connection: { closed: boolean };
	#reads: StoredReads;

	private constructor(
		private readonly db: IDBPDatabase<LianaSchema>,
		createdNow = false,
		connection = { closed: false }
	) {
		this.createdNow = createdNow;
		this.#connection = connection;
		this.#reads = new StoredReads(db);
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
		work: (tx: IDBPTransaction<LianaSchema, S, 'readwrite'>) => Promise<T>
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

	/** Adds or replaces an imported routine. */
	putRoutine(routine: StoredRoutine): Promise<StoreResult> {
		return this.#write(async () => {
			await this.db.put('routines', routine);
		});
	}

	deleteRoutine(id: string): Promise<StoreResult> {
		return this.#write(() => this.db.delete('routines', id));
	}

	/**
	 * Adds a finished session and clears its checkpoint, both or neither. A session is known by
	 * its routine and start, so writing it again (a retry after a write that did land) stores it
	 * once; a real end replaces the `abandoned` line another tab guessed for it. The checkpoint is
	 * cleared only when it is this session's: another tab's newer session keeps its own.
	 */
	addSession(session: StoredSession): Promise<StoreResult<number>> {
		return this.#atomic(['sessions', 'checkpoint'], async (tx) => {
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
	}

	/** Adds the after-session check-in (or any later answer) to a stored session. */
	updateSession(
		id: number,
		change: Pick<StoredSession, 'before' | 'after' | 'note'>
	): Promise<StoreResult<StoredSession>> {
		return this.#write(async () => {
			const tx = this.db.transaction('sessions', 'readwrite');
			const stored = await tx.store.get(id);
			if (!stored) throw new DOMException('no such session', 'NotFoundError');
			const updated = { ...stored, ...change };
			await tx.store.put(updated);
			await tx.done;
			return updated;
		});
	}

	/** Deletes the whole history (the person confirmed it). */
	clearSessions(): Promise<StoreResult> {
		return this.#write(() => this.db.clear('sessions'));
	}

	saveCheckpoint(checkpoint: Checkpoint): Promise<StoreResult> {
		return this.#write(async () => {
			await this.db.put('checkpoint', checkpoint);
		});
	}

	saveSettings(settings: object): Promise<StoreResult> {
		return this.#write(async () => {
			await this.db.put('settings', settings, SETTINGS_KEY);
		});
	}

	discardCheckpoint(): Promise<StoreResult> {
		return this.#write(() => this.db.delete('checkpoint', 'current'));
	}

	/** Keeps the editor's draft as typed. */
	saveDraft(draft: RoutineDraft): Promise<StoreResult> {
		return this.#write(async () => {
			await this.db.put('drafts', draft);
		});
	}

	discardDraft(key: string): Promise<StoreResult> {
		return this.#write(() => this.db.delete('drafts', key));
	}

	/**
	 * Forgets a new routine's draft with the cues recorded for it: both or, when a write fails,
	 * neither. Only a new routine's key (`draft:…`) has recordings of its own: for any other key
	 * (an own routine's edit) the routine's recordings are left alone.
	 */
	discardDraftWithRecordings(key: string): Promise<StoreResult> {
		return this.#atomic(['drafts', 'recordings'], async (tx) => {
			await tx.objectStore('drafts').delete(key);
			if (!isNewDraftKey(key)) return;
			const store = tx.objectStore('recordings');
			for (const cue of await store.index('by-routine').getAllKeys(key)) await store.delete(cue);
		});
	}

	/** Adds or replaces one recorded cue. */
	putRecording(recording: Recording): Promise<StoreResult> {
		return this.#write(async () => {
			await this.db.put('recordings', recording);
		});
	}

	/**
	 * Moves a routine's recordings to its new id (it was saved under another), replacing any the
	 * new id had: all of them or, when a write fails, none. With none to move, nothing changes.
	 */
	moveRecordings(fromId: string, toId: string): Promise<StoreResult> {
		return this.#atomic(['recordings'], async (tx) => {
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
	}

	/**
	 * Moves one step's recorded cues to its new id (`<from>/<phase>` to `<to>/<phase>`), replacing
	 * any recorded under the new id: all of them or, when a write fails, none.
	 */
	renameCueScope(routineId: string, from: string, to: string): Promise<StoreResult<number>> {
		return this.#atomic(['recordings'], async (tx) => {
			const store = tx.objectStore('recordings');
			const all = await store.index('by-routine').getAll(routineId);
			const moving = all.filter((recording) => parseCueKey(recording.cue)?.scope === from);
			if (moving.length === 0) return 0;
			for (const recording of all) {
				if (parseCueKey(recording.cue)?.scope === to)
					await store.delete([routineId, recording.cue]);
			}
			for (const recording of moving) {
				await store.delete([routineId, recording.cue]);
				const phase = recording.cue.slice(from.length + 1);
				await store.put({ ...recording, cue: `${to}/${phase}` });
			}
			return moving.length;
		});
	}

	/**
	 * Deletes a routine with its recorded cues, so a later routine given its id starts with none;
	 * the value is the recordings, for an undo to put back with {@link putRoutineWithRecordings}.
	 */
	deleteRoutineWithRecordings(id: string): Promise<StoreResult<Recording[]>> {
		return this.#atomic(['routines', 'recordings'], async (tx) => {
			const store = tx.objectStore('recordings');
			const recordings = await store.index('by-routine').getAll(id);
			await tx.objectStore('routines').delete(id);
			for (const recording of recordings) await store.delete([id, recording.cue]);
			return recordings;
		});
	}

	/**
	 * Stores a routine with its recorded cues in place of any recorded before under its id (a
	 * routine pack coming in): all of it or, when a write fails, none.
	 */
	putRoutineWithRecordings(routine: StoredRoutine, recordings: Recording[]): Promise<StoreResult> {
		return this.#atomic(['routines', 'recordings'], async (tx) => {
			const store = tx.objectStore('recordings');
			await tx.objectStore('routines').put(routine);
			for (const key of await store.index('by-routine').getAllKeys(routine.id)) {
				await store.delete(key);
			}
			for (const recording of recordings) await store.put(recording);
		});
	}

	deleteRecording(routineId: string, cue: string): Promise<StoreResult> {
		return this.#write(() => this.db.delete('recordings', [routineId, cue]));
	}
}
