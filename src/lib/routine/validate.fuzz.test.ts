/**
 * The validator under generated input (fast-check): arbitrary JSON, and the contract's example
 * with one place changed. It never throws; it accepts only routines the rest of the app can use;
 * and every change known to break the format is refused. How long it takes as files grow is a
 * figure of `npm run bench` ("refuse 10,000 steps"), not a timed test.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTRACT_EXAMPLE } from './contract-example';
import type { JsonValue } from './json-text';
import { SLUG } from './schema';
import { compileTimeline } from './timeline';
import { parseRoutine, type RoutineResult } from './validate';

type Json = JsonValue;
type Path = readonly (string | number)[];

const example = (): Json => structuredClone(CONTRACT_EXAMPLE) as unknown as Json;

/** Every path in a JSON value, the root's included. */
function pathsOf(value: Json, at: Path = []): Path[] {
	if (Array.isArray(value)) return [at, ...value.flatMap((item, i) => pathsOf(item, [...at, i]))];
	if (value !== null && typeof value === 'object') {
		return [at, ...Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...at, key]))];
	}
	return [at];
}

/** The value with `path` replaced (or, with `undefined`, taken out). */
function withValue(root: Json, path: Path, value: Json | undefined): Json {
	if (path.length === 0) return value ?? null;
	const copy = structuredClone(root);
	let node = copy as Record<string | number, Json>;
	for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
	const last = path[path.length - 1] as string | number;
	if (value === undefined) {
		if (Array.isArray(node)) node.splice(last as number, 1);
		else delete node[last];
	} else node[last] = value;
	return copy;
}

/** Reads a text, failing the test if the validator throws instead of answering. */
function read(text: string): RoutineResult {
	const result = parseRoutine(text);
	if (!result.ok) {
		expect(result.issues.length).toBeGreaterThan(0);
		for (const issue of result.issues) {
			expect(typeof issue.path).toBe('string');
			expect(issue.message.length).toBeGreaterThan(0);
		}
	}
	return result;
}

/** What the player relies on of an accepted routine, checked apart from the validator. */
function usable(result: RoutineResult & { ok: true }): void {
	const { routine } = result;
	expect(routine.version).toBe(1);
	expect(routine.id).toMatch(SLUG);
	expect(routine.title.length).toBeGreaterThan(0);
	expect(routine.steps.length).toBeGreaterThan(0);
	expect(routine.steps.length).toBeLessThanOrEqual(500);
	const ids = routine.steps.map((step) => step.id);
	for (const id of ids) expect(id).toMatch(SLUG);
	expect(new Set(ids).size).toBe(ids.length);
	const timeline = compileTimeline(routine, { countdownSec: 5 });
	expect(Number.isFinite(timeline.totalMs)).toBe(true);
	expect(timeline.totalMs).toBeGreaterThan(0);
	for (const step of timeline.steps) expect(step.durationMs).toBeGreaterThan(0);
}

const anyJson = fc.jsonValue({ maxDepth: 4 }) as fc.Arbitrary<Json>;
const notNumber = fc.oneof(fc.string(), fc.boolean(), fc.constant(null), fc.array(fc.nat()));
const outOfRangeSeconds = fc.oneof(
	fc.double({ max: -Number.MIN_VALUE, noNaN: true, noDefaultInfinity: true }),
	fc.double({ min: 3600.000001, max: 1e300, noNaN: true, noDefaultInfinity: true }),
	notNumber
);

/** Changes of the example that no valid routine can have, each with where it is made. */
const breakingChanges: fc.Arbitrary<readonly [Path, Json | undefined]> = fc.oneof<
	fc.Arbitrary<readonly [Path, Json | undefined]>[]
>(
	fc.tuple(
		fc.constant(['version']),
		anyJson.filter((value) => value !== 1)
	),
	fc.tuple(
		fc.constant(['id']),
		fc.oneof(
			fc.string().filter((id) => !SLUG.test(id)),
			notNumber.filter((value) => typeof value !== 'string')
		)
	),
	fc.tuple(
		fc.constant(['title']),
		fc.oneof(
			fc.constant(''),
			fc.string({ minLength: 121, maxLength: 300 }).filter((t) => [...t].length > 120)
		)
	),
	fc.tuple(fc.constantFrom(['version'], ['id'], ['title'], ['steps']), fc.constant(undefined)),
	fc.tuple(
		fc.constant(['steps']),
		fc.oneof(fc.constant<Json>([]), fc.constant<Json>({}), fc.string())
	),
	fc.tuple(
		fc.constantFrom(
			['defaults', 'cycle', 'approach'],
			['defaults', 'cycle', 'soften'],
			['defaults', 'restBetweenSteps'],
			['defaults', 'flare', 'recover'],
			['steps', 1, 'cycle', 'soften'],
			['steps', 2, 'seconds']
		),
		outOfRangeSeconds
	),
	fc.tuple(
		fc.constantFrom(['steps', 0, 'type'], ['steps', 1, 'type'], ['steps', 2, 'type']),
		anyJson.filter((type) => type !== 'stretch' && type !== 'breathe' && type !== 'rest')
	),
	fc.tuple(
		fc.constant(['steps', 1, 'id']),
		fc.constantFrom('settle', 'pause', 'Hip Left', '', '-hip')
	),
	fc.tuple(
		fc
			.string({ minLength: 1 })
			.filter((key) => !key.startsWith('x-') && !(key in CONTRACT_EXAMPLE))
			.map((key) => [key]),
		anyJson
	)
);

describe('the validator under generated input', () => {
	it('answers any JSON text without throwing, and what it accepts is usable', () => {
		fc.assert(
			fc.property(fc.json({ maxDepth: 5 }), (text) => {
				const result = read(text);
				if (result.ok) usable(result);
			}),
			{ numRuns: 500 }
		);
	});

	it('answers the example with any one place changed, and what it accepts is usable', () => {
		const paths = pathsOf(example());
		fc.assert(
			fc.property(
				fc.constantFrom(...paths),
				fc.option(anyJson, { nil: undefined }),
				(path, value) => {
					const result = read(JSON.stringify(withValue(example(), path, value)));
					if (result.ok) usable(result);
				}
			),
			{ numRuns: 1000 }
		);
	});

	it('refuses every change known to break the format, and names where', () => {
		fc.assert(
			fc.property(breakingChanges, ([path, value]) => {
				const result = read(JSON.stringify(withValue(example(), path, value)));
				expect(result.ok).toBe(false);
			}),
			{ numRuns: 1000 }
		);
	});

	it('answers any text, JSON or not, without throwing', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 200 }), (text) => {
				read(text);
			}),
			{ numRuns: 500 }
		);
	});

	it('refuses files nested deeper than it reads, in words, without running out of stack', () => {
		for (const text of ['['.repeat(100_000), `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`]) {
			const result = read(text);
			expect(result.ok).toBe(false);
			if (!result.ok) expect(result.issues[0]?.message).toMatch(/nested more than \d+ levels deep/);
		}
	});
});
