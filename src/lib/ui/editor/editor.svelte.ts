/**
 * The routine editor's state: the draft as typed (kept in the browser as it changes, so a reload
 * loses nothing), its problems from the validator, its timeline so far, undo and redo, and what
 * saving, exporting and trying it do. Every failure becomes words on the screen.
 */
import { getContext, setContext } from 'svelte';
import {
	addStep,
	copyDraft,
	deleteStep,
	draftSteps,
	draftText,
	duplicateStep,
	moveStep,
	newDraft,
	readDraft,
	setRoutineTitle,
	setStepTitle,
	setValue,
	stepId,
	type Draft
} from '../../routine/draft';
import { readJson, type JsonValue } from '../../routine/json-text';
import { formatPath, type PathSegment } from '../../routine/path';
import { previewDraft } from '../../routine/preview';
import { DEFAULT_COMPILE_OPTIONS } from '../../routine/timeline';
import type { StepType } from '../../routine/schema';
import { record, redo, startHistory, undo, type History } from '../../routine/undo';
import { issueCount, validateRoutine, type RoutineIssue } from '../../routine/validate';
import { loadBuiltInRoutine } from '../../storage/built-in-routines';
import type { Database, RoutineDraft, StoredRoutine } from '../../storage/database';
import { newDraftKey, OLD_NEW_DRAFT_KEY } from '../../storage/draft-keys';
import { copyTitle, exportFile, type RoutineFile } from '../../storage/routine-import';
import type { DatabaseModel } from '../database.svelte';
import { editorParam, editorTarget } from '../editor-address';
import { downloadFile } from '../history/download';
import { NO_PATHS, pathSet, withPath } from './fields';
import { followStepIds, voiceStepIds } from './step-ids';

const KEY = Symbol('editor');

/** What saving does: add a new routine, or replace the own routine it was opened from. */
export type EditorOrigin = { kind: 'new' } | { kind: 'own'; id: string };

/** Whether the draft is kept in this browser yet. */
export type DraftKeeping = 'unchanged' | 'pending' | 'kept' | 'failed';

/** The editor's surroundings, replaceable in tests. */
export interface EditorOptions {
	database: Pick<DatabaseModel, 'get' | 'write' | 'problem'>;
	builtInIds: readonly string[];
	fetch?: typeof fetch;
	/** Wall-clock time, for the draft's date. */
	now?: () => number;
	/** A key for a new routine's draft (draft-keys.ts); random unless a test fixes it. */
	newDraftKey?: () => string;
	/** A monotonic clock, for joining keystrokes into one undo step. */
	monotonicMs?: () => number;
	download?: (file: RoutineFile) => void;
	/** How long typing may pause before the draft is written: a little, to write less often. */
	keepAfterMs?: number;
	timers?: { set: (run: () => void, ms: number) => number; clear: (id: number) => void };
	/** The countdown the person's sessions start with (their setting), for the total time. */
	countdownSec?: () => number;
}

/** One per editor page, handed down with context. */
export class EditorModel {
	#database: EditorOptions['database'];
	#builtInIds: readonly string[];
	#fetch: typeof fetch;
	#now: () => number;
	#newDraftKey: () => string;
	#monotonicMs: () => number;
	#download: (file: RoutineFile) => void;
	#keepAfterMs: number;
	#timers: NonNullable<EditorOptions['timers']>;
	#countdownSec: () => number = () => DEFAULT_COMPILE_OPTIONS.countdownSec;
	#pendingTimer: number | undefined;
	#history = $state.raw<History<Draft>>(startHistory(newDraft()));
	#touched = $state.raw<ReadonlySet<string>>(NO_PATHS);
	/** A problem found on saving that the validator cannot know (an id in use): path → message. */
	#saveIssue = $state.raw<RoutineIssue>();
	/** The step ids of the routine as saved: history and recordings know its steps by them. */
	#savedStepIds: ReadonlySet<string> = NO_PATHS;
	/** Each step's id its recorded cues are kept under, by place; undefined before it has one. */
	#voiceStepIds: readonly (string | undefined)[] = [];
	/** The recordings' moves to steps' new ids, one after another, in the order of the edits. */
	#renaming: Promise<void> = Promise.resolve();

	/** `loading` until the draft is read; `missing` when there is nothing to edit at that address. */
	status = $state<'loading' | 'ready' | 'missing'>('loading');
	/** The draft's key in the database (and the editor's address). */
	key = $state('');
	origin = $state.raw<EditorOrigin>({ kind: 'new' });
	keeping = $state<DraftKeeping>('unchanged');
	/** Shown as an alert: what did not work and what to do. */
	problem = $state('');
	/** Said politely (the screen's one live region). */
	announcement = $state('');
	/** Every problem is shown, not only those of fields already changed. */
	revealAll = $state(false);
	/** When the draft was last kept, for "kept at …". */
	keptAtEpochMs = $state<number>();
	/** Counts the times recordings moved under a step's new id: the lists read them again. */
	recordingsRevision = $state(0);

	readonly draft: Draft = $derived(this.#history.present);
	readonly canUndo = $derived(this.#history.past.length > 0);
	readonly canRedo = $derived(this.#history.future.length > 0);
	readonly validation = $derived(validateRoutine(this.#history.present));
	/** Every problem of the draft, in file order, with any found on saving. */
	readonly issues: readonly RoutineIssue[] = $derived.by(() => {
		const found = this.validation.ok ? [] : this.validation.issues;
		return this.#saveIssue ? [this.#saveIssue, ...found] : found;
	});
	readonly preview = $derived(
		previewDraft(this.#history.present, { countdownSec: this.#countdownSec() })
	);
	/** The countdown the total time includes: the person's own setting. */
	readonly countdownSec = $derived(this.#countdownSec());
	readonly steps = $derived(draftSteps(this.#history.present));
	/** Where the coach's recordings live: the routine's id once saved, the draft's key before. */
	readonly voiceId = $derived(this.origin.kind === 'own' ? this.origin.id : this.key);
	readonly title = $derived.by(() => {
		const title = this.#history.present['title'];
		return typeof title === 'string' && title.trim() !== '' ? title : 'Untitled routine';
	});

	constructor(options: EditorOptions) {
		this.#database = options.database;
		this.#builtInIds = options.builtInIds;
		this.#fetch = options.fetch ?? ((...args) => fetch(...args));
		this.#now = options.now ?? (() => Date.now());
		this.#newDraftKey = options.newDraftKey ?? (() => newDraftKey());
		this.#monotonicMs = options.monotonicMs ?? (() => performance.now());
		this.#download = options.download ?? downloadFile;
		this.#keepAfterMs = options.keepAfterMs ?? 400;
		if (options.countdownSec) this.#countdownSec = options.countdownSec;
		this.#timers = options.timers ?? {
			set: (run, ms) => window.setTimeout(run, ms),
			clear: (id) => window.clearTimeout(id)
		};
	}

	/**
	 * Opens what the address's param names (see editor-address.ts): `new`, a new routine's kept
	 * draft, or a routine: its kept draft, the own routine, or a built-in (as an own copy). Returns
	 * the param to show instead, when the draft got a key of its own.
	 */
	async open(param: string): Promise<string | undefined> {
		const target = editorTarget(param);
		// Opened now for every address, so the first keystroke's write does not wait for it.
		const db = await this.#database.get();
		switch (target.kind) {
			case 'new':
				this.#start(this.#newDraftKey(), { kind: 'new' }, newDraft(), false);
				return editorParam(this.key);
			case 'draft':
				await this.#openNewDraft(db, target.key);
				return undefined;
			case 'routine':
				return this.#openRoutine(db, target.id);
			default:
				return unreachable(target);
		}
	}

	/** A new routine's draft as kept; one not kept yet (nothing typed) starts empty. */
	async #openNewDraft(db: Database | undefined, key: string): Promise<void> {
		try {
			const kept = await db?.draft(key);
			if (kept) return this.#resume(key, { kind: 'new' }, kept);
		} catch (error) {
			this.problem = `Your drafts could not be read just now (${errorName(error)}). Reload the page to try again.`;
		}
		this.#start(key, { kind: 'new' }, newDraft(), false);
	}

	async #openRoutine(db: Database | undefined, id: string): Promise<string | undefined> {
		try {
			const kept = await db?.draft(id);
			if (kept) {
				this.#resume(id, { kind: 'own', id }, kept);
				return undefined;
			}
			const own = await db?.routine(id);
			if (own) {
				this.#start(id, { kind: 'own', id }, fileDraft(own.text), true);
				return undefined;
			}
			// An address of the first editor's (`new-<epoch ms>`): its draft moved to a key of its own.
			const moved = OLD_NEW_DRAFT_KEY.test(id) ? await db?.draft(newDraftKey(id)) : undefined;
			if (moved) {
				this.#resume(moved.key, { kind: 'new' }, moved);
				return editorParam(moved.key);
			}
		} catch (error) {
			this.problem = `Your routines could not be read just now (${errorName(error)}). Reload the page to try again.`;
		}
		if (this.#builtInIds.includes(id)) return this.#copyBuiltIn(id);
		this.status = 'missing';
		return undefined;
	}

	#resume(key: string, origin: EditorOrigin, kept: RoutineDraft): void {
		this.#start(key, origin, readDraft(kept.routine), true);
		this.keeping = 'kept';
		this.keptAtEpochMs = kept.updatedAtEpochMs;
		this.announcement = 'Your unsaved changes are back.';
	}

	async #copyBuiltIn(id: string): Promise<string | undefined> {
		const load = await loadBuiltInRoutine(this.#fetch, id);
		if (!load.ok) {
			this.problem = load.message;
			this.status = 'missing';
			return undefined;
		}
		const taken = pathSet([...this.#builtInIds, ...(await this.#ownIds())]);
		const copy = copyDraft(fileDraft(load.text), taken, copyTitle(load.routine.title));
		this.#start(this.#newDraftKey(), { kind: 'new' }, copy, true);
		this.announcement = `This is your own copy of “${load.routine.title}”; the built-in routine stays as it is.`;
		this.#keepSoon();
		await this.flush();
		return editorParam(this.key);
	}

	async #ownIds(): Promise<string[]> {
		const db = await this.#database.get();
		try {
			return (await db?.routines())?.map((routine) => routine.id) ?? [];
		} catch {
			// Unread, the copy's id may clash with an own routine: saving says so then.
			return [];
		}
	}

	#start(key: string, origin: EditorOrigin, draft: Draft, revealAll: boolean): void {
		this.key = key;
		this.origin = origin;
		this.#history = startHistory(draft);
		this.#touched = NO_PATHS;
		this.#saveIssue = undefined;
		this.revealAll = revealAll;
		this.keeping = 'unchanged';
		this.status = 'ready';
		this.#savedStepIds = origin.kind === 'own' ? this.#stepIds(draft) : NO_PATHS;
		this.#voiceStepIds = voiceStepIds(draft);
	}

	#stepIds(draft: Draft): ReadonlySet<string> {
		return pathSet(draftSteps(draft).flatMap((step) => stepId(step) ?? []));
	}

	/** The visible problems at one field (by its path): those of fields changed, or all. */
	issuesAt(path: readonly PathSegment[]): RoutineIssue[] {
		const at = formatPath(path);
		if (!this.revealAll && !this.#touched.has(at)) return [];
		return this.issues.filter((issue) => issue.path === at);
	}

	/** Problems of a step as a whole, and keys the format does not know (no field shows them). */
	stepIssues(index: number, fieldPaths: ReadonlySet<string>): RoutineIssue[] {
		if (!this.revealAll && !this.#touchedStep(index)) return [];
		const prefix = `steps[${index}]`;
		return this.issues.filter(
			(issue) =>
				(issue.path === prefix || issue.path.startsWith(`${prefix}.`)) &&
				!fieldPaths.has(issue.path)
		);
	}

	#touchedStep(index: number): boolean {
		const prefix = `steps[${index}]`;
		return [...this.#touched].some((path) => path.startsWith(prefix));
	}

	#edit(next: Draft, typing?: string): void {
		const history = this.#history;
		this.#history = record(
			history,
			next,
			typing === undefined ? undefined : { field: typing, atMs: this.#monotonicMs() }
		);
		if (this.#history === history) return;
		this.#followStepIds();
		this.#changed();
	}

	/** Each step's recordings go with it when its id changes (see {@link followStepIds}). */
	#followStepIds(): void {
		const followed = followStepIds(this.#voiceStepIds, voiceStepIds(this.#history.present));
		this.#voiceStepIds = followed.ids;
		if (followed.renames.length > 0) this.#renameCues(this.voiceId, followed.renames);
	}

	#renameCues(routineId: string, renames: readonly (readonly [string, string])[]): void {
		this.#renaming = this.#renaming.then(async () => {
			for (const [from, to] of renames) {
				const moved = await this.#database.write((db) => db.renameCueScope(routineId, from, to));
				if (!moved.ok) {
					this.problem = `Your recordings for the step “${from}” stay under that id, so they do not play for “${to}”. ${moved.message}`;
				} else if (moved.value > 0) {
					this.recordingsRevision++;
				}
			}
		});
	}

	/** Every move of recordings asked for so far is done. */
	recordingsSettled(): Promise<void> {
		return this.#renaming;
	}

	#touch(path: readonly PathSegment[]): void {
		const at = formatPath(path);
		if (this.#saveIssue?.path === at) this.#saveIssue = undefined;
		this.#touched = withPath(this.#touched, at);
	}

	#changed(): void {
		this.problem = '';
		this.#keepSoon();
	}

	/** Sets one field; `undefined` takes the key out (the inherited value applies). */
	set(path: readonly PathSegment[], value: JsonValue | undefined, typing = false): void {
		this.#touch(path);
		this.#edit(setValue(this.draft, path, value), typing ? formatPath(path) : undefined);
	}

	/**
	 * The routine's title; its id follows until the author writes one, and never once the routine
	 * is saved (sessions and recordings know it by its id).
	 */
	setTitle(title: string): void {
		this.#touch(['title']);
		const next =
			this.origin.kind === 'own'
				? setValue(this.draft, ['title'], title)
				: setRoutineTitle(this.draft, title);
		this.#edit(next, 'title');
	}

	/** A step's title; its id follows while the author has not written one, and was not saved. */
	setStepTitle(index: number, title: string): void {
		const path = ['steps', index, 'title'];
		this.#touch(path);
		const id = stepId(this.steps[index]);
		const saved = id !== undefined && this.#savedStepIds.has(id);
		const next = saved ? setValue(this.draft, path, title) : setStepTitle(this.draft, index, title);
		this.#edit(next, formatPath(path));
	}

	/** Adds a step of a type at the end; returns its index. */
	addStep(type: StepType): number {
		const added = addStep(this.draft, type);
		this.#edit(added.draft);
		this.announcement = `Added a ${type} step, step ${added.index + 1} of ${added.index + 1}.`;
		return added.index;
	}

	/** Moves a step, and says where it went. */
	moveStep(from: number, to: number): boolean {
		const count = this.steps.length;
		if (to < 0 || to >= count || from === to) return false;
		const name = this.stepName(from);
		this.#edit(moveStep(this.draft, from, to));
		this.#touched = NO_PATHS;
		this.announcement = `Moved “${name}” to position ${to + 1} of ${count}.`;
		return true;
	}

	duplicateStep(index: number): void {
		const name = this.stepName(index);
		this.#edit(duplicateStep(this.draft, index));
		this.announcement = `Duplicated “${name}” as step ${index + 2}.`;
	}

	deleteStep(index: number): void {
		const name = this.stepName(index);
		this.#edit(deleteStep(this.draft, index));
		this.#touched = NO_PATHS;
		this.announcement = `Deleted “${name}”. Undo brings it back.`;
	}

	/** A step's title as said in announcements. */
	stepName(index: number): string {
		const step = this.steps[index];
		const title =
			typeof step === 'object' && step !== null && !Array.isArray(step) ? step['title'] : undefined;
		return typeof title === 'string' && title !== '' ? title : `step ${index + 1}`;
	}

	undo(): void {
		if (!this.canUndo) return;
		this.#history = undo(this.#history);
		this.#followStepIds();
		this.announcement = 'Undone.';
		this.#changed();
	}

	redo(): void {
		if (!this.canRedo) return;
		this.#history = redo(this.#history);
		this.#followStepIds();
		this.announcement = 'Redone.';
		this.#changed();
	}

	#keepSoon(): void {
		this.keeping = 'pending';
		if (this.#pendingTimer !== undefined) this.#timers.clear(this.#pendingTimer);
		this.#pendingTimer = this.#timers.set(() => void this.flush(), this.#keepAfterMs);
	}

	/** Writes the draft now if a write is due: on leaving the page, and before trying it. */
	async flush(): Promise<void> {
		if (this.#pendingTimer !== undefined) this.#timers.clear(this.#pendingTimer);
		this.#pendingTimer = undefined;
		if (this.keeping !== 'pending') return;
		const draft = this.draft;
		const updatedAtEpochMs = this.#now();
		const kept = await this.#database.write((db) =>
			db.saveDraft({ key: this.key, routine: draft, updatedAtEpochMs })
		);
		// A newer change meanwhile has its own write coming.
		if (this.keeping !== 'pending' || this.draft !== draft) return;
		if (kept.ok) {
			this.keeping = 'kept';
			this.keptAtEpochMs = updatedAtEpochMs;
		} else {
			this.keeping = 'failed';
			this.problem = `Your changes are not kept in this browser: ${kept.message} Export the file to keep a copy.`;
		}
	}

	/** Refuses to go on while the draft has problems: shows them all, and says so. */
	#ready(what: string): boolean {
		if (this.issues.length === 0) return true;
		this.revealAll = true;
		const count = issueCount(this.issues);
		this.problem = `${what}: fix the ${count === 1 ? 'problem' : `${count} problems`} listed first.`;
		return false;
	}

	/** Saves to the library; an id in use by another routine is said at the id field. */
	async save(): Promise<boolean> {
		this.problem = '';
		if (!this.#ready('Not saved yet')) return false;
		const id = String(this.draft['id']);
		const title = String(this.draft['title']);
		if (this.#builtInIds.includes(id)) {
			return this.#refuseId(
				id,
				`“${id}” is the id of a built-in routine; give yours an id of its own`
			);
		}
		const db = await this.#database.get();
		if (!db) {
			this.problem = `Not saved: ${this.#database.problem} Export the file to keep it.`;
			return false;
		}
		let existing: StoredRoutine | undefined;
		try {
			existing = await db.routine(id);
		} catch (error) {
			this.problem = `Not saved: your routines could not be read just now (${errorName(error)}). Try again.`;
			return false;
		}
		const replacing = this.origin.kind === 'own' && this.origin.id === id;
		if (existing && !replacing) {
			return this.#refuseId(
				id,
				`another of your routines has the id “${id}”; give this one an id of its own`
			);
		}
		const nowMs = this.#now();
		const saved = await this.#database.write((d) =>
			d.putRoutine({
				id,
				text: draftText(this.draft),
				addedAtEpochMs: existing?.addedAtEpochMs ?? nowMs,
				updatedAtEpochMs: nowMs
			})
		);
		if (!saved.ok) {
			this.problem = `“${title}” was not saved. ${saved.message}`;
			return false;
		}
		// The recordings go with the routine: from the draft's key, or from the id it had.
		await this.#renaming;
		const voiceId = this.voiceId;
		if (voiceId !== id) {
			const moved = await this.#database.write((d) => d.moveRecordings(voiceId, id));
			if (!moved.ok) {
				this.problem = `“${title}” was saved, but your recordings stay with “${voiceId}”. ${moved.message}`;
			}
		}
		// Renamed: the routine it was opened from is this one now.
		const openedAs = this.origin.kind === 'own' ? this.origin.id : undefined;
		if (openedAs !== undefined && openedAs !== id) {
			await this.#database.write((d) => d.deleteRoutine(openedAs));
			await this.#database.write((d) => d.discardDraft(openedAs));
		}
		if (this.#pendingTimer !== undefined) this.#timers.clear(this.#pendingTimer);
		this.#pendingTimer = undefined;
		await this.#database.write((d) => d.discardDraft(this.key));
		this.key = id;
		this.origin = { kind: 'own', id };
		this.#savedStepIds = this.#stepIds(this.draft);
		this.keeping = 'unchanged';
		this.announcement = `Saved “${title}” to your library.`;
		return true;
	}

	#refuseId(id: string, message: string): false {
		this.#touch(['id']);
		this.#saveIssue = { path: 'id', message };
		this.problem = `Not saved: the id “${id}” is taken.`;
		return false;
	}

	/** The draft as its file: pretty JSON, named by its id. */
	file(): RoutineFile {
		return exportFile(String(this.draft['id']), draftText(this.draft));
	}

	/** Downloads the file; only a valid routine, so it imports again anywhere. */
	export(): boolean {
		this.problem = '';
		if (!this.#ready('Not exported yet')) return false;
		this.#download(this.file());
		this.announcement = `Exported ${this.file().name}.`;
		return true;
	}

	/** What "Try it" plays: the routine's id and the kept draft; undefined if it cannot yet. */
	async tryIt(): Promise<{ id: string; draftKey?: string } | undefined> {
		this.problem = '';
		if (!this.#ready('Cannot try it yet')) return undefined;
		const id = String(this.draft['id']);
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
		if (this.#pendingTimer !== undefined) this.#timers.clear(this.#pendingTimer);
		this.#pendingTimer = undefined;
		// A routine never saved: its recordings (under the draft's own key) have nothing left to
		// play for. An own routine's draft is keyed by its id, and its recordings stay.
		await this.#renaming;
		const key = this.key;
		const discarded = await this.#database.write((db) => db.discardDraftWithRecordings(key));
		if (!discarded.ok) {
			this.problem = `The draft was not discarded. ${discarded.message}`;
			return 'failed';
		}
		this.keeping = 'unchanged';
		if (this.origin.kind === 'own') {
			const origin = this.origin;
			const db = await this.#database.get();
			const stored = await db?.routine(origin.id);
			if (stored) {
				this.#start(origin.id, origin, fileDraft(stored.text), true);
				this.announcement = 'Changes discarded: this is the routine as saved.';
				return 'reset';
			}
		}
		return 'gone';
	}
}

/** A routine file's text as a draft; text that is no JSON object starts a new routine. */
function fileDraft(text: string): Draft {
	const read = readJson(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
	return read.ok ? readDraft(read.value) : newDraft();
}

function unreachable(target: never): never {
	throw new Error(`unknown editor target ${JSON.stringify(target)}`);
}

function errorName(error: unknown): string {
	return error instanceof Error || error instanceof DOMException ? error.name : 'unknown error';
}

/** Makes the editor's model available below the editor page. */
export function provideEditor(model: EditorModel): EditorModel {
	return setContext(KEY, model);
}

/** The editor page's model. */
export function useEditor(): EditorModel {
	const model = getContext<EditorModel | undefined>(KEY);
	if (!model) throw new Error('useEditor() needs provideEditor() in the editor page');
	return model;
}
