import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { routine, TEST_START_MS, testSession, threeSteps } from '$test/routines';
import { compileTimeline, parseRoutine } from '../routine';
import { CLEARANCE_MS, planCueGroups, type CueSettings } from './cue-plan';
import { cueDurationsMs, type CueId } from './cues';
import { CueScheduler, LATE_MS, MOST_HANDED_OVER, type CueOutput } from './scheduler';

const DURATIONS = cueDurationsMs();
/** Every sound to the session's end, as a hidden page hands them over. */
const TO_THE_END = Infinity;
/** The audio clock runs 0.5 s ahead of the monotonic one, in seconds, as a real one may. */
const AUDIO_OFFSET_SEC = 0.5;

interface Started {
	/** A sprite cue, or `own:<cue>` for a recorded one. */
	id: CueId | `own:${string}`;
	whenSec: number;
	endSec: number;
	stopped: boolean;
}

/**
 * A fake audio output that records every `start(when)` and `stop()`; `recorded` are the coach's
 * cues it has decoded (key → ms).
 */
function fakeOutput(
	now: () => number,
	recorded: ReadonlyMap<string, number> = new Map(),
	/** How far, in seconds, the audio clock has fallen behind: a frozen page's stands still. */
	slipSec: () => number = () => 0
): CueOutput & { started: Started[] } {
	const started: Started[] = [];
	const play = (id: Started['id'], whenSec: number, durationSec: number) => {
		const sound: Started = { id, whenSec, endSec: whenSec + durationSec, stopped: false };
		started.push(sound);
		return {
			endSec: sound.endSec,
			stop: () => {
				sound.stopped = true;
			}
		};
	};
	return {
		started,
		audioTimeAt: (ms) => ms / 1000 + AUDIO_OFFSET_SEC - slipSec(),
		currentTime: () => now() / 1000 + AUDIO_OFFSET_SEC - slipSec(),
		start: (id, whenSec) => play(id, whenSec, DURATIONS[id] / 1000),
		ownCues: () => recorded,
		startOwn: (cue, whenSec, maxSec) =>
			play(`own:${cue}`, whenSec, Math.min(maxSec, (recorded.get(cue) ?? 0) / 1000))
	};
}

function setup(
	settings: CueSettings = { voice: true, chimes: true },
	timeline = threeSteps(),
	recorded: ReadonlyMap<string, number> = new Map()
) {
	const run = testSession(timeline);
	const output = fakeOutput(() => run.clock.now(), recorded);
	const scheduler = new CueScheduler(output, { settings: () => settings });
	run.session.subscribe((event) => scheduler.onEvent(event));
	/** Ticks every `everyMs` until `ms` after the start, updating the scheduler each time. */
	const playUntil = (ms: number, everyMs = 50) => {
		while (run.clock.now() < TEST_START_MS + ms) {
			run.clock.advance(Math.min(everyMs, TEST_START_MS + ms - run.clock.now()));
			run.session.tick();
			scheduler.update(run.session.state, run.clock.now());
		}
	};
	const start = () => {
		run.session.start();
		scheduler.update(run.session.state, run.clock.now());
	};
	/** What was started: id and the session second it sounds at. */
	const heard = () =>
		output.started
			.filter((s) => !s.stopped)
			.map((s) => [s.id, Math.round((s.whenSec - AUDIO_OFFSET_SEC) * 1000 - TEST_START_MS)]);
	return { ...run, output, scheduler, playUntil, start, heard };
}

describe('which cue when', () => {
	it('cues the countdown, its last ticks, and the first step at their exact times', () => {
		const { start, playUntil, heard } = setup();
		start();
		playUntil(18_000);
		expect(heard()).toEqual([
			['get-ready', 0],
			['tick', 2_000],
			['tick', 3_000],
			['tick', 4_000],
			['chime', 5_000],
			['round-1', 5_150],
			['left', 5_150 + DURATIONS['round-1'] + 80],
			['approach', 5_150 + DURATIONS['round-1'] + 80 + DURATIONS.left + 80],
			['chime', 15_000],
			['inhale', 15_150],
			['exhale', 17_000]
		]);
	});

	it('schedules ahead on the audio clock: a sound is handed over before its moment', () => {
		const { start, playUntil, output } = setup();
		start();
		playUntil(14_900);
		const approach = output.started.find((s) => s.id === 'approach');
		expect(approach).toBeDefined();
		playUntil(14_950);
		// The chime of 15 s is already handed over at 14.95 s, to start at 15 s exactly.
		expect(output.started.at(-2)).toMatchObject({ id: 'chime', whenSec: 16 + AUDIO_OFFSET_SEC });
	});

	it('says the round, the side once, and the next step after a rest', () => {
		const { start, playUntil, heard } = setup();
		start();
		playUntil(77_000);
		const ids = heard().map(([id]) => id);
		expect(ids.filter((id) => id === 'left')).toHaveLength(1);
		expect(ids).toContain('round-2');
		expect(ids).toContain('next-step');
		expect(ids.filter((id) => id === 'approach')).toHaveLength(2);
	});

	it('ends a completed session with the end chime and "well done"', () => {
		const { start, playUntil, heard } = setup();
		start();
		playUntil(111_000);
		expect(heard().slice(-2)).toEqual([
			['chime-end', 111_000],
			['well-done', 111_150]
		]);
	});

	it('says "halfway" once, at the first moment past half the session', () => {
		const { start, playUntil, heard } = setup();
		start();
		playUntil(111_000);
		const halfway = heard().filter(([id]) => id === 'halfway');
		expect(halfway).toHaveLength(1);
		expect(halfway[0]?.[1]).toBeGreaterThanOrEqual(111_000 / 2);
	});

	it('follows the settings: voice off keeps chimes and ticks; chimes off keeps the voice', () => {
		const quiet = setup({ voice: false, chimes: true });
		quiet.start();
		quiet.playUntil(18_000);
		expect(new Set(quiet.heard().map(([id]) => id))).toEqual(new Set(['tick', 'chime']));

		const plain = setup({ voice: true, chimes: false });
		plain.start();
		plain.playUntil(18_000);
		const ids = plain.heard().map(([id]) => id);
		expect(ids).not.toContain('chime');
		expect(ids).not.toContain('tick');
		expect(ids).toContain('approach');
	});
});

describe('no pile-up', () => {
	const everySession = () => {
		const dir = fileURLToPath(new URL('../../../static/routines/', import.meta.url));
		const ids = JSON.parse(readFileSync(`${dir}index.json`, 'utf8')) as string[];
		return ids.map((id) => {
			const result = parseRoutine(readFileSync(`${dir}${id}.json`, 'utf8'));
			if (!result.ok) throw new Error(id);
			return compileTimeline(result.routine);
		});
	};

	it('ends every group of sounds before the next moment begins, in every built-in routine', () => {
		for (const timeline of [threeSteps(), ...everySession()]) {
			const { session } = testSession(timeline, { started: true });
			const groups = planCueGroups(
				session.state,
				-Infinity,
				Infinity,
				{ voice: true, chimes: true },
				DURATIONS
			);
			expect(groups.length).toBeGreaterThan(10);
			groups.forEach((group, i) => {
				const nextAt = groups[i + 1]?.atMs ?? Infinity;
				const endsAt = Math.max(
					...group.clips.map((c) => group.atMs + c.offsetMs + DURATIONS[c.id])
				);
				expect(endsAt).toBeLessThanOrEqual(nextAt);
			});
		}
	});

	it('drops words that do not fit a short phase, the least important first', () => {
		const timeline = compileTimeline(
			routine({
				version: 1,
				id: 'quick',
				title: 'Quick',
				steps: [
					{
						type: 'breathe',
						id: 'fast',
						title: 'Fast',
						pattern: { inhale: 0.5, exhale: 0.9 },
						breaths: 2
					}
				]
			}),
			{ countdownSec: 0 }
		);
		const { session } = testSession(timeline, { started: true });
		const groups = planCueGroups(
			session.state,
			-Infinity,
			Infinity,
			{ voice: true, chimes: true },
			DURATIONS
		);
		const exhaleRoom = 900 - CLEARANCE_MS;
		// "Breathe in" (0.4 s) does not fit 0.5 s less the clearance; "and out" fits 0.9 s.
		expect(groups.flatMap((g) => g.clips.map((c) => c.id))).toEqual(
			DURATIONS.exhale <= exhaleRoom
				? ['exhale', 'exhale', 'chime-end', 'well-done']
				: ['chime-end', 'well-done']
		);
	});
});

describe('a page that may run no script: the whole session handed over at once', () => {
	it('hands over every cue to the end at the start, the same cues at the same times as a page that ticks', () => {
		const ticking = setup();
		ticking.start();
		ticking.playUntil(112_000);
		const whole = setup();
		whole.start();
		whole.scheduler.update(whole.session.state, whole.clock.now(), TO_THE_END);
		expect(whole.heard()).toEqual(ticking.heard());
		expect(whole.heard().at(-1)).toEqual(['well-done', 111_150]);
		expect(whole.scheduler.plannedUntilMs).toBe(Infinity);
		// Nothing more to hand over, however late the next look comes.
		const before = whole.output.started.length;
		whole.clock.advance(60_000);
		whole.scheduler.update(whole.session.state, whole.clock.now(), TO_THE_END);
		expect(whole.output.started).toHaveLength(before);
	});

	it('after a flare, hands over the release, the recovery and all that follows to the end', () => {
		const ticking = setup();
		const whole = setup();
		for (const run of [ticking, whole]) {
			run.start();
			run.playUntil(20_000);
			run.session.flare();
		}
		ticking.playUntil(200_000);
		whole.scheduler.update(whole.session.state, whole.clock.now(), TO_THE_END);
		expect(whole.heard()).toEqual(ticking.heard());
		expect(whole.heard().map(([id]) => id)).toEqual(
			expect.arrayContaining(['release', 'recover', 'well-done'])
		);
	});

	it('stops at the most sounds it may hand over, then goes on from there, missing none', () => {
		// Over half an hour of one-second breaths: some 3,200 breath cues, past the limit.
		const long = compileTimeline(
			routine({
				version: 1,
				id: 'long',
				title: 'Long',
				steps: Array.from({ length: 8 }, (_, i) => ({
					type: 'breathe',
					id: `b${i}`,
					title: `Breaths ${i}`,
					pattern: { inhale: 1, exhale: 1 },
					breaths: 200
				}))
			}),
			{ countdownSec: 5 }
		);
		const ticking = setup(undefined, long);
		ticking.start();
		ticking.playUntil(long.totalMs + 1_000, 150);
		const whole = setup(undefined, long);
		whole.start();
		whole.scheduler.update(whole.session.state, whole.clock.now(), TO_THE_END);
		expect(whole.output.started.length).toBeLessThanOrEqual(MOST_HANDED_OVER);
		expect(whole.scheduler.plannedUntilMs).toBeLessThan(Infinity);
		// The next looks come at each phase's end, far apart, as in a hidden tab.
		while (whole.scheduler.plannedUntilMs < Infinity) {
			whole.clock.advance(30_000);
			whole.session.tick();
			whole.scheduler.update(whole.session.state, whole.clock.now(), TO_THE_END);
		}
		expect(ticking.heard().length).toBeGreaterThan(MOST_HANDED_OVER);
		expect(whole.heard()).toEqual(ticking.heard());
	});
});

describe('silence and gaps', () => {
	it('stops every sound at once on a flare, even those scheduled far ahead, then cues release', () => {
		const { start, playUntil, output, scheduler, session, clock } = setup();
		start();
		playUntil(20_000);
		scheduler.update(session.state, clock.now(), TO_THE_END);
		const ahead = output.started.filter((s) => s.whenSec > clock.now() / 1000 + AUDIO_OFFSET_SEC);
		expect(ahead.length).toBeGreaterThan(10);
		session.flare();
		scheduler.update(session.state, clock.now());
		expect(ahead.every((s) => s.stopped)).toBe(true);
		expect(output.started.at(-1)).toMatchObject({
			id: 'release',
			whenSec: clock.now() / 1000 + AUDIO_OFFSET_SEC,
			stopped: false
		});
		expect(scheduler.pending).toBe(1);
	});

	it('cues a release in words that fit the step: out of a stretch, or still in a breath', () => {
		const { start, playUntil, output, scheduler, session, clock } = setup();
		start();
		// The breathing step starts at 76 s (countdown 5, two rounds of 29 with 6 between, rest 7).
		playUntil(78_000);
		expect(session.view().step?.type).toBe('breathe');
		session.flare();
		scheduler.update(session.state, clock.now());
		expect(output.started.at(-1)).toMatchObject({ id: 'release-still', stopped: false });
		expect(output.started.some((s) => s.id === 'release')).toBe(false);
	});

	it('stops on pause, and on resume never replays the cue of the phase already under way', () => {
		const { start, playUntil, output, scheduler, session, clock, heard } = setup();
		start();
		playUntil(6_000);
		session.pause();
		expect(
			output.started.every((s) => s.stopped || s.endSec <= clock.now() / 1000 + AUDIO_OFFSET_SEC)
		).toBe(true);
		clock.advance(30_000);
		session.resume();
		const before = output.started.length;
		scheduler.update(session.state, clock.now());
		expect(output.started.length).toBe(before);
		playUntil(6_000 + 30_000 + 9_100);
		// Approach had 9 s left at the pause: the breath cue comes 9 s after the resume.
		expect(heard().at(-1)).toEqual(['inhale', 45_150]);
	});

	it('on a coach adding time, withdraws what was planned ahead and cues the new moments', () => {
		const { start, playUntil, output, scheduler, session, clock, heard } = setup();
		start();
		playUntil(5_100);
		scheduler.update(session.state, clock.now(), TO_THE_END);
		const nowSec = () => clock.now() / 1000 + AUDIO_OFFSET_SEC;
		const playing = output.started.filter((s) => s.whenSec <= nowSec() && s.endSec > nowSec());
		// The approach's own words, after its chime at 5 s, still say what is under way.
		const words = output.started.filter((s) => s.whenSec > nowSec() && s.whenSec < nowSec() + 0.9);
		const ahead = output.started.filter((s) => s.whenSec >= nowSec() + 9);
		expect(playing.length).toBeGreaterThan(0);
		expect(words.map((s) => s.id)).toEqual(['round-1', 'left']);
		expect(ahead.length).toBeGreaterThan(10);
		session.adjust(10_000);
		expect(ahead.every((s) => s.stopped)).toBe(true);
		expect([...playing, ...words].some((s) => s.stopped)).toBe(false);
		playUntil(25_100);
		// Approach was 10 s and is now 20 s: the first breath comes at 25 s (its word 150 ms in), once.
		expect(heard().filter(([id]) => id === 'inhale')).toEqual([['inhale', 25_150]]);
	});

	it('on a hold, lets the sound under way finish, plans nothing, and goes on after', () => {
		const { start, playUntil, output, scheduler, session, clock, heard } = setup();
		start();
		playUntil(5_100);
		scheduler.update(session.state, clock.now(), TO_THE_END);
		const nowSec = () => clock.now() / 1000 + AUDIO_OFFSET_SEC;
		const playing = output.started.filter((s) => s.whenSec <= nowSec() && s.endSec > nowSec());
		session.hold();
		expect(playing.some((s) => s.stopped)).toBe(false);
		const before = heard().length;
		playUntil(65_100);
		expect(heard()).toHaveLength(before);
		session.unhold();
		playUntil(75_100);
		// Approach had 9.9 s left when held: its first breath comes 9.9 s after the unhold.
		expect(
			heard()
				.slice(before)
				.map(([id]) => id)
		).toContain('inhale');
		expect(heard().find(([id]) => id === 'inhale')).toEqual(['inhale', 75_150]);
	});

	it('never replays cues passed while the page was frozen', () => {
		const { start, playUntil, output, scheduler, session, clock } = setup();
		start();
		playUntil(1_000);
		const before = output.started.length;
		clock.advance(60_000);
		session.tick();
		scheduler.update(session.state, clock.now());
		const fresh = output.started.slice(before);
		const nowSec = clock.now() / 1000 + AUDIO_OFFSET_SEC;
		expect(fresh.every((s) => s.whenSec >= nowSec - LATE_MS / 1000)).toBe(true);
	});

	it('a page frozen with its audio clock: silenced when thawed, what waited is made again on time, nothing passed replayed', () => {
		let slipSec = 0;
		const run = testSession();
		const output = fakeOutput(
			() => run.clock.now(),
			new Map(),
			() => slipSec
		);
		const scheduler = new CueScheduler(output, { settings: () => ({ voice: true, chimes: true }) });
		run.session.subscribe((event) => scheduler.onEvent(event));
		run.session.start();
		run.clock.advance(6_000);
		scheduler.update(run.session.state, run.clock.now(), TO_THE_END);
		const waiting = output.started.filter((s) => s.whenSec > run.clock.now() / 1000 + 0.5);
		expect(waiting.length).toBeGreaterThan(10);
		// Frozen 30 s: the monotonic clock ran on, the audio clock stood still. Thawed, the
		// player silences what waited (the page's resume event) and plans again.
		run.clock.advance(30_000);
		slipSec += 30;
		run.session.tick();
		const before = output.started.length;
		scheduler.silence(run.clock.now());
		scheduler.update(run.session.state, run.clock.now(), TO_THE_END);
		expect(waiting.every((s) => s.stopped)).toBe(true);
		const again = output.started.slice(before);
		const nowSec = run.clock.now() / 1000 + AUDIO_OFFSET_SEC - slipSec;
		// Each made again for its own moment on the clock as it now runs, none for a moment passed.
		expect(again.length).toBeGreaterThan(5);
		expect(again.every((s) => s.whenSec >= nowSec - LATE_MS / 1000)).toBe(true);
		const heardAgain = again.map((s) => [
			s.id,
			Math.round((s.whenSec - AUDIO_OFFSET_SEC + slipSec) * 1000 - TEST_START_MS)
		]);
		const planned = testSession();
		const plannedOutput = fakeOutput(() => planned.clock.now());
		const plan = new CueScheduler(plannedOutput, {
			settings: () => ({ voice: true, chimes: true })
		});
		planned.session.start();
		plan.update(planned.session.state, planned.clock.now(), TO_THE_END);
		const after = plannedOutput.started
			.map(
				(s) => [s.id, Math.round((s.whenSec - AUDIO_OFFSET_SEC) * 1000 - TEST_START_MS)] as const
			)
			.filter(([, ms]) => ms > 36_000 - LATE_MS);
		expect(heardAgain).toEqual(after);
	});

	it("a coach's change keeps a group under way whole, the words after its chime too", () => {
		const { start, playUntil, scheduler, session, clock, heard } = setup();
		start();
		// The approach's group begins at 5 s with a chime; its words follow it, after 5 s.
		playUntil(4_900);
		scheduler.update(session.state, clock.now(), TO_THE_END);
		clock.advance(100);
		session.tick();
		scheduler.cancelAfter(clock.now());
		scheduler.update(session.state, clock.now());
		const words = heard().filter(([, ms]) => ms === 5_150);
		expect(words).toEqual([['round-1', 5_150]]);
	});

	it('plays a cue slightly late rather than not at all, within the late limit', () => {
		const { start, output, scheduler, session, clock } = setup();
		start();
		clock.advance(5_000 + LATE_MS - 50);
		session.tick();
		scheduler.update(session.state, clock.now());
		expect(output.started.map((s) => s.id)).toContain('approach');
	});
});

describe("the coach's own voice", () => {
	const own = (entries: Record<string, number>) => new Map(Object.entries(entries));
	const ALL: CueSettings = { voice: true, chimes: true };

	it("plays a step's recording after the chime in place of every built-in word, each round", () => {
		const { start, playUntil, heard } = setup(ALL, threeSteps(), own({ 'hip/approach': 2_000 }));
		start();
		playUntil(41_000);
		const around = (fromMs: number, toMs: number) =>
			heard().filter(([, atMs]) => Number(atMs) >= fromMs && Number(atMs) < toMs);
		expect(around(5_000, 6_000)).toEqual([
			['chime', 5_000],
			['own:hip/approach', 5_150]
		]);
		expect(around(40_000, 41_000)).toEqual([
			['chime', 40_000],
			['own:hip/approach', 40_150]
		]);
		expect(heard().map(([id]) => id)).not.toContain('approach');
	});

	it("prefers the step's recording to the routine's, and the routine's to the built-in voice", () => {
		const recorded = own({ 'defaults/soften': 1_500, 'hip/soften': 1_000, 'defaults/rest': 900 });
		const { start, playUntil, heard } = setup(ALL, threeSteps(), recorded);
		start();
		playUntil(111_000);
		const ids = heard().map(([id]) => id);
		expect(heard()).toContainEqual(['own:hip/soften', 25_150]);
		expect(ids).not.toContain('own:defaults/soften');
		expect(ids).not.toContain('soften');
		// Every rest: between the rounds, before the next step, and the rest step itself.
		expect(heard().filter(([id]) => id === 'own:defaults/rest')).toEqual([
			['own:defaults/rest', 34_150],
			['own:defaults/rest', 69_150],
			['own:defaults/rest', 91_150]
		]);
		expect(ids).not.toContain('rest');
	});

	it('cuts a recording longer than its phase so it ends before the next moment', () => {
		const { start, playUntil, output } = setup(
			ALL,
			threeSteps(),
			own({ 'defaults/come-back': 10_000 })
		);
		start();
		playUntil(31_000);
		const comeBack = output.started.find((s) => s.id === 'own:defaults/come-back');
		// Come back lasts 4 s: the recording starts 150 ms in and stops 150 ms before rest.
		expect(comeBack?.whenSec).toBeCloseTo(1 + 30 + 0.15 + AUDIO_OFFSET_SEC, 6);
		expect((comeBack?.endSec ?? 0) - (comeBack?.whenSec ?? 0)).toBeCloseTo(4 - 0.3, 6);
	});

	it('keeps the breaths quiet while a recorded breathing cue speaks, then counts them again', () => {
		const { start, playUntil, heard } = setup(ALL, threeSteps(), own({ 'calm/breathe': 6_000 }));
		start();
		playUntil(91_000);
		expect(heard().filter(([, atMs]) => Number(atMs) >= 76_000 && Number(atMs) < 91_000)).toEqual([
			['chime', 76_000],
			['own:calm/breathe', 76_150],
			// 76.15 + 6 s + the gap: the breaths at 78 and 81 s are spoken over; 83 s is free.
			['exhale', 83_000],
			['inhale', 86_000],
			['exhale', 88_000]
		]);
	});

	it('replaces "get ready" and "well done" with the routine-wide recordings, ticks and chimes kept', () => {
		const recorded = own({ 'defaults/countdown': 1_500, 'defaults/done': 3_000 });
		const { start, playUntil, heard } = setup(ALL, threeSteps(), recorded);
		start();
		playUntil(112_000);
		expect(heard().slice(0, 4)).toEqual([
			['own:defaults/countdown', 0],
			['tick', 2_000],
			['tick', 3_000],
			['tick', 4_000]
		]);
		expect(heard().slice(-2)).toEqual([
			['chime-end', 111_000],
			['own:defaults/done', 111_150]
		]);
	});

	it('is voice: with the voice off it is silent and the chimes stay', () => {
		const { start, playUntil, heard } = setup(
			{ voice: false, chimes: true },
			threeSteps(),
			own({ 'hip/approach': 2_000, 'defaults/countdown': 1_000 })
		);
		start();
		playUntil(18_000);
		expect(new Set(heard().map(([id]) => id))).toEqual(new Set(['tick', 'chime']));
	});

	it('says which recording sounds now, and stops it at once on a flare', () => {
		const { start, playUntil, output, scheduler, session, clock } = setup(
			ALL,
			threeSteps(),
			own({ 'hip/approach': 2_000 })
		);
		start();
		playUntil(5_100);
		expect(scheduler.ownCueAt(clock.now())).toBeUndefined();
		playUntil(6_000);
		expect(scheduler.ownCueAt(clock.now())).toBe('hip/approach');
		session.flare();
		expect(output.started.find((s) => s.id === 'own:hip/approach')?.stopped).toBe(true);
		expect(scheduler.ownCueAt(clock.now())).toBeUndefined();
	});

	it('lets the recording go once it has ended', () => {
		const { start, playUntil, scheduler, clock } = setup(
			ALL,
			threeSteps(),
			own({ 'hip/approach': 2_000 })
		);
		start();
		playUntil(7_200);
		expect(scheduler.ownCueAt(clock.now())).toBeUndefined();
	});
});
