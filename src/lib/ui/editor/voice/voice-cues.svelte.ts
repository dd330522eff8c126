/**
 * The coach's own voice for one routine, as the recording list shows it: which cues have a
 * recording, and recording (the microphone through getUserMedia and MediaRecorder), playing back,
 * re-recording and deleting each. Recordings live in the database's `recordings` store, where
 * the player finds them. Every failure is words on the screen, and what was stored stays.
 */
import type { Routine } from '../../../routine';
import { cueKey, DEFAULTS_SCOPE, VOICE_PHASES, type VoicePhase } from '../../../routine/cue-keys';
import type { StepType } from '../../../routine/schema';
import { errorName, type Recording } from '../../../storage/database';
import type { DatabaseModel } from '../../database.svelte';
import { PHASE_LABELS } from '../../labels';

/** One cue a coach can record: its key, its phase and its name in words. */
export interface CueTarget {
	cue: string;
	phase: VoicePhase;
	/** "Soften, Hip opener (left)": what the buttons and messages call it. */
	label: string;
}

/** The cues of one scope: the routine as a whole (`defaults`) or one step. */
export interface CueScope {
	scope: string;
	title: string;
	targets: CueTarget[];
}

/** The phases a step of each type goes through, in order. */
const STEP_PHASES: Record<StepType, readonly VoicePhase[]> = {
	stretch: ['approach', 'breathe', 'soften', 'come-back', 'rest', 'release', 'recover'],
	breathe: ['breathe', 'rest', 'release', 'recover'],
	rest: ['rest', 'release', 'recover']
};

function target(scope: string, phase: VoicePhase, where: string): CueTarget {
	return { cue: cueKey(scope, phase), phase, label: `${PHASE_LABELS[phase]}, ${where}` };
}

/** The routine's own cues: for every step, and before and after the session. */
export function defaultsScope(): CueScope {
	return {
		scope: DEFAULTS_SCOPE,
		title: 'Every step',
		targets: VOICE_PHASES.map((phase) => target(DEFAULTS_SCOPE, phase, 'every step'))
	};
}

/** One step's cues, by the phases a step of its type goes through. */
export function stepScope(step: {
	id: string;
	type: StepType;
	title: string;
	side?: string | undefined;
}): CueScope {
	const title = step.side ? `${step.title} (${step.side})` : step.title;
	return {
		scope: step.id,
		title,
		targets: STEP_PHASES[step.type].map((phase) => target(step.id, phase, title))
	};
}

/** Every cue of a routine that can be recorded: the routine's own, then each step's. */
export function cueScopes(routine: Pick<Routine, 'steps'>): CueScope[] {
	return [
		defaultsScope(),
		...routine.steps.map((step) =>
			stepScope({ ...step, side: 'side' in step ? step.side : undefined })
		)
	];
}

/** What the list shows of a stored recording. */
export interface RecordedCue {
	durationSec: number;
	mimeType: string;
}

/** A recording being played back: it can be stopped. */
export interface Playback {
	stop(): void;
}

/** The browser's recording: what the model needs of MediaRecorder. */
export interface Recorder {
	readonly mimeType: string;
	ondataavailable: ((event: { data: Blob }) => void) | null;
	onstop: (() => void) | null;
	onerror: ((event: Event) => void) | null;
	/** Starts recording, handing over what it has every `timesliceMs`. */
	start(timesliceMs: number): void;
	stop(): void;
}

/** The recorder hands over sound this often, so the list can say the microphone is heard. */
const RECORDER_SLICE_MS = 250;

/** The environment, as options with defaults, so a test hands in its own. */
export interface VoiceCuesOptions {
	routineId: string;
	database: Pick<DatabaseModel, 'get' | 'write'>;
	/** The microphone; undefined where the browser has none to offer. */
	getUserMedia?: ((constraints: MediaStreamConstraints) => Promise<MediaStream>) | undefined;
	/** Makes a recorder of a stream; undefined where the browser has no MediaRecorder. */
	makeRecorder?: ((stream: MediaStream) => Recorder) | undefined;
	/** A recording's length in seconds, by decoding it (which also proves it plays). */
	measure?: (audio: ArrayBuffer) => Promise<number>;
	/** Plays a recording; `onended` when it is over. */
	play?: (audio: Blob, onended: () => void) => Promise<Playback>;
	now?: () => number;
	/** Where messages are said (the screen's one polite live region); the list's own if none. */
	announce?: (message: string) => void;
	/** Hears that the stored recordings changed (a player on the same page reads them again). */
	onchange?: () => void;
	/** A recording stops by itself after this long, so a forgotten one does not run on. */
	maxRecordingMs?: number;
	setTimer?: (work: () => void, ms: number) => () => void;
}

/** Types to record in, the best first: Opus in WebM (Chromium, Firefox), then MP4 (Safari). */
const RECORDING_TYPES = [
	'audio/webm;codecs=opus',
	'audio/webm',
	'audio/ogg;codecs=opus',
	'audio/mp4'
];

/** A recording stops by itself after two minutes. */
export const MAX_RECORDING_MS = 120_000;

export const NO_RECORDER =
	'This browser cannot record sound. Record in a current Chrome, Edge, Firefox or Safari, then bring the routine here as a routine pack.';

/** Words for a microphone that could not be opened, saying what to do. */
export function microphoneProblem(error: unknown): string {
	const name = error instanceof DOMException || error instanceof Error ? error.name : '';
	switch (name) {
		case 'NotAllowedError':
		case 'SecurityError':
			return 'The microphone was refused, so nothing was recorded. Allow Liana to use the microphone (the icon by the address), then press Record again.';
		case 'NotFoundError':
		case 'OverconstrainedError':
			return 'No microphone was found, so nothing was recorded. Connect one, then press Record again.';
		case 'NotReadableError':
		case 'AbortError':
			return 'The microphone is busy, so nothing was recorded: another app may be using it. Close that app, then press Record again.';
		default:
			return `The microphone could not be opened (${name || 'unknown error'}), so nothing was recorded. Press Record to try again.`;
	}
}

/** One routine's recorded cues; one per list on screen. */
export class VoiceCuesModel {
	#routineId: string;
	#database: VoiceCuesOptions['database'];
	#getUserMedia: VoiceCuesOptions['getUserMedia'];
	#makeRecorder: VoiceCuesOptions['makeRecorder'];
	#measure: (audio: ArrayBuffer) => Promise<number>;
	#play: (audio: Blob, onended: () => void) => Promise<Playback>;
	#now: () => number;
	#announce: ((message: string) => void) | undefined;
	#onchange: () => void;
	#maxRecordingMs: number;
	#setTimer: (work: () => void, ms: number) => () => void;
	#active:
		{ cue: string; recorder: Recorder; stream: MediaStream; cancelTimer: () => void } | undefined;
	#playback: Playback | undefined;
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- names for messages: nothing renders from it.
	#labels = new Map<string, string>();

	/** The recorded cues by key, as stored; replaced whole on each change. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a new map replaces the old whole ($state.raw); none is changed in place.
	recorded = $state.raw<ReadonlyMap<string, RecordedCue>>(new Map());
	/** The recordings have been read once: an empty list means there are none. */
	loaded = $state(false);
	/** The cue being recorded now, or undefined. */
	recording = $state<string>();
	/** The recording under way has received sound (the microphone works). */
	hearing = $state(false);
	/** The microphone is being asked for. */
	starting = $state(false);
	/** The cue being played back now, or undefined. */
	playing = $state<string>();
	/** What went wrong, said as an alert, or empty. */
	problem = $state('');
	/** What just happened, when the list says it itself (no `announce`). */
	status = $state('');

	constructor(options: VoiceCuesOptions) {
		this.#routineId = options.routineId;
		this.#database = options.database;
		this.#getUserMedia = 'getUserMedia' in options ? options.getUserMedia : browserMicrophone();
		this.#makeRecorder = 'makeRecorder' in options ? options.makeRecorder : browserRecorder();
		this.#measure = options.measure ?? measureInBrowser;
		this.#play = options.play ?? playInBrowser;
		this.#now = options.now ?? (() => Date.now());
		this.#announce = options.announce;
		this.#onchange = options.onchange ?? (() => {});
		this.#maxRecordingMs = options.maxRecordingMs ?? MAX_RECORDING_MS;
		this.#setTimer =
			options.setTimer ??
			((work, ms) => {
				const timer = setTimeout(work, ms);
				return () => clearTimeout(timer);
			});
	}

	get routineId(): string {
		return this.#routineId;
	}

	/** Names the cues in words for the messages (the list's targets). */
	name(targets: readonly CueTarget[]): void {
		for (const target of targets) this.#labels.set(target.cue, target.label);
	}

	#label(cue: string): string {
		return this.#labels.get(cue) ?? cue;
	}

	#say(message: string): void {
		if (this.#announce) this.#announce(message);
		else this.status = message;
	}

	/** Reads which cues have a recording. */
	async load(): Promise<void> {
		const db = await this.#database.get();
		const read = (await db?.read('Your recordings', (d) => d.recordings(this.#routineId))) ?? {
			ok: true,
			value: []
		};
		if (read.ok) {
			// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a new map replaces the old whole ($state.raw); none is changed in place.
			this.recorded = new Map(
				read.value.map((r) => [r.cue, { durationSec: r.durationSec, mimeType: r.mimeType }])
			);
		} else this.problem = read.message;
		this.loaded = true;
	}

	/** Starts recording a cue (or recording it again): asks for the microphone first. */
	record = async (cue: string): Promise<void> => {
		if (this.#active || this.starting) return;
		this.problem = '';
		const getUserMedia = this.#getUserMedia;
		const makeRecorder = this.#makeRecorder;
		if (!getUserMedia || !makeRecorder) {
			this.problem = NO_RECORDER;
			return;
		}
		this.starting = true;
		let stream: MediaStream;
		try {
			stream = await getUserMedia({ audio: true });
		} catch (error) {
			this.problem = microphoneProblem(error);
			return;
		} finally {
			this.starting = false;
		}
		let recorder: Recorder;
		try {
			recorder = makeRecorder(stream);
		} catch (error) {
			stopTracks(stream);
			this.problem = `${NO_RECORDER} (${errorName(error)})`;
			return;
		}
		const chunks: Blob[] = [];
		recorder.ondataavailable = (event) => {
			if (event.data.size === 0) return;
			chunks.push(event.data);
			this.hearing = true;
		};
		recorder.onerror = () => {
			this.problem = `Recording “${this.#label(cue)}” failed, so nothing was saved. Press Record to try again.`;
		};
		recorder.onstop = () => void this.#keep(cue, chunks, recorder.mimeType, stream);
		const cancelTimer = this.#setTimer(() => {
			this.#say(`Recording stopped after ${this.#maxRecordingMs / 60_000} minutes.`);
			this.stop();
		}, this.#maxRecordingMs);
		this.#active = { cue, recorder, stream, cancelTimer };
		this.recording = cue;
		this.hearing = false;
		recorder.start(RECORDER_SLICE_MS);
		this.#say(`Recording “${this.#label(cue)}”. Speak now, then press Stop.`);
	};

	/** Stops the recording under way; it is kept once the recorder hands it over. */
	stop = (): void => {
		const active = this.#active;
		if (!active) return;
		active.cancelTimer();
		active.recorder.stop();
	};

	async #keep(cue: string, chunks: Blob[], mimeType: string, stream: MediaStream): Promise<void> {
		stopTracks(stream);
		this.#active = undefined;
		this.recording = undefined;
		this.hearing = false;
		const label = this.#label(cue);
		const type = mimeType || chunks[0]?.type || 'audio/webm';
		const audio = await new Blob(chunks, { type }).arrayBuffer();
		if (audio.byteLength === 0) {
			this.problem = `Nothing was recorded for “${label}” (the microphone sent no sound). Check it, then press Record again.`;
			return;
		}
		let durationSec: number;
		try {
			// Decoding works on a copy: the bytes stored are the recording as made.
			durationSec = await this.#measure(audio.slice(0));
		} catch (error) {
			this.problem = `The recording for “${label}” could not be played back (${errorName(error)}), so it was not saved. Press Record to try again.`;
			return;
		}
		const recording: Recording = {
			routineId: this.#routineId,
			cue,
			audio,
			mimeType: type,
			durationSec,
			recordedAtEpochMs: this.#now()
		};
		const saved = await this.#database.write((db) => db.putRecording(recording));
		if (!saved.ok) {
			this.problem = `Your recording for “${label}” was not saved. ${saved.message}`;
			return;
		}
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a new map replaces the old whole ($state.raw); none is changed in place.
		this.recorded = new Map([...this.recorded, [cue, { durationSec, mimeType: type }]]);
		this.#onchange();
		this.#say(
			`Saved your recording for “${label}” (${formatSeconds(durationSec)}). The player plays it in place of the built-in voice.`
		);
	}

	/** Plays a recording back; pressed again while it plays, stops it. */
	play = async (cue: string): Promise<void> => {
		if (this.playing === cue) {
			this.stopPlaying();
			return;
		}
		this.stopPlaying();
		this.problem = '';
		const label = this.#label(cue);
		const db = await this.#database.get();
		const read = await db?.read(`Your recording for “${label}”`, (d) =>
			d.recording(this.#routineId, cue)
		);
		// Unread is not gone: the list stays as it is, and recording again is not asked for.
		if (read && !read.ok) {
			this.problem = read.message;
			return;
		}
		const recording = read?.value;
		if (!recording) {
			this.problem = `There is no recording for “${label}” any more (deleted in another tab?).`;
			await this.load();
			return;
		}
		try {
			const blob = new Blob([recording.audio], { type: recording.mimeType });
			this.playing = cue;
			this.#playback = await this.#play(blob, () => {
				if (this.playing === cue) this.playing = undefined;
				this.#playback = undefined;
			});
			this.#say(`Playing your recording for “${label}”.`);
		} catch (error) {
			this.playing = undefined;
			this.problem = `Your recording for “${label}” could not be played back (${errorName(error)}). Record it again.`;
		}
	};

	/** Stops the playback under way. */
	stopPlaying = (): void => {
		this.#playback?.stop();
		this.#playback = undefined;
		this.playing = undefined;
	};

	/** Deletes a recording: the built-in voice speaks that cue again. */
	remove = async (cue: string): Promise<void> => {
		if (this.playing === cue) this.stopPlaying();
		this.problem = '';
		const label = this.#label(cue);
		const deleted = await this.#database.write((db) => db.deleteRecording(this.#routineId, cue));
		if (!deleted.ok) {
			this.problem = `Your recording for “${label}” was not deleted. ${deleted.message}`;
			return;
		}
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a new map replaces the old whole ($state.raw); none is changed in place.
		this.recorded = new Map([...this.recorded].filter(([key]) => key !== cue));
		this.#onchange();
		this.#say(`Deleted your recording for “${label}”; the built-in voice speaks it again.`);
	};

	/**
	 * Moves the recordings to the routine's new id (the routine was saved under another one);
	 * a recording under way is stopped first, and kept under the new id.
	 */
	async moveTo(routineId: string): Promise<void> {
		if (routineId === this.#routineId) return;
		const from = this.#routineId;
		this.#routineId = routineId;
		const moved = await this.#database.write((db) => db.moveRecordings(from, routineId));
		if (!moved.ok) {
			this.problem = `Your recordings stay with the routine's old id “${from}”. ${moved.message}`;
		}
		this.#onchange();
		await this.load();
	}

	/** Lets the microphone and any playback go (the list leaves the screen). */
	disconnect(): void {
		this.stopPlaying();
		const active = this.#active;
		if (!active) return;
		active.cancelTimer();
		// Leaving mid-recording keeps nothing: a half cue is not what the coach meant to say.
		active.recorder.onstop = null;
		try {
			active.recorder.stop();
		} catch {
			// The recorder had stopped already: nothing more to let go of.
		}
		stopTracks(active.stream);
		this.#active = undefined;
		this.recording = undefined;
	}
}

/** "3.2 s" */
export function formatSeconds(seconds: number): string {
	return `${seconds.toFixed(1)} s`;
}

function stopTracks(stream: MediaStream): void {
	for (const track of stream.getTracks()) track.stop();
}

function browserMicrophone(): VoiceCuesOptions['getUserMedia'] {
	const devices = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
	if (!devices?.getUserMedia) return undefined;
	return (constraints) => devices.getUserMedia(constraints);
}

function browserRecorder(): VoiceCuesOptions['makeRecorder'] {
	if (typeof MediaRecorder === 'undefined') return undefined;
	const mimeType = RECORDING_TYPES.find((type) => MediaRecorder.isTypeSupported(type));
	return (stream) => {
		const recorder = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
		const adapter: Recorder = {
			get mimeType() {
				return recorder.mimeType;
			},
			ondataavailable: null,
			onstop: null,
			onerror: null,
			start: (timesliceMs) => recorder.start(timesliceMs),
			stop: () => recorder.stop()
		};
		recorder.ondataavailable = (event) => adapter.ondataavailable?.(event);
		recorder.onstop = () => adapter.onstop?.();
		recorder.onerror = (event) => adapter.onerror?.(event);
		return adapter;
	};
}

/** Decodes a recording off screen (no sound, no tap needed) and gives its length. */
async function measureInBrowser(audio: ArrayBuffer): Promise<number> {
	const context = new OfflineAudioContext(1, 1, 44_100);
	const buffer = await context.decodeAudioData(audio);
	return buffer.duration;
}

async function playInBrowser(audio: Blob, onended: () => void): Promise<Playback> {
	const url = URL.createObjectURL(audio);
	const element = new Audio(url);
	const done = () => {
		URL.revokeObjectURL(url);
		onended();
	};
	element.addEventListener('ended', done, { once: true });
	try {
		await element.play();
	} catch (error) {
		URL.revokeObjectURL(url);
		throw error;
	}
	return {
		stop: () => {
			element.pause();
			element.removeEventListener('ended', done);
			URL.revokeObjectURL(url);
		}
	};
}
