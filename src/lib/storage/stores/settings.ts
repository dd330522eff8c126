/** The settings store: the person's settings, one entry (their shape is ../settings.ts's). */
import type { Connection, Writes } from './schema';

const SETTINGS_KEY = 'settings';

/** The settings, read. */
export const settingsReads = (db: Connection) => ({
	/** The settings as last saved here (any shape: the reader checks them key by key). */
	async settings(): Promise<unknown> {
		return db.get('settings', SETTINGS_KEY);
	}
});

export const saveSettings = (writes: Writes, settings: object) =>
	writes.put('settings', settings, SETTINGS_KEY);
