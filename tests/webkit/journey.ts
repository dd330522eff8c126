/** What every WebKit journey shares: a fresh window on a page of the app, closed whatever happens. */
import { WebKit } from './webkit';
import { Page } from './page';

/** Opens a window with a fresh profile on `origin`, walks it, and closes it even on failure. */
export async function inWindow(
	webkit: WebKit,
	origin: string,
	walk: (page: Page) => Promise<void>
): Promise<void> {
	const driver = await webkit.open();
	try {
		await walk(new Page(driver, origin));
	} finally {
		await webkit.close(driver);
	}
}

/** Waits until the library has read the person's own routines: the page is live, not only painted. */
export async function untilListed(page: Page): Promise<void> {
	const routines = await page.role('region', 'Routines');
	await page.until(
		'the library to read the routines',
		async () => (await routines.getAttribute('aria-busy')) === 'false'
	);
}

/**
 * Waits until the service worker has cached the app and controls the page, as
 * tests/e2e/fixtures.ts `untilOfflineReady` does: a page loaded while the worker installed can
 * miss its claim, and the next load is controlled, so then it is reloaded once.
 */
export async function untilOfflineReady(page: Page): Promise<void> {
	await page.evaluate(`(async () => {
		const active = (await navigator.serviceWorker.ready).active;
		if (active && active.state !== 'activated') {
			await new Promise((resolve) => active.addEventListener('statechange', () => {
				if (active.state === 'activated') resolve();
			}));
		}
		return true;
	})()`);
	const controlled = async () =>
		page.evaluate<boolean>('navigator.serviceWorker.controller !== null');
	try {
		await page.until('the service worker to control the page', controlled, 5_000);
	} catch {
		await page.reload();
		await page.until('the service worker to control the reloaded page', controlled, 20_000);
	}
}
