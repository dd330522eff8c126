/**
 * A person's first visit to a routine, at every screen size: the check-in and Start in the first
 * screen, what the routine holds below them, the safety note in one line and asked to be read
 * once before the first session, and settings that fit the smallest phone.
 */
import type { Page, TestInfo } from '@playwright/test';
import { endByKey, expect, expectAccessible, soundReady, test } from './fixtures';
import { SCREENS, expectInFirstScreen, expectNoSidewaysOverflow } from './screens';

const ROUTINE = '/play/sciatica-relief';
const SEE_A_PROFESSIONAL =
	'See a qualified professional if pain is severe, sudden, or comes with numbness or weakness.';

const start = (page: Page) => page.getByRole('button', { name: 'Start' });
const checkIn = (page: Page) =>
	page.getByRole('group', { name: 'Pain right now, from 0 (none) to 10 (worst)' });
const note = (page: Page) => page.getByRole('dialog', { name: 'Before your first session' });

async function picture(page: Page, testInfo: TestInfo, name: string): Promise<void> {
	await testInfo.attach(`${name}.jpeg`, {
		body: await page.screenshot({ animations: 'disabled', type: 'jpeg', quality: 70 }),
		contentType: 'image/jpeg'
	});
}

test('a first visit has the check-in and Start in its first screen, and what the routine holds below', async ({
	clockPage: page
}, testInfo) => {
	for (const screen of SCREENS) {
		await page.setViewportSize(screen);
		await page.goto(ROUTINE);
		await expect(start(page)).toBeEnabled();
		await expectInFirstScreen(page, start(page));
		await expectInFirstScreen(page, checkIn(page));
		await expectNoSidewaysOverflow(page);
		await picture(page, testInfo, `first visit ${screen.width}x${screen.height}`);
	}

	// Below Start, what the session holds: its length, what it is for, and each step.
	const holds = page.getByRole('region', { name: '8 steps · 24 min in all' });
	await expect(holds).toContainText('gentle decompression for the lower back and hips');
	await expect(holds.getByRole('listitem')).toHaveCount(8);
	await expect(holds.getByRole('listitem').nth(1)).toContainText('Long spine');

	// The disclaimer once, in one line with its way to the whole note; no word on working sound.
	await expect(soundReady(page)).toBeAttached();
	await expect(page.getByText(/not medical advice/i).filter({ visible: true })).toHaveCount(1);
	await expect(page.getByText(SEE_A_PROFESSIONAL).filter({ visible: true })).toHaveCount(1);
	await expect(page.getByRole('button', { name: 'Read the safety note' })).toBeVisible();
	await expect(page.getByText(/voice guidance ready|loading the voice/i)).toHaveCount(0);
	await expectAccessible(page);
});

test('the safety note is asked for once, before the first session, and not again', async ({
	clockPage: page
}, testInfo) => {
	await page.setViewportSize({ width: 320, height: 568 });
	await page.goto(ROUTINE);
	await start(page).click();
	await expect(note(page)).toBeVisible();
	await expect(note(page)).toContainText(SEE_A_PROFESSIONAL);
	// Playwright's click in Firefox scrolls its target to the middle of the screen; a finger does not.
	await page.evaluate(() => window.scrollTo(0, 0));
	// The whole note and its answer fit the smallest phone, title to button, with no scrolling.
	await expectInFirstScreen(page, note(page).getByRole('heading'));
	await expectInFirstScreen(page, note(page).getByRole('button', { name: 'I understand, start' }));
	await expectNoSidewaysOverflow(page);
	await picture(page, testInfo, 'safety note 320x568');
	await expectAccessible(page);

	// Not now: nothing starts, and the next Start asks again.
	await note(page).getByRole('button', { name: 'Not now' }).click();
	await expect(note(page)).toBeHidden();
	await expect(page.locator('[data-mode="idle"]')).toBeAttached();
	await start(page).click();
	await note(page).getByRole('button', { name: 'I understand, start' }).click();
	await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
	await endByKey(page);

	// Read once: neither this routine again nor another asks it.
	for (const path of [ROUTINE, '/play/daily-unload']) {
		await page.goto(path);
		await start(page).click();
		await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
		await expect(note(page)).toHaveCount(0);
		await endByKey(page);
	}
	// It is still one tap away: the line's button opens it to read, with one way out.
	await page.goto(ROUTINE);
	await page.getByRole('button', { name: 'Read the safety note' }).click();
	const safety = page.getByRole('dialog', { name: 'Safety' });
	await expect(safety).toContainText(SEE_A_PROFESSIONAL);
	await expect(safety.getByRole('button')).toHaveText(['Close']);
});

test('settings fit every screen: every control inside the dialog, lined up, and one way to close', async ({
	clockPage: page
}, testInfo) => {
	await page.goto(ROUTINE);
	for (const screen of SCREENS) {
		await page.setViewportSize(screen);
		await page.getByRole('button', { name: 'Settings' }).click();
		const dialog = page.getByRole('dialog', { name: 'Settings' });
		await expect(dialog).toBeVisible();
		await expectNoSidewaysOverflow(page);
		const where = `${screen.width}×${screen.height}`;
		const edges = await dialog.evaluate((element) => {
			const box = element.getBoundingClientRect();
			const controls = [...element.querySelectorAll('input, select, button')];
			return {
				outside: controls
					.filter((control) => {
						const own = control.getBoundingClientRect();
						return own.left < box.left || own.right > box.right;
					})
					.map((control) => control.outerHTML.slice(0, 60)),
				// The switches and the choices end on one line, so they read as one column.
				rightEdges: [
					...new Set(
						[...element.querySelectorAll('[role="switch"], select')].map((control) =>
							Math.round(control.getBoundingClientRect().right)
						)
					)
				]
			};
		});
		expect(edges.outside, `${where}: controls past the dialog`).toEqual([]);
		expect(edges.rightEdges, `${where}: switches and choices out of line`).toHaveLength(1);
		await expect(dialog.getByRole('button')).toHaveText(['Done']);
		if (screen.width <= 390)
			await picture(page, testInfo, `settings ${screen.width}x${screen.height}`);
		await dialog.getByRole('button', { name: 'Done' }).click();
		await expect(dialog).toBeHidden();
	}

	// Each switch says what it does; the storage line speaks plainly.
	await page.getByRole('button', { name: 'Settings' }).click();
	const dialog = page.getByRole('dialog', { name: 'Settings' });
	for (const name of ['Voice guidance', 'Chimes', 'Coach controls']) {
		await expect(dialog.getByRole('switch', { name })).toHaveAccessibleDescription(/\w/);
	}
	await expect(dialog.getByRole('slider', { name: 'Volume' })).toBeVisible();
	await expect(dialog.getByTestId('storage-persistence')).toContainText('on this device');
	await expect(dialog).not.toContainText(/not guaranteed|saved data/i);
	await expectAccessible(page);
	await dialog.getByLabel('Theme').selectOption('light');
	await expectAccessible(page);
});
