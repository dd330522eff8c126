/** Offline after the first visit in WebKit: the site's server stopped, the app still opens. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startStaticHost } from '../../scripts/static-host';
import { inWindow, untilListed, untilOfflineReady } from './journey';
import type { WebKit } from './webkit';

export function offlineJourney(webkit: WebKit): void {
	test('after one visit, the library and a routine open with the server stopped', async () => {
		const host = await startStaticHost('build');
		try {
			await inWindow(webkit, host.url, async (page) => {
				await page.goto('/');
				await untilListed(page);
				await untilOfflineReady(page);

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
				const start = await page.role('button', 'Start');
				await page.until('Start to be ready', () => start.isEnabled());
				await start.click();
				const note = await page.role('dialog', 'Before your first session');
				await (await page.role('button', 'I understand, start', note)).click();
				await page.attributeIs('phase', 'data-phase', 'countdown');
				await page.role('button', 'Pause');
			});
		} finally {
			// Stopped already when the journey got that far; closing again does nothing.
			await host.close();
		}
	});
}
