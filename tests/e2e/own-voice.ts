/** Steps shared by the journeys of the coach's own voice. */
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

/** The line under the player's controls that says what sounds. */
export const soundStatus = (page: Page) => page.getByTestId('sound-status');

/** The screen's one polite live region. */
export const announcement = (page: Page) => page.locator('[aria-live="polite"]');

/** Opens an own routine in the editor, where a coach records: the routine's own cues. */
export async function openYourVoice(page: Page, routineId: string): Promise<Locator> {
	await page.goto(`/edit/${routineId}`);
	const voice = page.getByRole('region', { name: 'Your voice for every step' });
	await expect(voice.getByRole('button', { name: 'Record Get ready, every step' })).toBeVisible();
	return voice;
}
