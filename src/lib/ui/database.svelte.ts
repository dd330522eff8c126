/**
 * The app's one connection to its database, opened on first use and shared with context. A
 * browser that keeps nothing (private mode) or an upgrade blocked by another tab becomes a
 * message the screens show, never a crash: sessions still play without it.
 */
import { getContext, setContext } from 'svelte';
import { Database, type StoreResult } from '../storage/database';

const KEY = Symbol('database');

type Opener = (onBlocked: (message: string) => void) => Promise<StoreResult<Database>>;

export class DatabaseModel {
	#open: Opener;
	#opened: Promise<Database | undefined> | undefined;
	/** Why nothing can be saved right now, or empty. */
	problem = $state('');

	constructor(open: Opener = (onBlocked) => Database.open(undefined, undefined, onBlocked)) {
		this.#open = open;
	}

	/** The database, or undefined (with {@link problem} saying why) where none can be had. */
	get(): Promise<Database | undefined> {
		this.#opened ??= this.#open((message) => (this.problem = message)).then((opened) => {
			this.problem = opened.ok ? '' : opened.message;
			return opened.ok ? opened.value : undefined;
		});
		return this.#opened;
	}

	/** Runs a write; no database is a failed write with the reason, like any other. */
	async write<T>(work: (db: Database) => Promise<StoreResult<T>>): Promise<StoreResult<T>> {
		const db = await this.get();
		if (!db) return { ok: false, message: this.problem };
		return work(db);
	}
}

/** Makes the app's database available below this component. */
export function provideDatabase(model = new DatabaseModel()): DatabaseModel {
	return setContext(KEY, model);
}

/** The app's database, provided by the root layout. */
export function useDatabase(): DatabaseModel {
	const model = getContext<DatabaseModel | undefined>(KEY);
	if (!model) throw new Error('useDatabase() needs provideDatabase() in a parent layout');
	return model;
}
