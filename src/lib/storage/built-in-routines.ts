/**
 * The built-in routines, shipped as files in `static/routines/` and read through the same
 * validator as any imported file, so a broken built-in is caught like any other.
 */
import { describeIssue, parseRoutine, type Routine, type RoutineIssue } from '../routine';

/** A routine ready to play, with its file's text as written (for export); or why not. */
export type RoutineLoad =
	| { ok: true; routine: Routine; text: string }
	| {
			ok: false;
			reason: 'not-found' | 'network' | 'invalid';
			message: string;
			issues?: RoutineIssue[];
	  };

type Fetch = typeof fetch;

const ID_IN_URL = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** The ids of the built-in routines, in the order the library lists them. */
export async function builtInRoutineIds(fetcher: Fetch): Promise<string[]> {
	const response = await fetcher('/routines/index.json');
	if (!response.ok) throw new Error(`the list of built-in routines answered ${response.status}`);
	const ids: unknown = await response.json();
	if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string' && ID_IN_URL.test(id))) {
		throw new Error('the list of built-in routines is not a list of routine ids');
	}
	return ids;
}

/** One built-in routine by id, validated; every failure is a value with a message. */
export async function loadBuiltInRoutine(fetcher: Fetch, id: string): Promise<RoutineLoad> {
	if (!ID_IN_URL.test(id)) {
		return { ok: false, reason: 'not-found', message: `There is no routine called "${id}".` };
	}
	let response: Response;
	try {
		response = await fetcher(`/routines/${id}.json`);
	} catch {
		return {
			ok: false,
			reason: 'network',
			message: `The routine "${id}" could not be loaded: the network is unreachable. Connect once, then try again.`
		};
	}
	// A static host's fallback answers unknown paths with the app's HTML page.
	const type = response.headers.get('content-type') ?? '';
	if (response.status === 404 || !response.ok || type.includes('text/html')) {
		return { ok: false, reason: 'not-found', message: `There is no routine called "${id}".` };
	}
	const text = await response.text();
	const result = parseRoutine(text);
	if (!result.ok) {
		return {
			ok: false,
			reason: 'invalid',
			message: `The routine "${id}" is not valid: ${result.issues.map(describeIssue).join('; ')}`,
			issues: result.issues
		};
	}
	if (result.routine.id !== id) {
		return {
			ok: false,
			reason: 'invalid',
			message: `The file for "${id}" holds the routine "${result.routine.id}".`
		};
	}
	return { ok: true, routine: result.routine, text };
}
