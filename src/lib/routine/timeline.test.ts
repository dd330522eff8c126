import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Defaults, Routine, Step } from './schema';
import {
	BUILT_IN_DEFAULTS,
	compileStep,
	compileTimeline,
	resolveDefaults,
	type Segment,
	type Timeline
} from './timeline';
import { parseRoutine } from './validate';

/** The defaults a routine resolves to. */
const resolvedOf = (routine: Routine) => resolveDefaults(routine.defaults);

const ROUTINES_DIR = fileURLToPath(new URL('../../../static/routines/', import.meta.url));

const NO_COUNTDOWN = { countdownSec: 0 };

const makeRoutine = (steps: Step[], defaults?: Defaults): Routine => ({
	version: 1,
	id: 'test',
	title: 'Test',
	...(defaults ? { defaults } : {}),
	steps
});

/** A segment as the tables below write it: phase, breath part, round, start, length, lead. */
type Row = [Segment['phase'], string | null, number, number, number, boolean];

const row = (segment: Segment): Row => [
	segment.phase,
	segment.breath?.part ?? null,
	segment.round,
	segment.startMs,
	segment.durationMs,
	segment.lead
];

const rows = (segments: readonly Segment[]): Row[] => segments.map(row);

/** The invariants every timeline keeps, whatever the routine. */
function expectWellFormed(timeline: Timeline): void {
	const { segments } = timeline;
	const sum = segments.reduce((total, segment) => total + segment.durationMs, 0);
	expect(timeline.totalMs).toBe(sum);
	let atMs = 0;
	for (const segment of segments) {
		expect(segment.startMs).toBe(atMs);
		expect(segment.durationMs).toBeGreaterThan(0);
		expect(Number.isInteger(segment.durationMs)).toBe(true);
		expect(segment.startMs).toBeGreaterThanOrEqual(segment.phaseStartMs);
		expect(segment.startMs + segment.durationMs).toBeLessThanOrEqual(
			segment.phaseStartMs + segment.phaseDurationMs
		);
		atMs += segment.durationMs;
	}
	expect(atMs).toBe(timeline.totalMs);
	expect(timeline.steps.map((step) => step.index)).toEqual(timeline.routine.steps.map((_, i) => i));
	for (const step of timeline.steps) {
		const own = segments.filter((segment) => segment.stepIndex === step.index && !segment.lead);
		expect(own.reduce((total, segment) => total + segment.durationMs, 0)).toBe(step.durationMs);
		const first = own[0];
		if (first) {
			for (const segment of own) {
				expect(segment.intoStepMs).toBe(segment.startMs - first.startMs);
			}
		}
	}
	const stepIndexes = segments.map((segment) => segment.stepIndex);
	expect([...stepIndexes].sort((a, b) => a - b)).toEqual(stepIndexes);
}

describe('compileTimeline: a stretch step', () => {
	const routine = makeRoutine(
		[
			{
				type: 'stretch',
				id: 'hip',
				title: 'Hip',
				rounds: 2,
				cycle: {
					approach: 1,
					breathe: { breaths: 2, inhale: 2, holdIn: 0.5, exhale: 3, holdOut: 0 },
					soften: 4,
					comeBack: 1.5
				}
			}
		],
		{ restBetweenRounds: 3 }
	);
	const timeline = compileTimeline(routine, NO_COUNTDOWN);

	it('runs each round as approach, breaths, soften, come back, with a rest between rounds', () => {
		expect(rows(timeline.segments)).toEqual<Row[]>([
			['approach', null, 1, 0, 1000, false],
			['breathe', 'inhale', 1, 1000, 2000, false],
			['breathe', 'hold-in', 1, 3000, 500, false],
			['breathe', 'exhale', 1, 3500, 3000, false],
			['breathe', 'inhale', 1, 6500, 2000, false],
			['breathe', 'hold-in', 1, 8500, 500, false],
			['breathe', 'exhale', 1, 9000, 3000, false],
			['soften', null, 1, 12000, 4000, false],
			['come-back', null, 1, 16000, 1500, false],
			['rest', null, 1, 17500, 3000, false],
			['approach', null, 2, 20500, 1000, false],
			['breathe', 'inhale', 2, 21500, 2000, false],
			['breathe', 'hold-in', 2, 23500, 500, false],
			['breathe', 'exhale', 2, 24000, 3000, false],
			['breathe', 'inhale', 2, 27000, 2000, false],
			['breathe', 'hold-in', 2, 29000, 500, false],
			['breathe', 'exhale', 2, 29500, 3000, false],
			['soften', null, 2, 32500, 4000, false],
			['come-back', null, 2, 36500, 1500, false]
		]);
		expect(timeline.totalMs).toBe(38000);
	});

	it('numbers the breaths and places each within its whole breathing phase', () => {
		expect(timeline.segments[6]).toEqual({
			stepIndex: 0,
			lead: false,
			phase: 'breathe',
			round: 1,
			rounds: 2,
			breath: { part: 'exhale', n: 2, of: 2 },
			startMs: 9000,
			durationMs: 3000,
			phaseStartMs: 1000,
			phaseDurationMs: 11000,
			intoStepMs: 9000
		});
		expect(timeline.segments.map((segment) => segment.breath && segment.breath.n)).toEqual([
			undefined,
			1,
			1,
			1,
			2,
			2,
			2,
			undefined,
			undefined,
			undefined,
			undefined,
			1,
			1,
			1,
			2,
			2,
			2,
			undefined,
			undefined
		]);
	});

	it('gives a whole phase its own start and length', () => {
		const soften = timeline.segments[17];
		expect(soften).toMatchObject({
			phase: 'soften',
			phaseStartMs: 32500,
			phaseDurationMs: 4000,
			intoStepMs: 32500,
			rounds: 2
		});
	});

	it('plans the step with its resolved values', () => {
		expect(timeline.steps).toEqual([
			{
				index: 0,
				id: 'hip',
				type: 'stretch',
				title: 'Hip',
				text: undefined,
				side: undefined,
				onFlare: 'skip',
				rounds: 2,
				durationMs: 38000,
				step: routine.steps[0]
			}
		]);
	});

	it('is well formed', () => {
		expectWellFormed(timeline);
	});
});

describe('compileTimeline: a breathe step with holds', () => {
	const routine = makeRoutine([
		{
			type: 'breathe',
			id: 'square',
			title: 'Square',
			pattern: { inhale: 4, holdIn: 7, exhale: 8, holdOut: 1 },
			breaths: 2
		}
	]);
	const timeline = compileTimeline(routine);

	it('paces each breath as inhale, hold in, exhale, hold out, after the countdown', () => {
		expect(rows(timeline.segments)).toEqual<Row[]>([
			['countdown', null, 0, 0, 5000, true],
			['breathe', 'inhale', 0, 5000, 4000, false],
			['breathe', 'hold-in', 0, 9000, 7000, false],
			['breathe', 'exhale', 0, 16000, 8000, false],
			['breathe', 'hold-out', 0, 24000, 1000, false],
			['breathe', 'inhale', 0, 25000, 4000, false],
			['breathe', 'hold-in', 0, 29000, 7000, false],
			['breathe', 'exhale', 0, 36000, 8000, false],
			['breathe', 'hold-out', 0, 44000, 1000, false]
		]);
		expect(timeline.totalMs).toBe(45000);
	});

	it('counts breaths n of 2, in one phase of 40 s that starts after the countdown', () => {
		const breaths = timeline.segments.slice(1);
		expect(breaths.map((segment) => segment.breath)).toEqual([
			{ part: 'inhale', n: 1, of: 2 },
			{ part: 'hold-in', n: 1, of: 2 },
			{ part: 'exhale', n: 1, of: 2 },
			{ part: 'hold-out', n: 1, of: 2 },
			{ part: 'inhale', n: 2, of: 2 },
			{ part: 'hold-in', n: 2, of: 2 },
			{ part: 'exhale', n: 2, of: 2 },
			{ part: 'hold-out', n: 2, of: 2 }
		]);
		for (const segment of breaths) {
			expect(segment).toMatchObject({ phaseStartMs: 5000, phaseDurationMs: 40000, rounds: 0 });
		}
		expect(breaths.map((segment) => segment.intoStepMs)).toEqual([
			0, 4000, 11000, 19000, 20000, 24000, 31000, 39000
		]);
	});

	it('plans the step as one round', () => {
		expect(timeline.steps[0]).toMatchObject({ type: 'breathe', rounds: 1, durationMs: 40000 });
	});
});

describe('compileTimeline: a rest step', () => {
	it('is one rest segment of its seconds', () => {
		const timeline = compileTimeline(
			makeRoutine([{ type: 'rest', id: 'pause', title: 'Pause', seconds: 30 }])
		);
		expect(rows(timeline.segments)).toEqual<Row[]>([
			['countdown', null, 0, 0, 5000, true],
			['rest', null, 0, 5000, 30000, false]
		]);
		expect(timeline.segments[1]).toMatchObject({
			stepIndex: 0,
			intoStepMs: 0,
			phaseStartMs: 5000,
			phaseDurationMs: 30000
		});
		expect(timeline.segments[1]?.breath).toBeUndefined();
		expect(timeline.totalMs).toBe(35000);
	});
});

describe('compileTimeline: rests between steps', () => {
	const stretch = (id: string): Step => ({
		type: 'stretch',
		id,
		title: id,
		rounds: 1,
		cycle: { approach: 1, breathe: { breaths: 1, inhale: 1, exhale: 1 }, soften: 1, comeBack: 1 }
	});
	const breathe = (id: string): Step => ({
		type: 'breathe',
		id,
		title: id,
		pattern: { inhale: 1, exhale: 1 },
		breaths: 1
	});
	const rest = (id: string): Step => ({ type: 'rest', id, title: id, seconds: 2 });

	/** The lead segments: which step each leads into, its phase and its length. */
	const leads = (timeline: Timeline) =>
		timeline.segments
			.filter((segment) => segment.lead)
			.map((segment) => [segment.stepIndex, segment.phase, segment.durationMs]);

	it('comes between two steps, but not next to a rest step', () => {
		const routine = makeRoutine(
			[
				breathe('a'),
				stretch('b'),
				rest('c'),
				stretch('d'),
				stretch('e'),
				breathe('f'),
				rest('g'),
				rest('h'),
				breathe('i')
			],
			{ restBetweenSteps: 7 }
		);
		const timeline = compileTimeline(routine);
		expect(leads(timeline)).toEqual([
			[0, 'countdown', 5000],
			[1, 'rest', 7000],
			[4, 'rest', 7000],
			[5, 'rest', 7000]
		]);
		expectWellFormed(timeline);
	});

	it('places a lead rest before its step, with intoStepMs 0 and round 0', () => {
		const timeline = compileTimeline(
			makeRoutine([breathe('a'), breathe('b')], { restBetweenSteps: 3 }),
			NO_COUNTDOWN
		);
		expect(timeline.segments.map((segment) => [segment.stepIndex, ...row(segment)])).toEqual([
			[0, 'breathe', 'inhale', 0, 0, 1000, false],
			[0, 'breathe', 'exhale', 0, 1000, 1000, false],
			[1, 'rest', null, 0, 2000, 3000, true],
			[1, 'breathe', 'inhale', 0, 5000, 1000, false],
			[1, 'breathe', 'exhale', 0, 6000, 1000, false]
		]);
		expect(timeline.segments[2]).toMatchObject({ intoStepMs: 0, rounds: 0 });
		expect(timeline.segments[3]?.intoStepMs).toBe(0);
		expect(timeline.steps.map((step) => step.durationMs)).toEqual([2000, 2000]);
	});

	it('uses the built-in 15 s when the routine does not say', () => {
		const timeline = compileTimeline(makeRoutine([breathe('a'), breathe('b')]), NO_COUNTDOWN);
		expect(leads(timeline)).toEqual([[1, 'rest', 15000]]);
	});

	it('is left out when it is 0', () => {
		const timeline = compileTimeline(
			makeRoutine([breathe('a'), stretch('b')], { restBetweenSteps: 0 }),
			NO_COUNTDOWN
		);
		expect(leads(timeline)).toEqual([]);
		expect(timeline.totalMs).toBe(2000 + 5000);
	});

	it('is never added before or after a rest step, even the first', () => {
		const timeline = compileTimeline(
			makeRoutine([rest('a'), breathe('b'), rest('c')], { restBetweenSteps: 9 })
		);
		expect(leads(timeline)).toEqual([[0, 'countdown', 5000]]);
		expect(timeline.totalMs).toBe(5000 + 2000 + 2000 + 2000);
	});
});

describe('compileTimeline: rests between rounds', () => {
	const stretch = (rounds: number): Step => ({
		type: 'stretch',
		id: 's',
		title: 'S',
		rounds,
		cycle: { approach: 1, breathe: { breaths: 1, inhale: 0, exhale: 0 }, soften: 0, comeBack: 0 }
	});

	it('come only between rounds, numbered by the round they follow', () => {
		const timeline = compileTimeline(
			makeRoutine([stretch(3)], { restBetweenRounds: 2 }),
			NO_COUNTDOWN
		);
		expect(rows(timeline.segments)).toEqual<Row[]>([
			['approach', null, 1, 0, 1000, false],
			['rest', null, 1, 1000, 2000, false],
			['approach', null, 2, 3000, 1000, false],
			['rest', null, 2, 4000, 2000, false],
			['approach', null, 3, 6000, 1000, false]
		]);
		expect(timeline.segments.every((segment) => segment.rounds === 3)).toBe(true);
	});

	it('are not there for one round', () => {
		const timeline = compileTimeline(makeRoutine([stretch(1)]), NO_COUNTDOWN);
		expect(rows(timeline.segments)).toEqual<Row[]>([['approach', null, 1, 0, 1000, false]]);
	});

	it('are left out when 0', () => {
		const timeline = compileTimeline(
			makeRoutine([stretch(3)], { restBetweenRounds: 0 }),
			NO_COUNTDOWN
		);
		expect(timeline.segments.map((segment) => [segment.phase, segment.round])).toEqual([
			['approach', 1],
			['approach', 2],
			['approach', 3]
		]);
	});

	it('take the built-in 10 s when the routine does not say', () => {
		const timeline = compileTimeline(makeRoutine([stretch(2)]), NO_COUNTDOWN);
		expect(timeline.segments[1]).toMatchObject({ phase: 'rest', durationMs: 10000 });
	});
});

describe('resolveDefaults', () => {
	const builtIn = {
		cycle: {
			approach: 10,
			breathe: { breaths: 4, inhale: 4, holdIn: 0, exhale: 6, holdOut: 0 },
			soften: 20,
			comeBack: 8
		},
		rounds: 3,
		restBetweenRounds: 10,
		restBetweenSteps: 15,
		onFlare: 'skip',
		flare: { release: 10, recover: 30 }
	};
	const oneRest: Step[] = [{ type: 'rest', id: 'r', title: 'R', seconds: 1 }];

	it("gives the contract's built-in defaults when `defaults` is absent", () => {
		expect(resolvedOf(makeRoutine(oneRest))).toEqual(builtIn);
	});

	it('gives the built-in defaults for an empty `defaults`', () => {
		expect(resolvedOf(makeRoutine(oneRest, {}))).toEqual(builtIn);
	});

	it('takes every key the routine gives', () => {
		const defaults: Defaults = {
			cycle: {
				approach: 1,
				breathe: { breaths: 2, inhale: 3, holdIn: 4, exhale: 5, holdOut: 6 },
				soften: 7,
				comeBack: 8.5
			},
			rounds: 9,
			restBetweenRounds: 11,
			restBetweenSteps: 12,
			onFlare: 'retry',
			flare: { release: 13, recover: 14 }
		};
		expect(resolvedOf(makeRoutine(oneRest, defaults))).toEqual(defaults);
	});

	it('merges the cycle key by key, and its breathing key by key', () => {
		const resolved = resolvedOf(
			makeRoutine(oneRest, { cycle: { soften: 45, breathe: { exhale: 9, holdOut: 2 } } })
		);
		expect(resolved.cycle).toEqual({
			approach: 10,
			breathe: { breaths: 4, inhale: 4, holdIn: 0, exhale: 9, holdOut: 2 },
			soften: 45,
			comeBack: 8
		});
		expect(resolved.rounds).toBe(3);
	});

	it('merges the flare times key by key', () => {
		const resolved = resolvedOf(makeRoutine(oneRest, { flare: { recover: 60 } }));
		expect(resolved.flare).toEqual({ release: 10, recover: 60 });
		expect(compileTimeline(makeRoutine(oneRest, { flare: { release: 2.5 } })).flare).toEqual({
			releaseMs: 2500,
			recoverMs: 30000
		});
	});

	it('keeps a default of 0 rather than falling back to the built-in value', () => {
		const resolved = resolvedOf(
			makeRoutine(oneRest, {
				cycle: { approach: 0, breathe: { holdIn: 0 } },
				restBetweenRounds: 0,
				restBetweenSteps: 0,
				flare: { release: 0 }
			})
		);
		expect(resolved.cycle.approach).toBe(0);
		expect(resolved.restBetweenRounds).toBe(0);
		expect(resolved.restBetweenSteps).toBe(0);
		expect(resolved.flare.release).toBe(0);
	});

	it('never changes the built-in defaults', () => {
		const before = structuredClone(BUILT_IN_DEFAULTS);
		const resolved = resolvedOf(makeRoutine(oneRest));
		resolved.cycle.approach = 999;
		resolved.cycle.breathe.inhale = 999;
		resolved.flare.release = 999;
		compileTimeline(makeRoutine(oneRest, { cycle: { soften: 1, breathe: { inhale: 1 } } }));
		expect(BUILT_IN_DEFAULTS).toEqual(before);
		expect(resolvedOf(makeRoutine(oneRest))).toEqual(builtIn);
	});
});

describe('compileTimeline: defaults and step overrides', () => {
	const defaults: Defaults = {
		cycle: {
			approach: 2,
			breathe: { breaths: 1, inhale: 1, holdIn: 0.5, exhale: 1.5 },
			soften: 3,
			comeBack: 4
		},
		rounds: 1
	};

	it('runs a stretch with no cycle of its own on the routine defaults', () => {
		const timeline = compileTimeline(
			makeRoutine([{ type: 'stretch', id: 's', title: 'S' }], defaults),
			NO_COUNTDOWN
		);
		expect(rows(timeline.segments)).toEqual<Row[]>([
			['approach', null, 1, 0, 2000, false],
			['breathe', 'inhale', 1, 2000, 1000, false],
			['breathe', 'hold-in', 1, 3000, 500, false],
			['breathe', 'exhale', 1, 3500, 1500, false],
			['soften', null, 1, 5000, 3000, false],
			['come-back', null, 1, 8000, 4000, false]
		]);
	});

	it("overrides the cycle key by key and the cycle's breathing key by key", () => {
		const timeline = compileTimeline(
			makeRoutine(
				[{ type: 'stretch', id: 's', title: 'S', cycle: { soften: 9, breathe: { inhale: 5 } } }],
				defaults
			),
			NO_COUNTDOWN
		);
		expect(rows(timeline.segments)).toEqual<Row[]>([
			['approach', null, 1, 0, 2000, false],
			['breathe', 'inhale', 1, 2000, 5000, false],
			['breathe', 'hold-in', 1, 7000, 500, false],
			['breathe', 'exhale', 1, 7500, 1500, false],
			['soften', null, 1, 9000, 9000, false],
			['come-back', null, 1, 18000, 4000, false]
		]);
	});

	it("overrides the number of breaths and holds of the cycle's breathing", () => {
		const timeline = compileTimeline(
			makeRoutine(
				[
					{
						type: 'stretch',
						id: 's',
						title: 'S',
						cycle: { approach: 0, soften: 0, comeBack: 0, breathe: { breaths: 2, holdIn: 0 } }
					}
				],
				defaults
			),
			NO_COUNTDOWN
		);
		expect(rows(timeline.segments)).toEqual<Row[]>([
			['breathe', 'inhale', 1, 0, 1000, false],
			['breathe', 'exhale', 1, 1000, 1500, false],
			['breathe', 'inhale', 1, 2500, 1000, false],
			['breathe', 'exhale', 1, 3500, 1500, false]
		]);
	});

	it("takes the step's rounds over the default, and the default when it has none", () => {
		const timeline = compileTimeline(
			makeRoutine(
				[
					{ type: 'stretch', id: 'a', title: 'A', rounds: 3 },
					{ type: 'stretch', id: 'b', title: 'B' }
				],
				{ ...defaults, rounds: 2 }
			),
			NO_COUNTDOWN
		);
		expect(timeline.steps.map((step) => step.rounds)).toEqual([3, 2]);
		const approaches = timeline.segments.filter((segment) => segment.phase === 'approach');
		expect(approaches.map((segment) => [segment.stepIndex, segment.round, segment.rounds])).toEqual(
			[
				[0, 1, 3],
				[0, 2, 3],
				[0, 3, 3],
				[1, 1, 2],
				[1, 2, 2]
			]
		);
	});

	it("runs a breathe step with no pattern on the cycle's breathing, breaths included", () => {
		const timeline = compileTimeline(
			makeRoutine([{ type: 'breathe', id: 'b', title: 'B' }], {
				cycle: { breathe: { breaths: 2, inhale: 3, holdIn: 1, exhale: 5, holdOut: 2 } }
			}),
			NO_COUNTDOWN
		);
		expect(rows(timeline.segments)).toEqual<Row[]>([
			['breathe', 'inhale', 0, 0, 3000, false],
			['breathe', 'hold-in', 0, 3000, 1000, false],
			['breathe', 'exhale', 0, 4000, 5000, false],
			['breathe', 'hold-out', 0, 9000, 2000, false],
			['breathe', 'inhale', 0, 11000, 3000, false],
			['breathe', 'hold-in', 0, 14000, 1000, false],
			['breathe', 'exhale', 0, 15000, 5000, false],
			['breathe', 'hold-out', 0, 20000, 2000, false]
		]);
	});

	it('runs a breathe step on its own pattern and breaths; holds it does not give are 0', () => {
		const timeline = compileTimeline(
			makeRoutine(
				[{ type: 'breathe', id: 'b', title: 'B', pattern: { inhale: 2, exhale: 3 }, breaths: 3 }],
				{ cycle: { breathe: { breaths: 9, inhale: 9, holdIn: 9, exhale: 9, holdOut: 9 } } }
			),
			NO_COUNTDOWN
		);
		expect(timeline.segments.map((segment) => segment.breath?.part)).toEqual([
			'inhale',
			'exhale',
			'inhale',
			'exhale',
			'inhale',
			'exhale'
		]);
		expect(timeline.totalMs).toBe(15000);
	});

	it('takes the built-in breaths for a breathe step with a pattern and no breaths', () => {
		const timeline = compileTimeline(
			makeRoutine([{ type: 'breathe', id: 'b', title: 'B', pattern: { inhale: 1, exhale: 1 } }]),
			NO_COUNTDOWN
		);
		expect(timeline.segments.at(-1)?.breath).toEqual({ part: 'exhale', n: 4, of: 4 });
	});

	it("resolves each step's flare policy over the default", () => {
		const timeline = compileTimeline(
			makeRoutine(
				[
					{ type: 'rest', id: 'a', title: 'A', seconds: 1, onFlare: 'retry' },
					{ type: 'rest', id: 'b', title: 'B', seconds: 1 }
				],
				{ onFlare: 'stop' }
			)
		);
		expect(timeline.steps.map((step) => step.onFlare)).toEqual(['retry', 'stop']);
		const builtIn = compileTimeline(
			makeRoutine([{ type: 'rest', id: 'a', title: 'A', seconds: 1 }])
		);
		expect(builtIn.steps[0]?.onFlare).toBe('skip');
	});

	it('plans side and text from the step', () => {
		const timeline = compileTimeline(
			makeRoutine([{ type: 'stretch', id: 's', title: 'S', side: 'left', text: 'Slowly.' }])
		);
		expect(timeline.steps[0]).toMatchObject({ side: 'left', text: 'Slowly.', title: 'S', id: 's' });
	});
});

describe('compileTimeline: built-in defaults when `defaults` is absent', () => {
	it('runs a bare stretch as three rounds of 10 s, 4 breaths of 4 + 6 s, 20 s and 8 s', () => {
		const timeline = compileTimeline(
			makeRoutine([{ type: 'stretch', id: 's', title: 'S' }]),
			NO_COUNTDOWN
		);
		const round1 = rows(timeline.segments.filter((segment) => segment.round === 1));
		expect(round1).toEqual<Row[]>([
			['approach', null, 1, 0, 10000, false],
			['breathe', 'inhale', 1, 10000, 4000, false],
			['breathe', 'exhale', 1, 14000, 6000, false],
			['breathe', 'inhale', 1, 20000, 4000, false],
			['breathe', 'exhale', 1, 24000, 6000, false],
			['breathe', 'inhale', 1, 30000, 4000, false],
			['breathe', 'exhale', 1, 34000, 6000, false],
			['breathe', 'inhale', 1, 40000, 4000, false],
			['breathe', 'exhale', 1, 44000, 6000, false],
			['soften', null, 1, 50000, 20000, false],
			['come-back', null, 1, 70000, 8000, false],
			['rest', null, 1, 78000, 10000, false]
		]);
		expect(timeline.steps[0]?.rounds).toBe(3);
		expect(timeline.totalMs).toBe(3 * 78000 + 2 * 10000);
		expect(timeline.flare).toEqual({ releaseMs: 10000, recoverMs: 30000 });
	});
});

describe('compileTimeline: zero-length phases are left out', () => {
	it('leaves out a zero approach, soften or come back', () => {
		const timeline = compileTimeline(
			makeRoutine([
				{
					type: 'stretch',
					id: 's',
					title: 'S',
					rounds: 1,
					cycle: {
						approach: 0,
						breathe: { breaths: 1, inhale: 1, exhale: 1 },
						soften: 0,
						comeBack: 2
					}
				}
			]),
			NO_COUNTDOWN
		);
		expect(rows(timeline.segments)).toEqual<Row[]>([
			['breathe', 'inhale', 1, 0, 1000, false],
			['breathe', 'exhale', 1, 1000, 1000, false],
			['come-back', null, 1, 2000, 2000, false]
		]);
	});

	it('leaves out a zero breath part but keeps the others', () => {
		const timeline = compileTimeline(
			makeRoutine([
				{
					type: 'breathe',
					id: 'b',
					title: 'B',
					pattern: { inhale: 0, holdIn: 2, exhale: 3, holdOut: 0 },
					breaths: 2
				}
			]),
			NO_COUNTDOWN
		);
		expect(rows(timeline.segments)).toEqual<Row[]>([
			['breathe', 'hold-in', 0, 0, 2000, false],
			['breathe', 'exhale', 0, 2000, 3000, false],
			['breathe', 'hold-in', 0, 5000, 2000, false],
			['breathe', 'exhale', 0, 7000, 3000, false]
		]);
		expect(timeline.segments[3]).toMatchObject({
			breath: { part: 'exhale', n: 2, of: 2 },
			phaseDurationMs: 10000
		});
	});

	it('leaves out a whole breathing phase whose breath lasts 0', () => {
		const timeline = compileTimeline(
			makeRoutine([
				{
					type: 'stretch',
					id: 's',
					title: 'S',
					rounds: 1,
					cycle: { approach: 1, breathe: { inhale: 0, exhale: 0 }, soften: 1, comeBack: 0 }
				}
			]),
			NO_COUNTDOWN
		);
		expect(timeline.segments.map((segment) => segment.phase)).toEqual(['approach', 'soften']);
	});

	it('compiles a rest of 0 s to no segment and a step of 0 ms', () => {
		const timeline = compileTimeline(
			makeRoutine([{ type: 'rest', id: 'z', title: 'Z', seconds: 0 }]),
			NO_COUNTDOWN
		);
		expect(timeline.segments).toEqual([]);
		expect(timeline.steps[0]?.durationMs).toBe(0);
		expect(timeline.totalMs).toBe(0);
	});
});

describe('compileTimeline: the countdown', () => {
	const routine = makeRoutine([{ type: 'rest', id: 'r', title: 'R', seconds: 1 }]);

	it('is 5 s by default, before the first step', () => {
		const first = compileTimeline(routine).segments[0];
		expect(first).toEqual({
			stepIndex: 0,
			lead: true,
			phase: 'countdown',
			round: 0,
			rounds: 0,
			startMs: 0,
			durationMs: 5000,
			phaseStartMs: 0,
			phaseDurationMs: 5000,
			intoStepMs: 0
		});
		expect(compileTimeline(routine).totalMs).toBe(6000);
	});

	it('follows the setting', () => {
		const timeline = compileTimeline(routine, { countdownSec: 2.5 });
		expect(rows(timeline.segments)).toEqual<Row[]>([
			['countdown', null, 0, 0, 2500, true],
			['rest', null, 0, 2500, 1000, false]
		]);
	});

	it('is left out when the setting is 0', () => {
		const timeline = compileTimeline(routine, { countdownSec: 0 });
		expect(timeline.segments.some((segment) => segment.phase === 'countdown')).toBe(false);
		expect(rows(timeline.segments)).toEqual<Row[]>([['rest', null, 0, 0, 1000, false]]);
	});

	it('does not count in the first step’s own length', () => {
		expect(compileTimeline(routine).steps[0]?.durationMs).toBe(1000);
	});
});

describe('compileTimeline: fractional seconds stay exact', () => {
	it('adds 0.1 s and 0.2 s to exactly 300 ms', () => {
		expect(0.1 + 0.2).not.toBe(0.3);
		const timeline = compileTimeline(
			makeRoutine([
				{ type: 'rest', id: 'a', title: 'A', seconds: 0.1 },
				{ type: 'rest', id: 'b', title: 'B', seconds: 0.2 }
			]),
			NO_COUNTDOWN
		);
		expect(rows(timeline.segments)).toEqual<Row[]>([
			['rest', null, 0, 0, 100, false],
			['rest', null, 0, 100, 200, false]
		]);
		expect(timeline.totalMs).toBe(300);
	});

	it('keeps many fractional breaths exact', () => {
		const timeline = compileTimeline(
			makeRoutine([
				{
					type: 'breathe',
					id: 'b',
					title: 'B',
					pattern: { inhale: 0.1, holdIn: 0.7, exhale: 0.2, holdOut: 1.1 },
					breaths: 200
				}
			]),
			{ countdownSec: 0.3 }
		);
		expect(timeline.totalMs).toBe(300 + 200 * 2100);
		expect(timeline.segments.at(-1)?.startMs).toBe(300 + 200 * 2100 - 1100);
		expect(timeline.segments.every((segment) => Number.isInteger(segment.startMs))).toBe(true);
	});

	it('keeps fractional rounds, rests and cycle phases exact', () => {
		const timeline = compileTimeline(
			makeRoutine(
				[
					{
						type: 'stretch',
						id: 's',
						title: 'S',
						rounds: 20,
						cycle: {
							approach: 0.1,
							breathe: { breaths: 3, inhale: 0.2, exhale: 0.3 },
							soften: 0.7,
							comeBack: 0.9
						}
					},
					{
						type: 'breathe',
						id: 'b',
						title: 'B',
						pattern: { inhale: 0.1, exhale: 0.2 },
						breaths: 1
					}
				],
				{ restBetweenRounds: 0.1, restBetweenSteps: 0.2 }
			),
			NO_COUNTDOWN
		);
		const roundMs = 100 + 3 * 500 + 700 + 900;
		expect(timeline.steps[0]?.durationMs).toBe(20 * roundMs + 19 * 100);
		expect(timeline.totalMs).toBe(20 * roundMs + 19 * 100 + 200 + 300);
		expectWellFormed(timeline);
	});
});

describe('compileStep', () => {
	const resolved = resolvedOf(makeRoutine([{ type: 'rest', id: 'r', title: 'R', seconds: 1 }]));
	const stretch: Step = {
		type: 'stretch',
		id: 's',
		title: 'S',
		rounds: 3,
		cycle: { approach: 1, breathe: { breaths: 1, inhale: 1, exhale: 1 }, soften: 2, comeBack: 1 }
	};

	it('runs a stretch once, gently, with roundsOverride 1: no rest between rounds', () => {
		const segments = compileStep(stretch, 4, resolved, 60000, 1);
		expect(rows(segments)).toEqual<Row[]>([
			['approach', null, 1, 60000, 1000, false],
			['breathe', 'inhale', 1, 61000, 1000, false],
			['breathe', 'exhale', 1, 62000, 1000, false],
			['soften', null, 1, 63000, 2000, false],
			['come-back', null, 1, 65000, 1000, false]
		]);
		expect(segments.every((segment) => segment.stepIndex === 4 && segment.rounds === 1)).toBe(true);
		expect(segments.map((segment) => segment.intoStepMs)).toEqual([0, 1000, 2000, 3000, 5000]);
	});

	it('runs all the step’s rounds without an override, starting at 0 by default', () => {
		const segments = compileStep(stretch, 0, resolved);
		expect(segments[0]?.startMs).toBe(0);
		expect(segments.filter((segment) => segment.phase === 'approach')).toHaveLength(3);
		expect(segments.filter((segment) => segment.phase === 'rest')).toHaveLength(2);
		expect(segments.some((segment) => segment.lead)).toBe(false);
	});

	it('ignores roundsOverride for steps without rounds', () => {
		const breathe: Step = {
			type: 'breathe',
			id: 'b',
			title: 'B',
			pattern: { inhale: 1, exhale: 1 },
			breaths: 2
		};
		expect(compileStep(breathe, 0, resolved, 0, 1)).toEqual(compileStep(breathe, 0, resolved));
		expect(compileStep(breathe, 0, resolved, 0, 1)).toHaveLength(4);
	});

	it("gives the same segments as the timeline for each step's own part", () => {
		const routine = makeRoutine(
			[
				{ type: 'breathe', id: 'a', title: 'A', pattern: { inhale: 4, holdIn: 1, exhale: 6 } },
				stretch,
				{ type: 'rest', id: 'c', title: 'C', seconds: 12.5 },
				{ type: 'stretch', id: 'd', title: 'D', cycle: { soften: 3 } }
			],
			{ restBetweenRounds: 4, restBetweenSteps: 6 }
		);
		const timeline = compileTimeline(routine);
		routine.steps.forEach((step, index) => {
			const own = timeline.segments.filter(
				(segment) => segment.stepIndex === index && !segment.lead
			);
			const startMs = own[0]?.startMs ?? Number.NaN;
			expect(compileStep(step, index, timeline.resolved, startMs)).toEqual(own);
		});
	});
});

describe('compileTimeline: the whole timeline is well formed', () => {
	const builtInFiles = readdirSync(ROUTINES_DIR).filter(
		(name) => name.endsWith('.json') && name !== 'index.json'
	);

	it.each(builtInFiles)('for the built-in routine %s', (file) => {
		const result = parseRoutine(readFileSync(ROUTINES_DIR + file, 'utf8'));
		if (!result.ok) throw new Error(`${file} is not valid`);
		const timeline = compileTimeline(result.routine);
		expectWellFormed(timeline);
		expect(timeline.segments[0]?.phase).toBe('countdown');
		expect(timeline.steps.every((step) => step.durationMs > 0)).toBe(true);
	});

	const seconds = fc.integer({ min: 0, max: 30_000 }).map((ms) => ms / 1000);
	const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
	const breathing = fc.record(
		{
			breaths: fc.integer({ min: 1, max: 4 }),
			inhale: seconds,
			holdIn: seconds,
			exhale: seconds,
			holdOut: seconds
		},
		{ requiredKeys: [] }
	);
	const step: fc.Arbitrary<Step> = fc.oneof(
		fc.record({
			type: fc.constant('stretch' as const),
			id: fc.constant('s'),
			title: fc.constant('S'),
			rounds: maybe(fc.integer({ min: 1, max: 4 })),
			cycle: maybe(
				fc.record(
					{ approach: seconds, breathe: breathing, soften: seconds, comeBack: seconds },
					{ requiredKeys: [] }
				)
			)
		}),
		fc.record({
			type: fc.constant('breathe' as const),
			id: fc.constant('b'),
			title: fc.constant('B'),
			pattern: maybe(
				fc.record(
					{ inhale: seconds, holdIn: seconds, exhale: seconds, holdOut: seconds },
					{ requiredKeys: ['inhale', 'exhale'] }
				)
			),
			breaths: maybe(fc.integer({ min: 1, max: 4 }))
		}),
		fc.record({
			type: fc.constant('rest' as const),
			id: fc.constant('r'),
			title: fc.constant('R'),
			seconds
		})
	);

	it('for generated routines: contiguous, and totalMs the sum of its segments', () => {
		fc.assert(
			fc.property(
				fc.array(step, { minLength: 1, maxLength: 6 }),
				fc.record(
					{
						cycle: fc.record(
							{ approach: seconds, breathe: breathing, soften: seconds, comeBack: seconds },
							{ requiredKeys: [] }
						),
						rounds: fc.integer({ min: 1, max: 3 }),
						restBetweenRounds: seconds,
						restBetweenSteps: seconds
					},
					{ requiredKeys: [] }
				),
				fc.integer({ min: 0, max: 10_000 }).map((ms) => ms / 1000),
				(steps, defaults, countdownSec) => {
					const timeline = compileTimeline(makeRoutine(steps, defaults), { countdownSec });
					expectWellFormed(timeline);
					const leads = timeline.segments.filter((segment) => segment.lead);
					for (const lead of leads) {
						if (lead.phase === 'countdown') {
							expect(lead.stepIndex).toBe(0);
							continue;
						}
						expect(lead.phase).toBe('rest');
						expect(steps[lead.stepIndex]?.type).not.toBe('rest');
						expect(steps[lead.stepIndex - 1]?.type).not.toBe('rest');
					}
				}
			),
			{ numRuns: 300 }
		);
	});
});
