import type { Page } from '@playwright/test';
import {
	drivenAlike,
	endByKey,
	expect,
	expectAccessible,
	passTime,
	test,
	pressStart
} from './fixtures';
import { storedCheckpoint } from './stored';

test('a reload mid-session offers to resume at the start of the phase, and resumes there', async ({
	clockPage: page
}) => {
	await page.goto('/play/breathe-settle');
	await pressStart(page);
	// 100 s in: the "Square breath" step, its breathing phase began at 75 s and lasts 96 s.
	await passTime(page, 100_000);
	await expect(page.getByTestId('step-title')).toHaveText('Square breath');
	await expect.poll(() => storedCheckpoint(page)).not.toBeNull();

	await page.reload();
	const offer = page.getByRole('region', { name: 'Pick up where you were?' });
	await expect(offer).toContainText('step 2 of 4, Square breath, breathe');
	await expectAccessible(page);
	await offer.getByRole('button', { name: 'Resume session' }).click();

	const phase = page.getByTestId('phase');
	await expect(phase).toHaveAttribute('data-phase', 'breathe');
	await expect(phase).toHaveAttribute('data-breath', 'inhale');
	await expect(page.getByTestId('step-title')).toHaveText('Square breath');
	await expect(page.getByRole('timer')).toHaveText('1:36');
	await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
	await passTime(page, 96_000);
	await expect(phase).toHaveAttribute('data-phase', 'rest');
	await expect(page.getByTestId('step-title')).toHaveText('Long breath out');

	await endByKey(page);
	await expect(phase).toHaveAttribute('data-phase', 'done');
	// The first step, done before the reload, is still counted.
	await expect(page.getByTestId('session-summary')).toContainText('Steps completed (2)');
	await expect(page.getByText('This session is kept in your history.')).toBeVisible();
	// A finished session leaves nothing to resume.
	await page.reload();
	await expect(page.getByRole('button', { name: 'Start' })).toBeEnabled();
	await expect(page.getByRole('region', { name: 'Pick up where you were?' })).toHaveCount(0);
});

test('a cut-off session can be discarded, and is not offered again', async ({
	clockPage: page
}) => {
	await page.goto('/play/daily-unload');
	await pressStart(page);
	await passTime(page, 20_000);
	await expect.poll(() => storedCheckpoint(page)).not.toBeNull();
	await page.reload();
	await page.getByRole('button', { name: 'Discard' }).click();
	await expect(page.getByRole('region', { name: 'Pick up where you were?' })).toHaveCount(0);
	await expect.poll(() => storedCheckpoint(page)).toBeNull();
	await page.reload();
	await expect(page.getByRole('button', { name: 'Start' })).toBeEnabled();
	await expect(page.getByRole('button', { name: 'Resume session' })).toHaveCount(0);
});

test('a session cut off more than two hours ago is not offered', async ({ clockPage: page }) => {
	await page.goto('/play/daily-unload');
	await pressStart(page);
	await passTime(page, 20_000);
	await expect.poll(() => storedCheckpoint(page)).not.toBeNull();
	await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 2 * 3_600_000 + 60_000);
	await page.reload();
	await expect(page.getByRole('button', { name: 'Start' })).toBeEnabled();
	await expect(page.getByRole('button', { name: 'Resume session' })).toHaveCount(0);
	await expect.poll(() => storedCheckpoint(page)).toBeNull();
});

/** The stored sessions, read the way DevTools would. */
async function storedSessions(page: Page): Promise<{ before?: object; after?: object }[]> {
	return page.evaluate(
		() =>
			new Promise((resolve) => {
				const request = indexedDB.open('liana');
				request.onsuccess = () => {
					const db = request.result;
					const all = db.transaction('sessions').objectStore('sessions').getAll();
					all.onsuccess = () => {
						db.close();
						resolve(all.result);
					};
				};
			})
	);
}

test('the check-in before and after a session is a tap each, and is optional', async ({
	clockPage: page
}) => {
	// A routine with stretch steps: the leg is asked about after it (not after breathing alone).
	await page.goto('/play/daily-unload');
	const before = page.getByRole('region', { name: /Before you start/ });
	await before.getByRole('radio', { name: '6' }).check();
	await expect(before.getByRole('radio', { name: '6' })).toBeChecked();
	await pressStart(page);
	await passTime(page, 30_000);
	await endByKey(page);
	const after = page.getByRole('region', { name: /How are you now/ });
	await after.getByRole('radio', { name: '3' }).check();
	await after.getByRole('radio', { name: 'Lighter' }).check();
	await expect(after.getByRole('radio', { name: 'Lighter' })).toBeChecked();
	await expectAccessible(page);
	await expect
		.poll(async () => (await storedSessions(page)).map((s) => [s.before, s.after]))
		.toEqual([[{ pain: 6 }, { pain: 3, leg: 'lighter' }]]);
});

test('a tab closed mid-session: opening the app again offers the session from the library', async ({
	clockPage: page
}) => {
	await page.goto('/play/daily-unload');
	await pressStart(page);
	await passTime(page, 70_000);
	await expect(page.getByTestId('step-title')).toHaveText('Long spine');
	await expect.poll(() => storedCheckpoint(page)).not.toBeNull();
	await page.goto('/');
	const banner = page.getByRole('region', { name: 'A session was cut off' });
	await expect(banner).toContainText('Daily unload');
	await expectAccessible(page);
	await banner.getByRole('link', { name: 'Resume Daily unload' }).click();
	// The app's own navigation waits on timers, which move only with the driven clock.
	await page.clock.runFor(500);
	await page.getByRole('button', { name: 'Resume session' }).click();
	await expect(page.getByTestId('step-title')).toHaveText('Long spine');
	await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'approach');
});

test('a tab closed mid-session while another is open: that one offers the session at once', async ({
	clockPage: page,
	context
}) => {
	await page.goto('/play/daily-unload');
	await pressStart(page);
	await passTime(page, 70_000);
	await expect(page.getByTestId('step-title')).toHaveText('Long spine');
	await expect.poll(() => storedCheckpoint(page)).not.toBeNull();
	const second = await context.newPage();
	drivenAlike(second);
	await second.goto('/play/daily-unload');
	await expect(second.getByText(/A session is already playing in another tab/)).toBeVisible();
	await expect(second.getByRole('button', { name: 'Resume session' })).toHaveCount(0);
	// The first tab dies without a word (closed, crashed): its lock goes with it.
	await page.close();
	await expect(second.getByRole('button', { name: 'Resume session' })).toBeVisible();
	await expect(second.getByText(/A session is already playing in another tab/)).toHaveCount(0);
	await second.getByRole('button', { name: 'Resume session' }).click();
	await expect(second.getByTestId('step-title')).toHaveText('Long spine');
	await expect(second.getByTestId('phase')).toHaveAttribute('data-phase', 'approach');
});
