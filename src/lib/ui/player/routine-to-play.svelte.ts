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
	#database: Pick<DatabaseModel, 'get'>;
	#own = $state.raw<{ id: string; load: RoutineLoad }>();

	/** Reads an own routine by the page's id, or the editor's draft when `draftKey` names one. */
	constructor(
		page: () => PlayPageData,
		database: Pick<DatabaseModel, 'get'>,
		draftKey: () => string | undefined = () => undefined
	) {
		this.#page = page;
		this.#database = database;
		this.#draftKey = draftKey;
	}

	/**
	 * Reads the routine whenever the id is not a built-in, or the draft whenever the editor's "Try
	 * it" names one; call inside an effect, which follows the page and returns the cleanup.
	 */
	follow(): () => void {
		const { id, load } = this.#page();
		const key = this.#draftKey();
		let current = true;
		if (load && key === undefined) return () => undefined;
		void this.#database
			.get()
			.then((db) => (key === undefined ? loadOwnRoutine(db, id) : loadDraftRoutine(db, key)))
			.then((own) => {
				if (current) this.#own = { id: key === undefined ? id : `${id}?draft=${key}`, load: own };
			});
		return () => {
			current = false;
		};
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
