/**
 * The person's own routines as the screens read them: kept as the file's text and validated again
 * on every read, so a stored file the format no longer accepts is refused with its problems.
 */
import {
	describeIssue,
	issueCount,
	parseRoutine,
	shorten,
	validateRoutine,
	type RoutineIssue
} from '../routine';
import type { JsonValue } from '../routine/json-text';
import { plainIssue } from '../routine/plain-issue';
import type { RoutineLoad } from './built-in-routines';
import type { Database, StoredRoutine } from './database';

/** A few problems in a line, in a person's words (the step by number and title), the rest counted. */
function summarize(issues: readonly RoutineIssue[]): string {
	const named = issues.slice(0, 5).map((issue) => {
		const { where, what } = plainIssue(issue);
		return where ? `${where}, ${what}` : what;
	});
	const more = issueCount(issues) - named.length;
	return `${named.join('; ')}${more > 0 ? `; and ${more.toLocaleString('en')} more` : ''}.`;
}

/** The title the stored file gives itself, when it can be read; its id otherwise. */
function titleOf(stored: StoredRoutine): string {
	try {
		const title: unknown = (JSON.parse(stored.text) as { title?: unknown }).title;
		if (typeof title === 'string' && title.trim() !== '') return shorten(title);
	} catch {
		// Not JSON at all: the id names it.
	}
	return stored.id;
}

/** A stored routine, read and validated like any file. */
export function readStoredRoutine(stored: StoredRoutine): RoutineLoad {
	const result = parseRoutine(stored.text);
	if (!result.ok) {
		return {
			ok: false,
			reason: 'invalid',
			message: `Your routine “${titleOf(stored)}” can no longer be played: ${summarize(result.issues)} Export it to change it in a text editor, or delete it.`,
			issues: result.issues
		};
	}
	return { ok: true, routine: result.routine, text: stored.text };
}

/** One own routine by id; none stored (or no database at all) is "not found", as for any id. */
export async function loadOwnRoutine(db: Database | undefined, id: string): Promise<RoutineLoad> {
	const notFound = `There is no routine called "${id}".`;
	if (!db) return { ok: false, reason: 'not-found', message: notFound };
	const read = await db.read('Your routines', (d) => d.routine(id));
	if (!read.ok) return { ok: false, reason: 'not-found', message: read.message };
	if (!read.value) return { ok: false, reason: 'not-found', message: notFound };
	return readStoredRoutine(read.value);
}

/** A draft from the editor, to try it in the player: validated like any file. */
export async function loadDraftRoutine(
	db: Database | undefined,
	key: string
): Promise<RoutineLoad> {
	const gone = `This draft is no longer kept here (saved or discarded meanwhile?). Open it from the library.`;
	if (!db) return { ok: false, reason: 'not-found', message: gone };
	const read = await db.read('The draft', (d) => d.draft(key));
	if (!read.ok) return { ok: false, reason: 'not-found', message: read.message };
	const routine = read.value?.routine;
	if (routine === undefined) return { ok: false, reason: 'not-found', message: gone };
	// Drafts are stored as the editor keeps them: JSON values, cloned.
	const result = validateRoutine(routine as JsonValue);
	if (!result.ok) {
		return {
			ok: false,
			reason: 'invalid',
			message: `The draft has problems to fix in the editor first: ${result.issues.map(describeIssue).join('; ')}`,
			issues: result.issues
		};
	}
	return { ok: true, routine: result.routine, text: JSON.stringify(routine, null, 2) };
}
