import { expect, test } from './fixtures';

const ELSEWHERE =
	'A session is already playing in another tab or window of Liana. Two at once talk over each other: stop the other one first, or close this tab.';

test('two tabs: the second says a session plays in the first, and never takes it for cut off', async ({
	page,
	context
}) => {
	await page.goto('/play/daily-unload');
	await expect(page.getByText('Voice guidance ready.')).toBeVisible();
	await page.getByRole('button', { name: 'Start' }).click();
	await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();

	const second = await context.newPage();
	await second.goto('/play/daily-unload');
	await expect(second.getByText(ELSEWHERE)).toBeVisible();
	// The first tab's session is live: no offer to resume it here, and nothing said of it.
	await expect(second.getByRole('button', { name: 'Resume' })).toHaveCount(0);
	await expect(page.getByText(ELSEWHERE)).toHaveCount(0);

	// The library does not offer it as cut off either.
	const library = await context.newPage();
	await library.goto('/');
	await expect(library.getByRole('link', { name: /Daily unload/ }).first()).toBeVisible();
	await expect(library.getByText('A session was cut off')).toHaveCount(0);
	await library.close();

	// The first one stops: the second has nothing more to say.
	await page.keyboard.press('Escape');
	await expect(page.getByRole('button', { name: 'Start again' })).toBeVisible();
	await expect(second.getByText(ELSEWHERE)).toHaveCount(0);
});
