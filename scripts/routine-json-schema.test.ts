import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildRoutineJsonSchema, routineJsonSchemaText } from './routine-json-schema';

const SCHEMA_FILE = fileURLToPath(new URL('../static/routine.schema.json', import.meta.url));

type Node = { [key: string]: unknown };

const isNode = (value: unknown): value is Node =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every object schema in the tree (a node with `type: "object"`), with where it is. */
function objectSchemas(node: unknown, at = '#'): { at: string; node: Node }[] {
	if (Array.isArray(node)) return node.flatMap((item, i) => objectSchemas(item, `${at}/${i}`));
	if (!isNode(node)) return [];
	const own = node['type'] === 'object' ? [{ at, node }] : [];
	return [
		...own,
		...Object.entries(node).flatMap(([key, value]) => objectSchemas(value, `${at}/${key}`))
	];
}

/** The node at a JSON pointer-like list of keys. */
function nodeAt(root: unknown, keys: readonly (string | number)[]): Node {
	let node: unknown = root;
	for (const key of keys) {
		if (Array.isArray(node) && typeof key === 'number') node = node[key];
		else if (isNode(node)) node = node[String(key)];
		else throw new Error(`no node at ${keys.join('/')}`);
	}
	if (!isNode(node)) throw new Error(`no object at ${keys.join('/')}`);
	return node;
}

const committed = readFileSync(SCHEMA_FILE, 'utf8');
const schema: unknown = JSON.parse(committed);

describe('static/routine.schema.json', () => {
	it('is exactly what `npm run schema` writes (run it after changing the format)', () => {
		expect(committed).toBe(routineJsonSchemaText());
	});

	it('is the built schema, tab-indented, ending with one newline', () => {
		expect(schema).toEqual(buildRoutineJsonSchema());
		expect(committed.endsWith('}\n')).toBe(true);
		expect(committed.endsWith('\n\n')).toBe(false);
		expect(committed.split('\n')[1]?.startsWith('\t"')).toBe(true);
	});

	it('is a draft 2020-12 schema with a title', () => {
		const root = nodeAt(schema, []);
		expect(root['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
		expect(root['title']).toBe('Liana routine, format version 1');
		expect(root['type']).toBe('object');
	});

	it('states the limits it cannot express in a comment', () => {
		const comment = String(nodeAt(schema, [])['$comment']);
		for (const words of ['1048576 bytes', 'unique', '0 s', 'BCP 47']) {
			expect(comment).toContain(words);
		}
	});
});

describe('the schema refuses unknown keys but allows `x-` keys, as the validator does', () => {
	const objects = objectSchemas(schema);

	it('finds every object of the format: root, defaults, cycles, breathing, flare, steps, pattern', () => {
		expect(objects.map(({ at }) => at).sort()).toEqual(
			[
				'#',
				'#/properties/defaults',
				'#/properties/defaults/properties/cycle',
				'#/properties/defaults/properties/cycle/properties/breathe',
				'#/properties/defaults/properties/flare',
				'#/properties/steps/items/oneOf/0',
				'#/properties/steps/items/oneOf/0/properties/cycle',
				'#/properties/steps/items/oneOf/0/properties/cycle/properties/breathe',
				'#/properties/steps/items/oneOf/1',
				'#/properties/steps/items/oneOf/1/properties/pattern',
				'#/properties/steps/items/oneOf/2'
			].sort()
		);
	});

	it.each(objects.map(({ at, node }) => [at, node] as const))(
		'%s has additionalProperties false and patternProperties "^x-"',
		(_at, node) => {
			expect(isNode(node['properties'])).toBe(true);
			expect(node['additionalProperties']).toBe(false);
			expect(node['patternProperties']).toEqual({ '^x-': {} });
		}
	);

	it('declares no property that begins with "x-" itself', () => {
		for (const { node } of objects) {
			const names = Object.keys(node['properties'] as Node);
			expect(names.filter((name) => name.startsWith('x-'))).toEqual([]);
		}
	});
});

describe('the schema agrees with the contract', () => {
	const properties = (keys: readonly (string | number)[]) =>
		Object.keys(nodeAt(schema, [...keys, 'properties'])).sort();
	const stepAt = (i: number) => ['properties', 'steps', 'items', 'oneOf', i] as const;

	it('has the keys of the contract, and requires the required ones', () => {
		expect(properties([])).toEqual(
			['defaults', 'id', 'language', 'steps', 'summary', 'title', 'version'].sort()
		);
		expect(nodeAt(schema, [])['required']).toEqual(['version', 'id', 'title', 'steps']);
		expect(properties(['properties', 'defaults'])).toEqual(
			['cycle', 'flare', 'onFlare', 'restBetweenRounds', 'restBetweenSteps', 'rounds'].sort()
		);
		expect(properties(stepAt(0))).toEqual(
			['cycle', 'id', 'onFlare', 'rounds', 'side', 'text', 'title', 'type'].sort()
		);
		expect(properties(stepAt(1))).toEqual(
			['breaths', 'id', 'onFlare', 'pattern', 'text', 'title', 'type'].sort()
		);
		expect(properties(stepAt(2))).toEqual(['id', 'onFlare', 'seconds', 'text', 'title', 'type']);
		expect(nodeAt(schema, stepAt(2))['required']).toEqual(['type', 'id', 'title', 'seconds']);
		expect(nodeAt(schema, [...stepAt(1), 'properties', 'pattern'])['required']).toEqual([
			'inhale',
			'exhale'
		]);
	});

	it('pins the version, the step types and the id pattern', () => {
		expect(nodeAt(schema, ['properties', 'version'])).toEqual({ const: 1 });
		expect([0, 1, 2].map((i) => nodeAt(schema, [...stepAt(i), 'properties', 'type']))).toEqual([
			{ const: 'stretch' },
			{ const: 'breathe' },
			{ const: 'rest' }
		]);
		expect(nodeAt(schema, ['properties', 'id'])['pattern']).toBe('^[a-z0-9][a-z0-9-]{0,63}$');
		expect(nodeAt(schema, [...stepAt(0), 'properties', 'id'])['pattern']).toBe(
			'^[a-z0-9][a-z0-9-]{0,63}$'
		);
	});

	it('limits texts, steps, rounds and breaths as the contract does', () => {
		expect(nodeAt(schema, ['properties', 'title'])).toMatchObject({ minLength: 1, maxLength: 120 });
		expect(nodeAt(schema, ['properties', 'summary'])).toMatchObject({ maxLength: 500 });
		expect(nodeAt(schema, [...stepAt(2), 'properties', 'text'])).toMatchObject({
			maxLength: 2000
		});
		expect(nodeAt(schema, ['properties', 'steps'])).toMatchObject({
			type: 'array',
			minItems: 1,
			maxItems: 500
		});
		expect(nodeAt(schema, [...stepAt(0), 'properties', 'rounds'])).toMatchObject({
			type: 'integer',
			minimum: 1,
			maximum: 20
		});
		expect(nodeAt(schema, [...stepAt(1), 'properties', 'breaths'])).toMatchObject({
			type: 'integer',
			minimum: 1,
			maximum: 200
		});
	});

	it('gives every duration the range 0 to 3600 seconds', () => {
		const durations = [
			['properties', 'defaults', 'properties', 'restBetweenRounds'],
			['properties', 'defaults', 'properties', 'flare', 'properties', 'recover'],
			[...stepAt(0), 'properties', 'cycle', 'properties', 'soften'],
			[...stepAt(0), 'properties', 'cycle', 'properties', 'breathe', 'properties', 'holdOut'],
			[...stepAt(1), 'properties', 'pattern', 'properties', 'inhale'],
			[...stepAt(2), 'properties', 'seconds']
		];
		for (const keys of durations) {
			expect(nodeAt(schema, keys)).toMatchObject({ type: 'number', minimum: 0, maximum: 3600 });
		}
	});

	it('lists the flare policies and sides', () => {
		expect(nodeAt(schema, ['properties', 'defaults', 'properties', 'onFlare'])['enum']).toEqual([
			'skip',
			'stop',
			'retry'
		]);
		expect(nodeAt(schema, [...stepAt(0), 'properties', 'side'])['enum']).toEqual(['left', 'right']);
	});
});
