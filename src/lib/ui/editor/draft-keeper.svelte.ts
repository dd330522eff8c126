/**
 * Where the editor's draft is kept: opening it from its address, keeping it in the browser a
 * moment after each change (so a reload loses nothing), saving it to the library (an id in use
 * moves on or is refused), exporting it, trying it and discarding it. Every failure becomes
 * words on the screen.
 */
import {
	copyDraft,
	draftText,
	newDraft,
	readDraft,
	setValue,
	type Draft
} from '../../routine/draft';
import { loadBuiltInRoutine } from '../../storage/built-in-routines';
import { newDraftKey } from '../../storage/draft-keys';
import { copyTitle, exportFile, type RoutineFile } from '../../transfer/routine-import';
import type { DatabaseModel } from '../database.svelte';
import { downloadFile } from '../download';
import { editorParam, editorTarget } from '../editor-address';
import type { DraftForm } from './draft-form.svelte';
import type { DraftIds } from './draft-ids';
import { fileDraft, findOpening } from './draft-opening';
import { keepingLine } from './draft-view';
import type { StepRecordings } from './step-recordings.svelte';

/** What saving does: add a new routine, or replace the own routine it was opened from. */
export type EditorOrigin = { kind: 'new' } | { kind: 'own'; id: string };

/** Whether the draft is kept in this browser yet. */
export type DraftKeeping = 'unchanged' | 'pending' | 'kept' | 'failed';

/** The keeper's surroundings, replaceable in tests. */
export interface KeeperOptions {
	database: Pick<DatabaseModel, 'get' | 'write' | 'problem'>;
	fetch?: typeof fetch;
	/** Wall-clock time, for the draft's date. */
	now?: () => number;
	/** A key for a new routine's draft (draft-keys.ts); random unless a test fixes it. */
	newDraftKey?: () => string;
	download?: (file: RoutineFile) => void;
	/** How long typing may pause before the draft is written: a little, to write less often. */
	keepAfterMs?: number;
	timers?: { set: (run: () => void, ms: number) => number; clear: (id: number) => void };
}

/** The editor around the keeper: the draft's parts, its words, and how it changes the draft. */
export interface KeptEditor {
	form: DraftForm;
	ids: DraftIds;
	recordings: StepRecordings;
	/** Where the keeper says what did not work (an alert) and what happened (politely). */
	words: { problem: string; announcement: string };
	/** Changes the draft as any edit does: one undo step, kept soon. */
	edit: (next: Draft) => void;
}

/** One per editor, inside its model. */
export class DraftKeeper {
	#database: KeeperOptions['database'];
	#fetch: typeof fetch;
	#now: () => number;
	#newDraftKey: () => string;
	#download: (file: RoutineFile) => void;
	#keepAfterMs: number;
	#timers: NonNullable<KeeperOptions['timers']>;
	#pendingTimer: number | undefined;
	#editor: KeptEditor;

	/** `loading` until the draft is read; `missing` when there is nothing to edit at that address. */
	status = $state<'loading' | 'ready' | 'missing'>('loading');
	/** The draft's key in the database (and the editor's address). */
	key = $state('');
	origin = $state.raw<EditorOrigin>({ kind: 'new' });
	keeping = $state<DraftKeeping>('unchanged');
	/** When the draft was last kept, for "kept at …". */
	keptAtEpochMs = $state<number>();
	/** Saved in this visit, and not changed since: the page says so and offers to play it. */
	saved = $state(false);

	/** A saved routine keeps its id: its sessions in the history and its recordings know it by it. */
	readonly idLocked = $derived(this.origin.kind === 'own');
	/** Where the coach's recordings live: the routine's id once saved, the draft's key before. */
	readonly voiceId = $derived(this.origin.kind === 'own' ? this.origin.id : this.key);
	/** Whether the changes are kept in this browser, in words. */
	readonly keepingLine = $derived(keepingLine(this.keeping, this.origin.kind === 'own'));

	constructor(options: KeeperOptions, editor: KeptEditor) {
		this.#database = options.database;
		this.#fetch = options.fetch ?? ((...args) => fetch(...args));
		this.#now = options.now ?? (() => Date.now());
		this.#newDraftKey = options.newDraftKey ?? (() => newDraftKey());
		this.#download = options.download ?? downloadFile;
		this.#keepAfterMs = options.keepAfterMs ?? 400;
		this.#timers = options.timers ?? {
			set: (run, ms) => window.setTimeout(run, ms),
			clear: (id) => window.clearTimeout(id)
		};
		this.#editor = editor;
	}

	/**
	 * Opens what the address's param names (see editor-address.ts): `new`, a new routine's kept
	 * draft, or a routine: its kept draft, the own routine, or a built-in (as an own copy). Returns
	 * the param to show instead, when the draft got a key of its own.
	 */
	async open(param: string): Promise<string | undefined> {
		const target = editorTarget(param);
		const { ids, words } = this.#editor;
		// Opened now for every address, so the first keystroke's write does not wait for it.
		const db = await this.#database.get();
		if (target.kind === 'new') {
			this.#start(this.#newDraftKey(), { kind: 'new' }, newDraft(), false);
			await ids.readTaken();
			return editorParam(this.key);
		}
		const { opening, problem } = await findOpening(db, target, (id) => ids.isBuiltIn(id));
		if (problem !== undefined) words.problem = problem;
		switch (opening.kind) {
			case 'blank':
				this.#start(opening.key, { kind: 'new' }, newDraft(), false);
				break;
			case 'kept':
				this.#start(opening.key, opening.origin, readDraft(opening.kept.routine), true);
				this.keeping = 'kept';
				this.keptAtEpochMs = opening.kept.updatedAtEpochMs;
				words.announcement = 'Your unsaved changes are back.';
				break;
			case 'own':
				this.#start(opening.id, { kind: 'own', id: opening.id }, opening.draft, true);
				break;
			case 'built-in':
				return this.#copyBuiltIn(opening.id);
			case 'missing':
				this.status = 'missing';
				return undefined;
			default:
				return unreachable(opening);
		}
		if (target.kind === 'draft') await ids.readTaken();
		return opening.kind === 'kept' && opening.moved ? editorParam(opening.key) : undefined;
	}

	async #copyBuiltIn(id: string): Promise<string | undefined> {
		const load = await loadBuiltInRoutine(this.#fetch, id);
		if (!load.ok) {
			this.#editor.words.problem = load.message;
			this.status = 'missing';
			return undefined;
		}
		const { ids, words } = this.#editor;
		await ids.readTaken();
		const copy = copyDraft(fileDraft(load.text), ids.taken, copyTitle(load.routine.title));
		this.#start(this.#newDraftKey(), { kind: 'new' }, copy, true);
		words.announcement = `This is your own copy of “${load.routine.title}”; the built-in routine stays as it is.`;
		this.changed();
		await this.flush();
		return editorParam(this.key);
	}

	#start(key: string, origin: EditorOrigin, draft: Draft, revealAll: boolean): void {
		const { form, ids, recordings } = this.#editor;
		this.key = key;
		this.origin = origin;
		// Changes kept by an editor that let a saved routine's id change: it is the routine's again.
		const own = origin.kind === 'own' && draft['id'] !== origin.id;
		form.start(own ? setValue(draft, ['id'], origin.id) : draft, revealAll);
		ids.start(form.draft, origin.kind === 'own');
		recordings.start(draft);
		this.keeping = 'unchanged';
		this.saved = false;
		this.status = 'ready';
	}

	/** The draft changed: it is no longer as saved, and is kept after a moment's pause. */
	changed(): void {
		this.saved = false;
		this.keeping = 'pending';
		this.#cancelWrite();
		this.#pendingTimer = this.#timers.set(() => void this.flush(), this.#keepAfterMs);
	}

	#cancelWrite(): void {
		if (this.#pendingTimer !== undefined) this.#timers.clear(this.#pendingTimer);
		this.#pendingTimer = undefined;
	}

	/** Writes the draft now if a write is due: on leaving the page, and before trying it. */
	async flush(): Promise<void> {
		this.#cancelWrite();
		if (this.keeping !== 'pending') return;
		const { form, words } = this.#editor;
		const draft = form.draft;
		const updatedAtEpochMs = this.#now();
		const kept = await this.#database.write((db) =>
			db.saveDraft({ key: this.key, routine: draft, updatedAtEpochMs })
		);
		// A newer change meanwhile has its own write coming.
		if (this.keeping !== 'pending' || form.draft !== draft) return;
		if (kept.ok) {
			this.keeping = 'kept';
			this.keptAtEpochMs = updatedAtEpochMs;
		} else {
			this.keeping = 'failed';
			words.problem = `Your changes are not kept in this browser: ${kept.message} Export the file to keep a copy.`;
		}
	}

	/** Refuses to go on while the draft has problems: shows them all, and says so. */
	#ready(what: string): boolean {
		const refusal = this.#editor.form.refusal(what);
		if (refusal !== undefined) this.#editor.words.problem = refusal;
		return refusal === undefined;
	}

	/**
	 * Saves to the library. A new routine whose id follows its title takes a free one if another
	 * routine took it meanwhile; an id the coach wrote that is in use is said at the id field.
	 * A saved routine is saved again under its own id.
	 */
	async save(): Promise<boolean> {
		const { form, ids, recordings, words } = this.#editor;
		words.problem = '';
		if (!this.#ready('Not saved yet')) return false;
		const db = await this.#database.get();
		if (!db) {
			words.problem = `Not saved: ${this.#database.problem} Export the file to keep it.`;
			return false;
		}
		if (!this.idLocked && !(await this.#freeId())) return false;
		const id = String(form.draft['id']);
		const title = String(form.draft['title']);
		const read = await db.read('Your routines', (d) => d.routine(id));
		if (!read.ok) {
			words.problem = `Not saved: your routines ${read.reason}. Try again.`;
			return false;
		}
		const existing = read.value;
		if (existing && !this.idLocked) return this.#refuseId(id, false);
		const nowMs = this.#now();
		const saved = await this.#database.write((d) =>
			d.putRoutine({
				id,
				text: draftText(form.draft),
				addedAtEpochMs: existing?.addedAtEpochMs ?? nowMs,
				updatedAtEpochMs: nowMs
			})
		);
		if (!saved.ok) {
			words.problem = `“${title}” was not saved. ${saved.message}`;
			return false;
		}
		// A new routine's recordings were kept under its draft's key: they go with it.
		await recordings.settled();
		const voiceId = this.voiceId;
		if (voiceId !== id) {
			const moved = await this.#database.write((d) => d.moveRecordings(voiceId, id));
			if (!moved.ok) {
				words.problem = `“${title}” was saved, but your recordings stay with its draft. ${moved.message}`;
			}
		}
		this.#cancelWrite();
		await this.#database.write((d) => d.discardDraft(this.key));
		this.key = id;
		this.origin = { kind: 'own', id };
		ids.stepsSaved(form.draft);
		this.keeping = 'unchanged';
		this.saved = true;
		words.announcement = `Saved “${title}” to your library.`;
		return true;
	}

	/** Whether a new routine's id is free, or made free (see {@link DraftIds.clash}). */
	async #freeId(): Promise<boolean> {
		const clash = await this.#editor.ids.clash(this.#editor.form.draft);
		if (clash.kind === 'taken') return this.#refuseId(clash.id, clash.builtIn);
		if (clash.kind === 'moved') this.#editor.edit(clash.draft);
		return true;
	}

	#refuseId(id: string, builtIn: boolean): false {
		const message = builtIn
			? `“${id}” is the id of a built-in routine; give yours an id of its own`
			: `another of your routines has the id “${id}”; give this one an id of its own`;
		this.#editor.form.showSaveIssue({ path: 'id', message });
		this.#editor.words.problem = `Not saved: the id “${id}” is taken. Give the routine another under Advanced.`;
		return false;
	}

	/** The draft as its file: pretty JSON, named by its id. */
	file(): RoutineFile {
		const draft = this.#editor.form.draft;
		return exportFile(String(draft['id']), draftText(draft));
	}

	/** Downloads the file; only a valid routine, so it imports again anywhere. */
	export(): boolean {
		this.#editor.words.problem = '';
		if (!this.#ready('Not exported yet')) return false;
		this.#download(this.file());
		this.#editor.words.announcement = `Exported ${this.file().name}.`;
		return true;
	}

	/** What "Try it" plays: the routine's id and the kept draft; undefined if it cannot yet. */
	async tryIt(): Promise<{ id: string; draftKey?: string } | undefined> {
		this.#editor.words.problem = '';
		if (!this.#ready('Cannot try it yet')) return undefined;
		const id = String(this.#editor.form.draft['id']);
		if (this.keeping === 'unchanged' && this.origin.kind === 'own') return { id };
		if (this.keeping !== 'kept') {
			this.keeping = 'pending';
			await this.flush();
		}
		if (this.keeping !== 'kept') return undefined;
		return { id, draftKey: this.key };
	}

	/** Forgets the draft: an own routine goes back to what is saved (`reset`); a new one is `gone`. */
	async discard(): Promise<'reset' | 'gone' | 'failed'> {
		this.#cancelWrite();
		// A routine never saved: its recordings (under the draft's own key) have nothing left to
		// play for. An own routine's draft is keyed by its id, and its recordings stay.
		await this.#editor.recordings.settled();
		const key = this.key;
		const discarded = await this.#database.write((db) => db.discardDraftWithRecordings(key));
		if (!discarded.ok) {
			this.#editor.words.problem = `The draft was not discarded. ${discarded.message}`;
			return 'failed';
		}
		this.keeping = 'unchanged';
		if (this.origin.kind === 'own') {
			const origin = this.origin;
			const db = await this.#database.get();
			// Unread, it is gone from here: the library lists it as saved, or says why it cannot.
			const read = await db?.read('Your routines', (d) => d.routine(origin.id));
			if (read?.ok && read.value) {
				this.#start(origin.id, origin, fileDraft(read.value.text), true);
				this.#editor.words.announcement = 'Changes discarded: this is the routine as saved.';
				return 'reset';
			}
		}
		return 'gone';
	}
}

function unreachable(opening: never): never {
	throw new Error(`unknown opening ${JSON.stringify(opening)}`);
}
