/**
 * Finds what the schema library lets through, walking the raw file alongside the schema itself so
 * the list of known keys has one source: every key the format does not know (keys beginning with
 * `x-` are the authors' own and kept), and a list `[ ]` where an object `{ }` belongs.
 */
import type { GenericSchema } from 'valibot';
import type { JsonValue } from './json-text';
import { shorten, type PathSegment } from './path';

/** A found key the format does not know, with the closest known key when one is near. */
export interface UnknownKey {
	kind: 'unknown-key';
	path: PathSegment[];
	key: string;
	suggestion?: string;
}

/** A list where the format wants an object: the schema library would take it as an empty one. */
export interface ListForObject {
	kind: 'list-for-object';
	path: PathSegment[];
	message: string;
}

export type ShapeProblem = UnknownKey | ListForObject;

/** The few fields of a valibot schema node this walk reads (valibot keeps them public). */
interface SchemaNode {
	type: string;
	entries?: Record<string, SchemaNode>;
	wrapped?: SchemaNode;
	item?: SchemaNode;
	key?: string;
	options?: SchemaNode[];
	message?: unknown;
}

const isObject = (value: unknown): value is Record<string, JsonValue> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every unknown key and misplaced list in `value`, checked against `schema`. */
export function findShapeProblems(schema: GenericSchema, value: unknown): ShapeProblem[] {
	const found: ShapeProblem[] = [];
	// The walk reads only the public fields named in SchemaNode; valibot's own types are too exact to list here.
	walk(schema as unknown as SchemaNode, value, [], found);
	return found;
}

function walk(
	schema: SchemaNode,
	value: unknown,
	path: PathSegment[],
	found: ShapeProblem[]
): void {
	switch (schema.type) {
		case 'optional':
			if (schema.wrapped && value !== undefined) walk(schema.wrapped, value, path, found);
			return;
		case 'array':
			if (schema.item && Array.isArray(value)) {
				const item = schema.item;
				value.forEach((element, index) => walk(item, element, [...path, index], found));
			}
			return;
		case 'variant': {
			if (Array.isArray(value)) {
				found.push({ kind: 'list-for-object', path, message: listMessage(schema, value) });
				return;
			}
			if (!isObject(value) || !schema.key) return;
			const tag = value[schema.key];
			const option = schema.options?.find((candidate) => {
				const literal = candidate.entries?.[schema.key ?? ''] as { literal?: unknown } | undefined;
				return literal?.literal === tag;
			});
			if (option) walk(option, value, path, found);
			return;
		}
		case 'object': {
			const entries = schema.entries;
			if (Array.isArray(value)) {
				found.push({ kind: 'list-for-object', path, message: listMessage(schema, value) });
				return;
			}
			if (!entries || !isObject(value)) return;
			const known = Object.keys(entries);
			for (const key of Object.keys(value)) {
				const entry = Object.prototype.hasOwnProperty.call(entries, key) ? entries[key] : undefined;
				if (entry) {
					walk(entry, value[key], [...path, key], found);
				} else if (!key.startsWith('x-')) {
					found.push({
						kind: 'unknown-key',
						path: [...path, key],
						key,
						suggestion: closest(key, known)
					});
				}
			}
			return;
		}
		default:
			return;
	}
}

/** The object schema's own words for a wrong type, so the message matches its other messages. */
function listMessage(schema: SchemaNode, value: unknown): string {
	if (typeof schema.message !== 'function') return 'must be an object { … }, not a list';
	const issue = {
		kind: 'schema',
		type: 'object',
		expected: 'Object',
		received: 'Array',
		input: value
	};
	return String(schema.message(issue));
}

/** The known key nearest to a typo, when it is near enough to be a likely slip. */
export function closest(key: string, known: readonly string[]): string | undefined {
	let best: string | undefined;
	let bestDistance = Infinity;
	const lower = key.toLowerCase();
	for (const candidate of known) {
		const distance = editDistance(lower, candidate.toLowerCase());
		if (distance < bestDistance) {
			best = candidate;
			bestDistance = distance;
		}
	}
	const allowed = Math.max(1, Math.floor(key.length / 3));
	return bestDistance <= allowed ? best : undefined;
}

function editDistance(a: string, b: string): number {
	if (Math.abs(a.length - b.length) > 3) return Infinity;
	let beforePrevious: number[] = [];
	let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			current[j] = Math.min(
				(previous[j] ?? 0) + 1,
				(current[j - 1] ?? 0) + 1,
				(previous[j - 1] ?? 0) + cost
			);
			// Two letters swapped ("titel") is one slip, not two.
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
				current[j] = Math.min(current[j] ?? Infinity, (beforePrevious[j - 2] ?? 0) + 1);
			}
		}
		beforePrevious = previous;
		previous = current;
	}
	return previous[b.length] ?? Infinity;
}

/** The message for an unknown key, as an author reads it. */
export function unknownKeyMessage(unknown: UnknownKey): string {
	const key = shorten(unknown.key);
	if (unknown.suggestion) return `unknown key "${key}" — did you mean "${unknown.suggestion}"?`;
	return `unknown key "${key}" (a key of your own must begin with "x-")`;
}
