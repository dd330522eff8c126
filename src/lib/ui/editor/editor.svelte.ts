/**
 * The routine editor's model: the draft as the form shows it (`form`), where it is kept
 * (`keeper`: opening, keeping, saving, exporting, trying), the coach's recordings that follow its
 * steps (`recordings`), and the edits, which touch all three. Every failure becomes words on the
 * screen: `problem` as an alert, `announcement` politely.
 */
import { createContext } from 'svelte';
import {
	addStep,
	deleteStep,
	duplicateStep,
	moveStep,
	setValue,
	type Draft
} from '../../routine/draft';
import type { JsonValue } from '../../routine/json-text';
import { formatPath, type PathSegment } from '../../routine/path';
import type { StepType } from '../../routine/schema';
import { DraftForm, type DraftFormClocks } from './draft-form.svelte';
import { DraftIds } from './draft-ids';
import { DraftKeeper, type KeeperOptions } from './draft-keeper.svelte';
import { StepRecordings } from './step-recordings.svelte';

/** The editor's surroundings, replaceable in tests. */
export interface EditorOptions extends KeeperOptions, DraftFormClocks {
	builtInIds: readonly string[];
}

/** One per editor page, handed down with context. */
export class EditorModel {
	/** The draft as the form shows it: its fields' values, problems and timeline. */
	readonly form: DraftForm;
	/** Where the draft is kept: its address, whether it is kept, saving and the rest. */
	readonly keeper: DraftKeeper;
	/** The coach's recordings, which follow their steps' ids. */
	readonly recordings: StepRecordings;
	readonly #ids: DraftIds;

	/** Shown as an alert: what did not work and what to do. */
	problem = $state('');
	/** Said politely (the screen's one live region). */
	announcement = $state('');

	constructor(options: EditorOptions) {
		this.form = new DraftForm(options);
		this.#ids = new DraftIds(options.database, options.builtInIds);
		this.recordings = new StepRecordings(options.database, (message) => {
			this.problem = message;
		});
		this.keeper = new DraftKeeper(options, {
			form: this.form,
			ids: this.#ids,
			recordings: this.recordings,
			words: this,
			edit: (next) => this.#edit(next)
		});
	}

	/** The page's: opens what its address names (see {@link DraftKeeper.open}). */
	open(param: string): Promise<string | undefined> {
		return this.keeper.open(param);
	}

	/** The page's: whether there is a draft to show yet. */
	get status(): DraftKeeper['status'] {
		return this.keeper.status;
	}

	/** The page's: the routine's title, or "Untitled routine". */
	get title(): string {
		return this.form.title;
	}

	/** Sets one field; `undefined` takes the key out (the inherited value applies). */
	set(path: readonly PathSegment[], value: JsonValue | undefined, typing = false): void {
		const id = path.length === 1 && path[0] === 'id';
		if (id && this.keeper.idLocked) return;
		if (id) this.#ids.wrote(value);
		this.form.touch(path);
		this.#edit(setValue(this.form.draft, path, value), typing ? formatPath(path) : undefined);
	}

	/**
	 * The routine's title; its id follows until the author writes one, and never once the routine
	 * is saved (sessions and recordings know it by its id).
	 */
	setTitle(title: string): void {
		this.form.touch(['title']);
		this.#edit(this.#ids.retitle(this.form.draft, title, this.keeper.idLocked), 'title');
	}

	/** A step's title; its id follows while the author has not written one, and was not saved. */
	setStepTitle(index: number, title: string): void {
		const path = ['steps', index, 'title'];
		this.form.touch(path);
		this.#edit(this.#ids.retitleStep(this.form.draft, index, title), formatPath(path));
	}

	/** Adds a step of a type at the end; returns its index. */
	addStep(type: StepType): number {
		const added = addStep(this.form.draft, type);
		this.#edit(added.draft);
		this.announcement = `Added a ${type} step, step ${added.index + 1} of ${added.index + 1}.`;
		return added.index;
	}

	/** Moves a step, and says where it went. */
	moveStep(from: number, to: number): boolean {
		const count = this.form.steps.length;
		if (to < 0 || to >= count || from === to) return false;
		const name = this.form.stepName(from);
		this.#edit(moveStep(this.form.draft, from, to));
		this.form.forgetTouched();
		this.announcement = `Moved “${name}” to position ${to + 1} of ${count}.`;
		return true;
	}

	duplicateStep(index: number): void {
		const name = this.form.stepName(index);
		this.#edit(duplicateStep(this.form.draft, index));
		this.announcement = `Duplicated “${name}” as step ${index + 2}.`;
	}

	deleteStep(index: number): void {
		const name = this.form.stepName(index);
		this.#edit(deleteStep(this.form.draft, index));
		this.form.forgetTouched();
		this.announcement = `Deleted “${name}”. Undo brings it back.`;
	}

	undo(): void {
		if (!this.form.undo()) return;
		this.#afterHistoryMove('Undone.');
	}

	redo(): void {
		if (!this.form.redo()) return;
		this.#afterHistoryMove('Redone.');
	}

	#afterHistoryMove(announcement: string): void {
		this.#ids.follow(this.form.draft);
		this.recordings.follow(this.form.draft, this.keeper.voiceId);
		this.announcement = announcement;
		this.#changed();
	}

	#edit(next: Draft, typing?: string): void {
		if (!this.form.record(next, typing)) return;
		this.recordings.follow(this.form.draft, this.keeper.voiceId);
		this.#changed();
	}

	#changed(): void {
		this.problem = '';
		this.keeper.changed();
	}
}

/** The editor page's model: its route provides it, its components use it. */
export const [useEditor, provideEditor] = createContext<EditorModel>();
