import type { Page } from '@playwright/test';
import { parseCsv } from '../../src/lib/history/csv-reader';
import {
	endByKey,
	expect,
	expectAccessible,
	passTime,
	test,
	untilOfflineReady,
	pressStart
} from './fixtures';
import { storeRecords } from './stored';
import { savedFile } from './downloads';

// The sessions' times are shown in the person's zone and locale: one of each, so the test reads
// the same anywhere.
test.use({ timezoneId: 'Europe/London', locale: 'en-GB' });

/** Follows an in-app link: the app's navigation waits on timers, which move with the clock. */
async function follow(page: Page, name: string | RegExp) {
	await page.getByRole('link', { name }).click();
	await page.clock.runFor(500);
}

/** Plays breathe-settle to its end with a pain check-in of 6 before and 3 after. */
async function playBreatheSettle(page: Page) {
	await page.goto('/play/breathe-settle');
	await page
		.getByRole('region', { name: /Before you start/ })
		.getByRole('radio', { name: '6' })
		.check();
	await pressStart(page);
	await passTime(page, 337_000);
	await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'done');
	await expect(page.getByText('This session is kept in your history.')).toBeVisible();
	const after = page.getByRole('region', { name: /How are you now/ });
	await after.getByRole('radio', { name: '3' }).check();
	await expect(after.getByRole('radio', { name: '3' })).toBeChecked();
	// Leaving before the answer is stored would lose it: the page says when it is.
	await expect(after.getByText('✓ Saved')).toBeVisible();
}

/**
 * Plays daily-unload: a flare 40 s into "Long spine" (round 1, soften), the step skipped,
 * then stopped in the next step.
 */
async function playFlaredDailyUnload(page: Page) {
	await page.goto('/play/daily-unload');
	await pressStart(page);
	// Countdown 5 s, "Arrive" 50 s, a rest of 15 s: "Long spine" starts at 70 s; soften at 108 s.
	await passTime(page, 110_000);
	await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'soften');
	await page.getByRole('button', { name: /^Flare/ }).click();
	await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'release');
	await page.getByRole('button', { name: 'Skip step' }).click();
	await page.clock.runFor(5_000);
	await endByKey(page);
	await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'done');
	await expect(page.getByText('This session is kept in your history.')).toBeVisible();
}

test('played sessions are in the history with outcome and flares; detail, CSV export, clear', async ({
	clockPage: page
}) => {
	// Two whole sessions, then three screens: 15 to 30 s on a shared machine, so room to spare.
	test.setTimeout(90_000);
	await playBreatheSettle(page);
	await playFlaredDailyUnload(page);
	// Through the app's own links (no reload: the last check-in write is not cut short).
	await follow(page, 'Back to the library');
	await follow(page, 'History');
	await expect(page.getByRole('link', { name: 'History' })).toHaveAttribute('aria-current', 'page');
	await page.reload();

	const sessions = page.getByRole('region', { name: 'Sessions (2)' }).getByRole('listitem');
	const newest = sessions.filter({ hasText: 'Daily unload' }).first();
	await expect(sessions.first()).toContainText('Daily unload');
	await expect(newest).toContainText('Stopped');
	await expect(newest).toContainText('1 flare');
	await expect(newest).toContainText('Flare: Long spine, round 1, Soften');
	const first = sessions.filter({ hasText: 'Breathe and settle' }).first();
	await expect(first).toContainText('Completed');
	await expect(first).toContainText('Wed 25 Nov, 09:00–09:05');
	await expect(first).toContainText('4 steps completed');
	await expect(first).toContainText('Pain 6 before, 3 after');
	const progress = page.getByRole('region', { name: 'Your progress' });
	await expect(progress).toContainText('2 sessions: keep going');
	await expect(progress).toContainText('2 sessions this week');
	await expect(progress.getByRole('table', { name: /Sessions each week/ })).toContainText(
		'23 Nov (this week)2'
	);
	await expect(
		progress.getByRole('table', { name: /Pain before and after/ }).getByRole('row')
	).toHaveText(['SessionBeforeAfter', 'Wed 25 Nov63']);
	await expect(progress.getByRole('row', { name: /Long spine/ })).toContainText('Daily unload1');
	await expectAccessible(page);

	// The detail, and the same detail on a reload of its address.
	await newest.getByRole('link', { name: /^Daily unload, Wed 25 Nov/ }).click();
	await page.clock.runFor(500);
	await expect(page).toHaveURL(/\/history\?session=\d+$/);
	const heading = page.getByRole('heading', { level: 1 });
	await expect(heading).toHaveText('Daily unload');
	await expect(heading).toHaveFocus();
	const steps = page.getByRole('region', { name: 'Steps (6)' }).getByRole('listitem');
	await expect(steps.nth(0)).toContainText(/Arrive\s*Completed/);
	await expect(steps.nth(1)).toContainText(/Long spine\s*Skipped · 1 flare/);
	await expect(steps.nth(2)).toContainText(/Hip opener \(left\)\s*Stopped here/);
	await expect(steps.nth(5)).toContainText(/Stillness\s*Not reached/);
	const flare = page.getByRole('region', { name: 'Flares (1)' }).getByRole('listitem');
	await expect(flare).toContainText('Long spine');
	await expect(flare).toContainText(/Soften, round 1, in the first minute, at 09:0\d/);
	await expect(flare).toContainText('Then: step skipped');
	await expectAccessible(page);
	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Daily unload');
	await expect(page.getByRole('region', { name: 'Flares (1)' })).toContainText('Long spine');

	await follow(page, 'All sessions');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('History');
	await expect(page.getByRole('heading', { level: 1 })).toHaveFocus();

	// CSV: one row per session, newest first.
	const csv = await savedFile(page, () =>
		page.getByRole('button', { name: 'Download a spreadsheet copy' }).click()
	);
	expect(csv.name).toBe('liana-history-2026-11-25.csv');
	const text = csv.text;
	const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ''));
	expect(header).toEqual([
		'start',
		'end',
		'routine id',
		'routine title',
		'outcome',
		'steps completed',
		'steps skipped',
		'flares',
		'pain before',
		'pain after',
		'leg before',
		'leg after',
		'flare details',
		'note',
		'coach adjustments'
	]);
	expect(rows).toHaveLength(2);
	expect(rows[0]?.slice(2, 12)).toEqual([
		'daily-unload',
		'Daily unload',
		'Stopped',
		'1',
		'1',
		'1',
		'',
		'',
		'',
		''
	]);
	expect(rows[0]?.[12]).toMatch(
		/^Long spine, round 1, Soften, 40 s into the step, at 09:0\d: Step skipped$/
	);
	// No note and no coach's adjustments in these sessions: the appended cells stay empty.
	expect(rows[0]?.slice(13)).toEqual(['', '']);
	expect(rows[1]?.slice(0, 12)).toEqual([
		'2026-11-25 09:00',
		'2026-11-25 09:05',
		'breathe-settle',
		'Breathe and settle',
		'Completed',
		'4',
		'0',
		'0',
		'6',
		'3',
		'',
		''
	]);
	await expect(page.getByRole('main')).toContainText(
		'Saved a spreadsheet copy of 2 sessions to your downloads.'
	);

	// JSON: the stored sessions.
	const json = await savedFile(page, () =>
		page.getByRole('button', { name: 'Download a full copy' }).click()
	);
	expect(json.name).toBe('liana-history-2026-11-25.json');
	const stored = JSON.parse(json.text) as {
		sessions: { routineId: string; record: { flares: { stepId: string }[] } }[];
	};
	expect(stored.sessions.map((s) => s.routineId)).toEqual(['daily-unload', 'breathe-settle']);
	expect(stored.sessions[0]?.record.flares.map((f) => f.stepId)).toEqual(['long-spine']);

	// Clear, after a confirmation.
	await page.getByRole('button', { name: 'Clear history…' }).click();
	const dialog = page.getByRole('dialog', { name: 'Delete your whole history?' });
	await expect(dialog).toContainText('All 2 sessions');
	await expectAccessible(page);
	await dialog.getByRole('button', { name: 'Delete every session' }).click();
	await expect(page.getByRole('main')).toContainText('History cleared: 2 sessions deleted.');
	await expect(page.getByRole('heading', { name: 'No sessions yet' })).toBeVisible();
	await page.reload();
	await expect(page.getByRole('heading', { name: 'No sessions yet' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Choose a routine in the library' })).toBeVisible();
	await expectAccessible(page);
});

test('the clear can be called off, and a clear the browser refuses keeps every session', async ({
	clockPage: page
}) => {
	await page.goto('/play/breathe-settle');
	await pressStart(page);
	await passTime(page, 20_000);
	await endByKey(page);
	await expect(page.getByText('This session is kept in your history.')).toBeVisible();
	// The browser's storage refuses to delete, as a broken or full disk can.
	await page.addInitScript(() => {
		IDBObjectStore.prototype.clear = function () {
			throw new DOMException('refused', 'UnknownError');
		};
	});
	await page.goto('/history');
	const sessions = page.getByRole('region', { name: 'Sessions (1)' });
	await expect(sessions).toContainText('Stopped');

	await page.getByRole('button', { name: 'Clear history…' }).click();
	await page.getByRole('button', { name: 'Keep my history' }).click();
	await expect(page.getByRole('dialog')).toBeHidden();
	await expect(sessions).toContainText('Breathe and settle');

	await page.getByRole('button', { name: 'Clear history…' }).click();
	await page.getByRole('button', { name: 'Delete every session' }).click();
	await expect(page.getByRole('alert')).toHaveText(
		'The history was not cleared: The browser would not save here just now; nothing changed. Reload the page and try again. Your sessions are all still here.'
	);
	await expect(sessions).toContainText('Breathe and settle');
	await page.reload();
	await expect(page.getByRole('region', { name: 'Sessions (1)' })).toContainText(
		'Breathe and settle'
	);
});

test('a browser that keeps nothing (private mode): the history says why and still works', async ({
	clockPage: page
}) => {
	await page.addInitScript(() => {
		Object.defineProperty(window, 'indexedDB', { value: undefined });
	});
	await page.goto('/history');
	await expect(page.getByRole('alert')).toContainText('private browsing');
	await expect(page.getByRole('heading', { name: 'No sessions yet' })).toBeVisible();
	await expect(page.getByText('This browser is not keeping anything for Liana')).toBeVisible();
	await expectAccessible(page);
	await follow(page, 'Choose a routine in the library');
	await expect(page.getByRole('link', { name: 'Daily unload', exact: true })).toBeVisible();
});

test('the site nav marks the page it is on, and stays off the player', async ({
	clockPage: page
}) => {
	await page.goto('/');
	const nav = page.getByRole('navigation', { name: 'Liana' });
	await expect(nav.getByRole('link', { name: 'Library' })).toHaveAttribute('aria-current', 'page');
	await expect(nav.getByRole('link', { name: 'History' })).not.toHaveAttribute('aria-current');
	await nav.getByRole('link', { name: 'History' }).click();
	await page.clock.runFor(500);
	await expect(page).toHaveURL(/\/history$/);
	await expect(nav.getByRole('link', { name: 'History' })).toHaveAttribute('aria-current', 'page');
	await expect(nav.getByRole('link', { name: 'Library' })).not.toHaveAttribute('aria-current');
	await page.goto('/play/daily-unload');
	await expect(page.getByRole('button', { name: 'Start' })).toBeVisible();
	await expect(page.getByRole('navigation')).toHaveCount(0);
});

test('a session detail opens offline from its address, after one visit', async ({
	clockPage: page,
	context
}) => {
	await page.goto('/play/breathe-settle');
	await pressStart(page);
	await passTime(page, 20_000);
	await endByKey(page);
	await expect(page.getByText('This session is kept in your history.')).toBeVisible();
	await page.goto('/history');
	const link = page.getByRole('link', { name: /^Breathe and settle, / });
	const href = await link.getAttribute('href');
	expect(href).toMatch(/^\/history\?session=\d+$/);
	await untilOfflineReady(page);

	await context.setOffline(true);
	await page.goto(href ?? '');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Breathe and settle');
	await expect(page.getByRole('region', { name: 'Steps (4)' })).toContainText('Stopped here');
});

test('a long history shows the newest sessions a page at a time, focus following', async ({
	clockPage: page
}) => {
	await page.goto('/history');
	await expect(page.getByRole('heading', { name: 'No sessions yet' })).toBeVisible();
	// 120 sessions a day apart, as if stored over four months of use.
	await storeRecords(
		page,
		'sessions',
		Array.from({ length: 120 }, (_, k) => {
			const i = k + 1;
			const startedAtEpochMs = Date.UTC(2026, 6, 1, 8) + i * 86_400_000;
			const endedAtEpochMs = startedAtEpochMs + 6 * 60_000;
			return {
				routineId: 'breathe-settle',
				routineTitle: `Session ${i}`,
				stepTitles: ['Arrive'],
				startedAtEpochMs,
				endedAtEpochMs,
				outcome: 'completed',
				record: {
					steps: [{ id: 'arrive', status: 'completed', flares: 0, retried: false }],
					flares: [],
					startedAtEpochMs,
					endedAtEpochMs,
					outcome: 'completed'
				}
			};
		})
	);
	await page.reload();
	await page.clock.runFor(500);
	const list = page.getByRole('region', { name: 'Sessions (120)' });
	const links = list.getByRole('list').first().getByRole('link');
	await expect(links).toHaveCount(50);
	await expect(links.first()).toHaveText('Session 120');
	await expect(list).toContainText('Showing the newest 50 of 120.');
	await list.getByRole('button', { name: 'Show 50 older sessions' }).click();
	await expect(links).toHaveCount(100);
	await expect(links.nth(50)).toHaveText('Session 70');
	await expect(links.nth(50)).toHaveFocus();
	await page.keyboard.press('Shift+Tab');
	await expect(links.nth(49)).toHaveFocus();
	await list.getByRole('button', { name: 'Show 20 older sessions' }).click();
	await expect(links).toHaveCount(120);
	await expect(links.last()).toHaveText('Session 1');
	await expect(list.getByRole('button')).toHaveCount(0);
	await expectAccessible(page);
});
