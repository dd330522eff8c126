import { describe, expect, it } from 'vitest';
import { ManualClock, type Clock } from '../../engine/clock';
import { threeSteps } from '$test/routines';
import type { Guidance } from '../../audio/scheduler';
import { viewAt } from '../../engine/view';
import { formatClock } from '../labels';
import { PlayerModel } from './player.svelte';

/** A clock that counts the player's wakes: the timers it lets fire. */
class CountingClock extends ManualClock {
	fired = 0;
	override setTimeout(callback: () => void, ms: number): number {
		return super.setTimeout(() => {
			this.fired++;
			callback();
		}, ms);
	}
	override setInterval(callback: () => void, ms: number): number {
		return super.setInterval(() => {
			this.fired++;
			callback();
		}, ms);
	}
}

/** A player on a hand-moved clock, in a page the test shows or hides. */
function setup<C extends Clock>(
	clock: C,
	{ lockable = false, guidance = undefined as Guidance | undefined } = {}
) {
	const listeners = new Set<(() => void) & { type?: string }>();
	const page = { hidden: false };
	const player = new PlayerModel(threeSteps(), {
		clock,
		lockable,
		guidance,
		visibility: {
			get hidden() {
				return page.hidden;
			},
			addEventListener: (type: string, listener: () => void) =>
				listeners.add(Object.assign(listener, { type })),
			removeEventListener: (_type: string, listener: () => void) => listeners.delete(listener)
		} as unknown as Pick<Document, 'addEventListener' | 'removeEventListener'>
	});
	const emit = (type: string) => {
		for (const listener of listeners) if (listener.type === type) listener();
	};
	const setHidden = (hidden: boolean) => {
		page.hidden = hidden;
		emit('visibilitychange');
	};
	return { clock, player, listeners, setHidden, emit };
}

describe('the player view-model', () => {
	it('wakes only when the screen changes, and then shows the engine exactly', () => {
		const { clock, player } = setup(new CountingClock(1000));
		const disconnect = player.connect();
		player.start();
		// 60 s in uneven steps, as a person might glance at it: every glance shows the truth.
		let shown = 0;
		for (let ms = 0; ms < 60_000; ms += 37) {
			clock.advance(37);
			const truth = viewAt(player.state, clock.now());
			expect(formatClock(player.view.phaseLeftMs)).toBe(formatClock(truth.phaseLeftMs));
			expect(formatClock(player.view.sessionLeftMs)).toBe(formatClock(truth.sessionLeftMs));
			expect([player.view.phase, player.view.breath?.part]).toEqual([
				truth.phase,
				truth.breath?.part
			]);
			shown++;
		}
		expect(shown).toBeGreaterThan(1_600);
		// Once a second, and at each phase or breath between: the breaths of 2 and 3 s, in step
		// with whole seconds here, add none. Nothing else wakes it: no frames, no polling.
		expect(clock.fired).toBeGreaterThanOrEqual(59);
		expect(clock.fired).toBeLessThanOrEqual(61);
		disconnect();
		const fired = clock.fired;
		clock.advance(10_000);
		expect(clock.fired).toBe(fired);
	});

	it('sleeps before the start and while paused', () => {
		const { clock, player } = setup(new CountingClock(1000));
		const disconnect = player.connect();
		clock.advance(30_000);
		expect(clock.fired).toBe(0);
		player.start();
		clock.advance(8_000);
		player.pause();
		const fired = clock.fired;
		clock.advance(60_000);
		expect(clock.fired).toBe(fired);
		disconnect();
	});

	it('hidden, wakes only at the end of each phase or breath, and shown again catches up at once', () => {
		const { clock, player, setHidden } = setup(new CountingClock(1000));
		const disconnect = player.connect();
		player.start();
		setHidden(true);
		const fired = clock.fired;
		// 5 s countdown, approach 10 s, then breaths of 2 and 3 s: 4 ends in the first 22 s.
		clock.advance(21_900);
		expect(clock.fired - fired).toBe(4);
		expect(player.view).toMatchObject({ phase: 'breathe', breath: { part: 'inhale', n: 2 } });
		setHidden(false);
		expect(player.view.phaseLeftMs).toBe(viewAt(player.state, clock.now()).phaseLeftMs);
		disconnect();
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
		const when: number[] = [];
		const counts = { stopped: 0 };
		const stop = () => void counts.stopped++;
		return {
			asked,
			when,
			get stopped() {
				return counts.stopped;
			},
			load: async () => void asked.push('load'),
			unlock: async () => (asked.push('unlock'), true),
			setVolume: (volume: number) => void asked.push(`volume ${volume}`),
			audioTimeAt: (ms: number) => ms / 1000,
			currentTime: () => 0,
			start: (id: string, whenSec: number) => (
				asked.push(`start ${id}`),
				when.push(whenSec),
				{ stop, endSec: Infinity }
			),
			ownCues: () => recorded,
			startOwn: (cue: string) => (asked.push(`own ${cue}`), { stop, endSec: Infinity })
		};
	}

	it('asks for sound inside the Start tap, then hands over the first cue', () => {
		const guidance = fakeGuidance();
		const player = new PlayerModel(threeSteps(), { clock: new ManualClock(1000), guidance });
		player.start();
		expect(guidance.asked.slice(0, 2)).toEqual(['unlock', 'start get-ready']);
	});

	/** The moments handed to the audio clock, in session seconds from Start. */
	function handedOver(guidance: ReturnType<typeof fakeGuidance>): number[] {
		return guidance.when.map((sec) => Math.round(sec * 1000 - 1000));
	}

	it('hidden, hands every cue to the end of the session to the audio clock at once', () => {
		const guidance = fakeGuidance();
		const { clock, player, setHidden } = setup(new ManualClock(1000), { guidance });
		const disconnect = player.connect();
		player.start();
		clock.advance(6_000);
		const shownAhead = Math.max(...handedOver(guidance));
		expect(shownAhead).toBeLessThan(10_000);
		setHidden(true);
		// The end chime at 111 s and "well done" after it: the whole session, no script needed.
		expect(Math.max(...handedOver(guidance))).toBe(111_150);
		// After a flare, everything that follows is handed over again, to the session's new end.
		const before = guidance.asked.length;
		player.flare();
		const after = guidance.asked.slice(before);
		expect(after[0]).toBe('start release');
		expect(after).toContain('start recover');
		expect(after.at(-1)).toBe('start well-done');
		disconnect();
	});

	it('a page thawed after a freeze lets go of what waited and hands the rest over again', () => {
		const guidance = fakeGuidance();
		const { clock, player, setHidden, emit } = setup(new ManualClock(1000), { guidance });
		const disconnect = player.connect();
		player.start();
		setHidden(true);
		const handed = guidance.asked.length;
		clock.advance(40_000);
		emit('resume');
		expect(guidance.stopped).toBeGreaterThan(10);
		const again = guidance.asked.slice(handed);
		// From 40 s on: the moments passed in the freeze are not handed over again.
		expect(again).not.toContain('start get-ready');
		expect(again.at(-1)).toBe('start well-done');
		disconnect();
	});

	it('on a phone or tablet, hands the whole session over from the Start tap', () => {
		const guidance = fakeGuidance();
		const { player } = setup(new ManualClock(1000), { guidance, lockable: true });
		const disconnect = player.connect();
		player.start();
		expect(Math.max(...handedOver(guidance))).toBe(111_150);
		disconnect();
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
