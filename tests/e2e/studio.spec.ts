import { expect, expectAccessible, passTime, test } from './fixtures';
import { expectSessionOnly } from './studio-room';
import { expectInFirstScreen, expectNoSidewaysOverflow, PHONE_SCREENS, SCREENS } from './screens';

const STUDIO = '/play/daily-unload?view=studio';

for (const viewport of [
	{ width: 1920, height: 1080 },
	{ width: 1280, height: 720 },
	// A tablet upright on a stand.
	{ width: 768, height: 1024 }
]) {
	test(`the studio view reads across a room at ${viewport.width}×${viewport.height}`, async ({
		clockPage: page
	}) => {
		await page.setViewportSize(viewport);
		await page.goto(STUDIO);
		// The view is chosen once the page's script runs: its way back says it is there.
		await expect(page.getByRole('link', { name: 'Normal player' })).toBeVisible();
		const phase = page.getByTestId('phase');
		const timer = page.getByRole('timer');
		await expect(phase).toHaveAttribute('data-phase', 'countdown');

		await page.keyboard.press('Space');
		await expect(timer).toHaveText('0:05');
		await passTime(page, 6_000);
		await expect(phase).toHaveAttribute('data-phase', 'breathe');
		await expect(phase).toHaveText('Breathe');
		await expect(page.getByTestId('step-title')).toHaveText('Arrive');
		await expect(page.getByText('Step 1 of 6')).toBeVisible();
		// Across the room: the breath and its count, the session's progress and time left.
		await expect(page.getByText('Breathe in')).toBeVisible();
		await expect(page.getByText('· Breath 1 of 5')).toBeVisible();
		await expect(page.getByRole('progressbar', { name: 'Session progress' })).toBeVisible();
		await expect(page.getByTestId('session-left')).toHaveText('7:53 left in the session');
		await expectSessionOnly(page);
		await expectNoSidewaysOverflow(page);

		// Legible from five metres: the phase and the time left each take an eighth of the height.
		for (const big of [phase, timer]) {
			const box = await big.boundingBox();
			expect(box?.height ?? 0).toBeGreaterThanOrEqual(viewport.height * 0.12);
		}
		for (const name of ['Pause', 'Skip step', 'Stop', 'Previous step']) {
			await expect(page.getByRole('button', { name })).toHaveCount(0);
		}

		const before = await timer.textContent();
		await passTime(page, 3_000);
		await expect(timer).not.toHaveText(before ?? '');
		await page.keyboard.press('Space');
		await expect(page.getByText('Paused', { exact: true })).toBeVisible();
		const frozen = await timer.textContent();
		await passTime(page, 10_000);
		await expect(timer).toHaveText(frozen ?? '');
		await page.keyboard.press('Space');

		await page.keyboard.press('f');
		await expect(phase).toHaveAttribute('data-phase', 'release');
		await expect(phase).toHaveText('Release');
		await expectAccessible(page);

		await page.keyboard.press('Escape');
		await expect(phase).toHaveAttribute('data-phase', 'done');
		await expect(page.getByText('Session ended after a flare')).toBeVisible();
	});
}

test('the studio view counts down with the clock and the keys skip and go back', async ({
	clockPage: page
}) => {
	await page.goto(STUDIO);
	await expect(page.getByRole('link', { name: 'Normal player' })).toBeVisible();
	await expectAccessible(page);
	// The safety note stays where the room can read it.
	await expect(
		page.getByText(
			/See a qualified professional\s+if pain is severe, sudden, or comes with numbness/
		)
	).toBeVisible();
	const timer = page.getByRole('timer');
	await page.keyboard.press('Space');
	await expect(timer).toHaveText('0:05');
	await page.clock.runFor(2_000);
	await expect(timer).toHaveText('0:03');
	await page.keyboard.press('n');
	await expect(page.getByTestId('step-title')).toHaveText('Arrive');
	await page.keyboard.press('ArrowRight');
	await expect(page.getByTestId('step-title')).toHaveText('Long spine');
	await page.keyboard.press('p');
	await expect(page.getByTestId('step-title')).toHaveText('Arrive');

	// Escape asks, as in the player, once more than 30 s would be lost.
	await passTime(page, 40_000);
	await page.keyboard.press('Escape');
	const ask = page.getByRole('dialog', { name: 'End this session?' });
	await expect(ask).toBeVisible();
	await ask.getByRole('button', { name: 'Keep going' }).click();
	await expect(ask).toBeHidden();
	await expect(page.getByRole('timer')).not.toHaveText('0:00');
	await page.keyboard.press('Escape');
	await ask.getByRole('button', { name: 'End session' }).click();
	await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'done');
});

test('the studio view leads back to the normal player, where the session goes on', async ({
	clockPage: page
}) => {
	await page.goto(STUDIO);
	const back = page.getByRole('link', { name: 'Normal player' });
	await expect(back).toBeVisible();
	await page.keyboard.press('Space');
	await passTime(page, 8_000);
	await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'breathe');
	// The app's navigation waits on timers, which move with the driven clock.
	await back.click();
	await page.clock.runFor(500);
	await expect(page).toHaveURL(/\/play\/daily-unload$/);
	await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
	await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'breathe');

	await page.getByRole('button', { name: 'More' }).click();
	await page.getByRole('link', { name: 'Studio display' }).click();
	await page.clock.runFor(500);
	await expect(page).toHaveURL(/view=studio/);
	await expect(page.getByRole('button', { name: 'Pause' })).toHaveCount(0);
	await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'breathe');
});

test('the studio display is offered only where it fits, and fits where it is reached', async ({
	clockPage: page
}) => {
	// Four screens, each a player and a studio session: 11 s on a busy machine, so room of its own.
	test.setTimeout(60_000);
	for (const screen of SCREENS) {
		await page.setViewportSize(screen);
		await page.goto('/play/daily-unload');
		await expect(page.getByRole('button', { name: 'Start' })).toBeEnabled();
		await page.getByRole('button', { name: 'More' }).click();
		await expect(page.getByRole('button', { name: 'Safety', exact: true })).toBeVisible();
		const offer = page.getByRole('link', { name: 'Studio display' });
		const phone = PHONE_SCREENS.some((one) => one.name === screen.name);
		await expect(offer, `the studio offered on a ${screen.name}`).toHaveCount(phone ? 0 : 1);
		await expect(page.getByRole('button', { name: 'Open display window' })).toHaveCount(
			phone ? 0 : 1
		);
		await expectNoSidewaysOverflow(page);

		// Reached by its address all the same, it fits, and a phone has buttons to run it.
		await page.goto(STUDIO);
		await expect(page.getByRole('link', { name: 'Normal player' })).toBeVisible();
		if (phone) await page.getByRole('button', { name: 'Start' }).click();
		else await page.keyboard.press('Space');
		await page.keyboard.press('n');
		await page.keyboard.press('n');
		await expect(page.getByTestId('step-title')).toHaveText('Long spine');
		await passTime(page, 16_000);
		const phase = page.getByTestId('phase');
		await expect(phase).toHaveText('Approach the edge');
		await expectNoSidewaysOverflow(page);
		// The phase's words wrap whole; none runs past the screen's edge.
		const clipped = await phase.evaluate(
			(element) =>
				element.scrollWidth > element.clientWidth + 1 ||
				element.getBoundingClientRect().right > document.documentElement.clientWidth + 1
		);
		expect(clipped, `the phase cut off on a ${screen.name}`).toBe(false);
		if (phone) {
			for (const name of ['Pause', 'Flare', 'Stop']) {
				await expectInFirstScreen(page, page.getByRole('button', { name, exact: true }));
			}
		} else {
			await expect(page.getByRole('button', { name: 'Pause' })).toHaveCount(0);
		}
	}
});
