import { describe, expect, it } from 'vitest';
import { ManualClock, type Clock } from '../../engine/clock';
import { threeSteps } from '../../engine/test-routines';
import { PlayerModel } from './player.svelte';

/** A player on a hand-moved clock, with animation frames run by the test. */
function setup<C extends Clock>(clock: C) {
	const frames = new Map<number, () => void>();
	let nextFrame = 1;
	const listeners = new Set<() => void>();
	const player = new PlayerModel(threeSteps(), {
		clock,
		requestFrame: (callback) => {
			frames.set(nextFrame, callback);
			return nextFrame++;
		},
		cancelFrame: (id) => frames.delete(id),
		visibility: {
			addEventListener: (_type: string, listener: () => void) => listeners.add(listener),
			removeEventListener: (_type: string, listener: () => void) => listeners.delete(listener)
		} as unknown as Pick<Document, 'addEventListener' | 'removeEventListener'>
	});
	const runFrames = () => {
		const due = [...frames.entries()];
		frames.clear();
		for (const [, callback] of due) callback();
	};
	return { clock, player, frames, listeners, runFrames };
}

describe('the player view-model', () => {
	it('follows the engine on every animation frame', () => {
		const { clock, player, runFrames } = setup(new ManualClock(1000));
		const disconnect = player.connect();
		player.start();
		expect(player.view.phase).toBe('countdown');
		clock.advance(5_000);
		runFrames();
		expect(player.view).toMatchObject({ phase: 'approach', phaseLeftMs: 10_000 });
		disconnect();
	});

	it('keeps ticking on a timer when frames stop, as in a hidden tab, and stops when disconnected', () => {
		const { clock, player, frames } = setup(new ManualClock(1000));
		const disconnect = player.connect();
		player.start();
		clock.advance(16_000);
		expect(player.view).toMatchObject({ phase: 'breathe', breath: { part: 'inhale' } });
		disconnect();
		expect(frames.size).toBe(0);
		clock.advance(10_000);
		expect(player.view.phase).toBe('breathe');
	});

	it('ticks at once when the tab becomes visible again', () => {
		// A frozen tab: time moves on, but no frame or timer runs.
		let nowMs = 1000;
		const frozen: Clock = {
			now: () => nowMs,
			epochNow: () => nowMs,
			setTimeout: () => 0,
			clearTimeout() {},
			setInterval: () => 0,
			clearInterval() {}
		};
		const { player, listeners } = setup(frozen);
		const disconnect = player.connect();
		player.start();
		nowMs += 27_000;
		expect(player.view.phase).toBe('countdown');
		for (const listener of listeners) listener();
		expect(player.view).toMatchObject({ phase: 'soften', round: 1 });
		disconnect();
		expect(listeners.size).toBe(0);
	});

	it('announces a phase once as it begins, and not phases passed unseen', () => {
		const { clock, player } = setup(new ManualClock(1000));
		player.start();
		expect(player.announcement).toBe('Get ready. Next: Hip, left.');
		clock.advance(5_000);
		player.tick();
		expect(player.announcement).toBe('Approach the edge. Hip, left. Round 1 of 2.');
		clock.advance(58_000);
		player.tick();
		// The jump passed several phases, and soften began 3 s ago: too late to say.
		expect(player.announcement).toBe('Approach the edge. Hip, left. Round 1 of 2.');
		player.flare();
		expect(player.announcement).toBe(
			'Flare noted. Stop. Come back out of the stretch slowly, and breathe.'
		);
		// A retry chosen at once is named as the one gentle round it is.
		player.choose('retry');
		expect(player.announcement).toBe('Approach the edge. Hip, left. One gentle round.');
	});

	it('Space starts, pauses and resumes', () => {
		const { player } = setup(new ManualClock(1000));
		player.toggle();
		expect(player.view.mode).toBe('running');
		player.toggle();
		expect(player.view.mode).toBe('paused');
		player.toggle();
		expect(player.view.mode).toBe('running');
	});
});

describe("the coach's controls", () => {
	it('add and take 10 s from the phase under way, and say so', () => {
		const { clock, player } = setup(new ManualClock(1000));
		player.start();
		clock.advance(8_000);
		player.tick();
		expect(player.view).toMatchObject({ phase: 'approach', phaseLeftMs: 7_000 });
		player.addTime();
		expect(player.view.phaseLeftMs).toBe(17_000);
		expect(player.announcement).toBe('10 seconds added to Approach the edge, Hip.');
		player.takeTime();
		expect(player.view).toMatchObject({ phase: 'approach', phaseLeftMs: 7_000 });
		expect(player.announcement).toBe('10 seconds taken from Approach the edge, Hip.');
		// Less than 10 s is left: the phase ends now, and the next one is heard beginning.
		player.takeTime();
		expect(player.view).toMatchObject({ phase: 'breathe', phaseLeftMs: 10_000 });
		expect(player.announcement).toBe('Breathe. Hip, left. Round 1 of 2.');
		expect(
			player.record.adjustments?.map((entry) => [entry.kind, 'deltaMs' in entry && entry.deltaMs])
		).toEqual([
			['added', 10_000],
			['taken', -10_000],
			['taken', -7_000]
		]);
	});

	it('H holds the phase and lets it go; Space lets a hold go too', () => {
		const { clock, player } = setup(new ManualClock(1000));
		player.start();
		clock.advance(8_000);
		player.toggleHold();
		expect(player.view.mode).toBe('held');
		expect(player.announcement).toBe('Held. This phase waits until the hold is released.');
		clock.advance(30_000);
		player.tick();
		expect(player.view).toMatchObject({ mode: 'held', phaseLeftMs: 7_000 });
		player.toggleHold();
		expect(player.view.mode).toBe('running');
		expect(player.announcement).toBe('Hold released. The phase goes on.');
		player.toggleHold();
		player.toggle();
		expect(player.view.mode).toBe('running');
		expect(player.record.adjustments).toEqual([
			expect.objectContaining({ kind: 'held', heldMs: 30_000 }),
			expect.objectContaining({ kind: 'held', heldMs: 0 })
		]);
	});

	it('hold does nothing before the start or while paused', () => {
		const { player } = setup(new ManualClock(1000));
		player.toggleHold();
		expect(player.view.mode).toBe('idle');
		player.start();
		player.pause();
		player.toggleHold();
		expect(player.view.mode).toBe('paused');
	});
});

describe('the player and the sound', () => {
	/** A guidance that records what the player asks of it. */
	function fakeGuidance(recorded: ReadonlyMap<string, number> = new Map()) {
		const asked: string[] = [];
		return {
			asked,
			load: async () => void asked.push('load'),
			unlock: async () => (asked.push('unlock'), true),
			setVolume: (volume: number) => void asked.push(`volume ${volume}`),
			audioTimeAt: (ms: number) => ms / 1000,
			currentTime: () => 0,
			start: (id: string) => (asked.push(`start ${id}`), { stop: () => {}, endSec: Infinity }),
			ownCues: () => recorded,
			startOwn: (cue: string) => (asked.push(`own ${cue}`), { stop: () => {}, endSec: Infinity })
		};
	}

	it('asks for sound inside the Start tap, then hands over the first cue', () => {
		const guidance = fakeGuidance();
		const player = new PlayerModel(threeSteps(), { clock: new ManualClock(1000), guidance });
		player.start();
		expect(guidance.asked.slice(0, 2)).toEqual(['unlock', 'start get-ready']);
	});

	it('pauses when the platform stops the sound mid-session, and asks again on Resume', () => {
		const guidance = fakeGuidance();
		const player = new PlayerModel(threeSteps(), { clock: new ManualClock(1000), guidance });
		player.start();
		player.soundChanged({ kind: 'interrupted' });
		expect(player.view.mode).toBe('paused');
		expect(player.pausedForSound).toBe(true);
		guidance.asked.length = 0;
		player.resume();
		expect(guidance.asked[0]).toBe('unlock');
		expect(player.view.mode).toBe('running');
		expect(player.pausedForSound).toBe(false);
	});

	it("shows the coach's recording while it sounds, by phase and step", () => {
		const clock = new ManualClock(1000);
		const guidance = fakeGuidance(new Map([['hip/approach', 2_000]]));
		const player = new PlayerModel(threeSteps(), { clock, guidance });
		player.ownVoiceLoaded(new Map([['hip/approach', 'Approach the edge, Hip']]), '');
		player.start();
		clock.advance(5_000);
		player.tick();
		expect(guidance.asked).toContain('own hip/approach');
		clock.advance(500);
		player.tick();
		expect(player.ownVoice).toBe('Approach the edge, Hip');
		clock.advance(3_000);
		player.tick();
		expect(player.ownVoice).toBe('');
	});

	it('does not pause a session that was not running when sound stopped', () => {
		const player = new PlayerModel(threeSteps(), {
			clock: new ManualClock(1000),
			guidance: fakeGuidance()
		});
		player.soundChanged({ kind: 'interrupted' });
		expect(player.view.mode).toBe('idle');
		expect(player.pausedForSound).toBe(false);
	});

	it('takes a new countdown length before Start, and not after', () => {
		const player = new PlayerModel(threeSteps(), { clock: new ManualClock(1000) });
		player.setCountdown(0);
		expect(player.view.phase).toBe('approach');
		expect(player.timeline.totalMs).toBe(106_000);
		player.start();
		player.setCountdown(10);
		expect(player.timeline.totalMs).toBe(106_000);
	});
});

describe('the screen changes on time', () => {
	it('ticks at the next boundary even when no frame comes', () => {
		const clock = new ManualClock(1000);
		const player = new PlayerModel(threeSteps(), {
			clock,
			requestFrame: () => 0,
			cancelFrame: () => {},
			visibility: { addEventListener() {}, removeEventListener() {} } as unknown as Document
		});
		const disconnect = player.connect();
		clock.advance(100);
		player.start();
		// The background interval ticks every 250 ms from connect; the boundary falls between two.
		clock.advance(5_000);
		expect(player.view).toMatchObject({ phase: 'approach', segmentElapsedMs: 0 });
		disconnect();
	});
});
