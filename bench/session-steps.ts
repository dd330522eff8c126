/** The steps a bench run takes through the app as a person does, kept with the app's words. */
import type { Page } from '@playwright/test';

/** The player has loaded its sound (the journeys' `soundReady`). */
export const SOUND_READY = '[data-sound="ready"]';

/** The safety note's answer on the first Start in a browser. */
export const UNDERSTOOD = 'I understand, start';

/** Waits for the sound, presses Start, and reads the safety note if it asks first. */
export async function startSession(page: Page): Promise<void> {
	await page.locator(SOUND_READY).waitFor();
	await page.getByRole('button', { name: 'Start' }).click();
	const note = page.getByRole('button', { name: UNDERSTOOD });
	const underWay = page.locator('[data-mode]:not([data-mode="idle"])');
	await note.or(underWay).first().waitFor();
	if (await note.isVisible()) await note.click();
}

/** Waits until the library has read the person's own routines. */
export async function untilLibraryListed(page: Page): Promise<void> {
	await page.locator('section[aria-labelledby="routines-heading"][aria-busy="false"]').waitFor();
}
