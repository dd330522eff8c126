/**
 * The routine a player page plays: a built-in arrives with the page (prerendered, fetched);
 * any other id is the person's own, read from the database in the browser, offline too.
 */
import type { RoutineLoad } from '../../storage/built-in-routines';
import { loadDraftRoutine, loadOwnRoutine } from '../../storage/own-routines';
import type { DatabaseModel } from '../database.svelte';

/** What the page's load gives: the built-in routine, or none when the id is not a built-in. */
export interface PlayPageData {
	id: string;
	load: RoutineLoad | undefined;
}

/** Which routine the player page plays, wherever it lives; one per page. */
export class RoutineToPlay {
	#page: () => PlayPageData;
	#draftKey: () => string | undefined;
	#own = $state.raw<{ id: string; load: RoutineLoad }>();

	/**
	 * Follows the page's data; reads an own routine whenever the id is not a built-in, and the
	 * editor's draft instead whenever `draftKey` names one (the editor's "Try it").
	 */
	constructor(
		page: () => PlayPageData,
		database: Pick<DatabaseModel, 'get'>,
		draftKey: () => string | undefined = () => undefined
	) {
		this.#page = page;
		this.#draftKey = draftKey;
		$effect(() => {
			const { id, load } = page();
			const key = draftKey();
			if (load && key === undefined) return;
			let current = true;
			void database
				.get()
				.then((db) => (key === undefined ? loadOwnRoutine(db, id) : loadDraftRoutine(db, key)))
				.then((own) => {
					if (current) this.#own = { id: key === undefined ? id : `${id}?draft=${key}`, load: own };
				});
			return () => {
				current = false;
			};
		});
	}

	/** The routine, or why it cannot be played; undefined while the database is read. */
	get current(): RoutineLoad | undefined {
		const { id, load } = this.#page();
		const key = this.#draftKey();
		if (key !== undefined)
			return this.#own?.id === `${id}?draft=${key}` ? this.#own.load : undefined;
		if (load) return load;
		return this.#own?.id === id ? this.#own.load : undefined;
	}

	/** The editor's draft being tried, if this is one: the way back to it. */
	get draftKey(): string | undefined {
		return this.#draftKey();
	}
}
