import { describe, expect, it } from 'vitest';
import { statuses, TEST_START_MS, testSession, threeSteps } from '$test/routines';

const START = TEST_START_MS;
const setup = (timeline = threeSteps()) => testSession(timeline);

describe('the timeline a session plays', () => {
	it('takes 111 s for the three-step routine, with the countdown', () => {
		expect(threeSteps().totalMs).toBe(111_000);
	});
});

describe('before Start', () => {
	it('shows the countdown with the whole session ahead, and ignores every other control', () => {
		const { session, at, events } = setup();
		for (const control of [
			'pause',
			'resume',
			'skip',
			'previous',
			'stop',
			'flare',
			'redFlag'
		] as const) {
			session[control]();
		}
		const view = at(30_000);
		expect(view.mode).toBe('idle');
		expect(view.phase).toBe('countdown');
		expect(view.sessionLeftMs).toBe(111_000);
		expect(events).toEqual([]);
		expect(session.state.record.flares).toEqual([]);
	});
});

describe('a session played through', () => {
	it('passes every phase at its exact time and ends completed', () => {
		const { session, at, events } = setup();
		session.start();
		expect(session.view().phase).toBe('countdown');
		expect(at(4_999).phase).toBe('countdown');
		expect(at(5_000)).toMatchObject({ phase: 'approach', round: 1, rounds: 2, stepIndex: 0 });
		expect(at(15_000)).toMatchObject({ phase: 'breathe', breath: { part: 'inhale', n: 1, of: 2 } });
		expect(at(17_500)).toMatchObject({ breath: { part: 'exhale', n: 1 }, phaseLeftMs: 7_500 });
		expect(at(34_000)).toMatchObject({ phase: 'rest', lead: false, round: 1 });
		expect(at(40_000)).toMatchObject({ phase: 'approach', round: 2 });
		expect(at(69_000)).toMatchObject({ phase: 'rest', lead: true, stepIndex: 1 });
		expect(statuses(session)[0]).toBe('completed');
		expect(at(76_000)).toMatchObject({ phase: 'breathe', stepIndex: 1 });
		expect(at(91_000)).toMatchObject({ phase: 'rest', lead: false, stepIndex: 2 });
		const done = at(111_000);
		expect(done).toMatchObject({
			mode: 'done',
			outcome: 'completed',
			phase: 'done',
			sessionLeftMs: 0
		});
		expect(statuses(session)).toEqual(['completed', 'completed', 'completed']);
		const last = events[events.length - 1];
		expect(last).toMatchObject({ type: 'done', outcome: 'completed', atMs: START + 111_000 });
	});

	it('announces each phase once, with the moment it began, not the moment of the tick', () => {
		const { session, at, events } = setup();
		session.start();
		at(5_300);
		at(15_010);
		const phases = events.filter((e) => e.type === 'phase-started');
		expect(phases.map((e) => [e.segment.phase, e.atMs])).toEqual([
			['countdown', START],
			['approach', START + 5_000],
			['breathe', START + 15_000]
		]);
	});
});

describe('pause and resume', () => {
	it('freezes the position while paused and goes on from the same point', () => {
		const { session, at, clock } = setup();
		session.start();
		at(12_000);
		session.pause();
		const paused = session.view();
		clock.advance(60_000);
		session.tick();
		expect(session.view()).toEqual(paused);
		session.resume();
		clock.advance(3_000);
		session.tick();
		expect(session.view()).toMatchObject({ phase: 'breathe', breath: { part: 'inhale' } });
		expect(session.view().sessionLeftMs).toBe(111_000 - 15_000);
	});

	it('says paused and silences sound, then says resumed', () => {
		const { session, at, events } = setup();
		session.start();
		at(8_000);
		session.pause();
		session.resume();
		expect(events.slice(-3).map((e) => e.type)).toEqual(['paused', 'silence', 'resumed']);
	});
});

describe('skip step', () => {
	it('in the countdown starts the first step now, without skipping it', () => {
		const { session, at } = setup();
		session.start();
		at(2_000);
		session.skip();
		expect(session.view()).toMatchObject({ phase: 'approach', stepIndex: 0, phaseLeftMs: 10_000 });
		expect(statuses(session)[0]).toBe('in-progress');
	});

	it('in a step marks it skipped and goes to the rest before the next', () => {
		const { session, at } = setup();
		session.start();
		at(20_000);
		session.skip();
		expect(session.view()).toMatchObject({ phase: 'rest', lead: true, stepIndex: 1 });
		expect(statuses(session)).toEqual(['skipped', 'not-reached', 'not-reached']);
		expect(session.view().sessionLeftMs).toBe(111_000 - 69_000);
	});

	it('in the rest between steps starts the next step now', () => {
		const { session, at } = setup();
		session.start();
		at(70_000);
		session.skip();
		expect(session.view()).toMatchObject({ phase: 'breathe', stepIndex: 1, lead: false });
		expect(statuses(session)).toEqual(['completed', 'in-progress', 'not-reached']);
	});

	it('on the last step ends the session completed', () => {
		const { session, at } = setup();
		session.start();
		at(95_000);
		session.skip();
		expect(session.view()).toMatchObject({ mode: 'done', outcome: 'completed' });
		expect(statuses(session)).toEqual(['completed', 'completed', 'skipped']);
	});

	it('while paused moves on and stays paused', () => {
		const { session, at, clock } = setup();
		session.start();
		at(20_000);
		session.pause();
		session.skip();
		clock.advance(5_000);
		session.tick();
		expect(session.view()).toMatchObject({ mode: 'paused', phase: 'rest', phaseLeftMs: 7_000 });
	});
});

describe('previous step', () => {
	it('in a later step goes back to the start of the one before', () => {
		const { session, at } = setup();
		session.start();
		at(80_000);
		session.previous();
		expect(session.view()).toMatchObject({ phase: 'approach', stepIndex: 0, round: 1 });
		expect(statuses(session)).toEqual(['in-progress', 'not-reached', 'not-reached']);
	});

	it('in the first step starts it again', () => {
		const { session, at } = setup();
		session.start();
		at(30_000);
		session.previous();
		expect(session.view()).toMatchObject({ phase: 'approach', stepIndex: 0, phaseLeftMs: 10_000 });
	});

	it('does nothing in the countdown', () => {
		const { session, at } = setup();
		session.start();
		at(3_000);
		session.previous();
		expect(session.view()).toMatchObject({ phase: 'countdown', phaseLeftMs: 2_000 });
	});
});

describe('stop', () => {
	it('ends the session at once, marking the step in progress as stopped', () => {
		const { session, at, events } = setup();
		session.start();
		at(80_000);
		session.stop();
		expect(session.view()).toMatchObject({ mode: 'done', outcome: 'stopped' });
		expect(statuses(session)).toEqual(['completed', 'stopped', 'not-reached']);
		expect(events.slice(-2).map((e) => e.type)).toEqual(['silence', 'done']);
	});

	it('leaves a finished session as it was: controls after the end do nothing', () => {
		const { session, at } = setup();
		session.start();
		at(80_000);
		session.stop();
		const record = session.state.record;
		for (const control of ['start', 'resume', 'skip', 'previous', 'flare', 'redFlag'] as const) {
			session[control]();
		}
		expect(session.state.record).toBe(record);
		expect(session.view().outcome).toBe('stopped');
	});
});
