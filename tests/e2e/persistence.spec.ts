import type { BrowserContext } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, passTime, test, pressStart } from './fixtures';
import { EVENING, importFile, openLibrary, ownRoutines } from './routine-files';

/** The browser as a person's: one profile on disk, closed and opened again. */
type Opener = (profile: string) => Promise<BrowserContext>;

test('a coach’s file imported and a flared session survive closing the browser', async ({
	baseURL,
	browserName,
	channel,
	launchOptions,
	playwright
}) => {
	// Two browsers launched and closed: in Firefox on a busy machine that alone takes most of
	// the usual 30 s.
	test.setTimeout(90_000);
	// The engine this project runs, as the configuration launches it, on a profile of its own.
	const openBrowser: Opener = (profile) =>
		playwright[browserName].launchPersistentContext(profile, { ...launchOptions, channel });
	const profile = mkdtempSync(join(tmpdir(), 'liana-profile-'));
	try {
		let browser = await openBrowser(profile);
		let page = browser.pages()[0] ?? (await browser.newPage());
		const startMs = Date.UTC(2026, 10, 25, 18, 0, 0);
		await page.clock.install({ time: startMs });
		await page.clock.pauseAt(startMs + 1_000);
		await openLibrary(page, `${baseURL}/`);
		await importFile(page, EVENING);
		await expect(page.getByRole('link', { name: 'Evening unwind', exact: true })).toBeVisible();

		await page.goto(`${baseURL}/play/evening-unwind`);
		await pressStart(page);
		// Countdown 5 s, three breaths of 10 s, a rest of 5 s: the hip opener is under way at 45 s.
		await passTime(page, 45_000);
		await expect(page.getByTestId('step-title')).toHaveText('Hip opener');
		await page.keyboard.press('f');
		await page.getByRole('button', { name: 'End session' }).click();
		await expect(page.getByText('This session is kept in your history.')).toBeVisible();
		await browser.close();

		browser = await openBrowser(profile);
		page = browser.pages()[0] ?? (await browser.newPage());
		await openLibrary(page, `${baseURL}/`);
		expect(await ownRoutines(page)).toEqual(['Evening unwind → /play/evening-unwind']);
		await page.goto(`${baseURL}/history`);
		const sessions = page.getByRole('region', { name: /Sessions \(1\)/ });
		await expect(sessions).toContainText('Evening unwind');
		await expect(sessions).toContainText('Stopped after a flare');
		await expect(sessions).toContainText('Hip opener (left), round 1');
		await browser.close();
	} finally {
		rmSync(profile, { recursive: true, force: true });
	}
});
