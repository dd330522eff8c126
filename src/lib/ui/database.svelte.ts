/**
 * The app's one connection to its database, opened on first use and shared with context. A
 * browser that keeps nothing (private mode) or an upgrade blocked by another tab becomes a
 * message the screens show, never a crash: sessions still play without it.
 */
import { createContext } from 'svelte';
import { Database, type StoreResult } from '../storage/database';
import { PendingSessions, writePendingSessions } from '../storage/pending-sessions';

type Opener = (onBlocked: (message: string) => void) => Promise<StoreResult<Database>>;

/** Said once when what this browser kept is gone: the database is new, yet something was saved. */
export const STORAGE_CLEARED =
	'This browser cleared what Liana kept on this device, most likely to free space: your own routines and your history are gone. Import the routine files you exported to have them back; the built-in routines are all here.';

/**
 * A note, outside IndexedDB, that something was saved: where the browser clears the database
 * alone, the note tells a first visit from storage cleared since. (Where it clears everything
 * of the site, nothing is left to tell, and Liana opens as on a first visit.)
 */
export interface KeptNote {
	read(): boolean;
	write(): void;
}

const KEPT_KEY = 'liana-kept';

export const localKeptNote: KeptNote = {
	read: () => {
		try {
			return globalThis.localStorage?.getItem(KEPT_KEY) === '1';
		} catch {
			return false;
		}
	},
	write: () => {
		try {
			globalThis.localStorage?.setItem(KEPT_KEY, '1');
		} catch {
			// No localStorage (private mode): nothing to tell a cleared database by; no harm.
		}
	}
};

export class DatabaseModel {
	#open: Opener;
	#opened: Promise<Database | undefined> | undefined;
	#current: Database | undefined;
	#kept: KeptNote;
	/** Why nothing can be saved right now, or empty. */
	problem = $state('');
	/** What this browser cleared since the last visit, said once; or empty. */
	cleared = $state('');

	#pending: PendingSessions;

	constructor(
		open: Opener = (onBlocked) => Database.open(undefined, undefined, onBlocked),
		kept: KeptNote = localKeptNote,
		/** Finished sessions an earlier write could not keep: written before anything is read. */
		pending: PendingSessions = new PendingSessions()
	) {
		this.#open = open;
		this.#kept = kept;
		this.#pending = pending;
	}

	/**
	 * The database, or undefined (with {@link problem} saying why) where none can be had. A
	 * connection let go since (the database deleted or upgraded in another tab) is opened again,
	 * so a Retry can write where the first try could not.
	 */
	get(): Promise<Database | undefined> {
		if (this.#current?.closed) {
			this.#current = undefined;
			this.#opened = undefined;
		}
		this.#opened ??= this.#open((message) => (this.problem = message)).then(async (opened) => {
			this.problem = opened.ok ? '' : opened.message;
			if (!opened.ok) return undefined;
			const db = opened.value;
			if (db.createdNow && this.#kept.read()) this.cleared = STORAGE_CLEARED;
			// Before any screen reads the history, so a session kept outside it is already in it.
			const written = await writePendingSessions({ write: (work) => work(db) }, this.#pending);
			if (written > 0) this.#kept.write();
			this.#current = db;
			return db;
		});
		return this.#opened;
	}

	/** Runs a write; no database is a failed write with the reason, like any other. */
	async write<T>(work: (db: Database) => Promise<StoreResult<T>>): Promise<StoreResult<T>> {
		const db = await this.get();
		if (!db) return { ok: false, message: this.problem };
		const result = await work(db);
		if (result.ok) this.#kept.write();
		return result;
	}
}

const [useDatabase, setDatabase] = createContext<DatabaseModel>();

/** The app's database, provided by the root layout. */
export { useDatabase };

/** Makes the app's database available below this component. */
export function provideDatabase(model = new DatabaseModel()): DatabaseModel {
	return setDatabase(model);
}
