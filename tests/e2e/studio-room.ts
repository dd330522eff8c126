/** What the studio display, seen by a room across it, may show: the session, nothing else. */
import { expect, type Page } from '@playwright/test';

/** Words for the keyboard or the pairing of windows, which the room has no use for. */
const NOT_FOR_THE_ROOM =
	/\bpress\b|\bSpace\b|\bEsc\b|all keys|Keyboard shortcuts|Following the controls|display window|Display connected|connected/i;

/** Fails unless the big screen shows the session only: no key hints, no pairing status. */
export async function expectSessionOnly(page: Page): Promise<void> {
	expect(await page.locator('body').innerText()).not.toMatch(NOT_FOR_THE_ROOM);
	await expect(page.locator('kbd:visible')).toHaveCount(0);
}
