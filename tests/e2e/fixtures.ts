/** Shared fixtures for the journeys: a page whose clock the test drives, and an axe check. */
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';

const drivenClocks = new WeakSet<Page>();

export const test = base.extend<{ clockPage: Page }>({
	// Time is driven by the test (page.clock), never waited for.
	clockPage: async ({ page }, use) => {
		await driveClock(page);
		await use(page);
	}
});

/** Puts a page's clock in the test's hands (a second browser's page, say), as `clockPage` has. */
export async function driveClock(page: Page, startMs = Date.UTC(2026, 10, 25, 9, 0, 0)) {
	await page.clock.install({ time: startMs });
	// An installed clock still flows by itself; paused, it moves only when the test says.
	await page.clock.pauseAt(startMs + 1_000);
	drivenClocks.add(page);
}

/**
 * Marks another page of a driven page's context (a popup, a second window) as driven too: the
 * clock belongs to the whole context, so axe must let it flow there as well.
 */
export function drivenAlike(page: Page): void {
	drivenClocks.add(page);
}

/**
 * Checks a page with axe. axe needs timers: a driven clock flows while it looks (a fraction of a
 * second), then pauses again, so check accessibility after the time-exact assertions of a moment.
 */
export async function expectAccessible(page: Page): Promise<void> {
	const driven = drivenClocks.has(page);
	if (driven) await page.clock.resume();
	const results = await new AxeBuilder({ page }).analyze();
	if (driven) await pauseAgain(page);
	const problems = results.violations.map(
		(v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`
	);
	expect(problems).toEqual([]);
}

/**
 * Pauses a flowing driven clock a moment ahead. On a busy machine the moment can pass before
 * the pause lands ("cannot fast-forward to the past"): then aim further ahead.
 */
async function pauseAgain(page: Page): Promise<void> {
	for (const aheadMs of [500, 2_000, 10_000]) {
		try {
			await page.clock.pauseAt((await page.evaluate(() => Date.now())) + aheadMs);
			return;
		} catch (error) {
			if (!String(error).includes('past')) throw error;
		}
	}
	throw new Error('the page clock could not be paused again after the accessibility check');
}

/**
 * Waits until the service worker has installed everything and controls the page. Installing
 * caches the whole app, which takes a while on a busy machine, hence the longer wait.
 */
export async function untilOfflineReady(page: Page): Promise<void> {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await expect
		.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), {
			timeout: 20_000
		})
		.toBe(true);
}

export { expect };
