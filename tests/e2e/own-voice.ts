/** Steps shared by the journeys of the coach's own voice. */
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

/** The line under the player's controls that says what sounds. */
export const soundStatus = (page: Page) => page.getByTestId('sound-status');

/** The player's one polite live region. */
export const announcement = (page: Page) => page.locator('[aria-live="polite"]');

/** Opens "Your voice" on an own routine's player, where a coach records. */
export async function openYourVoice(page: Page): Promise<Locator> {
	await page.locator('summary', { hasText: 'Your voice' }).click();
	const voice = page.getByRole('region', { name: 'Your voice' });
	await expect(voice.getByRole('button', { name: 'Record Get ready, every step' })).toBeVisible();
	return voice;
}
