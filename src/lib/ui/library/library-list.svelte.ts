/**
 * The library as listed: built-in and own routines, drafts in progress, a page of own routines at
 * a time, delete with undo, duplicate. Every failure becomes words on the screen and leaves what
 * was stored, and the list, as it was.
 */
import type { Routine } from '../../routine';
import { measureRoutine } from '../../routine/measure';
import { DEFAULT_COMPILE_OPTIONS } from '../../routine/timeline';
import type { RoutineLoad } from '../../storage/built-in-routines';
import {
	type ReadResult,
	type Recording,
	type RoutineDraft,
	type StoredRoutine
} from '../../storage/database';
import { isNewDraftKey } from '../../storage/draft-keys';
import { readStoredRoutine } from '../../storage/own-routines';
import {
	duplicate,
	exportFile,
	libraryContents,
	type LibraryContents,
	type RoutineFile
} from '../../transfer/routine-import';
import type { PackedRecording } from '../../transfer/routine-pack';
import type { DatabaseModel } from '../database.svelte';
import type { LibraryStatus } from './library-status.svelte';

/** One routine as the library lists it. */
export interface LibraryEntry {
	id: string;
	routine: Routine;
	/** The file's text as written (own) or shipped (built-in): what export gives. */
	text: string;
	own: boolean;
	totalMs: number;
	lastPlayedEpochMs: number | undefined;
	/** The routine has cues recorded in the coach's own voice: Export pack carries them. */
	recorded: boolean;
}

/** A routine being written, as the library lists it to go back to. */
export interface DraftEntry {
	key: string;
	title: string;
	/** It changes a saved routine (rather than being a new one). */
	editsSaved: boolean;
	updatedAtEpochMs: number;
}

/** A routine that cannot be listed as playable: a built-in that failed to load, a stale own one. */
export interface BrokenEntry {
	/** The own routine's id, to delete it; none for a built-in. */
	id: string | undefined;
	message: string;
}

/** A stored draft as listed: its title as typed so far. */
function draftEntry(draft: RoutineDraft): DraftEntry {
	const routine = draft.routine;
	const title =
		typeof routine === 'object' && routine !== null && 'title' in routine ? routine.title : '';
	return {
		key: draft.key,
		title: typeof title === 'string' && title.trim() !== '' ? title : 'Untitled routine',
		editsSaved: !isNewDraftKey(draft.key),
		updatedAtEpochMs: draft.updatedAtEpochMs
	};
}

/** Own routines listed at first, and added by each "show older". */
export const OWN_PAGE = 30;

/** The list's surroundings: the database, the clock, and where it says what happened. */
export interface LibraryListOptions {
	database: Pick<DatabaseModel, 'get' | 'write'>;
	now: () => number;
	/** The screen's alert and notice, which the import flow and export say theirs in too. */
	status: LibraryStatus;
}

/** The routines and drafts the library lists, and every action on one of them. */
export class LibraryList {
	#builtIns: () => readonly RoutineLoad[];
	#database: LibraryListOptions['database'];
	#now: () => number;
	#status: LibraryStatus;
	#stored = $state.raw<readonly StoredRoutine[]>([]);
	#lastPlayed = $state.raw<ReadonlyMap<string, number>>();
	/** The routines with recorded cues, as last read; replaced whole, never changed in place. */
	#recorded = $state.raw<ReadonlySet<string>>();

	/** Routines being written in the editor, the latest edited first. */
	drafts = $state.raw<readonly DraftEntry[]>([]);
	/** The own routines have been read once, so an empty list means there are none. */
	loaded = $state(false);
	/** A routine to move focus to once it is listed (one put back by Undo). */
	focusId = $state<string>();

	readonly builtIn: readonly (LibraryEntry | BrokenEntry)[] = $derived.by(() =>
		this.#builtIns().map((load) =>
			load.ok
				? this.#entry(load.routine, load.text, false)
				: { id: undefined, message: load.message }
		)
	);

	#ownSorted = $derived([...this.#stored].sort((a, b) => b.addedAtEpochMs - a.addedAtEpochMs));
	/**
	 * How many own routines are listed: a coach's library runs to hundreds, and reading and drawing
	 * them all took most of the library's first 130 ms; older ones are a tap away.
	 */
	ownShown = $state(OWN_PAGE);
	/** How many own routines there are, listed or not. */
	readonly ownCount = $derived(this.#stored.length);
	/** The person's routines, the newest first, as many as are listed. */
	readonly own: readonly (LibraryEntry | BrokenEntry)[] = $derived(
		this.#ownSorted.slice(0, this.ownShown).map((stored) => this.#ownEntry(stored))
	);

	constructor(builtIns: () => readonly RoutineLoad[], options: LibraryListOptions) {
		this.#builtIns = builtIns;
		this.#database = options.database;
		this.#now = options.now;
		this.#status = options.status;
	}

	/** Lists the next page of older own routines. */
	showOlder(): void {
		this.ownShown += OWN_PAGE;
	}

	#ownEntry(stored: StoredRoutine): LibraryEntry | BrokenEntry {
		const load = readStoredRoutine(stored);
		return load.ok
			? this.#entry(load.routine, load.text, true)
			: { id: stored.id, message: load.message };
	}

	#entry(routine: Routine, text: string, own: boolean): LibraryEntry {
		return {
			id: routine.id,
			routine,
			text,
			own,
			// By arithmetic: a library of long routines opens without building a timeline.
			totalMs: measureRoutine(routine, DEFAULT_COMPILE_OPTIONS).durationMs,
			lastPlayedEpochMs: this.#lastPlayed?.get(routine.id),
			recorded: own && this.#recorded?.has(routine.id) === true
		};
	}

	/** Reads the own routines and when each routine was last played. */
	async refresh(): Promise<void> {
		const db = await this.#database.get();
		// No database: the layout says why; the built-in routines are still listed.
		const read = await db?.read('Your routines', (d) =>
			Promise.all([d.routines(), d.lastPlayed(), d.recordedRoutineIds(), d.drafts()])
		);
		if (read?.ok) {
			const [stored, lastPlayed, recorded, drafts] = read.value;
			this.#stored = stored;
			this.#lastPlayed = lastPlayed;
			this.#recorded = recorded;
			this.drafts = drafts.map(draftEntry);
		} else if (read) this.#status.fail(read.message);
		this.loaded = true;
	}

	/** Every id taken, own or built-in: what an import or a copy is decided against. */
	contents(): LibraryContents {
		const builtInIds = this.#builtIns().flatMap((load) => (load.ok ? [load.routine.id] : []));
		return libraryContents(this.#stored, builtInIds);
	}

	/** The own routine stored under `id`, readable or not. */
	stored(id: string): StoredRoutine | undefined {
		return this.#stored.find((stored) => stored.id === id);
	}

	/** Any routine by id, own (listed or not) or built-in, if it can be read. */
	find(id: string): LibraryEntry | undefined {
		const stored = this.stored(id);
		const entry = stored
			? this.#ownEntry(stored)
			: this.builtIn.find((builtIn) => builtIn.id === id);
		return entry && 'routine' in entry ? entry : undefined;
	}

	/** The cues recorded for a routine, as stored, or why they could not be read; none without a database. */
	async recordings(id: string): Promise<ReadResult<Recording[]>> {
		const db = await this.#database.get();
		const read = await db?.read('Your recorded cues', (d) => d.recordings(id));
		return read ?? { ok: true, value: [] };
	}

	/** The routine's file, exactly as written or shipped; an own one the app no longer plays too. */
	file(id: string): RoutineFile | undefined {
		const entry = this.find(id) ?? this.stored(id);
		return entry && exportFile(entry.id, entry.text);
	}

	/**
	 * Stores a routine (with a pack's recordings, in place of any it had, under its id: a copy's
	 * recordings are the copy's) and lists it; a failed write is said, and nothing changes.
	 */
	async store(
		stored: StoredRoutine,
		routine: Routine,
		packed?: readonly PackedRecording[]
	): Promise<boolean> {
		const recordings: Recording[] | undefined = packed?.map((recording) => ({
			...recording,
			routineId: stored.id,
			recordedAtEpochMs: stored.updatedAtEpochMs
		}));
		const saved = await this.#database.write((db) =>
			recordings ? db.putRoutineWithRecordings(stored, recordings) : db.putRoutine(stored)
		);
		if (!saved.ok) {
			this.#status.fail(`“${routine.title}” was not saved. ${saved.message}`);
			return false;
		}
		await this.refresh();
		return true;
	}

	/**
	 * Deletes an own routine for real, with the cues recorded for it (a later routine given its id
	 * starts with none); the notice's Undo puts both back exactly as they were.
	 */
	async remove(id: string): Promise<void> {
		this.#status.begin();
		const stored = this.stored(id);
		if (!stored) return;
		const title = this.find(id)?.routine.title ?? id;
		const removed = await this.#database.write((db) => db.deleteRoutineWithRecordings(id));
		if (!removed.ok) {
			this.#status.fail(`“${title}” was not deleted. ${removed.message}`);
			return;
		}
		this.#stored = this.#stored.filter((routine) => routine.id !== id);
		this.#status.notice = {
			message: `Deleted “${title}”.`,
			undo: { routine: stored, recordings: removed.value }
		};
	}

	/** Puts back the routine just deleted: same text, dates, recordings and place in the list. */
	async undo(): Promise<void> {
		const deleted = this.#status.notice?.undo;
		this.#status.begin();
		if (!deleted) return;
		const stored = deleted.routine;
		const restored = await this.#database.write((db) =>
			db.putRoutineWithRecordings(stored, deleted.recordings)
		);
		if (!restored.ok) {
			this.#status.fail(`The routine was not put back. ${restored.message}`);
			return;
		}
		await this.refresh();
		this.#status.notice = {
			message: `Put back “${this.find(stored.id)?.routine.title ?? stored.id}”.`
		};
		this.focusId = stored.id;
	}

	/** Adds an own copy of any routine, titled "… (copy)". */
	async duplicate(id: string): Promise<void> {
		this.#status.begin();
		const entry = this.find(id);
		if (!entry) return;
		const copy = duplicate(entry.routine, entry.text, this.contents(), this.#now());
		if (!copy) {
			this.#status.fail(`“${entry.routine.title}” could not be copied; nothing changed.`);
			return;
		}
		if (await this.store(copy, entry.routine)) {
			this.#status.notice = {
				message: `Added “${this.find(copy.id)?.routine.title ?? copy.id}”.`
			};
		}
	}

	/**
	 * Forgets a draft in progress; the routine it edits, if saved, stays as saved, recordings too.
	 * A new routine's draft goes with the cues recorded for it, which nothing else can play.
	 */
	async discardDraft(key: string): Promise<void> {
		this.#status.begin();
		const title = this.drafts.find((draft) => draft.key === key)?.title ?? 'the draft';
		const discarded = await this.#database.write((db) => db.discardDraftWithRecordings(key));
		if (!discarded.ok) {
			this.#status.fail(`“${title}” was not discarded. ${discarded.message}`);
			return;
		}
		this.drafts = this.drafts.filter((draft) => draft.key !== key);
		this.#status.notice = { message: `Discarded the draft “${title}”.` };
	}
}
