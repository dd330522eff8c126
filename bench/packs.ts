/**
 * The worst main-thread block while each hostile pack is imported, in real Chromium on the
 * production build: a ping loop in the page (a MessageChannel, which the browser answers between
 * any two tasks) keeps the longest gap between its turns, and the Long Tasks API adds any task of
 * 50 ms or more. Real time, not a driven clock: that is what is measured.
 */
import { chromium, type Page } from '@playwright/test';
import { goodPack, HOSTILE_PACKS } from '../scripts/hostile-zips';
import { untilLibraryListed } from './session-steps';
import { startStaticHost } from '../scripts/static-host';

export interface PackBlock {
	pack: string;
	/** The longest the page went without a turn of its ping loop, from choosing the file to the refusal. */
	worstGapMs: number;
	/** The longest task of 50 ms or more in that time; 0 when there was none. */
	longestTaskMs: number;
	/** What the page said. */
	said: string;
}

/** One pack's figures over its runs: the median run's worst gap, and the worst of all. */
export interface PackBlocks {
	pack: string;
	runs: number;
	medianWorstGapMs: number;
	maxWorstGapMs: number;
	longestTaskMs: number;
	said: string;
}

/** Runs of each pack: the machines are shared, and one run's worst gap is often another's noise. */
const RUNS = 3;

/** Runs in the page before the app: the ping loop and the long-task observer. */
function blockWatch(): void {
	const watch = { last: performance.now(), worstGapMs: 0, longestTaskMs: 0 };
	Object.assign(window, { blockWatch: watch });
	const channel = new MessageChannel();
	channel.port1.onmessage = () => {
		const now = performance.now();
		watch.worstGapMs = Math.max(watch.worstGapMs, now - watch.last);
		watch.last = now;
		// A timer between pings: the loop yields to every other task instead of starving them.
		setTimeout(() => channel.port2.postMessage(0), 0);
	};
	channel.port2.postMessage(0);
	new PerformanceObserver((list) => {
		for (const entry of list.getEntries()) {
			watch.longestTaskMs = Math.max(watch.longestTaskMs, entry.duration);
		}
	}).observe({ type: 'longtask', buffered: false });
}

async function importOne(page: Page, name: string, bytes: Uint8Array): Promise<PackBlock> {
	await page.evaluate(() => {
		const watch = (window as unknown as { blockWatch: Record<string, number> }).blockWatch;
		Object.assign(watch, { last: performance.now(), worstGapMs: 0, longestTaskMs: 0 });
	});
	await page.getByLabel('Import routine').setInputFiles({
		name,
		mimeType: 'application/zip',
		buffer: Buffer.from(bytes)
	});
	const alert = page.getByRole('alert');
	const imported = page.getByRole('status').filter({ hasText: /^Imported/ });
	await alert.or(imported).first().waitFor();
	// A refusal's first problem in its list, or the one sentence said of the whole file.
	const problem = (await alert.locator('li').count())
		? alert.locator('li').first()
		: alert.locator('.headline + p');
	const said =
		((await imported.count()) ? await imported.textContent() : await problem.textContent()) ?? '';
	const watch = await page.evaluate(
		() =>
			(window as unknown as { blockWatch: { worstGapMs: number; longestTaskMs: number } })
				.blockWatch
	);
	return { pack: name, worstGapMs: watch.worstGapMs, longestTaskMs: watch.longestTaskMs, said };
}

/**
 * Imports every hostile pack of scripts/hostile-zips.ts in turn, each on a fresh library page
 * after a good pack (whose first import loads the reader's code: its figure is the baseline).
 */
export async function measurePacks(executablePath: string | undefined): Promise<PackBlocks[]> {
	const host = await startStaticHost('build');
	const browser = await chromium.launch({
		executablePath,
		args: ['--disable-background-networking', '--disable-component-update', '--no-first-run']
	});
	try {
		const runs = new Map<string, PackBlock[]>();
		const keep = (block: PackBlock) =>
			runs.set(block.pack, [...(runs.get(block.pack) ?? []), block]);
		for (let run = 0; run < RUNS; run++) {
			for (const [name, make] of Object.entries(HOSTILE_PACKS)) {
				const context = await browser.newContext({ serviceWorkers: 'block' });
				const page = await context.newPage();
				await page.addInitScript(blockWatch);
				await page.goto(`${host.url}/`);
				await untilLibraryListed(page);
				keep({
					...(await importOne(page, 'good.zip', goodPack())),
					pack: 'good.zip (first pack read)'
				});
				keep(await importOne(page, name, make()));
				await context.close();
			}
		}
		return [...runs.values()].map((blocks) => {
			const gaps = blocks.map((block) => block.worstGapMs).sort((a, b) => a - b);
			return {
				pack: blocks[0]?.pack ?? '',
				runs: blocks.length,
				medianWorstGapMs: gaps[Math.floor(gaps.length / 2)] ?? NaN,
				maxWorstGapMs: gaps[gaps.length - 1] ?? NaN,
				longestTaskMs: Math.max(...blocks.map((block) => block.longestTaskMs)),
				said: blocks[0]?.said ?? ''
			};
		});
	} finally {
		await browser.close();
		await host.close();
	}
}
