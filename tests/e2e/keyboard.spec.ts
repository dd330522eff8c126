import type { Locator, Page } from '@playwright/test';
import { endByKey, expect, passTime, test } from './fixtures';
import { openLibrary } from './routine-files';

/** Presses Tab until `target` has focus, as a keyboard-only person would; fails if it never does. */
async function tabTo(page: Page, target: Locator, most = 80): Promise<void> {
	for (let i = 0; i < most; i++) {
		if (await target.evaluate((element) => element === document.activeElement)) return;
		await page.keyboard.press('Tab');
	}
	throw new Error(`Tab never reached ${String(target)}`);
}

test('a whole session by keyboard alone, told through one polite live region', async ({
	clockPage: page
}) => {
	await openLibrary(page);
	await tabTo(page, page.getByRole('link', { name: /^Breathe and settle/ }).first());
	await page.keyboard.press('Enter');
	await page.clock.runFor(500);
	const start = page.getByRole('button', { name: 'Start' });
	await tabTo(page, start);
	await page.keyboard.press('Enter');
	// Before the first session the safety note asks to be read, its answer already in focus.
	const note = page.getByRole('dialog', { name: 'Before your first session' });
	await expect(note.getByRole('button', { name: 'I understand, start' })).toHaveFocus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();

	// One polite region speaks for the session: phase changes, not each second.
	const live = page.locator('[aria-live="polite"]');
	await expect(live).toHaveCount(1);
	await passTime(page, 5_200);
	const phase = (await live.textContent()) ?? '';
	expect(phase).toMatch(/^Breathe/);
	for (let second = 0; second < 3; second++) {
		await page.clock.runFor(1_000);
		await expect(live).toHaveText(phase);
	}

	// Pause and resume, a flare and its choices, and the end: keys and Tab only.
	await page.keyboard.press('Space');
	await expect(page.getByRole('button', { name: 'Resume' })).toHaveFocus();
	await page.keyboard.press('Space');
	await page.keyboard.press('f');
	await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'release');
	await expect(live).toHaveText(/^Flare noted/);
	// The choices are a Tab away from their heading, and focus stays where Tab put it while the
	// release runs on (it used to be pulled back to the heading at every frame).
	await expect(page.getByRole('heading', { name: 'What next?' })).toHaveFocus();
	const skip = page.getByRole('button', { name: 'Skip step' });
	await tabTo(page, skip);
	await page.clock.runFor(2_000);
	await expect(skip).toHaveFocus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
	await endByKey(page);
	// The end: focus on its heading, the summary read from there; the check-in and Start again
	// are Tabs away, and focus stays on what the person reached while they take their time.
	await expect(page.getByRole('heading', { level: 2, name: 'Session stopped' })).toHaveFocus();
	const pain = page.getByRole('group', { name: /^Pain right now/ });
	await tabTo(page, pain.getByRole('radio', { name: '0', exact: true }));
	await page.clock.runFor(2_000);
	await page.keyboard.press('ArrowRight');
	await expect(pain.getByRole('radio', { name: '1', exact: true })).toBeChecked();
	await expect(pain.getByRole('radio', { name: '1', exact: true })).toHaveFocus();
	await page.clock.runFor(2_000);
	await expect(pain.getByRole('radio', { name: '1', exact: true })).toHaveFocus();
	await tabTo(page, page.getByRole('button', { name: 'Start again' }));
});

test('the editor by keyboard alone: a routine written, a step added and moved, saved', async ({
	page
}) => {
	// Every field reached by Tab, one key at a time: 15 s of a 30 s limit on CI's two cores.
	test.setTimeout(60_000);
	await openLibrary(page);
	await tabTo(page, page.getByRole('link', { name: 'New routine' }));
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Untitled routine');
	await tabTo(page, page.getByLabel('Title', { exact: true }).first());
	await page.keyboard.type('Keys only');
	for (const add of [/Add breathing/, /Add rest/]) {
		await tabTo(page, page.getByRole('button', { name: add }));
		await page.keyboard.press('Enter');
	}
	// Adding a step takes focus to its title.
	await expect(page.locator('#f-steps-1-title')).toHaveFocus();
	await page.keyboard.type('Last rest');
	await page.keyboard.press('Alt+ArrowUp');
	await expect(page.locator('#f-steps-0-title')).toHaveValue('Last rest');
	// The Save at the form's end, reached forward: Tab past a page's last control leaves the page
	// for Firefox's own toolbar, which headless Firefox never gives back.
	await tabTo(page, page.getByRole('button', { name: 'Save to library' }).last());
	await page.keyboard.press('Enter');
	await expect(page.getByText('Saved “Keys only” to your library.')).toBeAttached();
	await expect(page).toHaveURL(/\/edit\/keys-only$/);
});
