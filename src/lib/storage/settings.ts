/**
 * The person's settings, kept in this browser. Read defensively: a missing, old or damaged entry
 * falls back to defaults key by key, never losing the keys that are still good.
 */

export type Theme = 'dark' | 'light' | 'system';

/** What plays under the guidance: nothing, or one of the loops. */
export type SoundBedSetting = 'none' | 'noise' | 'rain' | 'sea';

/** The sound beds offered, in the order shown. */
export const SOUND_BED_CHOICES: readonly SoundBedSetting[] = ['none', 'noise', 'rain', 'sea'];

export interface Settings {
	/** Guidance volume, 0 to 1. */
	volume: number;
	/** The sound under the guidance. */
	soundBed: SoundBedSetting;
	/** Its own volume, 0 to 1, under the guidance volume. */
	bedVolume: number;
	voice: boolean;
	chimes: boolean;
	/** The countdown before a session, in seconds. */
	countdownSec: number;
	vibration: boolean;
	/** Read each step's text aloud with the browser's own voices. */
	speakStepText: boolean;
	theme: Theme;
	/** The safety note was read before a first session. */
	safetyAcknowledged: boolean;
	/** Shows a coach's buttons (add or take time, hold, note) while a session runs. */
	coachControls: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
	volume: 0.9,
	// Rain, low: what most people pick in relaxation apps, and a playing sound keeps the phone's
	// audio session alive once it locks, where a silent page is stopped.
	soundBed: 'rain',
	bedVolume: 0.35,
	voice: true,
	chimes: true,
	countdownSec: 5,
	vibration: true,
	speakStepText: false,
	theme: 'dark',
	safetyAcknowledged: false,
	coachControls: false
};

/** The countdown lengths offered. */
export const COUNTDOWN_CHOICES = [0, 3, 5, 10, 15] as const;

const KEY = 'liana.settings.v1';

type Reader = Pick<Storage, 'getItem'>;
type Writer = Pick<Storage, 'setItem'>;

/** The stored settings over the defaults; anything unreadable keeps its default. */
export function readSettings(storage: Reader | undefined): Settings {
	let stored: unknown;
	try {
		stored = JSON.parse(storage?.getItem(KEY) ?? 'null');
	} catch {
		return { ...DEFAULT_SETTINGS };
	}
	return settingsFrom(stored);
}

/** True when this browser's quick copy holds settings at all (a first visit has none). */
export function hasStoredSettings(storage: Reader | undefined): boolean {
	try {
		return storage?.getItem(KEY) != null;
	} catch {
		// Some private modes throw on reading storage at all: then nothing is kept there.
		return false;
	}
}

/** Settings from any stored value, key by key over the defaults. */
export function settingsFrom(stored: unknown): Settings {
	if (typeof stored !== 'object' || stored === null) return { ...DEFAULT_SETTINGS };
	const s = stored as Record<string, unknown>;
	const bool = (key: keyof Settings) =>
		typeof s[key] === 'boolean' ? (s[key] as boolean) : (DEFAULT_SETTINGS[key] as boolean);
	const share = (key: 'volume' | 'bedVolume') => {
		const value = s[key];
		return typeof value === 'number' && value >= 0 && value <= 1 ? value : DEFAULT_SETTINGS[key];
	};
	return {
		volume: share('volume'),
		// Settings kept before the sound bed existed have none: they take the default.
		soundBed: SOUND_BED_CHOICES.includes(s['soundBed'] as SoundBedSetting)
			? (s['soundBed'] as SoundBedSetting)
			: DEFAULT_SETTINGS.soundBed,
		bedVolume: share('bedVolume'),
		voice: bool('voice'),
		chimes: bool('chimes'),
		countdownSec: COUNTDOWN_CHOICES.includes(s['countdownSec'] as 0)
			? (s['countdownSec'] as number)
			: DEFAULT_SETTINGS.countdownSec,
		vibration: bool('vibration'),
		speakStepText: bool('speakStepText'),
		theme: ['dark', 'light', 'system'].includes(s['theme'] as string)
			? (s['theme'] as Theme)
			: DEFAULT_SETTINGS.theme,
		safetyAcknowledged: bool('safetyAcknowledged'),
		coachControls: bool('coachControls')
	};
}

export type SaveResult = { ok: true } | { ok: false; message: string };

/** Saves the settings; a full or refused storage is a message, and the old entry stays. */
export function writeSettings(storage: Writer | undefined, settings: Settings): SaveResult {
	if (!storage) return { ok: false, message: 'This browser keeps no settings here.' };
	try {
		storage.setItem(KEY, JSON.stringify(settings));
		return { ok: true };
	} catch (error) {
		const full = error instanceof DOMException && error.name === 'QuotaExceededError';
		return {
			ok: false,
			message: full
				? 'Settings could not be saved: this browser’s storage is full. They apply until you close the page.'
				: 'Settings could not be saved in this browser (private mode?). They apply until you close the page.'
		};
	}
}
