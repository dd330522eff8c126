/**
 * The person's data at scale, in real Chromium on the production build: a library of 200 own
 * routines and a history of 1,000 sessions, and how much script it takes to render `/` and
 * `/history` with them, how long until they are on screen, and how big the database is.
 * The data is written straight into IndexedDB, as years of use would have left it.
 */
import { chromium, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStaticHost } from '../scripts/static-host';

export interface StorageFigures {
	routines: number;
	sessions: number;
	/** Script run by the page from navigation until the list is on screen, per route. */
	scriptMs: Record<string, number>;
	/** From navigation start until the list is on screen, per route. */
	renderedMs: Record<string, number>;
	indexedDbBytes: number;
}

const ROUTINES = 200;
const SESSIONS = 1_000;

/** Own routines: the shipped daily routine under 200 ids, each with its own title. */
function routines(): {
	id: string;
	text: string;
	addedAtEpochMs: number;
	updatedAtEpochMs: number;
}[] {
	const base = JSON.parse(readFileSync('static/routines/daily-unload.json', 'utf8')) as {
		id: string;
		title: string;
	};
	return Array.from({ length: ROUTINES }, (_, i) => {
		const id = `coach-routine-${i + 1}`;
		const text = JSON.stringify({ ...base, id, title: `Coach routine ${i + 1}` }, null, 2);
		const at = Date.UTC(2026, 0, 1) + i * 3_600_000;
		return { id, text, addedAtEpochMs: at, updatedAtEpochMs: at };
	});
}

/** A session every few days over years, some flared, some with check-ins. */
function sessions(): object[] {
	const steps = ['arrive', 'long-spine', 'hip-left', 'hip-right', 'close', 'still'];
	const titles = [
		'Arrive',
		'Long spine',
		'Hip opener',
		'Hip opener',
		'Easy breathing',
		'Stillness'
	];
	return Array.from({ length: SESSIONS }, (_, i) => {
		const startedAtEpochMs = Date.UTC(2024, 0, 1) + i * 2.5 * 86_400_000;
		const endedAtEpochMs = startedAtEpochMs + 8 * 60_000;
		const flared = i % 4 === 0;
		const routine = i % 3 === 0 ? 'daily-unload' : `coach-routine-${(i % ROUTINES) + 1}`;
		return {
			routineId: routine,
			routineTitle:
				routine === 'daily-unload' ? 'Daily unload' : `Coach routine ${(i % ROUTINES) + 1}`,
			stepTitles: titles,
			startedAtEpochMs,
			endedAtEpochMs,
			outcome: flared ? 'stopped-after-flare' : 'completed',
			record: {
				steps: steps.map((id, k) => ({
					id,
					status: flared && k >= 2 ? (k === 2 ? 'stopped' : 'not-reached') : 'completed',
					flares: flared && k === 2 ? 1 : 0,
					retried: false
				})),
				flares: flared
					? [
							{
								stepId: 'hip-left',
								stepIndex: 2,
								round: 1,
								phase: 'soften',
								secondsIntoStep: 31,
								atEpochMs: startedAtEpochMs + 200_000,
								then: 'stop'
							}
						]
					: [],
				startedAtEpochMs,
				endedAtEpochMs,
				outcome: flared ? 'stopped-after-flare' : 'completed'
			},
			...(i % 2 === 0 ? { before: { pain: 6 - (i % 5) } } : {}),
			...(i % 2 === 0 ? { after: { pain: 4 - (i % 4), leg: 'lighter' } } : {})
		};
	});
}

async function seed(page: Page): Promise<void> {
	await page.evaluate(
		({ routines, sessions }) =>
			new Promise<void>((resolve, reject) => {
				const request = indexedDB.open('liana');
				request.onerror = () => reject(request.error);
				request.onsuccess = () => {
					const db = request.result;
					const tx = db.transaction(['routines', 'sessions'], 'readwrite');
					for (const routine of routines) tx.objectStore('routines').put(routine);
					for (const session of sessions) tx.objectStore('sessions').add(session);
					tx.oncomplete = () => {
						db.close();
						resolve();
					};
					tx.onerror = () => reject(tx.error);
				};
			}),
		{ routines: routines(), sessions: sessions() }
	);
}

/** Script time (CDP) and time on screen for one route, on a fresh page. */
async function measure(
	page: Page,
	url: string,
	onScreen: string
): Promise<{ scriptMs: number; renderedMs: number }> {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Performance.enable');
	const scriptSeconds = async () => {
		const { metrics } = await cdp.send('Performance.getMetrics');
		return metrics.find((m) => m.name === 'ScriptDuration')?.value ?? NaN;
	};
	const before = await scriptSeconds();
	await page.goto(url);
	await page.waitForFunction(
		(selector) => {
			const found = document.querySelector(selector);
			if (found && !('renderedAt' in window))
				Object.assign(window, { renderedAt: performance.now() });
			return found !== null;
		},
		onScreen,
		{ polling: 'raf' }
	);
	const after = await scriptSeconds();
	const renderedMs = await page.evaluate(
		() => (window as unknown as { renderedAt: number }).renderedAt
	);
	await cdp.detach();
	return { scriptMs: (after >= before ? after - before : after) * 1000, renderedMs };
}

export async function measureStorage(executablePath: string | undefined): Promise<StorageFigures> {
	const host = await startStaticHost('build');
	const profile = mkdtempSync(join(tmpdir(), 'liana-bench-storage-'));
	try {
		const context = await chromium.launchPersistentContext(profile, {
			executablePath,
			args: ['--disable-background-networking', '--disable-component-update', '--no-first-run']
		});
		try {
			const page = await context.newPage();
			await page.goto(`${host.url}/history`);
			// The app creates its database on first use; wait for it, then fill it.
			await page.waitForFunction(async () =>
				(await indexedDB.databases()).some((d) => d.name === 'liana')
			);
			await seed(page);
			const routes: [string, string][] = [
				['/', `a[href="/play/coach-routine-${ROUTINES}"]`],
				['/history', `a[href$="session=${SESSIONS}"]`]
			];
			const scriptMs: Record<string, number> = {};
			const renderedMs: Record<string, number> = {};
			for (const [path, onScreen] of routes) {
				const samples: { scriptMs: number; renderedMs: number }[] = [];
				for (let i = 0; i < 5; i++) {
					const fresh = await context.newPage();
					samples.push(await measure(fresh, `${host.url}${path}`, onScreen));
					await fresh.close();
				}
				const median = (values: number[]) =>
					[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
				scriptMs[path] = median(samples.map((s) => s.scriptMs));
				renderedMs[path] = median(samples.map((s) => s.renderedMs));
			}
			const indexedDbBytes = await page.evaluate(async () => {
				const estimate = (await navigator.storage.estimate()) as StorageEstimate & {
					usageDetails?: { indexedDB?: number };
				};
				return estimate.usageDetails?.indexedDB ?? NaN;
			});
			return { routines: ROUTINES, sessions: SESSIONS, scriptMs, renderedMs, indexedDbBytes };
		} finally {
			await context.close();
		}
	} finally {
		await host.close();
		rmSync(profile, { recursive: true, force: true });
	}
}
