/** Routine files and library steps shared by the import and library journeys. */
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

/** A coach's routine as written by hand: tabs, its own key order, an `x-` key, a last newline. */
export const EVENING = `{
	"version": 1,
	"id": "evening-unwind",
	"title": "Evening unwind",
	"summary": "Slow breaths and one gentle hip opener before bed.",
	"x-coach": "Ana",
	"defaults": { "restBetweenSteps": 5 },
	"steps": [
		{ "type": "breathe", "id": "settle", "title": "Settle in", "pattern": { "inhale": 4, "exhale": 6 }, "breaths": 3 },
		{
			"type": "stretch", "id": "hip-left", "title": "Hip opener", "side": "left", "rounds": 1,
			"cycle": { "approach": 5, "breathe": { "breaths": 1 }, "soften": 10, "comeBack": 5 }
		}
	]
}
`;

/** The same routine with another title (and so another text), under the same id. */
export const EVENING_LONGER = EVENING.replace('"Evening unwind"', '"Evening unwind, longer"');

/** The person's own routines on the library page. */
export const ownSection = (page: Page): Locator =>
	page.getByRole('region', { name: 'Your routines', exact: true });

export const builtInSection = (page: Page): Locator =>
	page.getByRole('region', { name: 'Built-in routines', exact: true });

/** Opens the library and waits until the person's own routines have been read. */
export async function openLibrary(page: Page, path = '/'): Promise<void> {
	await page.goto(path);
	await untilListed(page);
}

/** The library's one list of routines to play, the person's own and the built-in ones. */
export const routinesSection = (page: Page): Locator =>
	page.getByRole('region', { name: 'Routines', exact: true });

/** Waits until the own routines are read (the page is live, not only painted). */
export async function untilListed(page: Page): Promise<void> {
	await expect(routinesSection(page)).toHaveAttribute('aria-busy', 'false');
}

/**
 * Presses one of a routine card's own tools (Edit, Duplicate, Export, Delete…), found by its
 * accessible name within `where`: they wait behind the card's "More for …" button, opened first
 * when closed.
 */
export async function cardAction(where: Page | Locator, name: string | RegExp): Promise<void> {
	const options = { name, exact: true, includeHidden: true };
	// A `has` locator is looked for inside each card, so it starts from the page, not from `where`.
	const page = 'page' in where ? where.page() : where;
	const card = where.locator('article').filter({ has: page.getByRole('button', options) });
	const button = card.getByRole('button', options);
	if (!(await button.isVisible())) await card.getByRole('button', { name: /^More for / }).click();
	await button.click();
}

/** The links of the routines' titles in a list (each card also has its Play link). */
export const titleLinks = (list: Locator): Locator => list.getByRole('heading').getByRole('link');

/** The titles of the own routines as listed, and where each link leads. */
export async function ownRoutines(page: Page): Promise<string[]> {
	const links = titleLinks(ownSection(page));
	return Promise.all(
		(await links.all()).map(
			async (link) => `${await link.textContent()} → ${await link.getAttribute('href')}`
		)
	);
}

/** Chooses a file in the `Import routine` input. */
export async function importFile(page: Page, text: string, name = 'evening-unwind.json') {
	await page.getByLabel('Import routine').setInputFiles({
		name,
		mimeType: 'application/json',
		buffer: Buffer.from(text)
	});
}

/** The status notice, where Undo lives. */
export const notice = (page: Page): Locator => page.getByRole('status').filter({ hasText: /\S/ });
