/**
 * The draft's ids: the routine's, which follows its title until the coach writes one and must
 * differ from every other routine's, and its steps', which follow their titles until the routine
 * is saved (history and recordings know a saved routine's steps by them).
 */
import {
	draftSteps,
	idFollowsTitle,
	setRoutineTitle,
	setStepTitle,
	setValue,
	stepId,
	uniqueRoutineId,
	type Draft
} from '../../routine/draft';
import type { JsonValue } from '../../routine/json-text';
import type { DatabaseModel } from '../database.svelte';
import { NO_PATHS, pathSet } from './fields';

/** Whether a new routine's id is free to save under: free, moved on to a free one, or taken. */
export type IdClash =
	| { kind: 'free' }
	| { kind: 'moved'; draft: Draft }
	| { kind: 'taken'; id: string; builtIn: boolean };

/** One per editor, inside its keeper. */
export class DraftIds {
	#database: Pick<DatabaseModel, 'get'>;
	#builtInIds: readonly string[];
	/** The ids a new routine's id is told apart from: the built-ins' and the person's others. */
	#taken: ReadonlySet<string> = NO_PATHS;
	/**
	 * The coach wrote the routine's id themselves: it no longer follows the title, and one in use
	 * is refused rather than moved on. A draft opened again tells by whether the title made its id.
	 */
	#byHand = false;
	/** The step ids of the routine as saved: history and recordings know its steps by them. */
	#savedStepIds: ReadonlySet<string> = NO_PATHS;

	constructor(database: Pick<DatabaseModel, 'get'>, builtInIds: readonly string[]) {
		this.#database = database;
		this.#builtInIds = builtInIds;
	}

	/** The ids a new routine's own must differ from, as last read. */
	get taken(): ReadonlySet<string> {
		return this.#taken;
	}

	/** Whether an id names a built-in routine. */
	isBuiltIn(id: string): boolean {
		return this.#builtInIds.includes(id);
	}

	/** Takes a draft opened or saved: `saved` when it is a routine in the library. */
	start(draft: Draft, saved: boolean): void {
		this.follow(draft);
		this.#savedStepIds = saved ? stepIds(draft) : NO_PATHS;
	}

	/** Tells again whether the coach wrote the id, by the draft (after an undo or redo). */
	follow(draft: Draft): void {
		this.#byHand = !idFollowsTitle(draft['id'], draft['title']);
	}

	/** The coach wrote the id (or cleared it, and it follows the title again). */
	wrote(id: JsonValue | undefined): void {
		this.#byHand = id !== '' && id !== undefined;
	}

	/** The steps' ids are the saved routine's now. */
	stepsSaved(draft: Draft): void {
		this.#savedStepIds = stepIds(draft);
	}

	/** The draft with a new title; the id follows while it may (`locked`: a saved routine's). */
	retitle(draft: Draft, title: string, locked: boolean): Draft {
		return locked
			? setValue(draft, ['title'], title)
			: setRoutineTitle(draft, title, this.#taken, !this.#byHand);
	}

	/** The draft with a step's new title; its id follows while it has not been saved. */
	retitleStep(draft: Draft, index: number, title: string): Draft {
		const id = stepId(draftSteps(draft)[index]);
		return id !== undefined && this.#savedStepIds.has(id)
			? setValue(draft, ['steps', index, 'title'], title)
			: setStepTitle(draft, index, title);
	}

	/** Reads the ids a new routine's own must differ from, as they are now. */
	async readTaken(): Promise<void> {
		this.#taken = pathSet([...this.#builtInIds, ...(await this.#ownIds())]);
	}

	/**
	 * Whether a new routine's id is free: one that follows the title moves on to a free one (the
	 * library may have changed since the editor opened); one the coach wrote is taken.
	 */
	async clash(draft: Draft): Promise<IdClash> {
		await this.readTaken();
		const id = String(draft['id']);
		if (!this.#taken.has(id)) return { kind: 'free' };
		if (this.#byHand) return { kind: 'taken', id, builtIn: this.isBuiltIn(id) };
		const free = uniqueRoutineId(String(draft['title']), this.#taken);
		return { kind: 'moved', draft: setValue(draft, ['id'], free) };
	}

	async #ownIds(): Promise<string[]> {
		const db = await this.#database.get();
		const read = await db?.read('Your routines', (kept) => kept.routines());
		// Unread, the copy's id may clash with an own routine: saving says so then.
		return read?.ok ? read.value.map((routine) => routine.id) : [];
	}
}

function stepIds(draft: Draft): ReadonlySet<string> {
	return pathSet(draftSteps(draft).flatMap((step) => stepId(step) ?? []));
}
