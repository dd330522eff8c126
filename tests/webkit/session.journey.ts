/**
 * A routine of a few seconds in WebKit, in one window: imported from a file, played through its
 * phases with a flare, a gentle retry, a pause and the end, then found in the history after a
 * reload. Each test goes on from where the one before left the window.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startStaticHost, type StaticHost } from '../../scripts/static-host';
import { pressStart, untilListed } from './journey';
import { Key, Page } from './page';
import { SHORT, writeShortRoutine } from './routine-file';
import type { WebKit } from './webkit';

export function sessionJourney(webkit: WebKit): void {
	describe('a routine of a few seconds', () => {
		let host: StaticHost;
		let page: Page;
		const file = writeShortRoutine();
		before(async () => {
			host = await startStaticHost('build');
			page = new Page(await webkit.open(), host.url);
		});
		after(async () => {
			await webkit.close(page.driver);
			await host.close();
			rmSync(dirname(file), { recursive: true, force: true });
		});

		test('a file chosen with Import routine is listed under Your routines', async () => {
			await page.goto('/');
			await untilListed(page);
			await (await page.field('Import routine')).sendKeys(file);
			await page.roleSaying('status', `Imported “${SHORT.title}”.`);
			const own = await page.role('region', 'Your routines');
			const link = await page.role('link', SHORT.title, own);
			assert.equal(
				new URL(await link.getAttribute('href'), host.url).pathname,
				`/play/${SHORT.id}`
			);
		});

		test('it plays through its phases: Start, a flare, Try again gently, pause, resume, the end', async () => {
			await (await page.role('link', `Play ${SHORT.title}`)).click();
			await pressStart(page);
			await page.until('the first step', async () => (await page.text('step-title')) === 'Arrive');
			await page.attributeIs('phase', 'data-phase', 'breathe');

			await page.until('the stretch', async () => (await page.text('step-title')) === 'Reach');
			await (await page.role('button', /^Flare/)).click();
			await page.attributeIs('phase', 'data-phase', 'release');
			await (await page.role('button', 'Try again gently')).click();
			await page.attributeIs('phase', 'data-phase', 'approach');
			assert.equal(await page.text('step-title'), 'Reach');

			await (await page.role('button', 'Pause')).click();
			await page.until('the word Paused', async () => (await page.text('paused')) === 'Paused');
			const held = [await page.attribute('phase', 'data-phase'), await timeLeft(page)];
			await new Promise((resolve) => setTimeout(resolve, 1_500));
			assert.deepEqual([await page.attribute('phase', 'data-phase'), await timeLeft(page)], held);
			// Space resumes, as the contract's keys say.
			await page.press(Key.SPACE);
			await page.role('button', 'Pause');

			await page.attributeIs('phase', 'data-phase', 'done', 20_000);
			await page.role('heading', 'Session complete');
			const summary = await page.text('session-summary');
			assert.match(summary, /Flares \(1\)/);
			assert.match(summary, /Reach/);
		});

		test('the history, reloaded, shows that session with its flare', async () => {
			await (await page.role('link', 'Back to the library')).click();
			await untilListed(page);
			await (await page.role('link', 'History')).click();
			await page.until('the history page', async () => (await page.path()) === '/history');
			await page.reload();
			const link = await page.role('link', new RegExp(`^${SHORT.title}, `));
			const entry = await link.findElement({ xpath: 'ancestor::li[1]' });
			const words = await entry.getText();
			for (const fact of ['Completed', '1 flare', 'Flare: Reach (left), round 1']) {
				assert.ok(words.includes(fact), `the history's entry says "${fact}": ${words}`);
			}
		});
	});
}

/** The player's time left in the phase, m:ss. */
async function timeLeft(page: Page): Promise<string> {
	const [timer] = await page.driver.findElements({ css: '[role="timer"]' });
	return timer ? timer.getText() : '';
}
