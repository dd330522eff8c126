import { chromium, expect, test } from '@playwright/test';
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { endByKey, expectAccessible, pressStart } from './fixtures';
import { chromiumPath } from '../../scripts/browser-paths';
import { startStaticHost, type StaticHost } from '../../scripts/static-host';

/** Builds the app as version `name` into its own folder. */
function buildVersion(name: string): string {
	const dir = resolve(`build-${name}`);
	rmSync(dir, { recursive: true, force: true });
	execSync('npx vite build', {
		env: { ...process.env, LIANA_VERSION: name, LIANA_BUILD_DIR: dir },
		stdio: 'ignore'
	});
	return dir;
}

test.describe('a new deployment', () => {
	test.describe.configure({ mode: 'serial', timeout: 180_000 });
	let first = '';
	let second = '';
	let host: StaticHost;

	test.beforeAll(() => {
		first = buildVersion('update-a');
		second = buildVersion('update-b');
	});
	test.afterAll(async () => {
		await host?.close();
		rmSync(first, { recursive: true, force: true });
		rmSync(second, { recursive: true, force: true });
	});

	test('shows an update notice that waits for the session to end, then applies on request', async ({
		page
	}) => {
		host = await startStaticHost(first);
		await page.goto(`${host.url}/play/daily-unload`);
		await page.evaluate(() => navigator.serviceWorker.ready);
		await expect
			.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
			.toBe(true);
		await pressStart(page);
		await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'countdown');

		host.deploy(second);
		// Coming back to the page asks for an update, as a person returning to the tab would.
		await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
		await expect
			.poll(
				() =>
					page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting),
				{
					timeout: 30_000
				}
			)
			.toBe(true);
		const notice = page.getByRole('status', { name: 'Update ready' });
		// Never during a session: the notice waits, and the session goes on.
		await page.waitForTimeout(500);
		await expect(notice).toHaveCount(0);
		await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();

		await endByKey(page);
		await expect(notice).toBeVisible();
		await expect(notice).toContainText('A new version of Liana is ready.');
		await expectAccessible(page);
		// The new version takes over and the page reloads where it was.
		await Promise.all([
			page.waitForEvent('load'),
			notice.getByRole('button', { name: 'Update now' }).click()
		]);
		expect(page.url()).toBe(`${host.url}/play/daily-unload`);
		await expect
			.poll(
				() =>
					page.evaluate(async () =>
						(await caches.keys()).filter((k) => k.startsWith('liana-app-'))
					),
				{
					timeout: 15_000
				}
			)
			.toEqual(['liana-app-update-b']);
		await expect(page.getByRole('button', { name: 'Start' })).toBeVisible();
		await expect(notice).toHaveCount(0);
	});

	// Chromium only: it asks Chromium's DevTools for the manifest as the browser read it.
	test('the browser finds the app installable', { tag: '@chromium-only' }, async () => {
		const profile = mkdtempSync(join(tmpdir(), 'liana-install-'));
		const context = await chromium.launchPersistentContext(profile, {
			executablePath: chromiumPath(),
			args: ['--disable-background-networking', '--disable-component-update', '--no-first-run']
		});
		try {
			const page = await context.newPage();
			await page.goto(`${host.url}/`);
			await page.evaluate(() => navigator.serviceWorker.ready);
			const cdp = await context.newCDPSession(page);
			const manifest = (await cdp.send('Page.getAppManifest')) as {
				errors: unknown[];
				url: string;
			};
			expect(manifest.errors).toEqual([]);
			expect(manifest.url).toBe(`${host.url}/manifest.webmanifest`);
			await expect
				.poll(async () => (await cdp.send('Page.getInstallabilityErrors')).installabilityErrors, {
					timeout: 15_000
				})
				.toEqual([]);
		} finally {
			await context.close();
			rmSync(profile, { recursive: true, force: true });
		}
	});
});
