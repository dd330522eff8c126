/**
 * The database's shape for idb's types: each store, its key and indexes, as the store's own module
 * describes its values. How writes run (alone, or several stores in one transaction) is
 * database.ts's; a store's module says what its writes do.
 */
import type {
	DBSchema,
	IDBPDatabase,
	IDBPTransaction,
	StoreKey,
	StoreNames,
	StoreValue
} from 'idb';
import type { StoreResult } from '../database';
import type { Checkpoint } from './checkpoint';
import type { RoutineDraft } from './drafts';
import type { Recording } from './recordings';
import type { StoredRoutine } from './routines';
import type { StoredSession } from './sessions';

export interface LianaSchema extends DBSchema {
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

/** The open database, as the stores' reads and writes use it. */
export type Connection = IDBPDatabase<LianaSchema>;

/** One read-write transaction over `S`. */
export type Writing<S extends StoreNames<LianaSchema>[]> = IDBPTransaction<
	LianaSchema,
	S,
	'readwrite'
>;

/** How a store's writes run, each to a result that says why not in words (database.ts). */
export interface Writes {
	/** Adds or replaces one value (`key` for a store whose values do not hold their key). */
	put<S extends StoreNames<LianaSchema>>(
		store: S,
		value: StoreValue<LianaSchema, S>,
		key?: StoreKey<LianaSchema, S>
	): Promise<StoreResult>;
	/** Deletes one value, if it is there. */
	delete<S extends StoreNames<LianaSchema>>(
		store: S,
		key: StoreKey<LianaSchema, S>
	): Promise<StoreResult>;
	/** One write; a failure is a result, and nothing stored changes. */
	one<T>(work: (db: Connection) => Promise<T>): Promise<StoreResult<T>>;
	/** One transaction over `stores`: all of `work` is kept or, when any of it throws, none. */
	all<T, const S extends StoreNames<LianaSchema>[]>(
		stores: S,
		work: (tx: Writing<S>) => Promise<T>
	): Promise<StoreResult<T>>;
}
