import { describe, expect, it } from 'vitest';
import { figures } from './background-figures';
import type { Log } from './timing';

const START = 10_000;
const VOICE = 48_000;
const CHIME = 9_600;

/** A log of a session started at START, hidden from second 2 to second 12 (exclusive). */
function log(change: (log: Log) => void = () => {}): Log {
	const seconds = Array.from({ length: 15 }, (_, k) => START + k * 1000);
	const run: Log = {
		startAt: START,
		phases: seconds.map((at) => ({ at: at + 3, paintAt: at + 12, phase: 'breathe', breath: '' })),
		cues: seconds.map((at) => ({ scheduledAt: at + 2, at: at - 90_000, sound: VOICE })),
		ended: [],
		stops: [],
		keys: [],
		interval: seconds.slice(1).map((at) => at + 1),
		visibility: [
			{ at: START + 1_800, state: 'hidden' },
			{ at: START + 11_900, state: 'visible' }
		]
	};
	change(run);
	return run;
}

describe('the figures of a background run', () => {
	it('counts each hidden second as a boundary and finds every cue on time', () => {
		const f = figures(log());
		expect(f.hiddenSeconds).toBeCloseTo(10.1);
		expect(f.boundaries).toBe(10);
		expect(f.cueOffMs.count).toBe(10);
		expect(f.cueOffMs.max).toBeCloseTo(2);
		expect(f.cuesMissing).toBe(0);
		expect(f.cuesTwice).toBe(0);
	});

	it('names a boundary whose cue is missing or more than 50 ms off', () => {
		const f = figures(
			log((run) => {
				run.cues = run.cues.filter((c) => c.scheduledAt !== START + 5_002);
				const off = run.cues.find((c) => c.scheduledAt === START + 7_002);
				if (off) off.scheduledAt = START + 7_080;
			})
		);
		expect(f.cuesMissing).toBe(2);
		expect(f.cueOffMs.count).toBe(8);
	});

	it('tells a cue set twice from two sounds of one boundary', () => {
		const twice = figures(
			log((run) => run.cues.push({ scheduledAt: START + 4_002, at: 0, sound: VOICE }))
		);
		expect(twice.cuesTwice).toBe(1);
		const chimeToo = figures(
			log((run) => run.cues.push({ scheduledAt: START + 4_002, at: 0, sound: CHIME }))
		);
		expect(chimeToo.cuesTwice).toBe(0);
	});

	it('measures throttled updates against the boundary they follow, never one ahead', () => {
		const f = figures(
			log((run) => {
				// Updates and ticks that wait for the throttled wake-up, 730 ms after each second.
				run.phases = run.phases.map((p) => ({ ...p, at: p.at + 727 }));
				run.interval = run.interval.map((t) => t + 730);
			})
		);
		expect(f.pageLateMs.median).toBeCloseTo(730);
		expect(f.intervalLateMs.median).toBeCloseTo(731);
	});

	it('finds a tick-counting countdown behind by the ticks it never got', () => {
		// Once a minute, as in Chromium's intensive throttling: 3 ticks in 12 s.
		const f = figures(
			log((run) => (run.interval = [START + 1_001, START + 2_001, START + 11_000]))
		);
		expect(f.intervalTicks).toBe(3);
		expect(f.intervalBehindMs).toBe(8_000);
	});

	it('measures the screen once back on its paints after the page is shown', () => {
		const f = figures(log());
		expect(f.backOnScreenLateMs.count).toBe(3);
		expect(f.backOnScreenLateMs.max).toBeCloseTo(12);
	});

	it('reports nothing measured when Chromium never hid the page', () => {
		const f = figures(log((run) => (run.visibility = [])));
		expect(f.hiddenSeconds).toBe(0);
		expect(f.boundaries).toBe(0);
	});
});
