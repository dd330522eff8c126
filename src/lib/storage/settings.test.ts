import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, readSettings, writeSettings, type Settings } from './settings';

function memoryStorage(initial: Record<string, string> = {}) {
	const data = new Map(Object.entries(initial));
	return {
		data,
		getItem: (key: string) => data.get(key) ?? null,
		setItem: (key: string, value: string) => void data.set(key, value)
	};
}

describe('settings', () => {
	it('are the defaults when nothing is stored, or no storage exists', () => {
		expect(readSettings(memoryStorage())).toEqual(DEFAULT_SETTINGS);
		expect(readSettings(undefined)).toEqual(DEFAULT_SETTINGS);
		expect(DEFAULT_SETTINGS.theme).toBe('dark');
		expect(DEFAULT_SETTINGS.speakStepText).toBe(false);
		// The person at home sees no coach's buttons unless they ask for them.
		expect(DEFAULT_SETTINGS.coachControls).toBe(false);
	});

	it('round-trip through storage', () => {
		const storage = memoryStorage();
		const changed: Settings = {
			...DEFAULT_SETTINGS,
			volume: 0.4,
			voice: false,
			countdownSec: 10,
			theme: 'light',
			coachControls: true
		};
		expect(writeSettings(storage, changed)).toEqual({ ok: true });
		expect(readSettings(storage)).toEqual(changed);
	});

	it('keep every good key of a damaged entry and default the rest', () => {
		const storage = memoryStorage({
			'liana.settings.v1': JSON.stringify({
				volume: 7,
				voice: false,
				countdownSec: 4,
				theme: 'neon',
				chimes: 'yes',
				coachControls: 'on'
			})
		});
		expect(readSettings(storage)).toEqual({ ...DEFAULT_SETTINGS, voice: false });
	});

	it('give settings kept before the sound bed existed a low rain, keeping every other key', () => {
		const before = {
			...DEFAULT_SETTINGS,
			volume: 0.5,
			theme: 'light',
			coachControls: true
		} as Partial<Settings>;
		delete before.soundBed;
		delete before.bedVolume;
		const storage = memoryStorage({ 'liana.settings.v1': JSON.stringify(before) });
		expect(readSettings(storage)).toEqual({
			...DEFAULT_SETTINGS,
			volume: 0.5,
			theme: 'light',
			coachControls: true,
			soundBed: 'rain',
			bedVolume: 0.35
		});
	});

	it('keep a chosen sound bed and its volume, and refuse ones that do not exist', () => {
		const storage = memoryStorage();
		writeSettings(storage, { ...DEFAULT_SETTINGS, soundBed: 'sea', bedVolume: 0.8 });
		expect(readSettings(storage)).toMatchObject({ soundBed: 'sea', bedVolume: 0.8 });
		writeSettings(storage, { ...DEFAULT_SETTINGS, soundBed: 'none', bedVolume: 0 });
		expect(readSettings(storage)).toMatchObject({ soundBed: 'none', bedVolume: 0 });
		const odd = memoryStorage({
			'liana.settings.v1': JSON.stringify({ soundBed: 'thunder', bedVolume: 1.5 })
		});
		expect(readSettings(odd)).toMatchObject({ soundBed: 'rain', bedVolume: 0.35 });
	});

	it('survive an entry that is not JSON', () => {
		expect(readSettings(memoryStorage({ 'liana.settings.v1': '{oops' }))).toEqual(DEFAULT_SETTINGS);
	});

	it('say so when storage is full, and leave the stored entry as it was', () => {
		const storage = memoryStorage({ 'liana.settings.v1': JSON.stringify({ volume: 0.2 }) });
		const full = {
			getItem: storage.getItem,
			setItem: () => {
				throw new DOMException('full', 'QuotaExceededError');
			}
		};
		const result = writeSettings(full, { ...DEFAULT_SETTINGS, volume: 1 });
		expect(result).toEqual({ ok: false, message: expect.stringContaining('storage is full') });
		expect(readSettings(storage).volume).toBe(0.2);
	});
});
