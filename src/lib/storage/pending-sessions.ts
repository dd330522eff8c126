/**
 * Finished sessions the database would not take (a full disk, the database deleted or closed),
 * kept outside IndexedDB until they are written: one list in localStorage, bounded, so a session
 * outlives the tab that played it and is written the next time Liana opens.
 */
import type { Database, StoredSession, StoreResult } from './database';

const PENDING_KEY = 'liana-pending-sessions';
/** At most this many sessions wait; a few days of a stuck disk, not a second history. */
export const MAX_PENDING = 20;
/** At most this many characters of them (localStorage holds some 5 MB for the whole site). */
export const MAX_PENDING_CHARS = 500_000;

/** Where waiting sessions are kept: localStorage in the browser, a map in tests. */
export interface PendingStore {
	getItem(key: string): string | null;
	setItem(key: string, value: string): void;
}

/** The same session, whichever copy: a routine is played once at a given start. */
export function sameSession(a: StoredSession, b: StoredSession): boolean {
	return a.routineId === b.routineId && a.startedAtEpochMs === b.startedAtEpochMs;
}

function browserStore(): PendingStore | undefined {
	try {
		return globalThis.localStorage ?? undefined;
	} catch {
		// Storage denied outright (some private modes): nothing outside memory to keep it in.
		return undefined;
	}
}

/** The list of sessions waiting to be written. */
export class PendingSessions {
	#store: PendingStore | undefined;

	constructor(store: PendingStore | undefined = browserStore()) {
		this.#store = store;
	}

	/** Every session waiting, oldest first; a list that cannot be read is an empty one. */
	list(): StoredSession[] {
		try {
			const parsed: unknown = JSON.parse(this.#store?.getItem(PENDING_KEY) ?? '[]');
			return Array.isArray(parsed) ? parsed.filter(isSession) : [];
		} catch {
			return [];
		}
	}

	/** Keeps a session (replacing an older copy of it); false when it could not be kept here. */
	keep(session: StoredSession): boolean {
		const others = this.list().filter((other) => !sameSession(other, session));
		// A stored id belongs to a database the session never reached: it gets its own there.
		const copy = { ...session };
		delete copy.id;
		const kept = [...others, copy].slice(-MAX_PENDING);
		// Past the bound, the oldest waiting go first: the newest session is the one in hand.
		while (kept.length > 1 && JSON.stringify(kept).length > MAX_PENDING_CHARS) kept.shift();
		if (JSON.stringify(kept).length > MAX_PENDING_CHARS) return false;
		return this.#write(kept) && this.list().some((other) => sameSession(other, session));
	}

	/** Lets a session go once it is in the history. */
	forget(session: StoredSession): void {
		const list = this.list();
		const left = list.filter((other) => !sameSession(other, session));
		if (left.length !== list.length) this.#write(left);
	}

	#write(list: StoredSession[]): boolean {
		if (!this.#store) return false;
		try {
			this.#store.setItem(PENDING_KEY, JSON.stringify(list));
			return true;
		} catch {
			// localStorage is full too: the session stays in memory, and the person is told so.
			return false;
		}
	}
}

/** Enough of a session to write it: anything else in the list is not ours to keep. */
function isSession(value: unknown): value is StoredSession {
	if (typeof value !== 'object' || value === null) return false;
	const session = value as Partial<StoredSession>;
	return (
		typeof session.routineId === 'string' &&
		typeof session.startedAtEpochMs === 'number' &&
		typeof session.endedAtEpochMs === 'number' &&
		typeof session.outcome === 'string' &&
		typeof session.record === 'object'
	);
}

/** The database as the flush needs it. */
export interface PendingDatabase {
	write<T>(work: (db: Database) => Promise<StoreResult<T>>): Promise<StoreResult<T>>;
}

/**
 * Writes every waiting session into the history and lets each go once it is there; one the
 * database still refuses waits for the next time. Writing twice stores once (see addSession).
 * Returns how many were written.
 */
export async function writePendingSessions(
	database: PendingDatabase,
	pending = new PendingSessions()
): Promise<number> {
	let written = 0;
	for (const session of pending.list()) {
		const result = await database.write((db) => db.addSession(session));
		if (!result.ok) break;
		pending.forget(session);
		written++;
	}
	return written;
}
