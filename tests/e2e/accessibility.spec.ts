import { expect, expectAccessible, passTime, test, pressStart } from './fixtures';

test('axe finds nothing on any screen of the player', async ({ clockPage: page }) => {
	// Axe on ten screens of a session: 15 to 30 s on a shared machine, so room to spare.
	test.setTimeout(90_000);
	await page.goto('/play/sciatica-relief');
	await expect(page.getByRole('button', { name: 'Start' })).toBeVisible();
	await expectAccessible(page);

	for (const [open, dialogName, close] of [
		['Safety', 'Safety', 'Close'],
		['Settings', 'Settings', 'Done']
	] as const) {
		// Safety waits behind More; Settings is in the header before a session.
		if (open === 'Safety') await page.getByRole('button', { name: 'More' }).click();
		await page.getByRole('button', { name: open, exact: true }).click();
		await expect(page.getByRole('dialog', { name: dialogName })).toBeVisible();
		await expectAccessible(page);
		await page
			.getByRole('dialog', { name: dialogName })
			.getByRole('button', { name: close })
			.click();
	}

	await pressStart(page);
	await passTime(page, 40_000);
	await expectAccessible(page);
	await page.keyboard.press('Space');
	await expect(page.getByRole('button', { name: 'Resume' })).toBeVisible();
	await expectAccessible(page);
	await page.keyboard.press('Space');

	await page.getByRole('button', { name: 'Stop' }).click();
	await expect(page.getByRole('dialog', { name: 'End this session?' })).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Keep going' }).click();

	await page.getByRole('button', { name: /^Red flag/ }).click();
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Go back' }).click();

	await page.keyboard.press('f');
	await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'release');
	await expectAccessible(page);
	await passTime(page, 11_000);
	await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'recover');
	await expectAccessible(page);
	await page.getByRole('button', { name: 'End session' }).click();
	await expect(page.getByRole('heading', { name: 'Session ended after a flare' })).toBeVisible();
	await expectAccessible(page);
});

test('the light theme passes axe too, and the settings keep it', async ({ clockPage: page }) => {
	await page.goto('/play/daily-unload');
	await page.getByRole('button', { name: 'Settings' }).click();
	await page.getByLabel('Theme').selectOption('light');
	await page
		.getByRole('dialog', { name: 'Settings' })
		.getByRole('button', { name: 'Done' })
		.click();
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
	await page.reload();
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
	await pressStart(page);
	await page.clock.runFor(6_000);
	await expectAccessible(page);
});

test('axe finds nothing on any route, nor on the pages that say something is missing', async ({
	clockPage: page
}) => {
	for (const [path, ready] of [
		['/', 'Routines'],
		['/history', 'History'],
		['/edit/new', 'Untitled routine'],
		['/edit/nothing-here', 'Nothing to edit here'],
		['/play/daily-unload?view=studio', 'Daily unload'],
		['/play/nothing-here', 'This routine cannot be played']
	] as const) {
		await page.goto(path);
		await page.clock.runFor(500);
		await expect(page.getByText(ready).first(), path).toBeVisible();
		await expectAccessible(page);
	}
});
