/**
 * The presenter pair: the controls on one window, the display on another (two pages of one
 * browser context, as two windows of one browser), kept in step over BroadcastChannel. The
 * context's clock drives both pages alike, so both are compared at the same moments.
 */
import type { Page } from '@playwright/test';
import { drivenAlike, expect, expectAccessible, test, untilOfflineReady } from './fixtures';

const PLAYER = '/play/daily-unload';

/** Opens the display from the controls' button: the popup window the browser opens. */
async function openDisplay(controls: Page): Promise<Page> {
	const [display] = await Promise.all([
		controls.waitForEvent('popup'),
		controls.getByRole('button', { name: 'Open display window' }).click()
	]);
	drivenAlike(display);
	await expect(display.getByTestId('pair-status')).toHaveText(/Following the controls window/);
	await expect(controls.getByTestId('pair-status')).toHaveText('Display window connected');
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
	await expect(controls.getByTestId('pair-status')).toHaveText('No display window');

	const display = await openDisplay(controls);
	await expect(display).toHaveURL(/\/play\/daily-unload\?view=studio&pair=[\w-]+$/);
	// Before Start, the display shows the routine ready, and has no controls of its own.
	await expect(display.getByTestId('phase')).toHaveAttribute('data-phase', 'countdown');
	await expect(display.getByRole('button', { name: 'Start' })).toHaveCount(0);
	await expectAccessible(display);
	await expectAccessible(controls);

	await controls.getByRole('button', { name: 'Start' }).click();
	await controls.clock.runFor(8_500);
	await inStep(controls, display, 'breathe', 'Arrive');

	// Pause: both stop at the same second, and stay there.
	await controls.getByRole('button', { name: 'Pause' }).click();
	await expect(display.getByText('Paused', { exact: true })).toBeVisible();
	const paused = await shown(display);
	await controls.clock.runFor(20_000);
	expect(await shown(display)).toEqual(paused);
	expect(await shown(controls)).toEqual(paused);
	await controls.getByRole('button', { name: 'Resume' }).click();
	await controls.clock.runFor(2_000);
	await inStep(controls, display, 'breathe', 'Arrive');

	// Skip to "Long spine" (a rest of 15 s first; soften 53–73 s after the skip), and a flare there.
	await controls.getByRole('button', { name: 'Skip step' }).click();
	await controls.clock.runFor(1_500);
	await inStep(controls, display, 'rest', 'Long spine');
	await controls.clock.runFor(55_000);
	await inStep(controls, display, 'soften', 'Long spine');
	await controls.getByRole('button', { name: /^Flare/ }).click();
	await inStep(controls, display, 'release', 'Long spine');
	await expect(display.getByTestId('phase')).toHaveText('Release');
	await controls.clock.runFor(12_500);
	await inStep(controls, display, 'recover', 'Long spine');
	await expect(display.getByTestId('phase')).toHaveText('Recover');
	await display.screenshot({ path: '/tmp/p/shots/display-recover.png' });
	await controls.screenshot({ path: '/tmp/p/shots/controls-recover.png' });
	await expectAccessible(display);

	// The choice after the flare: skip the step; the display moves on with the controls.
	await controls.getByRole('button', { name: 'Skip step' }).click();
	await controls.clock.runFor(1_500);
	const next = await controls.getByTestId('step-title').textContent();
	expect(next).toBe('Hip opener');
	await inStep(controls, display, 'approach', next ?? '');
	await display.screenshot({ path: '/tmp/p/shots/display-running.png' });
	await controls.screenshot({ path: '/tmp/p/shots/controls-running.png' });

	// Stopped on the controls: the display shows the end too.
	await controls.keyboard.press('Escape');
	await expect(controls.getByTestId('phase')).toHaveAttribute('data-phase', 'done');
	await expect(display.getByTestId('phase')).toHaveAttribute('data-phase', 'done');
});
