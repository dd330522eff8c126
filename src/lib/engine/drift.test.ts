import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock';
import { MISSED_AFTER_MS } from './reduce';
import { Session } from './session';
import { TEST_START_MS, testSession, threeSteps } from '$test/routines';
import type { SessionEvent } from './types';

const START = TEST_START_MS;

/** Every segment boundary of the timeline, in monotonic time once started at START. */
const boundaries = () => threeSteps().segments.map((segment) => START + segment.startMs);

const setup = () => testSession(threeSteps(), { started: true });

/** When each segment was reached: the moments the cue plan sounds its cues. */
const cueTimes = (events: SessionEvent[]) =>
	events.flatMap((event) => (event.type === 'segment-started' ? [event.atMs] : []));

describe('a clock that jumps (a frozen or suspended tab)', () => {
	it('lands exactly where the clock says, and reports passed cues as missed, once each', () => {
		const { clock, session, events } = setup();
		clock.advance(62_345);
		session.tick();
		expect(session.view()).toMatchObject({ phase: 'soften', round: 2, phaseLeftMs: 2_655 });
		expect(session.view().sessionLeftMs).toBe(111_000 - 62_345);
		const cues = events.filter((event) => event.type === 'segment-started');
		expect(cues.map((cue) => cue.atMs)).toEqual(boundaries().filter((ms) => ms <= START + 62_345));
		// Everything but the countdown's cue and the current phase passed while frozen.
		expect(cues.filter((cue) => !cue.missed).map((cue) => cue.segment.phase)).toEqual([
			'countdown'
		]);
		// The phase playing now was entered 2.3 s ago: too late to cue, but it is shown.
		expect(cues[cues.length - 1]).toMatchObject({ segment: { phase: 'soften' }, missed: true });
		session.tick();
		expect(cueTimes(events)).toHaveLength(cues.length);
	});

	it('plays a cue that is only slightly late, and not one that is a second late', () => {
		const { clock, session, events } = setup();
		clock.advance(5_000 + MISSED_AFTER_MS - 1);
		session.tick();
		expect(events.at(-1)).toMatchObject({
			type: 'segment-started',
			segment: { phase: 'approach' },
			missed: false
		});

		const second = setup();
		second.clock.advance(5_000 + MISSED_AFTER_MS + 1);
		second.session.tick();
		expect(second.events.at(-1)).toMatchObject({
			type: 'segment-started',
			segment: { phase: 'approach' },
			missed: true
		});
	});

	it('ends a session whose end passed while frozen, at the moment it ended', () => {
		const { clock, session, events } = setup();
		clock.advance(600_000);
		session.tick();
		expect(session.view()).toMatchObject({ mode: 'done', outcome: 'completed' });
		expect(events.at(-1)).toMatchObject({ type: 'done', atMs: START + 111_000 });
		expect(session.state.record.steps.every((step) => step.status === 'completed')).toBe(true);
	});
});

describe('a clock that ticks late and unevenly', () => {
	it('still gives every boundary at its exact time, and the same final position', () => {
		const { clock, session, events } = setup();
		// Frame-ish ticks with jitter, and now and then a stall of most of a second.
		let seed = 7;
		const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
		while (clock.now() < START + 110_000) {
			clock.advance(random() < 0.02 ? 400 + random() * 500 : 10 + random() * 40);
			session.tick();
			expect(session.view().sessionLeftMs).toBeCloseTo(111_000 - (clock.now() - START), 6);
		}
		expect(cueTimes(events)).toEqual(boundaries());
	});

	it('keeps exact time over a long session of many small ticks', () => {
		const clock = new ManualClock(START);
		const timeline = threeSteps();
		const session = new Session(timeline, clock);
		session.start();
		// 16.7 ms ticks for 100 s: a tick counter would drift by the rounding of each step.
		for (let i = 0; i < 6_000; i++) {
			clock.advance(16.7);
			session.tick();
		}
		const elapsed = clock.now() - START;
		expect(elapsed).toBeCloseTo(100_200, 3);
		expect(session.view().sessionLeftMs).toBeCloseTo(111_000 - elapsed, 6);
		expect(session.view()).toMatchObject({ phase: 'rest', stepIndex: 2 });
	});
});

describe('time only moves forward', () => {
	it('ignores a clock that goes back: the session never rewinds', () => {
		const clock = {
			...new ManualClock(),
			now: () => nowMs,
			epochNow: () => 0,
			setTimeout: () => 0,
			clearTimeout() {},
			setInterval: () => 0,
			clearInterval() {}
		};
		let nowMs = START;
		const session = new Session(threeSteps(), clock);
		session.start();
		nowMs = START + 30_000;
		session.tick();
		const ahead = session.view();
		nowMs = START + 10_000;
		session.tick();
		expect(session.view()).toEqual(ahead);
		session.pause();
		expect(session.view().sessionLeftMs).toBe(ahead.sessionLeftMs);
	});
});
