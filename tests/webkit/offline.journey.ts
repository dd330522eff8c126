/** Offline after the first visit in WebKit: the site's server stopped, the app still opens. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startStaticHost } from '../../scripts/static-host';
import { inWindow, pressStart, untilListed, visitUntilOfflineReady } from './journey';
import type { WebKit } from './webkit';

export function offlineJourney(webkit: WebKit): void {
	test('after one visit, the library and a routine open with the server stopped', async () => {
		const host = await startStaticHost('build');
		try {
			await inWindow(webkit, host.url, async (page) => {
				await visitUntilOfflineReady(page);

				await host.close();
				const reached = await fetch(host.url).then(
					() => true,
					() => false
				);
				assert.equal(reached, false, 'the server still answers after it was stopped');
				await page.reload();
				await untilListed(page);
				await page.role('link', 'Breathe and settle');

				// A routine's address loaded cold, with nothing to answer but the service worker.
				await page.goto('/play/sciatica-relief');
				await page.until(
					'the routine',
					async () => (await page.text('step-title')) === 'Settle in'
				);
				await pressStart(page);
				await page.role('button', 'Pause');
			});
		} finally {
			// Stopped already when the journey got that far; closing again does nothing.
			await host.close();
		}
	});
}
