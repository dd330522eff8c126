/**
 * The session as an audio file, for the bench: the 24-minute built-in sciatica routine made into
 * its MP3 in real Chromium on the production build, as a person does it (Download as audio on the
 * routine's page, default settings), timed from the press to the saved file. Also the maker's own
 * main-thread work per chunk (its User Timing measures) and any long task on the page meanwhile.
 * Real time, not a driven clock: that is what is measured.
 */
import { chromium } from '@playwright/test';
import { stat } from 'node:fs/promises';
import { startStaticHost } from '../scripts/static-host';

export interface AudioFileFigures {
	routine: string;
	/** The saved file's size. */
	bytes: number;
	/** From the press to the file handed to the download, in ms. */
	makeMs: number;
	/** The longest of the maker's own pieces of main-thread work (a chunk built or copied). */
	longestOwnWorkMs: number;
	/** The longest task of 50 ms or more on the page meanwhile, whoever's; 0 when none. */
	longestTaskMs: number;
	name: string;
}

const ROUTINE = '/play/sciatica-relief';

/** Runs in the page before the app: keeps the longest task seen. */
function longTaskWatch(): void {
	const watch = { longestTaskMs: 0 };
	Object.assign(window, { longTaskWatch: watch });
	new PerformanceObserver((list) => {
		for (const entry of list.getEntries()) {
			watch.longestTaskMs = Math.max(watch.longestTaskMs, entry.duration);
		}
	}).observe({ type: 'longtask', buffered: false });
}

/** Makes the sciatica routine's MP3 once and says what it cost. */
export async function measureAudioFile(
	executablePath: string | undefined
): Promise<AudioFileFigures> {
	const host = await startStaticHost('build');
	const browser = await chromium.launch({
		executablePath,
		args: ['--disable-background-networking', '--disable-component-update', '--no-first-run']
	});
	try {
		const context = await browser.newContext({ serviceWorkers: 'block', acceptDownloads: true });
		const page = await context.newPage();
		await page.addInitScript(longTaskWatch);
		await page.goto(`${host.url}${ROUTINE}`);
		const make = page.getByRole('button', { name: 'Download as audio' });
		await make.waitFor();
		// Only the tasks while the file is made count, not the page's own start.
		await page.evaluate(() => {
			(
				window as unknown as { longTaskWatch: { longestTaskMs: number } }
			).longTaskWatch.longestTaskMs = 0;
		});
		// From the press to the download's hand-over, as the person waits for it.
		const pressedAt = performance.now();
		const [download] = await Promise.all([
			page.waitForEvent('download', { timeout: 600_000 }),
			make.click()
		]);
		const makeMs = performance.now() - pressedAt;
		const path = await download.path();
		const figures = await page.evaluate(() => {
			const own = performance
				.getEntriesByType('measure')
				.filter((entry) => entry.name.startsWith('Liana audio file'));
			return {
				longestOwnWorkMs: Math.max(0, ...own.map((entry) => entry.duration)),
				longestTaskMs: (window as unknown as { longTaskWatch: { longestTaskMs: number } })
					.longTaskWatch.longestTaskMs
			};
		});
		return {
			routine: ROUTINE,
			bytes: (await stat(path)).size,
			makeMs,
			longestOwnWorkMs: figures.longestOwnWorkMs,
			longestTaskMs: figures.longestTaskMs,
			name: download.suggestedFilename()
		};
	} finally {
		await browser.close();
		await host.close();
	}
}

/** Run on its own (`npx tsx bench/audio-file.ts`, after `npm run build`): prints the figures. */
if (import.meta.url === `file://${process.argv[1]}`) {
	const { chromiumPath } = await import('../scripts/browser-paths');
	const f = await measureAudioFile(chromiumPath());
	console.log(
		`${f.name}: ${(f.bytes / 1024 / 1024).toFixed(1)} MB made in ${(f.makeMs / 1000).toFixed(1)} s; ` +
			`the maker's longest piece of main-thread work ${f.longestOwnWorkMs.toFixed(1)} ms; ` +
			`longest task on the page ${f.longestTaskMs > 0 ? `${f.longestTaskMs.toFixed(0)} ms` : 'under 50 ms'}`
	);
}
