/** How the editor names its fields: element ids from paths, and the words for each step type. */
import type { PathSegment } from '../../routine/path';
import type { StepType } from '../../routine/schema';

/** The element id of the field for a path: `steps[1].cycle.soften` is `f-steps-1-cycle-soften`. */
export function fieldId(path: readonly PathSegment[]): string {
	return `f-${path.map((segment) => String(segment).replace(/[^A-Za-z0-9]+/g, '_')).join('-')}`;
}

/** Where the editor shows a problem found at `path`: its field, else its step, else the top. */
export function issueTarget(path: string, exists: (id: string) => boolean): string {
	const segments: PathSegment[] = [];
	for (const match of path.matchAll(/([A-Za-z_$][\w$-]*)|\[(\d+)\]/g)) {
		segments.push(match[2] !== undefined ? Number(match[2]) : (match[1] ?? ''));
	}
	for (let n = segments.length; n > 0; n--) {
		const id =
			n === 2 && segments[0] === 'steps' ? `step-${segments[1]}` : fieldId(segments.slice(0, n));
		if (exists(id)) return id;
	}
	return 'routine-heading';
}

/** A step type as the editor names it. */
export const STEP_TYPE_LABELS: Record<StepType, string> = {
	stretch: 'Stretch',
	breathe: 'Breathing',
	rest: 'Rest'
};

/** What each step type is, in one line, for the Add buttons. */
export const STEP_TYPE_HINTS: Record<StepType, string> = {
	stretch: 'rounds of approach, breathe, soften, come back',
	breathe: 'paced breaths',
	rest: 'a timed rest'
};

/** No field changed yet. */
export const NO_PATHS: ReadonlySet<string> = new Set();

/** A set of paths (or ids) made once and never changed: a new one is made for each change. */
export function pathSet(paths: Iterable<string>): ReadonlySet<string> {
	return new Set(paths);
}

/** The set with one more path; the same set when it is there already. */
export function withPath(paths: ReadonlySet<string>, path: string): ReadonlySet<string> {
	return paths.has(path) ? paths : new Set([...paths, path]);
}
