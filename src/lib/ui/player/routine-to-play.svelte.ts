/**
 * The routine a player page plays: a built-in arrives with the page (prerendered, fetched);
 * any other id is the person's own, read from the database in the browser, offline too.
 */
import type { RoutineLoad } from '../../storage/built-in-routines';
import { loadOwnRoutine } from '../../storage/own-routines';
import type { DatabaseModel } from '../database.svelte';

/** What the page's load gives: the built-in routine, or none when the id is not a built-in. */
export interface PlayPageData {
	id: string;
	load: RoutineLoad | undefined;
}

/** Which routine the player page plays, wherever it lives; one per page. */
export class RoutineToPlay {
	#page: () => PlayPageData;
	#own = $state.raw<{ id: string; load: RoutineLoad }>();

	/** Follows the page's data; reads an own routine whenever the id is not a built-in. */
	constructor(page: () => PlayPageData, database: Pick<DatabaseModel, 'get'>) {
		this.#page = page;
		$effect(() => {
			const { id, load } = page();
			if (load) return;
			let current = true;
			void database
				.get()
				.then((db) => loadOwnRoutine(db, id))
				.then((own) => {
					if (current) this.#own = { id, load: own };
				});
			return () => {
				current = false;
			};
		});
	}

	/** The routine, or why it cannot be played; undefined while the database is read. */
	get current(): RoutineLoad | undefined {
		const { id, load } = this.#page();
		if (load) return load;
		return this.#own?.id === id ? this.#own.load : undefined;
	}
}
