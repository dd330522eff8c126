/**
 * The settings as the screens share them: one model per app, handed down with context, saved
 * on every change. The database is their store of record; a copy in localStorage is read
 * synchronously so the theme and countdown are right on the first paint, before the database
 * answers. A save that fails keeps the change for this visit and says why.
 */
import { createContext } from 'svelte';
import type { Database } from '../storage/database';
import {
	hasStoredSettings,
	readSettings,
	settingsFrom,
	writeSettings,
	type Settings
} from '../storage/settings';

type SettingsStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** The database as the settings use it. */
export interface SettingsDatabase {
	get(): Promise<Database | undefined>;
}

export class SettingsModel {
	#storage: SettingsStorage | undefined;
	#database: SettingsDatabase | undefined;
	#changedHere = false;
	value = $state.raw<Settings>() as Settings;
	/** Why the settings could not be read, or the last change kept, or empty. */
	problem = $state('');

	constructor(
		storage: SettingsStorage | undefined = browserStorage(),
		database?: SettingsDatabase
	) {
		this.#storage = storage;
		this.#database = database;
		this.value = readSettings(storage);
	}

	/**
	 * Reads the settings of record from the database: they win over the quick copy (which the
	 * browser may have cleared); where the database has none yet, the quick copy moves in.
	 */
	async load(): Promise<void> {
		const db = await this.#database?.get();
		if (!db) return;
		const read = await db.read('Your settings', (kept) => kept.settings());
		// The quick copy stands meanwhile: nothing is lost, and the panel says why.
		if (!read.ok) this.problem = read.message;
		if (!read.ok || this.#changedHere) return;
		const stored = read.value;
		if (stored === undefined) {
			if (hasStoredSettings(this.#storage)) await db.saveSettings(this.value);
			return;
		}
		this.value = settingsFrom(stored);
		writeSettings(this.#storage, this.value);
	}

	update(change: Partial<Settings>): void {
		this.#changedHere = true;
		this.value = { ...this.value, ...change };
		const quick = writeSettings(this.#storage, this.value);
		this.problem = quick.ok ? '' : quick.message;
		void this.#save(this.value);
	}

	async #save(settings: Settings): Promise<void> {
		const db = await this.#database?.get();
		if (!db) return;
		const saved = await db.saveSettings(settings);
		// The change still applies for this visit; say it will not last.
		if (!saved.ok) this.problem = `Settings could not be saved: ${saved.message}`;
	}
}

function browserStorage(): SettingsStorage | undefined {
	try {
		return typeof localStorage === 'undefined' ? undefined : localStorage;
	} catch {
		// Some private modes throw on the very mention of localStorage.
		return undefined;
	}
}

const [useSettings, setSettings] = createContext<SettingsModel>();

/** The app's settings model, provided by the root layout. */
export { useSettings };

/** Makes the app's settings model available below this component. */
export function provideSettings(model = new SettingsModel()): SettingsModel {
	return setSettings(model);
}
