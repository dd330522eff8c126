/**
 * The settings as the screens share them: one model per app, handed down with context, saved
 * on every change. A save that fails keeps the change for this visit and says why.
 */
import { getContext, setContext } from 'svelte';
import { readSettings, writeSettings, type Settings } from '../storage/settings';

const KEY = Symbol('settings');

type SettingsStorage = Pick<Storage, 'getItem' | 'setItem'>;

export class SettingsModel {
	#storage: SettingsStorage | undefined;
	value = $state.raw<Settings>() as Settings;
	/** Why the last change could not be kept, or empty. */
	saveProblem = $state('');

	constructor(storage: SettingsStorage | undefined = browserStorage()) {
		this.#storage = storage;
		this.value = readSettings(storage);
	}

	update(change: Partial<Settings>): void {
		this.value = { ...this.value, ...change };
		const saved = writeSettings(this.#storage, this.value);
		this.saveProblem = saved.ok ? '' : saved.message;
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

/** Makes the app's settings model available below this component. */
export function provideSettings(model = new SettingsModel()): SettingsModel {
	return setContext(KEY, model);
}

/** The app's settings model, provided by the root layout. */
export function useSettings(): SettingsModel {
	const model = getContext<SettingsModel | undefined>(KEY);
	if (!model) throw new Error('useSettings() needs provideSettings() in a parent layout');
	return model;
}
