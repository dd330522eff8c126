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

/** Presses Start and answers the safety note a first Start asks (fixtures.ts `pressStart`'s twin). */
export async function pressStart(page: Page): Promise<void> {
	const start = await page.role('button', 'Start');
	await page.until('Start to be ready', () => start.isEnabled());
	await start.click();
	// The first Start in a browser asks the safety note to be read, once.
	const note = await page.role('dialog', 'Before your first session');
	await (await page.role('button', 'I understand, start', note)).click();
	await page.attributeIs('phase', 'data-phase', 'countdown');
}

/** A first visit to the library that stays until the service worker keeps the app. */
export async function visitUntilOfflineReady(page: Page): Promise<void> {
	await page.goto('/');
	await untilListed(page);
	await untilOfflineReady(page);
}
