/**
 * The offline app's figures: what the service worker precaches, how fast `/` and the player
 * paint on a warm start with the network off, Lighthouse on a mobile profile, and whether the
 * browser finds the app installable.
 */
import { chromium } from '@playwright/test';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStaticHost } from '../scripts/static-host';

export interface PwaFigures {
	precacheBytes: number;
	precacheFiles: number;
	offlinePaintMs: Record<string, number>;
	lighthouse: Record<string, Record<string, number>>;
	installabilityErrors: string[];
}

/** Every file the service worker caches: the build and the static files, not the .br/.gz twins. */
export function precacheSize(root = 'build'): { bytes: number; files: number } {
	let bytes = 0;
	let files = 0;
	const walk = (dir: string) => {
		for (const name of readdirSync(dir)) {
			const path = join(dir, name);
			if (statSync(path).isDirectory()) walk(path);
			else if (!/\.(br|gz)$/.test(name) && name !== 'service-worker.js') {
				bytes += statSync(path).size;
				files++;
			}
		}
	};
	walk(root);
	return { bytes, files };
}

const PAGES = ['/', '/play/sciatica-relief'];
/** Scored by Lighthouse besides PAGES: every screen a person meets must score 100 for accessibility. */
const SCORED_PAGES = [...PAGES, '/history', '/edit/new'];

export async function measurePwa(executablePath: string | undefined): Promise<PwaFigures> {
	const host = await startStaticHost('build');
	const profile = mkdtempSync(join(tmpdir(), 'liana-bench-'));
	try {
		const context = await chromium.launchPersistentContext(profile, {
			executablePath,
			args: ['--disable-background-networking', '--disable-component-update', '--no-first-run']
		});
		const offlinePaintMs: Record<string, number> = {};
		let installabilityErrors: string[] = [];
		try {
			const page = await context.newPage();
			await page.goto(`${host.url}/`);
			await page.evaluate(() => navigator.serviceWorker.ready);
			await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
			const cdp = await context.newCDPSession(page);
			const result = await cdp.send('Page.getInstallabilityErrors');
			installabilityErrors = result.installabilityErrors.map((e) => e.errorId);
			await context.setOffline(true);
			for (const path of PAGES) {
				// Warm: visited once offline already, then measured on the next start.
				await page.goto(`${host.url}${path}`);
				const samples: number[] = [];
				for (let i = 0; i < 5; i++) {
					await page.goto(`${host.url}${path}`);
					await page.waitForLoadState('load');
					// No named functions inside evaluate: the bundler would wrap them in a helper the page lacks.
					await page.waitForFunction(
						() => performance.getEntriesByName('first-contentful-paint').length > 0
					);
					samples.push(
						await page.evaluate(
							() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN
						)
					);
				}
				samples.sort((a, b) => a - b);
				offlinePaintMs[path] = samples[Math.floor(samples.length / 2)] ?? NaN;
			}
		} finally {
			await context.close();
		}

		const lighthouse: Record<string, Record<string, number>> = {};
		for (const path of SCORED_PAGES) {
			const out = join(profile, 'lighthouse.json');
			// Asynchronous: the static host runs in this process and must keep answering.
			await promisify(execFile)(
				'node_modules/.bin/lighthouse',
				[
					`${host.url}${path}`,
					'--quiet',
					'--form-factor=mobile',
					'--only-categories=performance,accessibility,best-practices',
					'--output=json',
					`--output-path=${out}`,
					'--chrome-flags=--headless=new --no-sandbox --disable-background-networking --disable-component-update'
				],
				{
					env: { ...process.env, CHROME_PATH: executablePath ?? '' },
					timeout: 180_000
				}
			);
			const report = JSON.parse(readFileSync(out, 'utf8')) as {
				categories: Record<string, { score: number }>;
			};
			lighthouse[path] = Object.fromEntries(
				Object.entries(report.categories).map(([name, category]) => [
					name,
					Math.round(category.score * 100)
				])
			);
		}
		const precache = precacheSize();
		return {
			precacheBytes: precache.bytes,
			precacheFiles: precache.files,
			offlinePaintMs,
			lighthouse,
			installabilityErrors
		};
	} finally {
		await host.close();
		rmSync(profile, { recursive: true, force: true });
	}
}
