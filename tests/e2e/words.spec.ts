/**
 * The guard of #16's "words for people": a walk through every screen a person sees, on a phone,
 * that fails naming each screen and each developer word found on it (a path into a file, raw
 * seconds, an internal state, a value a template let through, a file type). The exact place of an
 * import problem is allowed only inside the part marked for the file's author.
 */
import type { Page } from '@playwright/test';
import { coachedSession } from '../../src/test-support/sessions';
import { expect, passTime, test, pressStart } from './fixtures';
import { importFile, openLibrary } from './routine-files';
import { storeRecords } from './stored';
import { DEVELOPER_TERMS, PHONE_TERMS, developerTermsIn, textForPerson } from './words';

// A phone in a 12-hour locale: a time written by hand as "09:30" shows up beside the locale's "9:30 AM".
test.use({ viewport: { width: 390, height: 844 }, locale: 'en-US' });

/** A clock time padded as on a 24-hour clock, without AM or PM: not how this locale writes one. */
const NOT_THIS_LOCALE = /\b0\d:\d{2}\b(?!\s?[AP]M)/;

/** Every term a phone's screen must not show. */
const TERMS = [...DEVELOPER_TERMS, ...PHONE_TERMS, NOT_THIS_LOCALE];

/** A file with one mistake in a step, as a person might be sent. */
const WITH_A_MISTAKE = `{
	"version": 1,
	"id": "evening-unwind",
	"title": "Evening unwind",
	"steps": [
		{ "type": "stretch", "id": "long-spine", "title": "Long spine", "cycle": { "soften": "4" } }
	]
}
`;

test('no screen a person sees on a phone shows a developer word', async ({ clockPage: page }) => {
	test.setTimeout(60_000);
	/** Screen → the developer words found on it; empty when every screen reads as it should. */
	const found: Record<string, string[]> = {};
	const look = async (screen: string) => {
		// Every open <details> too: what a tap shows is on the screen.
		await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
		const words = developerTermsIn(await textForPerson(page.locator('body')), TERMS);
		if (words.length > 0) found[screen] = words;
	};

	await openLibrary(page);
	await look('the library');

	await importFile(page, WITH_A_MISTAKE, 'evening-unwind.json');
	const alert = page.getByRole('alert');
	await expect(alert.locator('[data-for-author]')).toContainText('steps[0].cycle.soften');
	await look('an import error');
	// The author's part is only left out, not the alert: a term in the lead is still found.
	expect(developerTermsIn(await textForPerson(alert), TERMS)).toEqual([]);
	expect(developerTermsIn(await alert.innerText(), TERMS)).toContain('steps[');

	await page.goto('/play/daily-unload');
	await expect(page.getByRole('button', { name: 'Start' })).toBeVisible();
	await look('a routine before Start');

	await page.getByRole('button', { name: 'Settings' }).click();
	await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
	await look('settings');
	await page.keyboard.press('Escape');
	await expect(page.getByRole('dialog', { name: 'Settings' })).toHaveCount(0);

	await pressStart(page);
	// Countdown 5 s, "Arrive" 50 s, a rest of 15 s: "Long spine" starts at 70 s; soften at 108 s.
	await passTime(page, 110_000);
	await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'soften');
	await look('a running session');
	await page.getByRole('button', { name: 'More' }).click();
	await expect(page.getByRole('group', { name: 'More' })).toBeVisible();
	await look('the More menu of a running session');
	await page.keyboard.press('Escape');
	await expect(page.getByRole('group', { name: 'More' })).toBeHidden();

	await page.getByRole('button', { name: /^Flare/ }).click();
	await expect(page.getByRole('button', { name: 'End session' })).toBeVisible();
	await look('a flare and its choices');

	await page.getByRole('button', { name: 'End session' }).click();
	await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'done');
	await expect(page.getByText('This session is kept in your history.')).toBeVisible();
	await look('the end screen');

	// A coach's session beside it: a note, adjustments, holds, flares, check-ins.
	await storeRecords(page, 'sessions', [withoutId(coachedSession(Date.UTC(2026, 10, 24, 18)))]);
	await historyPage(page, '/history');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('History');
	await look('the history list');

	// Newest first: the session just played, then the coach's.
	for (const [i, which] of ['the session just played', 'a coach’s session'].entries()) {
		await historyPage(page, '/history');
		await page
			.getByRole('region', { name: /^Sessions/ })
			.getByRole('link')
			.nth(i)
			.click();
		await page.clock.runFor(500);
		await expect(page).toHaveURL(/\?session=\d+$/);
		await look(`a session’s detail: ${which}`);
	}

	expect(found, 'developer words, by screen').toEqual({});
});

/** Opens a history page and waits until it has read the history. */
async function historyPage(page: Page, path: string): Promise<void> {
	await page.goto(path);
	await expect(page.getByText('Reading your history…')).toHaveCount(0);
}

/** A session as stored afresh: the database gives it its id. */
function withoutId<T extends { id?: number }>(session: T): Omit<T, 'id'> {
	const copy = { ...session };
	delete copy.id;
	return copy;
}
