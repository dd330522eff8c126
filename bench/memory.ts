/**
 * The memory a long session takes: a two-hour routine played in the built app, its time driven
 * by Playwright's clock one second at a time (the timers and a frame of each second run, as in
 * a real session), the heap measured after a forced garbage collection at minute 2 and at the end.
 */
import { chromium } from '@playwright/test';
import { startSession } from './session-steps';
import { startStaticHost } from '../scripts/static-host';

export interface MemoryFigures {
	/** Heap in use after garbage collection, at minute 2 and at the end, in bytes. */
	heapEarlyBytes: number;
	heapEndBytes: number;
	/** Session time driven, in seconds. */
	drivenSeconds: number;
	phase: string;
}

/** Sixty breathing steps of two minutes: two hours, a cue at every breath. */
const TWO_HOURS = {
	version: 1,
	id: 'bench-two-hours',
	title: 'Two hours',
	defaults: { restBetweenSteps: 0 },
	steps: Array.from({ length: 60 }, (_, i) => ({
		type: 'breathe',
		id: `b${i}`,
		title: `Breathe ${i + 1}`,
		pattern: { inhale: 4, exhale: 6 },
		breaths: 12
	}))
};

export async function measureSessionMemory(
	executablePath: string | undefined
): Promise<MemoryFigures> {
	const host = await startStaticHost('build');
	const browser = await chromium.launch({ executablePath });
	try {
		const context = await browser.newContext({ serviceWorkers: 'block' });
		await context.route(
			(url) => url.pathname === '/bench/two-hours.json',
			(route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(TWO_HOURS) })
		);
		const page = await context.newPage();
		await page.goto(`${host.url}/?import=/bench/two-hours.json`);
		await page.getByRole('link', { name: TWO_HOURS.title, exact: true }).waitFor();
		await page.clock.install();
		await page.goto(`${host.url}/play/${TWO_HOURS.id}`);
		await startSession(page);
		const cdp = await context.newCDPSession(page);
		const heap = async () => {
			await cdp.send('HeapProfiler.collectGarbage');
			return (await cdp.send('Runtime.getHeapUsage')).usedSize;
		};
		let driven = 0;
		// A second at a time, each timer and frame due in it firing once: the session's work of
		// every second, without the 60 frames a second a screen would paint.
		const drive = async (seconds: number) => {
			for (let i = 0; i < seconds; i++) await page.clock.fastForward(1_000);
			driven += seconds;
		};
		await drive(120);
		const heapEarlyBytes = await heap();
		await drive(2 * 3600 - 120 + 30);
		const heapEndBytes = await heap();
		const phase = (await page.getByTestId('phase').getAttribute('data-phase')) ?? '';
		return { heapEarlyBytes, heapEndBytes, drivenSeconds: driven, phase };
	} finally {
		await browser.close();
		await host.close();
	}
}
