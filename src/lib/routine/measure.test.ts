/**
 * A routine's length and pieces by arithmetic, held to the compiler (fast-check), and the caps
 * that refuse a session too long to follow or to hold before any timeline is built. How long the
 * largest routine under the caps takes to compile is a figure of `npm run bench`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { measureRoutine } from './measure';
import { LIMITS, type Routine, type Step } from './schema';
import { compileTimeline } from './timeline';
import { issueCount, parseRoutine, roughLength, SHOWN_ISSUES, validateRoutine } from './validate';
import type { JsonValue } from './json-text';

/** Seconds as authors write them, 0 and fractions included. */
const seconds = (max: number) =>
	fc.oneof(
		fc.constantFrom(0, 0.001, 0.5, 4, 12.345),
		fc.double({ min: 0, max, noNaN: true }).map((s) => Math.round(s * 1000) / 1000)
	);

/** The parts of one breath, each optional where the record says so. */
const breathParts = (max: number) => ({
	inhale: seconds(max),
	holdIn: seconds(max),
	exhale: seconds(max),
	holdOut: seconds(max)
});

/** Any step the schema accepts (by shape), with numbers up to the given bounds. */
function stepOf(bounds: { seconds: number; rounds: number; breaths: number }) {
	const id = fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/);
	return fc.oneof(
		fc.record({
			type: fc.constant('stretch' as const),
			id,
			title: fc.constant('A stretch'),
			rounds: fc.option(fc.integer({ min: 1, max: bounds.rounds }), { nil: undefined }),
			cycle: fc.option(
				fc.record(
					{
						approach: seconds(bounds.seconds),
						soften: seconds(bounds.seconds),
						comeBack: seconds(bounds.seconds),
						breathe: fc.record(
							{
								breaths: fc.integer({ min: 1, max: bounds.breaths }),
								...breathParts(bounds.seconds)
							},
							{ requiredKeys: [] }
						)
					},
					{ requiredKeys: [] }
				),
				{ nil: undefined }
			)
		}),
		fc.record({
			type: fc.constant('breathe' as const),
			id,
			title: fc.constant('Breathing'),
			breaths: fc.option(fc.integer({ min: 1, max: bounds.breaths }), { nil: undefined }),
			pattern: fc.option(
				fc.record({
					inhale: seconds(bounds.seconds),
					exhale: seconds(bounds.seconds),
					holdIn: seconds(bounds.seconds),
					holdOut: seconds(bounds.seconds)
				}),
				{ nil: undefined }
			)
		}),
		fc.record({
			type: fc.constant('rest' as const),
			id,
			title: fc.constant('Rest'),
			seconds: seconds(bounds.seconds)
		})
	);
}

function routineOf(bounds: { steps: number; seconds: number; rounds: number; breaths: number }) {
	return fc
		.record({
			steps: fc.array(stepOf(bounds), { minLength: 1, maxLength: bounds.steps }),
			defaults: fc.option(
				fc.record(
					{
						rounds: fc.integer({ min: 1, max: bounds.rounds }),
						restBetweenRounds: seconds(bounds.seconds),
						restBetweenSteps: seconds(bounds.seconds),
						cycle: fc.record(
							{
								approach: seconds(bounds.seconds),
								breathe: fc.record(
									{
										breaths: fc.integer({ min: 1, max: bounds.breaths }),
										...breathParts(bounds.seconds)
									},
									{ requiredKeys: [] }
								)
							},
							{ requiredKeys: [] }
						)
					},
					{ requiredKeys: [] }
				),
				{ nil: undefined }
			)
		})
		.map(({ steps, defaults }): Routine => ({
			version: 1,
			id: 'generated',
			title: 'Generated',
			...(defaults ? { defaults } : {}),
			// Ids made unique, so only the numbers decide.
			steps: steps.map((step, i) => ({ ...step, id: `s${i}` }) as Step)
		}));
}

/** Drops keys whose value is undefined, as JSON would. */
const asJson = (routine: Routine): JsonValue => JSON.parse(JSON.stringify(routine)) as JsonValue;

describe('measureRoutine', () => {
	it('gives the length and the number of pieces the compiler lays out', () => {
		fc.assert(
			fc.property(
				routineOf({ steps: 6, seconds: 30, rounds: 4, breaths: 6 }),
				fc.constantFrom(0, 3, 5, 10),
				(routine, countdownSec) => {
					const timeline = compileTimeline(routine, { countdownSec });
					expect(measureRoutine(routine, { countdownSec })).toEqual({
						durationMs: timeline.totalMs,
						pieces: timeline.segments.length
					});
				}
			),
			{ numRuns: 300 }
		);
	});

	it('leaves the countdown out unless asked: it is a setting of the app, not the file', () => {
		const routine: Routine = {
			version: 1,
			id: 'one-rest',
			title: 'One rest',
			steps: [{ type: 'rest', id: 'rest', title: 'Rest', seconds: 60 }]
		};
		expect(measureRoutine(routine)).toEqual({ durationMs: 60_000, pieces: 1 });
		expect(measureRoutine(routine, { countdownSec: 5 })).toEqual({ durationMs: 65_000, pieces: 2 });
	});
});

describe('the caps on a session', () => {
	it('accept a routine exactly when its length and pieces are within them, and then it compiles within them', () => {
		fc.assert(
			fc.property(routineOf({ steps: 12, seconds: 3600, rounds: 20, breaths: 200 }), (routine) => {
				const { durationMs, pieces } = measureRoutine(routine);
				const within = durationMs <= LIMITS.sessionSeconds * 1000 && pieces <= LIMITS.pieces;
				const result = validateRoutine(asJson(routine));
				if (!within) {
					// Refused before compiling: a timeline is never built for it here.
					expect(result.ok).toBe(false);
					if (result.ok) return;
					const capped = result.issues.filter((i) => i.path === '(file)');
					const empty = result.issues.filter((i) => i.message.includes('lasts 0 seconds'));
					// A step of 0 s is said first; once none is left, the cap is the one problem.
					expect(empty.length > 0 ? empty : capped).toEqual(result.issues);
					expect(capped.length).toBeLessThanOrEqual(1);
					return;
				}
				// A step of 0 s is refused for its own reason; otherwise it is accepted.
				if (!result.ok) {
					expect(result.issues.every((i) => i.message.includes('lasts 0 seconds'))).toBe(true);
					return;
				}
				// The player adds its countdown, a setting of a few seconds, and one piece for it.
				const timeline = compileTimeline(result.routine, { countdownSec: 10 });
				expect(timeline.segments.length).toBeLessThanOrEqual(LIMITS.pieces + 1);
				expect(timeline.totalMs).toBeLessThanOrEqual((LIMITS.sessionSeconds + 10) * 1000);
			}),
			{ numRuns: 200 }
		);
	});

	/** A stretch step in a file, repeated with its own id. */
	const stretchFile = (steps: number, cycle: object, rounds: number) =>
		JSON.stringify({
			version: 1,
			id: 'long',
			title: 'Long',
			steps: Array.from({ length: steps }, (_, i) => ({
				type: 'stretch',
				id: `s${i}`,
				title: 'Stretch',
				rounds,
				cycle
			}))
		});

	it('refuse ordinary-looking numbers that add up to 34 hours, saying so', () => {
		// Under 400 bytes: three stretches of 20 rounds of 200 breaths.
		const text = stretchFile(3, { breathe: { breaths: 200 } }, 20);
		expect(text.length).toBeLessThan(400);
		const result = parseRoutine(text);
		expect(result.ok ? [] : result.issues).toEqual([
			{
				path: '(file)',
				message: 'this routine would last 34 hours; a routine can last at most 4 hours'
			}
		]);
	});

	it('refuse a 916-year session in one sentence, without building its 8 million pieces', () => {
		const hour = 3600;
		const cycle = {
			approach: hour,
			soften: hour,
			comeBack: hour,
			breathe: { breaths: 200, inhale: hour, exhale: hour, holdIn: hour, holdOut: hour }
		};
		const text = stretchFile(500, cycle, 20);
		expect(text.length).toBeLessThan(LIMITS.fileBytes);
		const result = parseRoutine(text);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.issues).toHaveLength(1);
		expect(result.issues[0]?.message).toMatch(
			/^this routine would last [\d,]+ years; a routine can last at most 4 hours$/
		);
	});

	it('refuse too many pieces in a session short enough', () => {
		// 80 steps × 20 rounds × 200 breaths of four 0.01 s parts: 3.6 hours of 1.3 million pieces.
		const cycle = {
			approach: 0.01,
			soften: 0.01,
			comeBack: 0.01,
			breathe: { breaths: 200, inhale: 0.01, exhale: 0.01, holdIn: 0.01, holdOut: 0.01 }
		};
		const file = JSON.parse(stretchFile(80, cycle, 20)) as Record<string, unknown>;
		file['defaults'] = { restBetweenRounds: 0.01, restBetweenSteps: 0.01 };
		const result = parseRoutine(JSON.stringify(file));
		// 80 × 20 × (800 + 3) pieces, 80 × 19 rests between rounds, 79 between steps.
		expect(result.ok ? [] : result.issues.map((i) => i.message)).toEqual([
			'this routine has 1,286,399 timed parts (breaths, phases and rests); a routine can have at most 50,000'
		]);
	});

	it('say lengths as a person would', () => {
		expect(roughLength(54 * 3600_000)).toBe('54 hours');
		expect(roughLength(4 * 3600_000)).toBe('4 hours');
		expect(roughLength(4 * 3600_000 + 61_000)).toBe('4 hours 2 minutes');
		expect(roughLength(45 * 60_000)).toBe('45 minutes');
		expect(roughLength(1 * 3600_000)).toBe('1 hour');
		expect(roughLength(10 * 24 * 3600_000)).toBe('10 days');
	});
});

describe('a long list of problems', () => {
	it('names the first 50 and says how many more there are', () => {
		const keys = Object.fromEntries(Array.from({ length: 95_547 }, (_, i) => [`k${i}`, 1]));
		const text = JSON.stringify({
			version: 1,
			id: 'keys',
			title: 'Keys',
			steps: [{ type: 'rest', id: 'r', title: 'Rest', seconds: 5 }],
			...keys
		});
		const result = parseRoutine(text);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.issues).toHaveLength(SHOWN_ISSUES);
		expect(result.issues.at(-1)?.more).toBe(95_547 - SHOWN_ISSUES);
		expect(issueCount(result.issues)).toBe(95_547);
	});

	it('echoes a megabyte-long key by its start only', () => {
		const key = 'k'.repeat(1_000_000);
		const result = parseRoutine(
			`{"version":1,"id":"a","title":"A","steps":[{"type":"rest","id":"r","title":"R","seconds":5}],"${key}":1}`
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		const [issue] = result.issues;
		expect(issue?.message).toBe(
			`unknown key "${'k'.repeat(40)}…" (a key of your own must begin with "x-")`
		);
		expect(issue?.path).toBe(`["${'k'.repeat(40)}…"]`);
	});
});

describe('texts a person can read', () => {
	const titled = (title: string) =>
		parseRoutine(
			JSON.stringify({
				version: 1,
				id: 'a',
				title,
				steps: [{ type: 'rest', id: 'r', title: 'Rest', seconds: 5 }]
			})
		);
	const messages = (title: string) => {
		const result = titled(title);
		return result.ok ? [] : result.issues.map((i) => `${i.path}: ${i.message}`);
	};

	it('refuses a title of lone surrogates, however long', () => {
		expect(messages('\udc00'.repeat(170_000))).toEqual([
			'title: holds a broken character (half of an emoji or other symbol): type that part again'
		]);
		expect(messages('Stretch \ud83d')).toHaveLength(1);
	});

	it('refuses a title of spaces, zero-width or direction marks only', () => {
		for (const title of ['   ', '\u200b\u200b', '\u202e\u202d', '\u00a0\ufeff', '\u2066\u2069']) {
			expect(messages(title)).toEqual([
				'title: must have at least one visible letter, digit or sign, not only spaces or invisible marks'
			]);
		}
	});

	it('accepts titles in any script, and emoji', () => {
		for (const title of ['Rücken', 'ストレッチ', '🌿', 'Hüfte ⟶ links', '٣ أنفاس']) {
			expect(titled(title).ok).toBe(true);
		}
	});
});
