/**
 * The history screen's view-model: reads the stored sessions once, derives the progress from
 * them, exports them and clears them. A browser that keeps nothing is an empty history (the
 * database model says why); a read or a clear that fails says so and leaves what is stored.
 */
import { createContext } from 'svelte';
import { csvFile, jsonFile, type ExportFile } from '../../history/history-export';
import { historyProgress, type HistoryProgress } from '../../history/progress';
import type { ReadResult, StoredSession } from '../../storage/database';
import type { DatabaseModel } from '../database.svelte';
import { PHASE_LABELS } from '../labels';
import type { SessionNotes } from '../session-notes';
import { downloadFile } from '../download';

/** The environment, as options with defaults, so a test hands in its own. */
export interface HistoryOptions {
	/** Wall-clock milliseconds: the moment the weeks are counted from. */
	now?: () => number;
	/** Where an export goes: a browser download by default. */
	save?: (file: ExportFile) => void;
}

/** Which view of /history the address asks for: the list, or one session by its id. */
export type HistoryView = { kind: 'list' } | { kind: 'session'; id: number | undefined };

/** Reads `?session=<id>`; an id that is not a whole positive number is a session not found. */
export function historyView(search: URLSearchParams): HistoryView {
	const value = search.get('session');
	if (value === null) return { kind: 'list' };
	const id = Number(value);
	return { kind: 'session', id: /^[1-9]\d*$/.test(value) ? id : undefined };
}

export class HistoryModel {
	#database: DatabaseModel;
	#now: () => number;
	#save: (file: ExportFile) => void;
	/** Every stored session, newest first. */
	sessions = $state.raw<StoredSession[]>([]);
	/** False until the first read is over: the page shows neither sessions nor "none" before. */
	loaded = $state(false);
	/** When the history was read: "this week" is counted from here. */
	#readAtMs = $state(0);
	/** Why the history could not be read, or empty. */
	readProblem = $state('');
	/** Why the last clear failed, or empty. */
	clearProblem = $state('');
	clearing = $state(false);
	/** The screen's one polite announcement: exports, a saved note, a cleared history. */
	announcement = $state('');
	/** Why the last note could not be saved, or empty. */
	noteProblem = $state('');
	#noteSaving = $state(false);

	constructor(database: DatabaseModel, options: HistoryOptions = {}) {
		this.#database = database;
		this.#now = options.now ?? (() => Date.now());
		this.#save = options.save ?? downloadFile;
	}

	/** Why nothing is kept in this browser (private mode), or empty. */
	get storageProblem(): string {
		return this.#database.problem;
	}

	#progress = $derived(historyProgress(this.sessions, this.#readAtMs));

	/** The figures of the progress panel. */
	get progress(): HistoryProgress {
		return this.#progress;
	}

	/** The moment the history was read, for dates that name the year only when it is another. */
	get nowMs(): number {
		return this.#readAtMs;
	}

	/** Reads the whole history from the database. */
	async load(): Promise<void> {
		const db = await this.#database.get();
		this.#readAtMs = this.#now();
		const read: ReadResult<StoredSession[]> = db
			? await db.read('The history', (d) => d.sessions())
			: { ok: true, value: [] };
		this.sessions = read.ok ? read.value : [];
		this.readProblem = read.ok
			? ''
			: `The history ${read.reason}; nothing was changed. Reload the page to try again.`;
		this.loaded = true;
	}

	/** One session of the history, if it is still stored. */
	session(id: number | undefined): StoredSession | undefined {
		return id === undefined ? undefined : this.sessions.find((s) => s.id === id);
	}

	/**
	 * Saves the coach's note on a stored session (written or changed after the session, from its
	 * detail); a write that fails keeps the note as it was and says why.
	 */
	async saveNote(id: number, text: string): Promise<boolean> {
		const note = text.trim();
		this.#noteSaving = true;
		const result = await this.#database.write((db) => db.updateSession(id, { note }));
		this.#noteSaving = false;
		if (!result.ok) {
			this.noteProblem = `Your note was not saved: ${result.message}`;
			return false;
		}
		this.noteProblem = '';
		this.sessions = this.sessions.map((session) => (session.id === id ? result.value : session));
		this.announcement = note ? 'Note saved.' : 'Note removed.';
		return true;
	}

	/** The note of one stored session, as the note dialog reads and keeps it. */
	notesFor(id: number): SessionNotes {
		// eslint-disable-next-line @typescript-eslint/no-this-alias -- getters below read the model.
		const history = this;
		return {
			get note() {
				return history.session(id)?.note ?? '';
			},
			get noteSaved() {
				return !history.#noteSaving && history.noteProblem === '';
			},
			get problem() {
				return history.noteProblem;
			},
			saveNote: (text: string) => void history.saveNote(id, text)
		};
	}

	/** Downloads the history as CSV, one row per session. */
	exportCsv(): void {
		this.#export(
			csvFile(this.sessions, this.#now(), (phase) => PHASE_LABELS[phase]),
			'a spreadsheet copy'
		);
	}

	/** Downloads the stored sessions as JSON. */
	exportJson(): void {
		this.#export(jsonFile(this.sessions, this.#now()), 'a full copy');
	}

	/** Saves the file; the person is told what it holds, not its name and type (the browser shows those). */
	#export(file: ExportFile, what: string): void {
		this.#save(file);
		const count = this.sessions.length;
		this.announcement = `Saved ${what} of ${count} ${count === 1 ? 'session' : 'sessions'} to your downloads.`;
	}

	/** Deletes every session (the person confirmed it); a failure keeps them and says why. */
	async clear(): Promise<boolean> {
		this.clearing = true;
		const count = this.sessions.length;
		const result = await this.#database.write((db) => db.clearSessions());
		this.clearing = false;
		if (!result.ok) {
			this.clearProblem = `The history was not cleared: ${result.message} Your sessions are all still here.`;
			return false;
		}
		this.sessions = [];
		this.clearProblem = '';
		this.announcement = `History cleared: ${count} ${count === 1 ? 'session' : 'sessions'} deleted.`;
		return true;
	}
}

/** The history screen's model: the /history page provides it, its components use it. */
export const [useHistory, provideHistory] = createContext<HistoryModel>();
