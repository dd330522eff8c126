/**
 * The presenter pair: the controls on one window, the display on another (two pages of one
 * browser context, as two windows of one browser), kept in step over BroadcastChannel. The
 * context's clock drives both pages alike, so both are compared at the same moments.
 */
import type { Page } from '@playwright/test';
import {
	drivenAlike,
	endByKey,
	expect,
	expectAccessible,
	passTime,
	test,
	untilOfflineReady,
	pressStart
} from './fixtures';
import { expectSessionOnly } from './studio-room';

const PLAYER = '/play/daily-unload';
const CONNECTED = 'The display window shows this session';
const NONE = 'No display window is open';

// Two windows of one browser, each drawing every frame the clock runs through: twice the work of
// a one-page journey, so twice the time on a busy machine. Long stretches jump the clock ahead
// (fastForward: the timers due fire once, as in a window the browser froze), short ones run it.
test.describe.configure({ timeout: 60_000 });

/** Opens the display from the controls' button: the popup window the browser opens. */
async function openDisplay(controls: Page): Promise<Page> {
	const [display] = await Promise.all([
		controls.waitForEvent('popup'),
		(async () => {
			// A click that lands before the page is live opens nothing (seen once on CI): again.
			const open = controls.getByRole('button', { name: 'Open display window' });
			await expect(async () => {
				if (!(await open.isVisible())) await controls.getByRole('button', { name: 'More' }).click();
				await expect(open).toBeVisible({ timeout: 1_000 });
			}).toPass();
			await open.click();
		})()
	]);
	drivenAlike(display);
	// Paired: the display shows the session, and the controls window says so in words.
	await expect(display.getByTestId('phase')).toBeVisible();
	await expect(controls.getByTestId('pair-status')).toHaveText(CONNECTED);
	return display;
}

/** What a window shows of the session: phase, breath, step and time left. */
async function shown(page: Page) {
	const phase = page.getByTestId('phase');
	return {
		phase: await phase.getAttribute('data-phase'),
		breath: await phase.getAttribute('data-breath'),
		step: await page.getByTestId('step-title').textContent(),
		timer: (await page.getByRole('timer').textContent())?.trim()
	};
}

/**
 * Both windows show the same moment of the session, and it is the one expected. The display draws
 * at its frames, so within a frame of the controls: the tests compare mid-second, never on a tick.
 */
async function inStep(controls: Page, display: Page, phase: string, step: string) {
	await expect(controls.getByTestId('phase')).toHaveAttribute('data-phase', phase);
	await expect(display.getByTestId('phase')).toHaveAttribute('data-phase', phase);
	await expect(display.getByTestId('step-title')).toHaveText(step);
	expect(await shown(display)).toEqual(await shown(controls));
}

test('the display window keeps in step with the controls through pause, flare and skip, offline', async ({
	clockPage: controls,
	context
}) => {
	await controls.goto(PLAYER);
	await untilOfflineReady(controls);
	await context.setOffline(true);
	await expect(controls.getByTestId('pair-status')).toHaveText(NONE);

	const display = await openDisplay(controls);
	await expect(display).toHaveURL(/\/play\/daily-unload\?view=studio&pair=[\w-]+$/);
	// Before Start, the display shows the routine ready, and has no controls of its own.
	await expect(display.getByTestId('phase')).toHaveAttribute('data-phase', 'countdown');
	await expect(display.getByRole('button', { name: 'Start' })).toHaveCount(0);
	await expectAccessible(display);
	await expectAccessible(controls);

	await pressStart(controls);
	await passTime(controls, 8_500);
	await inStep(controls, display, 'breathe', 'Arrive');
	// The room sees the breath and its count, the session's time left and progress; no keys, no pairing.
	await expect(display.getByText(/^· Breath \d of \d$/)).toBeVisible();
	await expect(display.getByTestId('session-left')).toHaveText(/^7:5\d left in the session$/);
	await expect(display.getByRole('progressbar', { name: 'Session progress' })).toBeVisible();
	await expectSessionOnly(display);

	// Pause: both stop at the same second, and stay there.
	await controls.getByRole('button', { name: 'Pause' }).click();
	await expect(display.getByText('Paused', { exact: true })).toBeVisible();
	const paused = await shown(display);
	await controls.clock.fastForward(20_000);
	expect(await shown(display)).toEqual(paused);
	expect(await shown(controls)).toEqual(paused);
	await controls.getByRole('button', { name: 'Resume' }).click();
	await controls.clock.runFor(2_000);
	await inStep(controls, display, 'breathe', 'Arrive');

	// Skip to "Long spine" (a rest of 15 s first; soften 53–73 s after the skip), and a flare there.
	await controls.getByRole('button', { name: 'Skip step' }).click();
	await controls.clock.runFor(1_500);
	await inStep(controls, display, 'rest', 'Long spine');
	await controls.clock.fastForward(55_000);
	await inStep(controls, display, 'soften', 'Long spine');
	await controls.getByRole('button', { name: /^Flare/ }).click();
	await inStep(controls, display, 'release', 'Long spine');
	await expect(display.getByTestId('phase')).toHaveText('Release');
	await controls.clock.fastForward(12_500);
	await inStep(controls, display, 'recover', 'Long spine');
	await expect(display.getByTestId('phase')).toHaveText('Recover');
	await expectAccessible(display);

	// The choice after the flare: skip the step; the display moves on with the controls.
	await controls.getByRole('button', { name: 'Skip step' }).click();
	await controls.clock.runFor(1_500);
	const next = await controls.getByTestId('step-title').textContent();
	expect(next).toBe('Hip opener');
	await inStep(controls, display, 'approach', next ?? '');

	// Stopped on the controls: the display shows the end too.
	await endByKey(controls);
	await expect(controls.getByTestId('phase')).toHaveAttribute('data-phase', 'done');
	await expect(display.getByTestId('phase')).toHaveAttribute('data-phase', 'done');
});

test('a display opened late catches up with the session as it stands', async ({
	clockPage: controls
}) => {
	await controls.goto(PLAYER);
	await pressStart(controls);
	// Into "Arrive" (a breath of 4 s in, 6 s out), paused a while, then on again.
	await controls.clock.fastForward(17_500);
	await controls.keyboard.press('Space');
	await controls.clock.fastForward(60_000);
	await controls.keyboard.press('Space');
	await passTime(controls, 6_000);

	const display = await openDisplay(controls);
	await inStep(controls, display, 'breathe', 'Arrive');
	await expect(display.getByText('Step 1 of 6')).toBeVisible();
	// And it keeps up from there by its own clock.
	await controls.clock.fastForward(35_000);
	await inStep(controls, display, 'rest', 'Long spine');
	await controls.getByRole('button', { name: 'Pause' }).click();
	await expect(display.getByText('Paused', { exact: true })).toBeVisible();
});

test('closing the display changes nothing on the controls', async ({ clockPage: controls }) => {
	await controls.goto(PLAYER);
	const display = await openDisplay(controls);
	await pressStart(controls);
	await passTime(controls, 9_500);
	await inStep(controls, display, 'breathe', 'Arrive');
	await display.close();
	await expect(controls.getByTestId('pair-status')).toHaveText(NONE);
	await expect(controls.getByRole('button', { name: 'Pause' })).toBeVisible();
	const timer = controls.getByRole('timer');
	const before = await timer.textContent();
	await passTime(controls, 3_000);
	await expect(timer).not.toHaveText(before ?? '');
	// Opened again, it follows the session still under way.
	const again = await openDisplay(controls);
	await inStep(controls, again, 'breathe', 'Arrive');
});

test('closing the controls leaves the display running the session, recorded once', async ({
	clockPage: controls,
	context
}) => {
	await controls.goto(PLAYER);
	await controls
		.getByRole('region', { name: /Before you start/ })
		.getByRole('radio', { name: '4' })
		.check();
	const display = await openDisplay(controls);
	await pressStart(controls);
	await controls.clock.fastForward(12_500);
	await inStep(controls, display, 'breathe', 'Arrive');
	const atClose = await shown(display);

	await controls.close();
	await expect(
		display.getByText('The controls window closed; this window now runs the session.')
	).toBeVisible();
	// Nothing jumped: the same moment, and the session runs on here.
	expect(await shown(display)).toEqual(atClose);
	await expectSessionOnly(display);
	await passTime(display, 3_000);
	await expect(display.getByRole('timer')).not.toHaveText(atClose.timer ?? '');
	await expectAccessible(display);

	// This window has the keys now: pause, flare.
	await display.keyboard.press('Space');
	await expect(display.getByText('Paused', { exact: true })).toBeVisible();
	await display.keyboard.press('Space');
	await display.keyboard.press('f');
	await expect(display.getByTestId('phase')).toHaveAttribute('data-phase', 'release');
	await display.keyboard.press('Escape');
	await expect(display.getByTestId('phase')).toHaveAttribute('data-phase', 'done');

	// One session in the history, with the check-in given in the controls window.
	const history = await context.newPage();
	drivenAlike(history);
	await history.goto('/history');
	const sessions = history.getByRole('link', { name: /^Daily unload, / });
	await expect(sessions).toHaveCount(1);
	await sessions.click();
	await history.clock.runFor(500);
	await expect(history.getByRole('region', { name: 'Check-in' })).toContainText('Pain 4 of 10');
	await expect(history.getByText('1 flare', { exact: true })).toBeVisible();
});

test('controls opened again take the session back from the display, which follows again', async ({
	clockPage: controls,
	context
}) => {
	await controls.goto(PLAYER);
	const display = await openDisplay(controls);
	await pressStart(controls);
	await controls.clock.fastForward(20_500);
	await controls.close();
	await expect(display.getByText(/this window now runs the session/)).toBeVisible();
	await display.clock.runFor(2_000);

	const back = await context.newPage();
	drivenAlike(back);
	await back.goto(PLAYER);
	await expect(back.getByRole('button', { name: 'Pause' })).toBeVisible();
	await expect(back.getByTestId('pair-status')).toHaveText(CONNECTED);
	await expectSessionOnly(display);
	await inStep(back, display, 'breathe', 'Arrive');
	await back.getByRole('button', { name: 'Pause' }).click();
	await expect(display.getByText('Paused', { exact: true })).toBeVisible();
	await expectAccessible(back);
});

test('a display window the browser blocks is offered by its address instead', async ({
	clockPage: controls,
	context
}) => {
	// The browser's pop-up blocker: window.open gives nothing back.
	await controls.addInitScript(() => {
		window.open = () => null;
	});
	await controls.goto(PLAYER);
	await controls.getByRole('button', { name: 'More' }).click();
	await controls.getByRole('button', { name: 'Open display window' }).click();
	const alert = controls.getByRole('alert').filter({ hasText: 'blocked the display window' });
	await expect(alert).toBeVisible();
	await expectAccessible(controls);
	const href = await alert.getByRole('link').getAttribute('href');
	expect(href).toMatch(/^\/play\/daily-unload\?view=studio&pair=[\w-]+$/);

	// Opened by hand, the display pairs as well.
	const display = await context.newPage();
	drivenAlike(display);
	await display.goto(href ?? '');
	await expect(display.getByTestId('phase')).toBeVisible();
	await expect(controls.getByTestId('pair-status')).toHaveText(CONNECTED);
	// The More menu, still open, lies over Start (now near the top of the page): closed first.
	await controls.keyboard.press('Escape');
	await pressStart(controls);
	await passTime(controls, 3_500);
	await inStep(controls, display, 'countdown', 'Arrive');
});

/** A page's end of the routine's presenter channel, as any page of the site can open one. */
interface Forgery {
	channel: BroadcastChannel;
	heard: { type?: string; from?: string; state?: { mode?: { kind?: string } } }[];
}

test('a page that forges presenter messages neither fools the controls nor stops the display', async ({
	clockPage: controls,
	context
}) => {
	await controls.goto(PLAYER);
	await controls
		.getByRole('region', { name: /Before you start/ })
		.getByRole('radio', { name: '2' })
		.check();
	const display = await openDisplay(controls);
	const controlsId = new URL(display.url()).searchParams.get('pair') ?? '';
	await pressStart(controls);
	await passTime(controls, 8_500);
	await inStep(controls, display, 'breathe', 'Arrive');

	// Another page of the site listens on the routine's channel and learns what a session looks like.
	const forger = await context.newPage();
	drivenAlike(forger);
	await forger.goto('/');
	await forger.evaluate(() => {
		const channel = new BroadcastChannel('liana-presenter:daily-unload');
		const heard: Forgery['heard'] = [];
		channel.onmessage = (event) => heard.push(event.data);
		(window as unknown as { forgery: Forgery }).forgery = { channel, heard };
	});
	await controls.getByRole('button', { name: 'Pause' }).click();
	await controls.getByRole('button', { name: 'Resume' }).click();
	const running = () =>
		forger.evaluate(
			() =>
				(window as unknown as { forgery: Forgery }).forgery.heard.filter(
					(m) => m.type === 'state' && m.state?.mode?.kind === 'running'
				).length
		);
	await expect.poll(running).toBeGreaterThan(0);

	// It hands the controls a made-up session: from a window they never paired with, of a made-up
	// routine. Then it posts broken sessions as the controls' own, once the controls have said more.
	const forge = (what: 'handover' | 'state') =>
		forger.evaluate(
			({ what, controlsId }) => {
				const { channel, heard } = (window as unknown as { forgery: Forgery }).forgery;
				type Sent = Record<string, unknown> & {
					state: Record<string, unknown> & { timeline: Record<string, unknown> };
				};
				const real = structuredClone(heard.filter((m) => m.type === 'state').at(-1)) as Sent;
				const handover: Record<string, unknown> = {
					...real,
					type: 'handover',
					from: 'stranger',
					to: controlsId,
					before: { pain: 9 },
					note: 'Forged note'
				};
				delete handover.role;
				const madeUp = structuredClone(real.state);
				(madeUp.timeline.routine as { id: string }).id = 'made-up';
				const messages: unknown[] =
					what === 'handover'
						? [handover, { ...handover, from: 'another-display', state: madeUp }]
						: [
								{ ...real, clockOriginMs: Number.NaN },
								{ ...real, clockOriginMs: '1764061200000' },
								{ ...real, extra: true },
								{ ...real, state: null },
								{ ...real, state: { ...real.state, mode: { kind: 'running', anchorMs: 'soon' } } },
								{ ...real, state: { ...real.state, seenMs: Number.NaN } },
								{ ...real, state: { ...real.state, record: undefined } },
								{
									...real,
									state: {
										...real.state,
										timeline: { ...real.state.timeline, segments: new Array(1_000_000).fill(0) }
									}
								},
								// Last, so no later message hides it: a display that kept it could draw no more.
								{ ...real, state: { ...real.state, timeline: {} } }
							];
				for (const message of messages) channel.postMessage(message);
				return messages.length;
			},
			{ what, controlsId }
		);
	expect(await forge('handover')).toBe(2);
	await passTime(controls, 1_000);
	expect(await forge('state')).toBe(9);

	// The display's timer keeps counting with the controls', which keep their own session.
	const atForgery = await shown(display);
	await passTime(controls, 3_000);
	await inStep(controls, display, 'breathe', 'Arrive');
	expect((await shown(display)).timer).not.toBe(atForgery.timer);
	await passTime(controls, 20_000);
	expect(await shown(display)).toEqual(await shown(controls));
	await expect(display.getByTestId('phase')).toBeVisible();
	await expect(controls.getByTestId('pair-status')).toHaveText(CONNECTED);
	await expect(controls.getByText("Coach's note:")).toHaveCount(0);

	// Ended on the controls: the history holds their session, with no forged note or pain score.
	await endByKey(controls);
	await expect(display.getByTestId('phase')).toHaveAttribute('data-phase', 'done');
	await expect(controls.getByText('This session is kept in your history.')).toBeVisible();
	await expect(controls.getByText("Coach's note:")).toHaveCount(0);
	const history = await context.newPage();
	drivenAlike(history);
	await history.goto('/history');
	const sessions = history.getByRole('link', { name: /^Daily unload, / });
	await expect(sessions).toHaveCount(1);
	await expect(history.getByText('Forged note')).toHaveCount(0);
	await sessions.click();
	await history.clock.runFor(500);
	await expect(history.getByRole('region', { name: 'Check-in' })).toContainText('Pain 2 of 10');
	await expect(history.getByText('Forged note')).toHaveCount(0);
});
