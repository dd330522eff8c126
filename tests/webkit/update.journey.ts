/** A new deployment in WebKit: the service worker finds it and the app offers the update. */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startStaticHost } from '../../scripts/static-host';
import { inWindow, untilListed, visitUntilOfflineReady } from './journey';
import type { WebKit } from './webkit';

/**
 * A copy of build/ as the next version: the service worker names another version, so its bytes
 * (what the browser compares) and its cache differ. Its precompressed copies are left out, or
 * the host would serve the old worker to a browser that takes them.
 */
function nextVersion(): { folder: string; version: string } {
	const folder = mkdtempSync(join(tmpdir(), 'liana-webkit-next-'));
	cpSync('build', folder, { recursive: true });
	const { version } = JSON.parse(readFileSync('build/_app/version.json', 'utf8')) as {
		version: string;
	};
	const next = `${version}-next`;
	const worker = join(folder, 'service-worker.js');
	const text = readFileSync(worker, 'utf8');
	assert.ok(text.includes(`\`${version}\``), 'the service worker names its version');
	writeFileSync(worker, text.replaceAll(`\`${version}\``, `\`${next}\``));
	rmSync(`${worker}.br`, { force: true });
	rmSync(`${worker}.gz`, { force: true });
	return { folder, version: next };
}

export function updateJourney(webkit: WebKit): void {
	test('a new deployment shows the update notice, and Update now moves to it', async () => {
		const next = nextVersion();
		const host = await startStaticHost('build');
		try {
			await inWindow(webkit, host.url, async (page) => {
				await visitUntilOfflineReady(page);

				host.deploy(next.folder);
				// Coming back to the window asks for an update, as a person returning to it does.
				await page.driver.manage().window().minimize();
				await page.driver.manage().window().maximize();
				// The new worker installs the whole app first: on a busy machine that takes a while.
				const notice = await page.role('status', 'Update ready', undefined, 30_000);
				await page.says(notice, 'A new version of Liana is ready.');
				await (await page.role('button', 'Update now', notice)).click();
				await page.until('the new version to take over', async () => {
					const caches = await page.evaluate<string[]>(
						`caches.keys().then((names) => names.filter((name) => name.startsWith('liana-app-')))`
					);
					return caches.join() === `liana-app-${next.version}`;
				});
				await untilListed(page);
				await page.gone('status', 'Update ready');
			});
		} finally {
			await host.close();
			rmSync(next.folder, { recursive: true, force: true });
		}
	});
}
