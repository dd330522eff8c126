import type { Page } from '@playwright/test';
import {
	endByKey,
	expect,
	expectAccessible,
	passTime,
	test,
	untilOfflineReady,
	pressStart,
	soundReady
} from './fixtures';
import { goodPack } from '../../scripts/hostile-zips';
import { EVENING, importFile, openLibrary, ownSection } from './routine-files';

/** Every request that fails or is answered with an error, from now on: offline, there must be none. */
function failedRequests(page: Page): string[] {
	const failed: string[] = [];
	page.on('requestfailed', (request) => {
		const error = request.failure()?.errorText ?? '';
		// Cancelled because the page moved on (a sound or an icon still loading when the test
		// navigates): not a request the network failed. Chromium and Firefox name it each its way.
		if (error === 'net::ERR_ABORTED' || error === 'NS_BINDING_ABORTED') return;
		failed.push(`${request.url()} ${error}`);
	});
	page.on('response', (response) => {
		if (response.status() >= 400) failed.push(`${response.url()} ${response.status()}`);
	});
	return failed;
}

test('after one visit online, every route and a routine with its sounds work offline', async ({
	clockPage: page,
	context
}) => {
	const failed = failedRequests(page);
	await page.goto('/');
	await expect(page.getByRole('link', { name: 'Daily unload', exact: true })).toBeVisible();
	await untilOfflineReady(page);

	await context.setOffline(true);
	await page.reload();
	await expect(page.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Breathe and settle', exact: true })).toBeVisible();
	await expectAccessible(page);

	// A deep link, loaded cold with no network.
	await page.goto('/play/sciatica-relief');
	await expect(page.getByTestId('step-title')).toHaveText('Settle in');
	// The offline line covers none of the player's header controls.
	const offline = await page.getByRole('status').filter({ hasText: 'Offline' }).boundingBox();
	const tools = page.getByRole('banner').or(page.locator('header')).first().getByRole('button');
	expect(await tools.count()).toBeGreaterThan(0);
	for (const tool of await tools.all()) {
		const box = await tool.boundingBox();
		if (!offline || !box) throw new Error('the offline line or a header button is not laid out');
		expect(box.y >= offline.y + offline.height || box.y + box.height <= offline.y).toBe(true);
	}
	await page.goto('/play/breathe-settle');
	await expect(soundReady(page)).toBeAttached();
	const started = await page.evaluate(() => {
		const log = { count: 0 };
		const start = AudioBufferSourceNode.prototype.start;
		AudioBufferSourceNode.prototype.start = function (this: AudioBufferSourceNode, ...args) {
			if ((this.buffer?.length ?? 0) > 1) log.count++;
			return start.apply(this, args);
		};
		Object.assign(window, { offlineSounds: log });
		return log.count;
	});
	expect(started).toBe(0);
	await pressStart(page);
	// Frame by frame, so each sound is heard as it comes: the countdown and the first breath.
	await page.clock.runFor(8_000);
	await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'breathe');
	const sounds = await page.evaluate(
		() => (window as unknown as { offlineSounds: { count: number } }).offlineSounds.count
	);
	expect(sounds).toBeGreaterThan(3);

	// Back to the library by its link, still offline: the app's navigation waits on timers,
	// which move with the driven clock.
	await endByKey(page);
	await page.getByRole('link', { name: 'Back to the library' }).click();
	await page.clock.runFor(500);
	await expect(page.getByRole('heading', { name: 'Liana', level: 1 })).toBeVisible();
	expect(failed).toEqual([]);

	// A path no page was prerendered for gets the fallback; an id stored nowhere is said so.
	await page.goto('/play/no-such-routine');
	await expect(page.getByRole('alert')).toHaveText('There is no routine called "no-such-routine".');
});

test('a routine imported online plays offline, opened cold from its own address', async ({
	clockPage: page,
	context
}) => {
	const failed = failedRequests(page);
	await openLibrary(page);
	await untilOfflineReady(page);
	await importFile(page, EVENING);
	await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toHaveText(
		'Imported “Evening unwind”.'
	);

	await context.setOffline(true);
	await page.reload();
	await expect(
		ownSection(page).getByRole('link', { name: 'Evening unwind', exact: true })
	).toBeVisible();

	// No page was prerendered for it: the fallback page reads it from IndexedDB.
	await page.goto('/play/evening-unwind');
	await expect(page.getByTestId('step-title')).toHaveText('Settle in');
	await pressStart(page);
	await page.clock.runFor(5_000);
	await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'breathe');
	await passTime(page, 35_000);
	await expect(page.getByTestId('step-title')).toHaveText('Hip opener');
	await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'approach');
	expect(failed).toEqual([]);
});

test('a routine pack is read offline: the reader that runs beside the page was kept too', async ({
	clockPage: page,
	context
}) => {
	const failed = failedRequests(page);
	await openLibrary(page);
	await untilOfflineReady(page);
	await context.setOffline(true);
	await page.reload();
	await expect(page.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();
	await page.getByLabel('Import routine').setInputFiles({
		name: 'hostile.zip',
		mimeType: 'application/zip',
		buffer: Buffer.from(goodPack())
	});
	await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toHaveText(
		'Imported “Hostile” with 1 recorded cue.'
	);
	expect(failed).toEqual([]);
});

test.describe('the network lost on a first visit, before the service worker keeps anything', () => {
	test.use({ serviceWorkers: 'block' });

	test('a part fetched when wanted says it could not be loaded, and the session plays on', async ({
		page
	}) => {
		await page.goto('/play/daily-unload');
		await expect(soundReady(page)).toBeAttached();
		// The network goes: nothing more can be fetched.
		await page.route('**/_app/**', (route) => route.abort('internetdisconnected'));
		await page.keyboard.press('?');
		await expect(page.getByRole('alert')).toHaveText(
			'This part of Liana could not be loaded (is the network gone?). Reload the page once you are online; it then works offline too.'
		);
		await expect(page.getByRole('dialog')).toHaveCount(0);
		await pressStart(page);
		await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
		// Back online: the next ask fetches it, and the message goes.
		await page.unroute('**/_app/**');
		await page.getByRole('button', { name: 'More' }).click();
		await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
		await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
		await expect(page.getByRole('alert')).toHaveCount(0);
	});
});
