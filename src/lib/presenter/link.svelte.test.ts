import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock, type Clock } from '../engine/clock';
import { Session } from '../engine/session';
import { TEST_EPOCH_MS, threeSteps } from '$test/routines';
import type { SessionState } from '../engine/types';
import { viewAt, type SessionView } from '../engine/view';
import { formatClock } from '../ui/labels';
import type { CheckIn } from '../storage/database';
import { FakeBroadcast, FakeLockManager } from '$test/presenter-fakes';
import {
	byeOnlyPresence,
	lockPresence,
	readMessage,
	receivedState,
	PRESENTER_PROTOCOL,
	type Presence,
	type PresenterRole
} from './wire';
import { PresenterLink, type KeptAlong } from './link.svelte';

/** Wall time, shared by every window of the test. */
let wall: ManualClock;
let broadcast: FakeBroadcast;
let locks: FakeLockManager;
const cleanups: (() => void)[] = [];
/** Every window's timers set and not yet run or cleared: a display's wake is one. */
let pending = new Map<string, Set<number>>();

/** A task later: the channel's messages and the locks' grants have all landed. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * A window's monotonic clock: zero at wall time `originMs`, timers on the shared wall, and the
 * window's `waiting` timers noted.
 */
function windowClock(originMs: number, waiting: Set<number>): Clock {
	return {
		now: () => wall.epochNow() - originMs,
		epochNow: () => wall.epochNow(),
		setTimeout: (callback, ms) => {
			const id = wall.setTimeout(() => {
				waiting.delete(id);
				callback();
			}, ms);
			waiting.add(id);
			return id;
		},
		clearTimeout: (id) => {
			waiting.delete(id);
			wall.clearTimeout(id);
		},
		setInterval: (callback, ms) => wall.setInterval(callback, ms),
		clearInterval: (id) => wall.clearInterval(id)
	};
}

/** How a window of the test opens: paired with which, how late, with what presence, under way. */
interface WindowOptions {
	pair?: string;
	openedAfterMs?: number;
	presence?: Presence;
	started?: boolean;
}

/**
 * One browser window of the pair, opened `openedAfterMs` after the test's start (so its
 * `performance.now()` reads that much less than the first window's): its link, and the session
 * its page would run (made anew when a session is carried on here, as the page does).
 */
function openWindow(
	id: string,
	role: PresenterRole,
	{ pair, openedAfterMs = 0, presence, started = false }: WindowOptions = {}
) {
	const originMs = TEST_EPOCH_MS + openedAfterMs + 0.375;
	const waiting = new Set<number>();
	pending.set(id, waiting);
	const clock = windowClock(originMs, waiting);
	const page = {
		session: new Session(threeSteps(), clock),
		before: {} as CheckIn,
		note: '',
		carried: 0,
		handedOver: 0
	};
	if (started) page.session.start();
	const pageEvents = new EventTarget();
	const link = new PresenterLink({
		routineId: 'three',
		id,
		role,
		...(pair ? { pair } : {}),
		channel: broadcast.open(),
		presence: presence ?? lockPresence(locks.client(id)),
		clock,
		window: pageEvents as unknown as Window,
		carryOn: (state: SessionState, kept: KeptAlong) => {
			page.session = new Session(threeSteps(), clock, state);
			page.before = kept.before;
			page.note = kept.note;
			page.carried++;
			follow();
		},
		handedOver: () => {
			page.session = new Session(threeSteps(), clock);
			page.handedOver++;
			follow();
		}
	});
	// As the page's effect does: the window that leads posts its own session.
	let stopLeading: (() => void) | undefined;
	const follow = () => {
		stopLeading?.();
		stopLeading = undefined;
		if (link.leading) {
			const session = page.session;
			stopLeading = link.lead(
				{
					get state() {
						return session.state;
					},
					listen: (l) => session.subscribe(l)
				},
				() => ({ before: page.before, note: page.note })
			);
		}
	};
	follow();
	const disconnect = link.connect();
	cleanups.push(disconnect);
	return {
		link,
		page,
		clock,
		follow,
		/** What this window's own session shows now. */
		ownView: () => viewAt(page.session.state, clock.now()),
		/** Closing the window: the page says goodbye, then the browser lets its locks go. */
		close: () => {
			pageEvents.dispatchEvent(new Event('pagehide'));
			disconnect();
			locks.crash(id);
		},
		/** The window dies without a word. */
		crash: () => locks.crash(id)
	};
}

afterEach(() => {
	while (cleanups.length) cleanups.pop()?.();
});

function setUp() {
	wall = new ManualClock(0, TEST_EPOCH_MS);
	pending = new Map();
	broadcast = new FakeBroadcast();
	locks = new FakeLockManager();
}

/** Moves wall time on (each window's timers run as due); every window's session ticks. */
function advance(ms: number, ...windows: { page: { session: Session }; link: PresenterLink }[]) {
	wall.advance(ms);
	for (const w of windows) if (w.link.leading) w.page.session.tick();
}

/** Timers a window has waiting: the display's wake, when it sleeps until its screen changes. */
const wakes = (id: string) => pending.get(id)?.size ?? 0;

/** A fresh test's controls window, alone, its hello settled. */
async function openControls() {
	setUp();
	const controls = openWindow('controls', 'controller');
	await settle();
	return controls;
}

/**
 * A fresh test's pair: the controls window, then a display paired with it that opens as `display`
 * says (a presence given is both windows'), their hellos settled.
 */
async function openPair(display: Omit<WindowOptions, 'pair'> = {}) {
	setUp();
	const { presence } = display;
	const controls = openWindow('controls', 'controller', presence ? { presence } : {});
	const paired = openWindow('display', 'display', { pair: 'controls', ...display });
	await settle();
	return { controls, display: paired };
}

/** The controls start the session, run it `runMs`, then close: their displays are left with it. */
async function startThenClose(controls: ReturnType<typeof openWindow>, runMs = 0) {
	controls.page.session.start();
	if (runMs > 0) advance(runMs, controls);
	await settle();
	controls.close();
	await settle();
}

describe('the presenter pair', () => {
	it('the controls set no wake of their own; a display wakes while it follows', async () => {
		const controls = await openControls();
		controls.page.session.start();
		advance(5_000, controls);
		// Leading, the link sets no wake: the window's player wakes only when its screen changes.
		expect(wakes('controls')).toBe(0);
		const display = openWindow('display', 'display', { pair: 'controls' });
		await settle();
		expect(display.link.view).toBeDefined();
		expect(wakes('display')).toBe(1);
		display.close();
		expect(wakes('display')).toBe(0);
	});

	it('a display wakes only when what it shows changes, never at every frame', async () => {
		// The browser's frames, painted every 16 ms, for a display that would draw at each.
		let framesAsked = 0;
		let frames: (() => void)[] = [];
		const browserFrames = {
			requestAnimationFrame: (draw: () => void) => {
				frames.push(draw);
				return ++framesAsked;
			},
			cancelAnimationFrame: () => {}
		};
		Object.assign(globalThis, browserFrames);
		cleanups.push(() => {
			for (const name of Object.keys(browserFrames)) Reflect.deleteProperty(globalThis, name);
		});
		const { controls, display } = await openPair({ openedAfterMs: 1_234 });
		controls.page.session.start();
		await settle();
		let woken = 0;
		let changes = 0;
		const shown = (view: SessionView | undefined) =>
			view &&
			[
				view.phase,
				view.breath?.part,
				formatClock(view.phaseLeftMs),
				formatClock(view.sessionLeftMs)
			].join(' ');
		let before = shown(display.link.view);
		let drawn = display.link.view;
		// The countdown and the first approach, 15 s, looked at as a screen paints: every 16 ms.
		for (let ms = 16; ms <= 15_000; ms += 16) {
			advance(16, controls);
			const due = frames;
			frames = [];
			for (const draw of due) draw();
			// What the display shows is what the controls show, at every paint.
			expect(shown(display.link.view)).toBe(shown(controls.ownView()));
			if (display.link.view !== drawn) woken++;
			drawn = display.link.view;
			const now = shown(display.link.view);
			if (now !== before) changes++;
			before = now;
		}
		expect(changes).toBeGreaterThan(10);
		// Each wake changed what a person sees: the display slept in between.
		expect(woken).toBe(changes);
		expect(framesAsked).toBe(0);
	});

	it('a display opened late shows the same moment as the controls, on its own clock', async () => {
		const controls = await openControls();
		controls.page.session.start();
		advance(27_000, controls);
		controls.page.session.pause();
		advance(4_000, controls);
		controls.page.session.resume();
		advance(3_210, controls);

		// Opened 34 s later: its performance.now() reads 34 s less at the same instant.
		const display = openWindow('display', 'display', { pair: 'controls', openedAfterMs: 34_210 });
		expect(display.link.view).toBeUndefined();
		await settle();
		expect(display.clock.now()).not.toBe(controls.clock.now());
		expect(display.link.view).toEqual(controls.ownView());
		expect(display.link.view).toMatchObject({ mode: 'running', phase: 'come-back' });
		expect(display.link.title).toBe('Three steps');
		expect(display.link.leading).toBe(false);
		expect(controls.link.displays).toBe(1);
	});

	it('mirrors every control: pause, hold, ±time, flare, a choice, skip, back, stop', async () => {
		const { controls, display } = await openPair({ openedAfterMs: 1_234 });
		expect(display.link.view).toMatchObject({ mode: 'idle' });
		const s = () => controls.page.session;
		const steps: [string, () => void][] = [
			['start', () => s().start()],
			['run', () => advance(12_000, controls)],
			['pause', () => s().pause()],
			['resume', () => s().resume()],
			['hold', () => s().hold()],
			['unhold', () => s().unhold()],
			['add 10 s', () => s().adjust(10_000)],
			['take 10 s', () => s().adjust(-10_000)],
			['flare', () => s().flare()],
			['into recover', () => advance(5_000, controls)],
			['retry', () => s().choose('retry')],
			['skip', () => s().skip()],
			['back', () => s().previous()],
			['stop', () => s().stop()]
		];
		const seen: string[] = [];
		for (const [name, control] of steps) {
			control();
			await settle();
			// The display draws its frame at the same instant: it shows what the controls show.
			expect({ name, view: display.link.view }).toEqual({ name, view: controls.ownView() });
			seen.push(`${display.link.view?.mode}/${display.link.view?.phase}`);
		}
		expect(seen).toContain('held/approach');
		expect(seen).toContain('running/release');
		expect(seen).toContain('running/recover');
		expect(seen.at(-1)).toBe('done/done');
		// Every real session passed the checks: none was taken for forged.
		expect(display.link.ignored.count).toBe(0);
		// Between changes the display moves on by its own clock alone, in step.
		expect(display.page.session.state.mode.kind).toBe('idle');
	});

	it('sends the state on change, not every frame, and never the display’s sound', async () => {
		const { controls } = await openPair();
		controls.page.session.start();
		await settle();
		const before = broadcast.sent.length;
		// Within a phase, nothing changes that the display cannot work out itself.
		wall.advance(3_000);
		controls.page.session.tick();
		await settle();
		expect(broadcast.sent.length).toBe(before);
		expect(broadcast.sent.every((m) => m.from !== 'display' || m.type !== 'state')).toBe(true);
	});

	it('posts nothing on change while no display follows', async () => {
		const controls = await openControls();
		const before = broadcast.sent.length;
		controls.page.session.start();
		advance(20_000, controls);
		controls.page.session.pause();
		await settle();
		expect(broadcast.sent.length).toBe(before);
	});

	it('a display opened by hand before its controls window is ready pairs once it is', async () => {
		setUp();
		// The display's hello goes out while the controls window is not yet listening.
		const display = openWindow('display', 'display', {
			pair: 'controls',
			presence: byeOnlyPresence
		});
		await settle();
		const controls = openWindow('controls', 'controller', { presence: byeOnlyPresence });
		await settle();
		expect(controls.link.displays).toBe(1);
		controls.page.session.start();
		advance(4_500, controls);
		controls.page.session.pause();
		await settle();
		expect(display.link.view).toEqual(controls.ownView());
		expect(display.link.view?.mode).toBe('paused');
	});

	it('says whether a display is connected: gone when it closes, and when it crashes', async () => {
		const controls = await openControls();
		expect(controls.link.displays).toBe(0);
		const first = openWindow('first', 'display', { pair: 'controls' });
		const second = openWindow('second', 'display', { pair: 'controls' });
		await settle();
		expect(controls.link.displays).toBe(2);
		first.close();
		await settle();
		expect(controls.link.displays).toBe(1);
		second.crash();
		await settle();
		expect(controls.link.displays).toBe(0);
		// The controls window's session is untouched by either.
		expect(controls.link.leading).toBe(true);
	});

	it('when the controls window closes, the display carries the session on from where it stood', async () => {
		const { controls, display } = await openPair({ openedAfterMs: 5_000 });
		controls.page.before = { pain: 6 };
		controls.page.note = 'Left hip tight today';
		controls.page.session.start();
		advance(20_000, controls);
		controls.page.session.flare();
		await settle();
		const atClose = controls.ownView();
		controls.close();
		await settle();
		expect(display.link.leading).toBe(true);
		expect(display.page.carried).toBe(1);
		expect(display.link.notice).toBe(
			'The controls window closed; this window now runs the session.'
		);
		expect(display.page.before).toEqual({ pain: 6 });
		expect(display.page.note).toBe('Left hip tight today');
		// The same moment, now in the display's own session, which runs on by itself.
		expect(display.ownView()).toEqual(atClose);
		expect(display.page.session.state.record).toEqual(controls.page.session.state.record);
		advance(60_000, display);
		expect(display.ownView().phase).not.toBe('release');
		expect(display.ownView().mode).toBe('running');
	});

	it('a controls window that crashes is found gone too, without its goodbye', async () => {
		const { controls, display } = await openPair();
		controls.page.session.start();
		await settle();
		controls.crash();
		await settle();
		expect(display.link.leading).toBe(true);
		expect(display.ownView().mode).toBe('running');
	});

	it('two displays: one carries the session on, the other follows it; never two leads', async () => {
		setUp();
		const controls = openWindow('controls', 'controller');
		const first = openWindow('first', 'display', { pair: 'controls' });
		const second = openWindow('second', 'display', { pair: 'controls' });
		await settle();
		await startThenClose(controls, 9_000);
		const leads = [first, second].filter((w) => w.link.leading);
		expect(leads).toHaveLength(1);
		const follower = leads[0] === first ? second : first;
		expect(follower.link.view).toEqual(leads[0]?.ownView());
		// The follower now follows the new lead: a pause there shows here.
		leads[0]?.page.session.pause();
		await settle();
		expect(follower.link.view?.mode).toBe('paused');
		// And if that one goes too, the follower carries on.
		leads[0]?.close();
		await settle();
		expect(follower.link.leading).toBe(true);
		expect(follower.ownView().mode).toBe('paused');
	});

	it('a controls window opened again takes the session back; the display follows it again', async () => {
		const { controls, display } = await openPair();
		await startThenClose(controls, 15_000);
		expect(display.link.leading).toBe(true);
		advance(2_000, display);
		display.page.session.hold();
		const atReturn = display.ownView();

		const again = openWindow('again', 'controller', { openedAfterMs: 17_000 });
		await settle();
		expect(again.page.carried).toBe(1);
		expect(again.link.ignored.count).toBe(0);
		expect(again.ownView()).toEqual(atReturn);
		expect(again.link.leading).toBe(true);
		expect(display.link.leading).toBe(false);
		expect(display.page.handedOver).toBe(1);
		expect(display.link.view).toEqual(atReturn);
		expect(again.link.displays).toBe(1);
		// The new controls lead: their changes show on the display.
		again.page.session.unhold();
		advance(1_000, again);
		again.page.session.skip();
		await settle();
		expect(display.link.view).toEqual(again.ownView());
	});

	it('a controls window with a session of its own under way does not take the display’s', async () => {
		const { controls, display } = await openPair();
		await startThenClose(controls);
		const other = openWindow('other', 'controller', { started: true });
		await settle();
		expect(display.link.leading).toBe(true);
		expect(other.page.carried).toBe(0);
		expect(broadcast.sent.filter((m) => m.type === 'take')).toEqual([]);
	});

	it('a display whose controls window is gone before it opens runs on its own', async () => {
		setUp();
		const display = openWindow('display', 'display', { pair: 'long-gone' });
		await settle();
		expect(display.link.leading).toBe(true);
		expect(display.page.carried).toBe(0);
		expect(display.link.notice).toMatch(/No controls window is open/);
		// A controls window that appears is followed, as the display has nothing under way.
		const controls = openWindow('controls', 'controller');
		await settle();
		expect(display.link.leading).toBe(false);
		expect(display.page.handedOver).toBe(1);
		controls.page.session.start();
		await settle();
		expect(display.link.view?.mode).toBe('running');
	});

	it('without Web Locks, the goodbye alone hands the session to the display', async () => {
		const { controls, display } = await openPair({ presence: byeOnlyPresence });
		await startThenClose(controls);
		expect(display.link.leading).toBe(true);
		expect(display.ownView().mode).toBe('running');
	});

	it('says plainly when the other window runs another version of the app', async () => {
		setUp();
		const display = openWindow('display', 'display', { pair: 'controls' });
		await settle();
		broadcast.inject({ v: PRESENTER_PROTOCOL + 1, type: 'state', from: 'controls' });
		await settle();
		expect(display.link.problem).toMatch(/another version of Liana.*Reload both windows/);
	});
});

/** A session of the test routine under way, as a window would send it. */
function liveSession(msIn = 12_000) {
	const session = new Session(threeSteps(), wall);
	session.start();
	wall.advance(msIn);
	session.tick();
	return { state: session.state, clockOriginMs: TEST_EPOCH_MS, before: {} };
}

describe('what a stranger posts on the channel', () => {
	const v = PRESENTER_PROTOCOL;

	it('a handover from a window this one never paired with is ignored: nothing is carried on', async () => {
		const controls = await openControls();
		broadcast.inject({
			v,
			from: 'stranger',
			type: 'handover',
			to: 'controls',
			...liveSession(),
			before: { pain: 9 },
			note: 'Forged note'
		});
		await settle();
		expect(controls.page.carried).toBe(0);
		expect(controls.page.note).toBe('');
		expect(controls.page.before).toEqual({});
		expect(controls.ownView().mode).toBe('idle');
		expect(controls.link.ignored.count).toBe(1);
	});

	it('takes a handover only from the display it asked, only once, and only a session that fits', async () => {
		const controls = await openControls();
		// A display runs a session: the idle controls window asks it for the session.
		broadcast.inject({ v, from: 'display', type: 'state', role: 'display', ...liveSession() });
		await settle();
		expect(broadcast.sent.filter((m) => m.type === 'take')).toMatchObject([{ to: 'display' }]);
		const handover = { v, type: 'handover', to: 'controls', ...liveSession(), note: 'Kept' };
		// Another window answers first; then the display itself, with a session of another routine.
		broadcast.inject({ ...handover, from: 'stranger', note: 'Forged' });
		const other = liveSession();
		other.state = {
			...other.state,
			timeline: {
				...other.state.timeline,
				routine: { ...other.state.timeline.routine, id: 'other' }
			}
		};
		broadcast.inject({ ...handover, from: 'display', ...other, note: 'Forged' });
		await settle();
		expect(controls.page.carried).toBe(0);
		expect(controls.link.ignored.count).toBe(2);
		// The display's own handover is taken, once.
		broadcast.inject({ ...handover, from: 'display' });
		await settle();
		expect(controls.page.carried).toBe(1);
		expect(controls.page.note).toBe('Kept');
		broadcast.inject({ ...handover, from: 'display', note: 'Forged' });
		await settle();
		expect(controls.page.carried).toBe(1);
		expect(controls.page.note).toBe('Kept');
	});

	it('a malformed state never stops the display: it keeps following its controls by the clock', async () => {
		const { controls, display } = await openPair({ openedAfterMs: 2_000 });
		controls.page.session.start();
		advance(3_000, controls);
		await settle();
		const good = broadcast.sent.filter((m) => m.type === 'state').at(-1);
		if (!good || good.type !== 'state') throw new Error('the controls posted no state');
		const state = good.state;
		const forged: unknown[] = [
			{ ...good, clockOriginMs: NaN },
			{ ...good, clockOriginMs: '1764000000000' },
			{ ...good, state: { ...state, mode: { kind: 'running', anchorMs: NaN } } },
			{ ...good, state: { ...state, mode: { kind: 'running' } } },
			{ ...good, state: { ...state, seenMs: '0' } },
			{ ...good, state: { ...state, timeline: undefined } },
			{ ...good, state: { ...state, record: { ...state.record, steps: undefined } } },
			{ ...good, state: { ...state, extra: 1 } },
			{ ...good, extra: 1 },
			{ ...good, before: { pain: 99 } },
			{ ...good, state: { ...state, mode: { kind: 'paused', programMs: 1e12 } } },
			{ ...good, state: { ...state, timeline: { ...state.timeline, totalMs: 1 } } },
			{
				...good,
				state: { ...state, timeline: { ...state.timeline, segments: new Array(1_000_000).fill(0) } }
			},
			{
				...good,
				state: {
					...state,
					program: {
						...state.program,
						pieces: [{ segments: new Array(1_000_000).fill({}), from: 0, to: 1, offsetMs: 0 }]
					}
				}
			},
			{
				...good,
				state: { ...state, program: { ...state.program, pieces: new Array(1_000_000).fill(null) } }
			},
			// Reading it at all throws.
			{
				get from(): string {
					throw new Error('a trap');
				}
			}
		];
		for (const message of forged) broadcast.inject(message);
		await settle();
		expect(display.link.leading).toBe(false);
		// Time passes: the display's wakes keep drawing the controls' session as it moves on.
		for (const ms of [1_000, 9_000, 30_000]) {
			advance(ms, controls);
			expect(display.link.view).toEqual(controls.ownView());
		}
		expect(display.link.view?.mode).toBe('running');
		// And the controls' next change still reaches it.
		controls.page.session.pause();
		await settle();
		expect(display.link.view).toEqual(controls.ownView());
		expect(display.link.view?.mode).toBe('paused');
		expect(display.link.ignored.count).toBe(forged.length);
	});
});

describe('reading the channel', () => {
	const sent = () => ({
		state: new Session(threeSteps(), wall).state,
		clockOriginMs: TEST_EPOCH_MS,
		before: {}
	});

	it('takes each message of this version, and nothing else', () => {
		setUp();
		const v = PRESENTER_PROTOCOL;
		for (const message of [
			{ v, from: 'a', type: 'hello', role: 'display', pair: 'b' },
			{ v, from: 'a', type: 'hello', role: 'controller' },
			{ v, from: 'a', type: 'state', role: 'controller', ...sent() },
			{ v, from: 'a', type: 'state', role: 'display', ...sent(), note: 'Slow today' },
			{ v, from: 'a', type: 'take', to: 'b' },
			{ v, from: 'a', type: 'handover', to: 'b', ...sent(), succeeds: 'c' },
			{ v, from: 'a', type: 'bye', role: 'display' }
		]) {
			expect(readMessage(message, 'three')).toEqual({ kind: 'message', message });
		}
		for (const noise of [
			null,
			'hello',
			{ v, type: 'hello', role: 'display' },
			{ v, from: '', type: 'bye', role: 'display' },
			{ v, from: 'a', type: 'hello', role: 'projector' },
			{ v, from: 'a', type: 'state', role: 'controller', ...sent(), clockOriginMs: NaN },
			{ v, from: 'a', type: 'state', role: 'controller', ...sent(), state: { mode: {} } },
			{ v, from: 'a', type: 'state', role: 'controller', ...sent(), note: 7 },
			{ v, from: 'a', type: 'take' },
			{ v, from: 'a', type: 'dance' }
		]) {
			expect(readMessage(noise, 'three')).toMatchObject({ kind: 'noise' });
		}
		expect(readMessage({ v: 99, from: 'a', type: 'hello' }, 'three')).toEqual({
			kind: 'other-version',
			version: 99
		});
	});

	it('puts a sent session on this window’s clock by the two windows’ origins', () => {
		setUp();
		const session = new Session(threeSteps(), wall);
		session.start();
		wall.advance(12_345);
		const there = receivedState(
			{ state: session.state, clockOriginMs: 1_000_000.25, before: {} },
			1_030_000.75
		);
		// That window's "now" is 30 000.5 ms more than this one's at the same instant.
		expect(viewAt(there, wall.now() - 30_000.5)).toEqual(viewAt(session.state, wall.now()));
	});
});
