/**
 * The coach's recordings follow their steps: kept under a step's id, they move when an edit
 * changes it (see step-ids.ts), one move after another in the order of the edits.
 */
import type { Draft } from '../../routine/draft';
import type { DatabaseModel } from '../database.svelte';
import { followStepIds, voiceStepIds, type CueRename } from './step-ids';

/** One per editor, inside its model. */
export class StepRecordings {
	#database: Pick<DatabaseModel, 'write'>;
	/** Where a move that failed is said. */
	#onproblem: (message: string) => void;
	/** Each step's id its recorded cues are kept under, by place; undefined before it has one. */
	#stepIds: readonly (string | undefined)[] = [];
	/** The recordings' moves to steps' new ids, one after another, in the order of the edits. */
	#renaming: Promise<void> = Promise.resolve();

	/** Counts the times recordings moved under a step's new id: the lists read them again. */
	revision = $state(0);

	constructor(database: Pick<DatabaseModel, 'write'>, onproblem: (message: string) => void) {
		this.#database = database;
		this.#onproblem = onproblem;
	}

	/** Takes a draft opened: its steps' recordings are where their ids say. */
	start(draft: Draft): void {
		this.#stepIds = voiceStepIds(draft);
	}

	/** After an edit: each step's recordings (of the routine `routineId`) go with its new id. */
	follow(draft: Draft, routineId: string): void {
		const followed = followStepIds(this.#stepIds, voiceStepIds(draft));
		this.#stepIds = followed.ids;
		if (followed.renames.length > 0) this.#rename(routineId, followed.renames);
	}

	/** Every move of recordings asked for so far is done. */
	settled(): Promise<void> {
		return this.#renaming;
	}

	#rename(routineId: string, renames: readonly CueRename[]): void {
		this.#renaming = this.#renaming.then(async () => {
			for (const [from, to] of renames) {
				const moved = await this.#database.write((db) => db.renameCueScope(routineId, from, to));
				if (!moved.ok) {
					this.#onproblem(
						`Your recordings for the step “${from}” stay under that id, so they do not play for “${to}”. ${moved.message}`
					);
				} else if (moved.value > 0) {
					this.revision++;
				}
			}
		});
	}
}
