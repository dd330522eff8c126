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
	idFollowsTitle,
	moveStep,
	newDraft,
	readDraft,
	setRoutineTitle,
	setStepTitle,
	setValue,
	stepId,
	uniqueRoutineId,
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
import type { Database, RoutineDraft } from '../../storage/database';
import { newDraftKey, OLD_NEW_DRAFT_KEY } from '../../storage/draft-keys';
import { copyTitle, exportFile, type RoutineFile } from '../../transfer/routine-import';
import type { DatabaseModel } from '../database.svelte';
import { editorParam, editorTarget } from '../editor-address';
import { downloadFile } from '../download';
import {
	draftDefaults,
	keepingLine,
	standingLine,
	stepDurationsMs,
	stepVoiceScope
} from './draft-view';
import { NO_PATHS, pathSegments, pathSet, STEP_FIELD_KEYS, withPath } from './fields';
import { inScreenOrder, issueInWords, type ShownIssue } from './issue-words';
import { followStepIds, voiceStepIds } from './step-ids';
import type { CueScope } from './voice/voice-cues.svelte';

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
	/** The ids a new routine's id is told apart from: the built-ins' and the person's others. */
	#takenIds = $state.raw<ReadonlySet<string>>(NO_PATHS);
	/**
	 * The coach wrote the routine's id themselves: it no longer follows the title, and one in use
	 * is refused rather than moved on. A draft opened again tells by whether the title made its id.
	 */
	#idByHand = false;
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
	/** Saved in this visit, and not changed since: the page says so and offers to play it. */
	saved = $state(false);

	readonly draft: Draft = $derived(this.#history.present);
	readonly canUndo = $derived(this.#history.past.length > 0);
	readonly canRedo = $derived(this.#history.future.length > 0);
	readonly validation = $derived(validateRoutine(this.#history.present));
	/**
	 * Every problem of the draft, in file order, with any found on saving. An id left empty while
	 * the title is empty too is not said twice: the id follows the title once there is one.
	 */
	readonly issues: readonly RoutineIssue[] = $derived.by(() => {
		const draft = this.#history.present;
		const idWaits = draft['id'] === '' && idFollowsTitle('', draft['title']);
		const found = this.validation.ok
			? []
			: this.validation.issues.filter(
					(issue) => !(idWaits && issue.path === 'id' && isEmptyText(draft['title']))
				);
		return this.#saveIssue ? [this.#saveIssue, ...found] : found;
	});
	/** The problems the coach sees now: of the fields they have been in, or all once asked for. */
	readonly shownIssues: readonly RoutineIssue[] = $derived(
		this.issues.filter((issue) => this.#shows(issue))
	);
	/** The list of every problem, in words, after a refused save, export or try. */
	readonly listedIssues: readonly ShownIssue[] = $derived(
		this.revealAll ? this.#inWords(inScreenOrder(this.issues)) : []
	);
	/** A saved routine keeps its id: its sessions in the history and its recordings know it by it. */
	readonly idLocked = $derived(this.origin.kind === 'own');
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
	/** The routine's defaults as they stand: what a field left empty inherits. */
	readonly defaults = $derived(draftDefaults(this.#history.present));
	/** Each step's length by its index in the draft; none for a step with problems. */
	readonly stepDurationsMs = $derived(stepDurationsMs(this.preview, this.steps.length));
	/** How many problems the coach is shown now. */
	readonly shownCount = $derived(issueCount(this.shownIssues));
	/** How the draft stands, for the toolbar: "2 problems", "Ready" or nothing yet. */
	readonly standing = $derived(standingLine(this.shownCount, this.issues.length));
	/** Whether the changes are kept in this browser, in words. */
	readonly keepingLine = $derived(keepingLine(this.keeping, this.origin.kind === 'own'));

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
				await this.#readTakenIds();
				return editorParam(this.key);
			case 'draft':
				await this.#openNewDraft(db, target.key);
				await this.#readTakenIds();
				return undefined;
			case 'routine':
				return this.#openRoutine(db, target.id);
			default:
				return unreachable(target);
		}
	}

	/** A new routine's draft as kept; one not kept yet (nothing typed) starts empty. */
	async #openNewDraft(db: Database | undefined, key: string): Promise<void> {
		const kept = await db?.read('Your drafts', (d) => d.draft(key));
		if (kept?.ok && kept.value) return this.#resume(key, { kind: 'new' }, kept.value);
		if (kept && !kept.ok) this.problem = kept.message;
		this.#start(key, { kind: 'new' }, newDraft(), false);
	}

	async #openRoutine(db: Database | undefined, id: string): Promise<string | undefined> {
		const read = await db?.read('Your routines', async (d) => ({
			kept: await d.draft(id),
			own: await d.routine(id),
			// An address of the first editor's (`new-<epoch ms>`): its draft moved to a key of its own.
			moved: OLD_NEW_DRAFT_KEY.test(id) ? await d.draft(newDraftKey(id)) : undefined
		}));
		if (read && !read.ok) this.problem = read.message;
		const { kept, own, moved } = read?.ok ? read.value : {};
		if (kept) {
			this.#resume(id, { kind: 'own', id }, kept);
			return undefined;
		}
		if (own) {
			this.#start(id, { kind: 'own', id }, fileDraft(own.text), true);
			return undefined;
		}
		if (moved) {
			this.#resume(moved.key, { kind: 'new' }, moved);
			return editorParam(moved.key);
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
		await this.#readTakenIds();
		const copy = copyDraft(fileDraft(load.text), this.#takenIds, copyTitle(load.routine.title));
		this.#start(this.#newDraftKey(), { kind: 'new' }, copy, true);
		this.announcement = `This is your own copy of “${load.routine.title}”; the built-in routine stays as it is.`;
		this.#keepSoon();
		await this.flush();
		return editorParam(this.key);
	}

	/** The ids a new routine's own must differ from, as they are now. */
	async #readTakenIds(): Promise<void> {
		this.#takenIds = pathSet([...this.#builtInIds, ...(await this.#ownIds())]);
	}

	async #ownIds(): Promise<string[]> {
		const db = await this.#database.get();
		const read = await db?.read('Your routines', (kept) => kept.routines());
		// Unread, the copy's id may clash with an own routine: saving says so then.
		return read?.ok ? read.value.map((routine) => routine.id) : [];
	}

	#start(key: string, origin: EditorOrigin, draft: Draft, revealAll: boolean): void {
		this.key = key;
		this.origin = origin;
		// Changes kept by an editor that let a saved routine's id change: it is the routine's again.
		const own = origin.kind === 'own' && draft['id'] !== origin.id;
		this.#history = startHistory(own ? setValue(draft, ['id'], origin.id) : draft);
		this.#idByHand = !idFollowsTitle(this.draft['id'], this.draft['title']);
		this.#touched = NO_PATHS;
		this.#saveIssue = undefined;
		this.revealAll = revealAll;
		this.keeping = 'unchanged';
		this.saved = false;
		this.status = 'ready';
		this.#savedStepIds = origin.kind === 'own' ? this.#stepIds(draft) : NO_PATHS;
		this.#voiceStepIds = voiceStepIds(draft);
	}

	#stepIds(draft: Draft): ReadonlySet<string> {
		return pathSet(draftSteps(draft).flatMap((step) => stepId(step) ?? []));
	}

	/** The problems shown at one field (by its path), in words. */
	issuesAt(path: readonly PathSegment[]): ShownIssue[] {
		const at = formatPath(path);
		return this.#inWords(this.shownIssues.filter((issue) => issue.path === at));
	}

	/** Problems of a step as a whole, and keys the format does not know (no field shows them). */
	stepIssues(index: number): ShownIssue[] {
		return this.#inWords(this.shownIssues.filter((issue) => stepOwnIssue(issue, index)));
	}

	#inWords(issues: readonly RoutineIssue[]): ShownIssue[] {
		return issues.map((issue) => issueInWords(issue, this.#history.present));
	}

	/**
	 * Whether the coach sees a problem now: once they have been in its field (a blank routine
	 * greets nobody with problems), a step's own once they have been in the step, or all of them
	 * once a save, export or try asked for them.
	 */
	#shows(issue: RoutineIssue): boolean {
		if (this.revealAll || this.#touched.has(issue.path)) return true;
		const [first, index] = pathSegments(issue.path);
		return first === 'steps' && typeof index === 'number' && stepOwnIssue(issue, index)
			? [...this.#touched].some((path) => path.startsWith(`steps[${index}].`))
			: false;
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

	/** The coach has been in a field and left it: its problem shows now, left empty or not. */
	leave(path: readonly PathSegment[]): void {
		this.#touched = withPath(this.#touched, formatPath(path));
	}

	#changed(): void {
		this.problem = '';
		this.saved = false;
		this.#keepSoon();
	}

	/** Sets one field; `undefined` takes the key out (the inherited value applies). */
	set(path: readonly PathSegment[], value: JsonValue | undefined, typing = false): void {
		const id = path.length === 1 && path[0] === 'id';
		if (id && this.idLocked) return;
		if (id) this.#idByHand = value !== '' && value !== undefined;
		this.#touch(path);
		this.#edit(setValue(this.draft, path, value), typing ? formatPath(path) : undefined);
	}

	/**
	 * The routine's title; its id follows until the author writes one, and never once the routine
	 * is saved (sessions and recordings know it by its id).
	 */
	setTitle(title: string): void {
		this.#touch(['title']);
		const next = this.idLocked
			? setValue(this.draft, ['title'], title)
			: setRoutineTitle(this.draft, title, this.#takenIds, !this.#idByHand);
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

	/** A step's recordable cues, once it has a valid id and type to keep them by. */
	stepVoiceScope(index: number): CueScope | undefined {
		return stepVoiceScope(this.steps[index]);
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
		this.#idByHand = !idFollowsTitle(this.draft['id'], this.draft['title']);
		this.#followStepIds();
		this.announcement = 'Undone.';
		this.#changed();
	}

	redo(): void {
		if (!this.canRedo) return;
		this.#history = redo(this.#history);
		this.#idByHand = !idFollowsTitle(this.draft['id'], this.draft['title']);
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

	/**
	 * Saves to the library. A new routine whose id follows its title takes a free one if another
	 * routine took it meanwhile; an id the coach wrote that is in use is said at the id field.
	 * A saved routine is saved again under its own id.
	 */
	async save(): Promise<boolean> {
		this.problem = '';
		if (!this.#ready('Not saved yet')) return false;
		const db = await this.#database.get();
		if (!db) {
			this.problem = `Not saved: ${this.#database.problem} Export the file to keep it.`;
			return false;
		}
		if (!this.idLocked && !(await this.#freeId())) return false;
		const id = String(this.draft['id']);
		const title = String(this.draft['title']);
		const read = await db.read('Your routines', (d) => d.routine(id));
		if (!read.ok) {
			this.problem = `Not saved: your routines ${read.reason}. Try again.`;
			return false;
		}
		const existing = read.value;
		if (existing && !this.idLocked) return this.#refuseId(id, false);
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
		// A new routine's recordings were kept under its draft's key: they go with it.
		await this.#renaming;
		const voiceId = this.voiceId;
		if (voiceId !== id) {
			const moved = await this.#database.write((d) => d.moveRecordings(voiceId, id));
			if (!moved.ok) {
				this.problem = `“${title}” was saved, but your recordings stay with its draft. ${moved.message}`;
			}
		}
		if (this.#pendingTimer !== undefined) this.#timers.clear(this.#pendingTimer);
		this.#pendingTimer = undefined;
		await this.#database.write((d) => d.discardDraft(this.key));
		this.key = id;
		this.origin = { kind: 'own', id };
		this.#savedStepIds = this.#stepIds(this.draft);
		this.keeping = 'unchanged';
		this.saved = true;
		this.announcement = `Saved “${title}” to your library.`;
		return true;
	}

	/**
	 * Whether a new routine's id is free: one that follows the title moves on to a free one (the
	 * library may have changed since the editor opened); one the coach wrote is refused.
	 */
	async #freeId(): Promise<boolean> {
		await this.#readTakenIds();
		const id = String(this.draft['id']);
		if (!this.#takenIds.has(id)) return true;
		if (this.#idByHand) return this.#refuseId(id, this.#builtInIds.includes(id));
		this.#edit(
			setValue(this.draft, ['id'], uniqueRoutineId(String(this.draft['title']), this.#takenIds))
		);
		return true;
	}

	#refuseId(id: string, builtIn: boolean): false {
		this.#touch(['id']);
		const message = builtIn
			? `“${id}” is the id of a built-in routine; give yours an id of its own`
			: `another of your routines has the id “${id}”; give this one an id of its own`;
		this.#saveIssue = { path: 'id', message };
		this.problem = `Not saved: the id “${id}” is taken. Give the routine another under Advanced.`;
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
			// Unread, it is gone from here: the library lists it as saved, or says why it cannot.
			const read = await db?.read('Your routines', (d) => d.routine(origin.id));
			if (read?.ok && read.value) {
				this.#start(origin.id, origin, fileDraft(read.value.text), true);
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

/** A problem of a step that no field of its card shows: of the step as a whole, or a key of its own. */
function stepOwnIssue(issue: RoutineIssue, index: number): boolean {
	const prefix = `steps[${index}]`;
	if (!issue.path.startsWith(prefix)) return false;
	const rest = issue.path.slice(prefix.length);
	if (rest === '') return true;
	return rest.startsWith('[') || (rest.startsWith('.') && !STEP_FIELD_KEYS.has(rest.slice(1)));
}

function isEmptyText(value: JsonValue | undefined): boolean {
	return typeof value !== 'string' || value.trim() === '';
}

function unreachable(target: never): never {
	throw new Error(`unknown editor target ${JSON.stringify(target)}`);
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
