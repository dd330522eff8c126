/** The library in WebKit: the built-in routines listed, each leading to its player. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startStaticHost, type StaticHost } from '../../scripts/static-host';
import { inWindow, untilListed } from './journey';
import type { WebKit } from './webkit';

const BUILT_IN = [
	['Sciatica relief: lower back and hip decompression', 'sciatica-relief'],
	['Daily unload', 'daily-unload'],
	['Breathe and settle', 'breathe-settle']
] as const;

export function libraryJourney(webkit: WebKit): void {
	let host: StaticHost;
	before(async () => (host = await startStaticHost('build')));
	after(() => host.close());

	test('the library lists the built-in routines, each a link to its player', async () => {
		await inWindow(webkit, host.url, async (page) => {
			await page.goto('/');
			const heading = await page.role('heading', 'Liana');
			assert.equal(await heading.getTagName(), 'h1');
			await untilListed(page);
			const routines = await page.role('region', 'Routines');
			for (const [title, id] of BUILT_IN) {
				const link = await page.role('link', title, routines);
				assert.equal(new URL(await link.getAttribute('href'), host.url).pathname, `/play/${id}`);
			}
			await (await page.role('link', 'Play Daily unload', routines)).click();
			await page.until('the player of Daily unload', async () => {
				return (await page.path()) === '/play/daily-unload' && (await page.text('step-title'));
			});
			assert.equal(await page.text('step-title'), 'Arrive');
		});
	});
}
