/**
 * A part fetched when first wanted, in WebKit: with the network gone it says it could not be
 * loaded and the session plays on; with the network back, the next ask fetches it. Plain
 * WebDriver cannot intercept requests, so the host itself refuses them, as a lost network does.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startStaticHost } from '../../scripts/static-host';
import { inWindow, pressStart } from './journey';
import type { Page } from './page';
import type { WebKit } from './webkit';

const NOT_LOADED =
	'This part of Liana could not be loaded (is the network gone?). Reload the page once you are online; it then works offline too.';

/** The app's own files, named by their content: all a part fetched later needs. */
const appFiles = (path: string) => path.startsWith('/_app/immutable/');
/**
 * The service worker, refused throughout: one that installed would answer the part from its
 * cache, and the network's loss would not be seen at all.
 */
const worker = (path: string) => path === '/service-worker.js';

/** The shown alerts' words: a part not fetched is said in one of them. */
async function alerts(page: Page): Promise<string[]> {
	const shown = await page.allByRole('alert', /.*/);
	return Promise.all(shown.map((alert) => alert.getText()));
}

export function lazyJourney(webkit: WebKit): void {
	test('a part fetched when wanted says it could not be loaded, the session plays on, and it is fetched once the network is back', async () => {
		const host = await startStaticHost('build');
		host.refuse(worker);
		try {
			await inWindow(webkit, host.url, async (page) => {
				await page.goto('/play/daily-unload');
				const start = await page.role('button', 'Start');
				await page.until('Start to be ready', () => start.isEnabled());
				// The sounds fetched: the page has everything it fetches by itself.
				await page.until('the sounds to be fetched', async () => {
					return (await page.driver.findElements({ css: '[data-sound="ready"]' })).length > 0;
				});
				const unserved = await page.evaluate<boolean>(
					`navigator.serviceWorker.getRegistration().then((found) => found === undefined && navigator.serviceWorker.controller === null)`
				);
				assert.equal(unserved, true, 'a service worker was installed, and would hold the part');

				// The network goes: nothing more of the app can be fetched.
				host.refuse((path) => appFiles(path) || worker(path));
				await page.press('?');
				await page.until('the part to be said not loaded', async () =>
					(await alerts(page)).includes(NOT_LOADED)
				);
				assert.deepEqual(await page.allByRole('dialog', /.*/), [], 'a dialog opened');

				await pressStart(page);
				await page.role('button', 'Pause');

				// Back online: the next ask fetches it, and the message goes.
				host.refuse(worker);
				await (await page.role('button', 'More')).click();
				await (await page.role('button', 'Keyboard shortcuts')).click();
				await page.role('dialog', 'Keyboard shortcuts');
				assert.deepEqual(await alerts(page), []);
			});
		} finally {
			await host.close();
		}
	});
}
