/**
 * The routine's page offers its session as one audio file: this model makes it (the maker is
 * fetched only when asked for), shows how far along it is, cancels it, and saves it through the
 * app's one download. Nothing stored is written, so a failure loses nothing.
 */
import { CUE_SPRITE, cueDurationsMs } from '../../audio/cues';
import { sessionSounds } from '../../audio/file/session-sounds';
import type { OwnRecording } from '../../audio/own-voice';
import type {
	SessionFileRequest,
	SessionFileResult,
	SoundBedRequest
} from '../../audio/file/session-file';
import { compileTimeline, type Routine } from '../../routine';
import type { Settings } from '../../storage/settings';
import { downloadFile, type DownloadFile } from '../download';
import { NOT_LOADED } from '../lazy.svelte';

/** Where the file stands, as the person sees it. */
export type AudioFileState =
	| { kind: 'idle' }
	| { kind: 'making'; percent: number }
	| { kind: 'saved'; name: string }
	| { kind: 'failed'; message: string };

/** The maker's one function, fetched when first asked for. */
type MakeSessionFile = (
	request: SessionFileRequest,
	options: { onProgress: (fraction: number) => void; signal: AbortSignal }
) => Promise<SessionFileResult>;

export interface AudioFileOptions {
	routine: () => Routine;
	settings: () => Settings;
	/** The coach's recorded cues for the routine (none: the built-in voice alone). */
	recordings?: () => Promise<readonly OwnRecording[]>;
	/** The sound bed the person chose, to loop under the guidance (none: guidance alone); never rejects. */
	bed?: () => Promise<SoundBedRequest | undefined>;
	/** The maker, fetched: the browser's import unless a test hands in its own. */
	load?: () => Promise<MakeSessionFile>;
	download?: (file: DownloadFile) => void;
}

const loadMaker = async (): Promise<MakeSessionFile> =>
	(await import('../../audio/file/session-file')).makeSessionFile;

export class AudioFileModel {
	state = $state.raw<AudioFileState>({ kind: 'idle' });
	#options: AudioFileOptions;
	#abort: AbortController | undefined;

	constructor(options: AudioFileOptions) {
		this.#options = options;
	}

	/** Makes the file and saves it; a second call while one is made does nothing. */
	async make(): Promise<void> {
		if (this.state.kind === 'making') return;
		const abort = new AbortController();
		this.#abort = abort;
		this.state = { kind: 'making', percent: 0 };
		const result = await this.#make(abort.signal);
		if (this.#abort !== abort) return;
		this.#abort = undefined;
		switch (result.kind) {
			case 'made':
				(this.#options.download ?? downloadFile)({
					name: result.name,
					type: 'audio/mpeg',
					bytes: result.bytes
				});
				this.state = { kind: 'saved', name: result.name };
				return;
			case 'cancelled':
				this.state = { kind: 'idle' };
				return;
			case 'failed':
				this.state = { kind: 'failed', message: result.message };
				return;
			default: {
				const unhandled: never = result;
				throw new Error(`unknown result ${String(unhandled)}`);
			}
		}
	}

	/** Stops the rendering and the encoder; the page is as it was before. */
	cancel(): void {
		this.#abort?.abort();
	}

	async #make(signal: AbortSignal): Promise<SessionFileResult> {
		let make: MakeSessionFile;
		try {
			make = await (this.#options.load ?? loadMaker)();
		} catch {
			return { kind: 'failed', message: NOT_LOADED };
		}
		const settings = this.#options.settings();
		const timeline = compileTimeline(this.#options.routine(), {
			countdownSec: settings.countdownSec
		});
		let recordings: readonly OwnRecording[] = [];
		try {
			recordings = (await this.#options.recordings?.()) ?? [];
		} catch {
			// Unreadable recordings: the built-in voice speaks, as it does in the player.
		}
		const sound = { voice: settings.voice, chimes: settings.chimes };
		const bed = await this.#options.bed?.();
		return make(
			{
				routine: timeline.routine,
				// The player's own plan, made here where its code already is.
				plan: (recorded) => sessionSounds(timeline, sound, cueDurationsMs(), recorded),
				sprite: CUE_SPRITE,
				settings: { ...sound, volume: settings.volume },
				recordings,
				...(bed ? { bed } : {})
			},
			{
				signal,
				onProgress: (fraction) => {
					if (!signal.aborted) this.state = { kind: 'making', percent: Math.floor(fraction * 100) };
				}
			}
		);
	}
}
