import {
	endByKey,
	expect,
	expectAccessible,
	passTime,
	test,
	pressStart,
	understandIfAsked
} from './fixtures';

test('a built-in routine plays through its first phases on time', async ({ clockPage: page }) => {
	await page.goto('/play/sciatica-relief');
	const phase = page.getByTestId('phase');
	const timer = page.getByRole('timer');
	await expect(phase).toHaveAttribute('data-phase', 'countdown');
	await expectAccessible(page);

	await pressStart(page);
	await expect(phase).toHaveText('Get ready');
	await expect(timer).toHaveText('0:05');
	await page.clock.runFor(2_000);
	await expect(timer).toHaveText('0:03');

	// Settle in: 8 breaths of 4 s in and 6 s out.
	await page.clock.runFor(3_000);
	await expect(phase).toHaveAttribute('data-phase', 'breathe');
	await expect(phase).toHaveAttribute('data-breath', 'inhale');
	await expect(page.getByTestId('step-title')).toHaveText('Settle in');
	await expect(timer).toHaveText('1:20');
	await page.clock.runFor(4_000);
	await expect(phase).toHaveAttribute('data-breath', 'exhale');

	// After the 80 s of breathing, the rest before the next step, then its approach.
	await passTime(page, 76_000);
	await expect(phase).toHaveAttribute('data-phase', 'rest');
	await expect(page.getByTestId('step-title')).toHaveText('Long spine');
	await passTime(page, 15_000);
	await expect(phase).toHaveAttribute('data-phase', 'approach');
	await expect(phase).toHaveText('Approach the edge');
	await expect(page.getByText('Step 2 of 8 · round 1 of 3')).toBeVisible();
	await expect(timer).toHaveText('0:10');
	await expectAccessible(page);
});

test('the keys start, pause, resume, skip, go back and stop', async ({ clockPage: page }) => {
	await page.goto('/play/daily-unload');
	const phase = page.getByTestId('phase');
	const timer = page.getByRole('timer');
	await expect(phase).toHaveAttribute('data-phase', 'countdown');
	// The page is prerendered: keys work once its script runs, when Start becomes enabled.
	await expect(page.getByRole('button', { name: 'Start' })).toBeEnabled();
	await page.keyboard.press('Space');
	await understandIfAsked(page);
	await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
	await page.clock.runFor(6_000);
	await expect(phase).toHaveAttribute('data-phase', 'breathe');

	await page.keyboard.press('Space');
	await expect(page.getByRole('button', { name: 'Resume' })).toBeVisible();
	const frozen = await timer.textContent();
	await passTime(page, 30_000);
	await expect(timer).toHaveText(frozen ?? '');
	await page.keyboard.press('Space');
	await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();

	await page.keyboard.press('n');
	await expect(phase).toHaveAttribute('data-phase', 'rest');
	await expect(page.getByTestId('step-title')).toHaveText('Long spine');
	await page.keyboard.press('ArrowRight');
	await expect(phase).toHaveAttribute('data-phase', 'approach');

	await page.keyboard.press('ArrowLeft');
	await expect(page.getByTestId('step-title')).toHaveText('Arrive');
	await expect(phase).toHaveAttribute('data-phase', 'breathe');
	await page.getByRole('button', { name: 'Previous step' }).click();
	await expect(page.getByTestId('step-title')).toHaveText('Arrive');
	await page.keyboard.press('n');
	await expect(page.getByTestId('step-title')).toHaveText('Long spine');

	await endByKey(page);
	await expect(phase).toHaveAttribute('data-phase', 'done');
	const summary = page.getByTestId('session-summary');
	await expect(summary).toContainText('Steps skipped (1)');
	await expect(summary).toContainText('Arrive');
	await expect(page.getByRole('heading', { name: 'Session stopped' })).toBeVisible();
});

test('a flare by key goes to release, then recover, and the choices work', async ({
	clockPage: page
}) => {
	await page.goto('/play/sciatica-relief');
	await pressStart(page);
	await passTime(page, 20_000);
	await page.keyboard.press('f');
	const phase = page.getByTestId('phase');
	await expect(phase).toHaveAttribute('data-phase', 'release');
	await expect(phase).toHaveText('Release');
	await expect(page.getByRole('button', { name: 'Skip step' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'End session' })).toBeVisible();
	// "Settle in" skips on a flare: there is no gentle retry to offer.
	await expect(page.getByRole('button', { name: 'Try again gently' })).toHaveCount(0);
	await expectAccessible(page);
	await passTime(page, 10_000);
	await expect(phase).toHaveAttribute('data-phase', 'recover');
	await page.getByRole('button', { name: 'Skip step' }).click();
	await expect(phase).toHaveAttribute('data-phase', 'approach');
	await expect(page.getByTestId('step-title')).toHaveText('Long spine');
});

test('a flare by button goes to release; a retry-step offers Try again gently', async ({
	clockPage: page
}) => {
	await page.goto('/play/sciatica-relief');
	await pressStart(page);
	// Skip to the left hip opener, whose policy is retry.
	await page.keyboard.press('n');
	await page.keyboard.press('n');
	await page.keyboard.press('n');
	await page.keyboard.press('n');
	await expect(page.getByTestId('step-title')).toHaveText('Hip opener');
	await expect(page.getByText(/left side/)).toBeVisible();
	await page.clock.runFor(3_000);
	const flare = page.getByRole('button', { name: /^Flare/ });
	const flareBox = await flare.boundingBox();
	for (const name of ['Pause', 'Skip step', 'Stop']) {
		const box = await page.getByRole('button', { name }).boundingBox();
		expect((box?.width ?? 0) * (box?.height ?? 0)).toBeLessThan(
			(flareBox?.width ?? 0) * (flareBox?.height ?? 0)
		);
	}
	await flare.click();
	await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'release');
	await page.getByRole('button', { name: 'Try again gently' }).click();
	await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'approach');
	await expect(page.getByText('Step 3 of 8 · left side')).toBeVisible();
});

test('the red flag ends the session and shows the safety guidance', async ({ clockPage: page }) => {
	await page.goto('/play/daily-unload');
	await pressStart(page);
	await page.clock.runFor(8_000);
	// One tap is never enough: the red flag asks first, so a stray touch cannot end the session.
	await page.getByRole('button', { name: /^Red flag/ }).click();
	const dialog = page.getByRole('dialog', { name: 'Red flag: end the session now?' });
	await expect(dialog).toBeVisible();
	await dialog.getByRole('button', { name: 'Go back' }).click();
	await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'breathe');
	await page.getByRole('button', { name: /^Red flag/ }).click();
	await dialog.getByRole('button', { name: 'Red flag: end now' }).click();
	await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'done');
	await expect(page.getByRole('heading', { name: 'Stop here for today' })).toBeVisible();
	await expect(page.getByText('see a qualified professional').first()).toBeVisible();
	await expectAccessible(page);
});

test('a finished session shows what was completed, skipped and flared', async ({
	clockPage: page
}) => {
	await page.goto('/play/breathe-settle');
	await pressStart(page);
	await passTime(page, 10_000);
	await page.keyboard.press('f');
	await page.getByRole('button', { name: 'Skip step' }).click();
	await passTime(page, 400_000);
	await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'done');
	await expect(page.getByRole('heading', { name: 'Session complete' })).toBeVisible();
	const summary = page.getByTestId('session-summary');
	await expect(summary).toContainText('Steps completed (3)');
	await expect(summary).toContainText('Steps skipped (1)');
	await expect(summary).toContainText('Flares (1)');
	await expect(summary).toContainText('Arrive: Breathe, in the first minute, at');
});

test('Stop and Escape ask first once a session is under way; Space pauses whatever has focus', async ({
	clockPage: page
}) => {
	await page.goto('/play/daily-unload');
	await pressStart(page);
	const phase = page.getByTestId('phase');
	// In the first seconds a mis-tap loses nothing: Stop stops.
	await page.getByRole('button', { name: 'Stop' }).click();
	await expect(phase).toHaveAttribute('data-phase', 'done');

	await page.getByRole('button', { name: 'Start again' }).click();
	await pressStart(page);
	await passTime(page, 40_000);
	await page.getByRole('button', { name: 'Stop' }).click();
	const dialog = page.getByRole('dialog', { name: 'End this session?' });
	await dialog.getByRole('button', { name: 'Keep going' }).click();
	await expect(phase).toHaveAttribute('data-phase', 'breathe');
	await page.getByRole('button', { name: 'Stop' }).click();
	await dialog.getByRole('button', { name: 'End session' }).click();
	await expect(phase).toHaveAttribute('data-phase', 'done');

	await page.getByRole('button', { name: 'Start again' }).click();
	await page.keyboard.press('Space');
	await passTime(page, 40_000);
	// Escape asks as a tapped Stop does: 40 s would be lost.
	await page.keyboard.press('Escape');
	await expect(dialog).toBeVisible();
	await page.keyboard.press('Escape');
	await expect(dialog).toBeHidden();
	await expect(phase).toHaveAttribute('data-phase', 'breathe');

	// Space pauses and resumes even with a button focused: the button is not pressed.
	await page.getByRole('button', { name: 'Skip step' }).focus();
	const step = await page.getByTestId('step-title').textContent();
	await page.keyboard.press('Space');
	await expect(page.getByTestId('paused')).toBeVisible();
	await expect(page.getByTestId('step-title')).toHaveText(step ?? '');
	await page.keyboard.press('Space');
	await expect(page.getByTestId('paused')).toBeHidden();
	await expect(page.getByTestId('step-title')).toHaveText(step ?? '');

	await page.keyboard.press('Escape');
	await dialog.getByRole('button', { name: 'End session' }).click();
	await expect(phase).toHaveAttribute('data-phase', 'done');
});
