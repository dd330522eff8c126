/**
 * On a touch screen: a phone or tablet, where keys are no help and every control is a button.
 * Its own file: Firefox learns its pointer from a launch setting, which needs a worker of its own.
 */
import { expect, expectAccessible, passTime, test } from './fixtures';
import { expectSessionOnly } from './studio-room';
import { expectNoSidewaysOverflow } from './screens';

const STUDIO = '/play/daily-unload?view=studio';

test.use({ hasTouch: true, viewport: { width: 390, height: 844 } });
// Firefox takes its pointer from its settings, not from hasTouch: a finger, coarse, no hover.
test.use({
	launchOptions: [
		async ({ browserName, launchOptions }, use) => {
			if (browserName !== 'firefox') return use(launchOptions);
			const finger = { 'ui.primaryPointerCapabilities': 1, 'ui.allPointerCapabilities': 1 };
			await use({
				...launchOptions,
				firefoxUserPrefs: { ...launchOptions.firefoxUserPrefs, ...finger }
			});
		},
		{ scope: 'worker' }
	]
});

test('a phone shows no key hints, in the player or the studio view', async ({
	clockPage: page
}) => {
	await page.goto('/play/daily-unload');
	await expect(page.getByRole('button', { name: 'Start' })).toBeEnabled();
	await page.getByRole('button', { name: 'More' }).click();
	await expect(page.getByRole('button', { name: 'Safety', exact: true })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Keyboard shortcuts' })).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Studio display' })).toHaveCount(0);

	await page.goto(STUDIO);
	await expect(page.getByRole('button', { name: 'Start' })).toBeVisible();
	await expectSessionOnly(page);
	await page.getByRole('button', { name: 'Start' }).click();
	await passTime(page, 7_000);
	await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'breathe');
	await expectSessionOnly(page);
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Pause' }).click();
	await expect(page.getByText('Paused', { exact: true })).toBeVisible();
	await page.getByRole('button', { name: 'Resume' }).click();
	await page.getByRole('button', { name: 'Flare' }).click();
	await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'release');
	await expectNoSidewaysOverflow(page);
});
