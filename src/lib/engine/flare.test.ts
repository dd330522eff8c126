import { describe, expect, it } from 'vitest';
import { compileTimeline } from '../routine';
import { flareDecision } from './reduce';
import {
	routine,
	statuses,
	TEST_EPOCH_MS,
	testSession,
	THREE_STEPS,
	threeSteps
} from '$test/routines';

const EPOCH = TEST_EPOCH_MS;
const setup = (timeline = threeSteps()) => testSession(timeline, { started: true });

describe('a flare (rule 1)', () => {
	it('silences sound and enters release at once, then recover', () => {
		const { session, at, events } = setup();
		at(26_500);
		const before = events.length;
		session.flare();
		const fresh = events.slice(before).map((e) => e.type);
		expect(fresh.slice(0, 2)).toEqual(['flare', 'silence']);
		expect(session.view()).toMatchObject({ phase: 'release', phaseLeftMs: 4_000, inFlare: true });
		expect(at(26_500 + 4_000)).toMatchObject({ phase: 'recover', phaseLeftMs: 8_000 });
	});

	it('says what happens if nobody chooses, and in how long, counting through recover', () => {
		const { session, at } = setup();
		at(26_500);
		expect(session.view().afterFlare).toBeUndefined();
		session.flare();
		// Release 4 s, then recover 8 s; this step's policy is retry.
		expect(session.view().afterFlare).toEqual({ then: 'retry', inMs: 12_000 });
		expect(at(26_500 + 5_000).afterFlare).toEqual({ then: 'retry', inMs: 7_000 });
		expect(at(26_500 + 12_000)).toMatchObject({ phase: 'approach', gentle: true, rounds: 1 });
		expect(session.view().afterFlare).toBeUndefined();

		const skipping = setup(threeSteps({ onFlare: ['skip'] }));
		skipping.at(20_000);
		skipping.session.flare();
		expect(skipping.session.view().afterFlare).toEqual({ then: 'skip', inMs: 12_000 });
		expect(skipping.at(32_000)).toMatchObject({ gentle: false, stepIndex: 1 });
	});

	it('names a retry chosen at once as the gentle round, and only that step', () => {
		const { session, at } = setup();
		at(20_000);
		session.flare();
		session.choose('retry');
		expect(session.view()).toMatchObject({ phase: 'approach', gentle: true });
		session.skip();
		expect(session.view().gentle).toBe(false);
	});

	it('is recorded with step, round, phase, seconds into the step and the time', () => {
		const { session, at } = setup();
		at(26_500);
		session.flare();
		expect(session.state.record.flares).toEqual([
			{
				stepId: 'hip',
				stepIndex: 0,
				round: 1,
				phase: 'soften',
				secondsIntoStep: 21.5,
				atEpochMs: EPOCH + 26_500,
				then: 'retry'
			}
		]);
	});

	it('takes its time from the monotonic clock, even when the system time is changed', () => {
		const { session, at, clock } = setup();
		at(10_000);
		clock.shiftWallClock(-3_600_000);
		at(12_000);
		session.flare();
		expect(session.state.record.flares[0]?.atEpochMs).toBe(EPOCH + 12_000);
		expect(session.view().phase).toBe('release');
	});

	it('brings a paused session out at once, running', () => {
		const { session, at, after } = setup();
		at(20_000);
		session.pause();
		session.flare();
		expect(session.view()).toMatchObject({ mode: 'running', phase: 'release' });
		expect(after(5_000)).toMatchObject({ phase: 'recover' });
	});

	it('is reported in the countdown or a rest between steps against the step ahead', () => {
		const { session, at } = setup();
		at(70_000);
		session.flare();
		expect(session.state.record.flares[0]).toMatchObject({ stepId: 'calm', phase: 'rest' });
	});
});

describe("after recover, the step's onFlare decides (rule 2)", () => {
	it('retry runs the step again from its first round, one round only, then goes on', () => {
		const { session, at, after } = setup();
		at(45_000);
		session.flare();
		expect(after(12_000)).toMatchObject({ phase: 'approach', round: 1, rounds: 1, stepIndex: 0 });
		// One round: 10 + 10 + 5 + 4 s, then the rest before the next step.
		expect(after(28_999)).toMatchObject({ phase: 'come-back', rounds: 1 });
		expect(after(1)).toMatchObject({ phase: 'rest', lead: true, stepIndex: 1 });
		expect(session.state.record.steps[0]).toMatchObject({ status: 'completed', retried: true });
	});

	it('skip goes straight on with the next step: recover was the rest', () => {
		const { session, at, after } = setup(threeSteps({ onFlare: ['skip'] }));
		at(45_000);
		session.flare();
		expect(after(12_000)).toMatchObject({ phase: 'breathe', stepIndex: 1, lead: false });
		expect(statuses(session)).toEqual(['skipped', 'in-progress', 'not-reached']);
	});

	it('skip on the last step ends the session, completed', () => {
		const { session, at, after } = setup();
		at(95_000);
		session.flare();
		expect(after(12_000)).toMatchObject({ mode: 'done', outcome: 'completed' });
		expect(statuses(session)).toEqual(['completed', 'completed', 'skipped']);
	});

	it('stop ends the session after recover, as stopped after a flare', () => {
		const { session, at, after } = setup(threeSteps({ onFlare: ['stop'] }));
		at(20_000);
		session.flare();
		expect(after(11_999).phase).toBe('recover');
		expect(after(1)).toMatchObject({ mode: 'done', outcome: 'stopped-after-flare' });
		expect(statuses(session)).toEqual(['stopped', 'not-reached', 'not-reached']);
	});
});

describe('choices during release and recover (rule 3)', () => {
	it('Skip step goes on with the next step at once', () => {
		const { session, at } = setup();
		at(20_000);
		session.flare();
		session.choose('skip');
		expect(session.view()).toMatchObject({ phase: 'breathe', stepIndex: 1, inFlare: false });
		expect(statuses(session)[0]).toBe('skipped');
	});

	it('End session ends it at once, as stopped after a flare', () => {
		const { session, at, after } = setup();
		at(20_000);
		session.flare();
		after(6_000);
		session.choose('end');
		expect(session.view()).toMatchObject({ mode: 'done', outcome: 'stopped-after-flare' });
	});

	it('Try again gently is offered and works only where the step allows retry', () => {
		const retrying = setup();
		retrying.at(20_000);
		retrying.session.flare();
		expect(retrying.session.view().canRetry).toBe(true);
		retrying.session.choose('retry');
		expect(retrying.session.view()).toMatchObject({ phase: 'approach', rounds: 1 });

		const skipping = setup(threeSteps({ onFlare: ['skip'] }));
		skipping.at(20_000);
		skipping.session.flare();
		expect(skipping.session.view().canRetry).toBe(false);
		skipping.session.choose('retry');
		expect(skipping.session.view().phase).toBe('release');
	});

	it('Stop and N during release act as End session and Skip step', () => {
		const stopping = setup();
		stopping.at(20_000);
		stopping.session.flare();
		stopping.session.stop();
		expect(stopping.session.view().outcome).toBe('stopped-after-flare');

		const skipping = setup();
		skipping.at(20_000);
		skipping.session.flare();
		skipping.session.skip();
		expect(skipping.session.view()).toMatchObject({ phase: 'breathe', stepIndex: 1 });
	});

	it('choices mean nothing outside release and recover', () => {
		const { session, at } = setup();
		at(20_000);
		session.choose('end');
		session.choose('skip');
		expect(session.view()).toMatchObject({ mode: 'running', phase: 'breathe', stepIndex: 0 });
	});
});

describe('second and third flares (rule 4)', () => {
	it('a second flare in the same step never retries it: it is skipped', () => {
		const { session, at, after } = setup();
		at(20_000);
		session.flare();
		session.choose('retry');
		after(3_000);
		session.flare();
		expect(session.state.record.flares.map((f) => f.then)).toEqual(['retry', 'skip']);
		expect(session.view().canRetry).toBe(false);
		expect(after(12_000)).toMatchObject({ phase: 'breathe', stepIndex: 1 });
		expect(session.state.record.steps[0]).toMatchObject({ status: 'skipped', flares: 2 });
	});

	it('a second flare in a step whose policy is stop still stops', () => {
		expect(flareDecision('stop', 2, 2)).toBe('stop');
		expect(flareDecision('skip', 2, 2)).toBe('skip');
		expect(flareDecision('retry', 2, 2)).toBe('skip');
		expect(flareDecision('retry', 1, 1)).toBe('retry');
	});

	it('the third flare in a session ends it after release and recover', () => {
		const { session, at, after } = setup(threeSteps({ onFlare: ['skip', 'skip', 'retry'] }));
		at(20_000);
		session.flare();
		session.choose('skip');
		after(2_000);
		session.flare();
		session.choose('skip');
		after(2_000);
		session.flare();
		expect(session.state.record.flares.map((f) => [f.stepId, f.then])).toEqual([
			['hip', 'skip'],
			['calm', 'skip'],
			['rest', 'stop']
		]);
		expect(session.view()).toMatchObject({ phase: 'release', canRetry: false });
		expect(after(12_000)).toMatchObject({ mode: 'done', outcome: 'stopped-after-flare' });
	});
});

describe('a flare during release or recover (rule 5)', () => {
	it('starts release again, and counts', () => {
		const { session, at, after } = setup();
		at(20_000);
		session.flare();
		after(6_000);
		expect(session.view().phase).toBe('recover');
		session.flare();
		expect(session.view()).toMatchObject({ phase: 'release', phaseLeftMs: 4_000 });
		expect(session.state.record.flares.map((f) => f.phase)).toEqual(['breathe', 'recover']);
		expect(session.state.record.steps[0]?.flares).toBe(2);
	});
});

describe('the red flag (rule 6)', () => {
	it('ends the session at once with the red flag recorded', () => {
		const { session, at, events } = setup();
		at(27_000);
		session.redFlag();
		expect(session.view()).toMatchObject({ mode: 'done', outcome: 'red-flag' });
		expect(session.state.record.redFlag).toEqual({
			stepId: 'hip',
			stepIndex: 0,
			phase: 'soften',
			atEpochMs: EPOCH + 27_000
		});
		expect(events.slice(-3).map((e) => e.type)).toEqual(['red-flag', 'silence', 'done']);
	});

	it('works during release, too', () => {
		const { session, at } = setup();
		at(27_000);
		session.flare();
		session.redFlag();
		expect(session.view().outcome).toBe('red-flag');
	});
});

describe('release and recover of 0 s', () => {
	it('apply the decision at once', () => {
		const value = structuredClone(THREE_STEPS);
		value.defaults.flare = { release: 0, recover: 0 };
		const { session, at } = setup(compileTimeline(routine(value), { countdownSec: 5 }));
		at(20_000);
		session.flare();
		expect(session.view()).toMatchObject({ phase: 'approach', rounds: 1, stepIndex: 0 });
		expect(session.state.record.steps[0]?.retried).toBe(true);
	});
});
