/**
 * Figures measured in real Chromium on the production build: how late phase changes and cue
 * starts are against the engine's schedule (beside a plain setInterval countdown in the same
 * run), how fast a flare silences the guidance and paints Release, and how much JavaScript a
 * first visit to the player downloads. Real time, not a driven clock: that is what is measured.
 */
import { chromium, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { startStaticHost } from '../scripts/static-host';
import { startSession } from './session-steps';
import { lateness, stats, type Log, type Stats } from './timing';

export interface BrowserFigures {
	phaseLateMs: Stats;
	paintLateMs: Stats;
	cueLateMs: Stats;
	intervalLateMs: Stats;
	flareToSilenceMs: Stats;
	flareToPaintMs: Stats;
	firstVisitJsGzipBytes: number;
	firstVisitJsFiles: number;
}

/** A routine of 1-second phases: 60 breaths of 1 s in and 1 s out. */
const ONE_SECOND_PHASES = {
	version: 1,
	id: 'bench-one-second',
	title: 'One-second phases',
	steps: [
		{ type: 'breathe', id: 'fast', title: 'Fast', pattern: { inhale: 1, exhale: 1 }, breaths: 60 }
	]
};

/**
 * Runs in the page before the app: records phase changes and their next paint, cue starts (at
 * the moment they are scheduled for on the audio clock) and stops, key presses, visibility
 * changes, and a plain setInterval(1000) started with the session, for comparison. Skips the
 * countdown and the safety note so a session starts on Start.
 */
export function benchInstrumentation(): void {
	localStorage.setItem(
		'liana.settings.v1',
		JSON.stringify({ countdownSec: 0, safetyAcknowledged: true })
	);
	const log = {
		startAt: 0,
		phases: [] as { at: number; paintAt: number; phase: string; breath: string }[],
		cues: [] as { scheduledAt: number; at: number; sound: number }[],
		ended: [] as { cue: number; at: number }[],
		stops: [] as number[],
		keys: [] as number[],
		interval: [] as number[],
		visibility: [] as { at: number; state: string }[]
	};
	Object.assign(window, { benchLog: log });
	document.addEventListener(
		'click',
		(event) => {
			if ((event.target as HTMLElement).closest('button')?.textContent?.trim() === 'Start') {
				log.startAt = performance.now();
				// The plain timer of the comparison: a setInterval countdown from the same moment.
				setInterval(() => log.interval.push(performance.now()), 1000);
			}
		},
		true
	);
	document.addEventListener('keydown', () => log.keys.push(performance.now()), true);
	const proto = AudioBufferSourceNode.prototype;
	const stopped = new WeakSet<AudioBufferSourceNode>();
	const start = proto.start;
	const stop = proto.stop;
	proto.start = function (this: AudioBufferSourceNode, when = 0, ...rest: number[]) {
		// A cue: not the scratch sound that unlocks the context, nor the sound bed's loop.
		if ((this.buffer?.length ?? 0) > 1 && !this.loop) {
			const ctx = this.context;
			const at = performance.now();
			log.cues.push({
				scheduledAt: at + (Math.max(when, ctx.currentTime) - ctx.currentTime) * 1000,
				at,
				// Tells one sound from another: the same cue set twice has the same length.
				sound: this.buffer?.length ?? 0
			});
			// Heard on the main thread once the audio thread has played it to its end; a stopped
			// cue fires `ended` too, and is not counted as played.
			const cue = log.cues.length - 1;
			this.addEventListener('ended', () => {
				if (!stopped.has(this)) log.ended.push({ cue, at: performance.now() });
			});
		}
		return start.call(this, when, ...rest);
	};
	proto.stop = function (this: AudioBufferSourceNode, ...args: [when?: number]) {
		stopped.add(this);
		if ((this.buffer?.length ?? 0) > 1 && !this.loop) log.stops.push(performance.now());
		return stop.apply(this, args);
	};
	new MutationObserver(() => {
		const el = document.querySelector('[data-testid="phase"]');
		if (!el) return;
		const entry = {
			at: performance.now(),
			paintAt: 0,
			phase: el.getAttribute('data-phase') ?? '',
			breath: el.getAttribute('data-breath') ?? ''
		};
		const last = log.phases[log.phases.length - 1];
		if (last && last.phase === entry.phase && last.breath === entry.breath) return;
		log.phases.push(entry);
		requestAnimationFrame(() => (entry.paintAt = performance.now()));
	}).observe(document, {
		subtree: true,
		attributes: true,
		attributeFilter: ['data-phase', 'data-breath']
	});
	document.addEventListener('visibilitychange', () =>
		log.visibility.push({ at: performance.now(), state: document.visibilityState })
	);
}

/** Instruments the page: see `benchInstrumentation`. */
async function instrument(page: Page): Promise<void> {
	await page.addInitScript(benchInstrumentation);
}

const readLog = (page: Page) =>
	page.evaluate(() => (window as unknown as { benchLog: Log }).benchLog);

export async function measureInBrowser(
	executablePath: string | undefined,
	runSeconds = 120
): Promise<BrowserFigures> {
	if (!existsSync('build/index.html')) throw new Error('build the app first: npm run build');
	// In-process, on a free port: nothing is left running if a measurement fails.
	const host = await startStaticHost('build');
	const BASE = host.url;
	try {
		const browser = await chromium.launch({
			executablePath,
			args: ['--disable-background-networking', '--disable-component-update', '--no-first-run']
		});
		try {
			// First visit: the JavaScript the player downloads, gzipped.
			const context = await browser.newContext();
			const visit = await context.newPage();
			const js: string[] = [];
			visit.on('response', (response) => {
				if (response.url().endsWith('.js')) js.push(response.url());
			});
			await visit.goto(`${BASE}/play/sciatica-relief`, { waitUntil: 'networkidle' });
			let jsGzip = 0;
			for (const url of new Set(js))
				jsGzip += gzipSync(Buffer.from(await (await fetch(url)).arrayBuffer()), {
					level: 9
				}).length;
			await context.close();

			// Timing: 1-second phases for `runSeconds`, in real time.
			const page = await browser.newPage();
			await instrument(page);
			// Imported as a coach's file would be, through a same-origin import link.
			// A predicate, not a glob: the import link's own query names the same path.
			await page.context().route(
				(url) => url.pathname === '/bench/one-second.json',
				(route) =>
					route.fulfill({
						contentType: 'application/json',
						body: JSON.stringify(ONE_SECOND_PHASES)
					})
			);
			await page.goto(`${BASE}/?import=/bench/one-second.json`);
			await page.getByRole('link', { name: ONE_SECOND_PHASES.title, exact: true }).waitFor();
			await page.goto(`${BASE}/play/bench-one-second`);
			await startSession(page);
			await page.waitForTimeout(runSeconds * 1000 + 500);
			const run = await readLog(page);
			const boundaries = run.phases.filter((p) => p.phase === 'breathe' && p.at > run.startAt);
			const phaseLate = lateness(
				boundaries.map((p) => p.at),
				run.startAt
			);
			const paintLate = lateness(
				boundaries.map((p) => p.paintAt),
				run.startAt
			);
			const cueLate = lateness(
				run.cues.map((c) => c.scheduledAt).filter((t) => t > run.startAt + 500),
				run.startAt
			);
			const intervalLate = lateness(run.interval, run.startAt);

			// Flare: key press to sound stopped and Release painted, 15 times.
			const toSilence: number[] = [];
			const toPaint: number[] = [];
			for (let i = 0; i < 15; i++) {
				await page.goto(`${BASE}/play/sciatica-relief`);
				await startSession(page);
				await page.waitForTimeout(1200);
				await page.keyboard.press('f');
				await page.locator('[data-phase="release"]').waitFor();
				await page.waitForTimeout(100);
				const log = await readLog(page);
				const pressedAt = log.keys[log.keys.length - 1] ?? NaN;
				const stopAt = log.stops.find((t) => t >= pressedAt);
				const release = log.phases.find((p) => p.phase === 'release');
				if (stopAt !== undefined) toSilence.push(stopAt - pressedAt);
				if (release) toPaint.push(release.paintAt - pressedAt);
			}
			return {
				phaseLateMs: stats(phaseLate),
				paintLateMs: stats(paintLate),
				cueLateMs: stats(cueLate),
				intervalLateMs: stats(intervalLate),
				flareToSilenceMs: stats(toSilence),
				flareToPaintMs: stats(toPaint),
				firstVisitJsGzipBytes: jsGzip,
				firstVisitJsFiles: new Set(js).size
			};
		} finally {
			await browser.close();
		}
	} finally {
		await host.close();
	}
}
