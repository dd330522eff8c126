/** How the editor names its fields: element ids from paths, and the words for each step type. */
import type { PathSegment } from '../../routine/path';
import type { StepType } from '../../routine/schema';

/** The element id of the field for a path: `steps[1].cycle.soften` is `f-steps-1-cycle-soften`. */
export function fieldId(path: readonly PathSegment[]): string {
	return `f-${path.map((segment) => String(segment).replace(/[^A-Za-z0-9]+/g, '_')).join('-')}`;
}

/** A problem's path (`steps[1].cycle.soften`) as its steps: `['steps', 1, 'cycle', 'soften']`. */
export function pathSegments(path: string): PathSegment[] {
	const segments: PathSegment[] = [];
	for (const match of path.matchAll(/([A-Za-z_$][\w$-]*)|\[(\d+)\]/g)) {
		segments.push(match[2] !== undefined ? Number(match[2]) : (match[1] ?? ''));
	}
	return segments;
}

/** Where the editor shows a problem found at `path`: its field, else its step, else the top. */
export function issueTarget(path: string, exists: (id: string) => boolean): string {
	const segments = pathSegments(path);
	for (let n = segments.length; n > 0; n--) {
		const id =
			n === 2 && segments[0] === 'steps' ? `step-${segments[1]}` : fieldId(segments.slice(0, n));
		if (exists(id)) return id;
	}
	return 'routine-heading';
}

/** One choice of a choice field; `value` undefined leaves the key out (inherit). */
export interface Choice {
	value: string | undefined;
	label: string;
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

/** A stretch's cycle, in the defaults and in a step alike. */
const CYCLE_LABELS = {
	'cycle.approach': 'Approach',
	'cycle.breathe.breaths': 'Breaths',
	'cycle.breathe.inhale': 'Breathe in',
	'cycle.breathe.holdIn': 'Hold in',
	'cycle.breathe.exhale': 'Breathe out',
	'cycle.breathe.holdOut': 'Hold out',
	'cycle.soften': 'Soften',
	'cycle.comeBack': 'Come back'
};

/** The routine's own fields, by key. */
const ROUTINE_LABELS: Record<string, string> = {
	title: 'Title',
	id: 'Routine id',
	summary: 'Summary',
	language: 'Language of the spoken guidance'
};

/** The defaults' fields, by their path below `defaults`. */
const DEFAULTS_LABELS: Record<string, string> = {
	...CYCLE_LABELS,
	rounds: 'Rounds',
	restBetweenRounds: 'Rest between rounds',
	restBetweenSteps: 'Rest between steps',
	onFlare: 'After a flare',
	'flare.release': 'Release',
	'flare.recover': 'Recover'
};

/** A step's fields, by their path below the step: every field a step card shows. */
const STEP_LABELS: Record<string, string> = {
	title: 'Title',
	id: 'Step id',
	text: 'What the person reads',
	side: 'Side',
	rounds: 'Rounds',
	...CYCLE_LABELS,
	breaths: 'Breaths',
	'pattern.inhale': 'Breathe in',
	'pattern.holdIn': 'Hold in',
	'pattern.exhale': 'Breathe out',
	'pattern.holdOut': 'Hold out',
	seconds: 'Rest',
	onFlare: 'After a flare'
};

/** The paths below a step that a field of its card shows; a problem elsewhere is the step's own. */
export const STEP_FIELD_KEYS: ReadonlySet<string> = new Set(Object.keys(STEP_LABELS));

/** The name of the field at `path`, as its label says it; undefined where no field shows it. */
export function fieldLabel(path: readonly PathSegment[]): string | undefined {
	const [first, second, ...rest] = path;
	if (first === 'steps' && typeof second === 'number') return labelIn(STEP_LABELS, rest);
	if (first === 'defaults') return labelIn(DEFAULTS_LABELS, path.slice(1));
	return labelIn(ROUTINE_LABELS, path);
}

/** A file's own keys (`constructor`, say) are no field: only the table's own entries count. */
function labelIn(labels: Record<string, string>, path: readonly PathSegment[]): string | undefined {
	const key = path.join('.');
	return Object.hasOwn(labels, key) ? labels[key] : undefined;
}
