/** Shared fixtures for the journeys: a page whose clock the test drives, and an axe check. */
import { test as base, expect as baseExpect, type Locator, type Page } from '@playwright/test';
import axe from 'axe-core';

const drivenClocks = new WeakSet<Page>();

export const expect = baseExpect.extend({
	/**
	 * The element is where the page's focus is. Unlike toBeFocused it does not also ask that the
	 * page's window have the desktop's focus: two headless Firefoxes on one machine (two workers)
	 * take that from each other, which says nothing of the app.
	 */
	async toHaveFocus(locator: Locator, options: { timeout?: number } = {}) {
		const focused = () => locator.evaluate((element) => element === document.activeElement);
		let pass = true;
		try {
			await baseExpect.poll(focused, { timeout: options.timeout ?? 5_000 }).toBe(!this.isNot);
		} catch {
			pass = false;
		}
		return {
			name: 'toHaveFocus',
			pass: this.isNot ? !pass : pass,
			message: () => `${locator} is ${this.isNot ? '' : 'not '}where the page's focus is`
		};
	}
});

export const test = base.extend<{ clockPage: Page }>({
	// Time is driven by the test (page.clock), never waited for.
	clockPage: async ({ page }, use) => {
		await driveClock(page);
		await use(page);
	}
});

/** Puts a page's clock in the test's hands (a second browser's page, say), as `clockPage` has. */
export async function driveClock(page: Page, startMs = Date.UTC(2026, 10, 25, 9, 0, 0)) {
	await page.clock.install({ time: startMs });
	// An installed clock still flows by itself; paused, it moves only when the test says.
	await page.clock.pauseAt(startMs + 1_000);
	drivenClocks.add(page);
}

/** The last stretch of `passTime`, played frame by frame (some 15 frames). */
const FRAMES_MS = 250;

/**
 * Moves a driven clock `ms` on: a jump over all but the last quarter second (each timer that came
 * due fires once, as in a tab the browser froze), then that quarter second frame by frame, so the
 * moment is reached as a screen reaches it. The app places a session by the monotonic clock and
 * reports every boundary a jump passes, so the frames before are not the point; playing them all
 * took a shared machine about a tenth of their time (34 s for breathe-settle's 337 s).
 */
export async function passTime(page: Page, ms: number): Promise<void> {
	const totalMs = Math.round(ms);
	const jumpMs = Math.max(0, totalMs - FRAMES_MS);
	if (jumpMs > 0) await page.clock.fastForward(jumpMs);
	await page.clock.runFor(totalMs - jumpMs);
}

/**
 * Marks another page of a driven page's context (a popup, a second window) as driven too: the
 * clock belongs to the whole context, so axe must let it flow there as well.
 */
export function drivenAlike(page: Page): void {
	drivenClocks.add(page);
}

/**
 * Checks a page with axe. axe needs timers: a driven clock flows while it looks (a fraction of a
 * second), then pauses again, so check accessibility after the time-exact assertions of a moment.
 */
export async function expectAccessible(page: Page): Promise<void> {
	const driven = drivenClocks.has(page);
	if (driven) await page.clock.resume();
	const violations = await runAxe(page);
	if (driven) await pauseAgain(page);
	const problems = violations.map(
		(v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`
	);
	expect(problems).toEqual([]);
}

/**
 * Runs axe in the page, its script brought once per document. @axe-core/playwright brought the
 * half megabyte of script at every check, and again into a blank page it opened to merge the
 * results of frames (this app has none): over half of each check's time.
 */
async function runAxe(page: Page): Promise<axe.Result[]> {
	const present = await page.evaluate(() => 'axe' in window);
	if (!present) await page.evaluate(axe.source);
	return page.evaluate(async () => {
		const inPage = (window as unknown as { axe: typeof axe }).axe;
		return (await inPage.run(document)).violations;
	});
}

/**
 * Pauses a flowing driven clock a moment ahead. On a busy machine the moment can pass before
 * the pause lands ("cannot fast-forward to the past"): then aim further ahead.
 */
async function pauseAgain(page: Page): Promise<void> {
	for (const aheadMs of [500, 2_000, 10_000]) {
		try {
			await page.clock.pauseAt((await page.evaluate(() => Date.now())) + aheadMs);
			return;
		} catch (error) {
			if (!String(error).includes('past')) throw error;
		}
	}
	throw new Error('the page clock could not be paused again after the accessibility check');
}

/**
 * Waits until the service worker has installed everything and controls the page. Installing
 * caches the whole app, which takes a while on a busy machine, hence the longer wait. A page
 * whose navigation began while the worker was still installing can miss the worker's
 * `clients.claim()` (it became a client just after the claim) and stay uncontrolled for its
 * whole life, as it would for a person; the next load is controlled, so then it is reloaded.
 */
export async function untilOfflineReady(page: Page): Promise<void> {
	await page.evaluate(async () => {
		const registration = await navigator.serviceWorker.ready;
		const active = registration.active;
		if (active && active.state !== 'activated') {
			await new Promise<void>((resolve) => {
				active.addEventListener('statechange', () => {
					if (active.state === 'activated') resolve();
				});
			});
		}
	});
	const controlled = () => page.evaluate(() => navigator.serviceWorker.controller !== null);
	try {
		await expect.poll(controlled, { timeout: 5_000 }).toBe(true);
	} catch {
		await page.reload();
		await expect.poll(controlled, { timeout: 20_000 }).toBe(true);
	}
}

/**
 * Ends the session by its key, as a person at a keyboard does: Escape, then End session when the
 * player asks (once more than 30 s would be lost, as a tapped Stop asks).
 */
export async function endByKey(page: Page): Promise<void> {
	await page.keyboard.press('Escape');
	const ask = page.getByRole('dialog', { name: 'End this session?' });
	const done = page.locator('#end-heading');
	await expect(ask.or(done).first()).toBeVisible();
	if (await ask.isVisible()) await ask.getByRole('button', { name: 'End session' }).click();
	await expect(done.first()).toBeAttached();
}

/** The player, its voice guidance loaded: sound that works is not said on the screen. */
export const soundReady = (page: Page) => page.locator('[data-sound="ready"]');

/**
 * Presses Start as a person does. Before the first session in a browser the safety note asks to
 * be read; it is answered "I understand, start". Later Starts go straight on.
 */
export async function pressStart(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Start' }).click();
	await understandIfAsked(page);
}

/** After a Start (by button or key): reads the safety note if it asks, and starts from there. */
export async function understandIfAsked(page: Page): Promise<void> {
	const note = page.getByRole('dialog', { name: 'Before your first session' });
	// Whatever Start led to: the note, the session under way, or another question.
	const after = note
		.or(page.locator('[data-mode]:not([data-mode="idle"])'))
		.or(page.getByRole('dialog'));
	await expect(after.first()).toBeVisible();
	if (await note.isVisible()) {
		await note.getByRole('button', { name: 'I understand, start' }).click();
	}
}
