/**
 * Editing a routine as plain JSON: the editor's draft is the file as it will be written, valid or
 * not yet, so nothing the author typed (nor an imported file's `x-` keys) is lost on the way.
 * Every operation returns a new draft and leaves the one it was given untouched.
 */
import type { JsonObject, JsonValue } from './json-text';
import type { PathSegment } from './path';
import { SLUG, type StepType } from './schema';

/** A routine being written: a JSON object that may not be a valid routine yet. */
export type Draft = JsonObject;

/** Where a new key goes, by the kind of object it is in: the order the contract writes them. */
const KEY_ORDERS = {
	routine: ['version', 'id', 'title', 'summary', 'language', 'defaults', 'steps'],
	defaults: ['cycle', 'rounds', 'restBetweenRounds', 'restBetweenSteps', 'onFlare', 'flare'],
	cycle: ['approach', 'breathe', 'soften', 'comeBack'],
	breaths: ['breaths', 'inhale', 'holdIn', 'exhale', 'holdOut'],
	flare: ['release', 'recover'],
	step: [
		'type',
		'id',
		'title',
		'side',
		'text',
		'pattern',
		'breaths',
		'rounds',
		'cycle',
		'seconds',
		'onFlare'
	]
} as const;

function keyOrder(path: readonly PathSegment[]): readonly string[] {
	const last = path[path.length - 1];
	if (path.length === 0) return KEY_ORDERS.routine;
	if (path.length === 1 && last === 'defaults') return KEY_ORDERS.defaults;
	if (path.length === 2 && path[0] === 'steps') return KEY_ORDERS.step;
	if (last === 'cycle') return KEY_ORDERS.cycle;
	if (last === 'breathe' || last === 'pattern') return KEY_ORDERS.breaths;
	if (last === 'flare') return KEY_ORDERS.flare;
	return [];
}

const isObject = (value: JsonValue | undefined): value is JsonObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** An object like the reader makes: no prototype, so no key can reach `Object.prototype`. */
function plainObject(entries: [string, JsonValue][]): JsonObject {
	const object = Object.create(null) as JsonObject;
	for (const [key, value] of entries) object[key] = value;
	return object;
}

/** The object with `key` set: in place if present, else where the contract's order puts it. */
function withKey(
	object: JsonObject,
	key: string,
	value: JsonValue,
	order: readonly string[]
): JsonObject {
	const entries = Object.entries(object);
	const at = entries.findIndex(([name]) => name === key);
	if (at >= 0) {
		entries[at] = [key, value];
		return plainObject(entries);
	}
	const rank = (name: string) => {
		const index = order.indexOf(name);
		return index < 0 ? Infinity : index;
	};
	// After the last key it follows (keys of the author's own stay where they were).
	const after = entries.findLastIndex(([name]) => rank(name) < rank(key));
	const before = entries.findIndex(([name]) => rank(name) > rank(key) && rank(name) < Infinity);
	const insertAt = after >= 0 ? after + 1 : before >= 0 ? before : entries.length;
	entries.splice(insertAt, 0, [key, value]);
	return plainObject(entries);
}

function withoutKey(object: JsonObject, key: string): JsonObject {
	return plainObject(Object.entries(object).filter(([name]) => name !== key));
}

/** The value at a path, or undefined where there is none. */
export function valueAt(
	value: JsonValue | undefined,
	path: readonly PathSegment[]
): JsonValue | undefined {
	let current = value;
	for (const segment of path) {
		if (typeof segment === 'number')
			current = Array.isArray(current) ? current[segment] : undefined;
		else current = isObject(current) ? current[segment] : undefined;
		if (current === undefined) return undefined;
	}
	return current;
}

/**
 * The draft with the value at `path` set; `undefined` removes the key, and an object left empty
 * by that (a step's `cycle` with no override left) goes too, so the file says only what it means.
 */
export function setValue(
	draft: Draft,
	path: readonly PathSegment[],
	value: JsonValue | undefined
): Draft {
	const next = setIn(draft, path, 0, value);
	return isObject(next) ? next : draft;
}

function setIn(
	node: JsonValue | undefined,
	path: readonly PathSegment[],
	depth: number,
	value: JsonValue | undefined
): JsonValue | undefined {
	if (depth === path.length) return value;
	const segment = path[depth] as PathSegment;
	if (typeof segment === 'number') {
		if (!Array.isArray(node) || segment < 0 || segment >= node.length) return node;
		const child = setIn(node[segment], path, depth + 1, value);
		if (child === undefined) return node;
		return node.map((item, i) => (i === segment ? child : item));
	}
	const object = isObject(node) ? node : plainObject([]);
	const child = setIn(object[segment], path, depth + 1, value);
	const emptied = child === undefined || (isObject(child) && Object.keys(child).length === 0);
	if (emptied) {
		if (!(segment in object)) return node;
		const rest = withoutKey(object, segment);
		// An object emptied below the top stays only where it was not created for this edit.
		return depth > 0 && Object.keys(rest).length === 0 ? undefined : rest;
	}
	return withKey(object, segment, child, keyOrder(path.slice(0, depth)));
}

/** The draft's steps as a list (none when `steps` is not one). */
export function draftSteps(draft: Draft): JsonValue[] {
	const steps = draft['steps'];
	return Array.isArray(steps) ? steps : [];
}

function withSteps(draft: Draft, steps: JsonValue[]): Draft {
	return withKey(draft, 'steps', steps, KEY_ORDERS.routine);
}

/** A step's id, where it has one. */
export function stepId(step: JsonValue | undefined): string | undefined {
	const id = isObject(step) ? step['id'] : undefined;
	return typeof id === 'string' ? id : undefined;
}

/** Text as an id: lowercase letters, digits and single dashes, at most 64 characters. */
export function slugify(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+/, '')
		.slice(0, 64)
		.replace(/-+$/, '');
}

/** `root` numbered `n` to tell it apart: `root-2`, `root-3`, …, cut to keep 64 characters. */
function numbered(root: string, n: number): string {
	const suffix = `-${n}`;
	return root.slice(0, 64 - suffix.length).replace(/-+$/, '') + suffix;
}

/** `root` if `taken` has it not, else `root-2`, `root-3`, … */
function freeId(root: string, taken: ReadonlySet<string>): string {
	if (!taken.has(root)) return root;
	for (let n = 2; ; n++) {
		const candidate = numbered(root, n);
		if (!taken.has(candidate)) return candidate;
	}
}

/** `base` if no other step has it, else `base-2`, `base-3`, …; `except` is the step itself. */
export function uniqueStepId(draft: Draft, base: string, except?: number): string {
	const taken = new Set(
		draftSteps(draft).flatMap((step, i) => (i === except ? [] : [stepId(step) ?? '']))
	);
	return freeId(slugify(base) || 'step', taken);
}

/**
 * The id a routine's title makes before it is told apart: none for no title, `routine` for a
 * title with no letter or digit an id can hold (one in another script).
 */
function routineIdRoot(title: string): string {
	return title.trim() === '' ? '' : slugify(title) || 'routine';
}

/** The id a title makes that no routine in `taken` has: `evening`, else `evening-2`, … */
export function uniqueRoutineId(title: string, taken: ReadonlySet<string>): string {
	const root = routineIdRoot(title);
	return root === '' ? '' : freeId(root, taken);
}

/**
 * Whether `id` is one the title made (numbered or not), so it goes on following the title; an id
 * the author wrote themselves stays as they wrote it.
 */
export function idFollowsTitle(id: JsonValue | undefined, title: JsonValue | undefined): boolean {
	if (id === '' || id === undefined) return true;
	if (typeof id !== 'string') return false;
	const root = routineIdRoot(typeof title === 'string' ? title : '');
	if (id === root) return true;
	const number = /-(\d+)$/.exec(id)?.[1];
	return root !== '' && number !== undefined && numbered(root, Number(number)) === id;
}

/** A new routine: nothing but what every routine needs, spoken in English. */
export function newDraft(): Draft {
	return plainObject([
		['version', 1],
		['id', ''],
		['title', ''],
		['language', 'en'],
		['steps', []]
	]);
}

/** What each type of step starts with: valid at once, with the contract's usual values. */
const STEP_STARTS: Record<StepType, { title: string; keys: [string, JsonValue][] }> = {
	stretch: { title: 'Stretch', keys: [] },
	breathe: {
		title: 'Breathe',
		keys: [
			[
				'pattern',
				plainObject([
					['inhale', 4],
					['exhale', 6]
				])
			],
			['breaths', 6]
		]
	},
	rest: { title: 'Rest', keys: [['seconds', 30]] }
};

/** A new step of a type, with an id no other step has. */
export function newStep(draft: Draft, type: StepType): JsonObject {
	const start = STEP_STARTS[type];
	return plainObject([
		['type', type],
		['id', uniqueStepId(draft, start.title)],
		['title', start.title],
		...start.keys.map(([key, value]): [string, JsonValue] => [key, structuredClone(value)])
	]);
}

/** The draft with a new step of `type` at `index` (the end by default), and where it went. */
export function addStep(
	draft: Draft,
	type: StepType,
	index = draftSteps(draft).length
): { draft: Draft; index: number } {
	const steps = [...draftSteps(draft)];
	const at = Math.max(0, Math.min(index, steps.length));
	steps.splice(at, 0, newStep(draft, type));
	return { draft: withSteps(draft, steps), index: at };
}

/** The draft with the step at `from` moved to `to`; out of range changes nothing. */
export function moveStep(draft: Draft, from: number, to: number): Draft {
	const steps = [...draftSteps(draft)];
	if (from < 0 || from >= steps.length || to < 0 || to >= steps.length || from === to) return draft;
	const [moved] = steps.splice(from, 1);
	if (moved === undefined) return draft;
	steps.splice(to, 0, moved);
	return withSteps(draft, steps);
}

/** The draft with a copy of the step right after it, under an id of its own. */
export function duplicateStep(draft: Draft, index: number): Draft {
	const steps = [...draftSteps(draft)];
	const step = steps[index];
	if (step === undefined) return draft;
	const copy: JsonValue = isObject(step)
		? withKey(
				structuredClone(step),
				'id',
				uniqueStepId(draft, stepId(step) ?? 'step'),
				KEY_ORDERS.step
			)
		: structuredClone(step);
	steps.splice(index + 1, 0, copy);
	return withSteps(draft, steps);
}

/** The draft without the step at `index`. */
export function deleteStep(draft: Draft, index: number): Draft {
	const steps = draftSteps(draft);
	if (index < 0 || index >= steps.length) return draft;
	return withSteps(
		draft,
		steps.filter((_, i) => i !== index)
	);
}

/**
 * A new title for the routine; its id follows the title, told apart from the ids in `taken`, for
 * as long as the author has not given it one of their own (`follows`: by default, while it is
 * empty or what the old title made).
 */
export function setRoutineTitle(
	draft: Draft,
	title: string,
	taken: ReadonlySet<string> = new Set(),
	follows = idFollowsTitle(draft['id'], draft['title'])
): Draft {
	const titled = setValue(draft, ['title'], title);
	return follows ? setValue(titled, ['id'], uniqueRoutineId(title, taken)) : titled;
}

/** A new title for a step; its id follows it while it is what the old title made. */
export function setStepTitle(draft: Draft, index: number, title: string): Draft {
	const step = draftSteps(draft)[index];
	if (!isObject(step)) return draft;
	const oldTitle = typeof step['title'] === 'string' ? step['title'] : '';
	const id = stepId(step);
	const follows = id === '' || id === uniqueStepId(draft, oldTitle, index);
	const titled = setValue(draft, ['steps', index, 'title'], title);
	if (!follows || slugify(title) === '') return titled;
	return setValue(titled, ['steps', index, 'id'], uniqueStepId(titled, title, index));
}

/**
 * A built-in routine as an own copy to edit: an id no routine has (`<id>-copy`, `<id>-copy-2`, …)
 * and the title marked "(copy)"; every other key as it was.
 */
export function copyDraft(routine: Draft, taken: ReadonlySet<string>, title: string): Draft {
	const base =
		typeof routine['id'] === 'string' && routine['id'] !== '' ? routine['id'] : 'routine';
	for (let n = 1; ; n++) {
		const suffix = n === 1 ? '-copy' : `-copy-${n}`;
		const id = base.slice(0, 64 - suffix.length).replace(/-+$/, '') + suffix;
		if (SLUG.test(id) && !taken.has(id)) {
			return setValue(setValue(structuredClone(routine), ['id'], id), ['title'], title);
		}
	}
}

/** The draft as the file's text: two-space JSON ending in a newline, as people write it. */
export function draftText(draft: Draft): string {
	return `${JSON.stringify(draft, null, 2)}\n`;
}

/** A stored draft read back: a JSON object, or a new routine when it is anything else. */
export function readDraft(value: unknown): Draft {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return newDraft();
	// Drafts are stored as the editor made them (structured clone of JSON), so this is JSON again.
	return structuredClone(value) as Draft;
}
