import { expect, expectAccessible, test } from './fixtures';

test('the library lists the built-in routines, each a link to its player', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { name: 'Liana', level: 1 })).toBeVisible();
	for (const [title, id] of [
		['Sciatica relief: lower back and hip decompression', 'sciatica-relief'],
		['Daily unload', 'daily-unload'],
		['Breathe and settle', 'breathe-settle']
	]) {
		await expect(page.getByRole('link', { name: title })).toHaveAttribute('href', `/play/${id}`);
	}
	await expect(page.getByText('24 min · 8 steps')).toBeVisible();
	await expect(
		page.getByText(
			'see a qualified professional if pain is severe, sudden, or comes with numbness or weakness'
		)
	).toBeVisible();
	await expectAccessible(page);
});

test('a routine opens from the library and from a deep link reloaded', async ({ page }) => {
	await page.goto('/');
	await page.getByRole('link', { name: 'Daily unload' }).click();
	await expect(page).toHaveURL('/play/daily-unload');
	await expect(page.getByRole('heading', { name: 'Daily unload' })).toBeVisible();
	await page.reload();
	await expect(page.getByTestId('step-title')).toHaveText('Arrive');
	await expect(page.getByRole('button', { name: 'Start' })).toBeVisible();
});

test('an unknown routine says so and leads back to the library', async ({ page }) => {
	await page.goto('/play/no-such-routine');
	await expect(page.getByRole('alert')).toHaveText('There is no routine called "no-such-routine".');
	await expect(page.getByRole('link', { name: 'Back to the library' })).toBeVisible();
	await expectAccessible(page);
});
