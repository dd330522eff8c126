/**
 * The session on every screen a person or a coach uses: during a session everything that matters
 * is on one screen, on top, never under another control, and big enough for a finger; nothing
 * spills sideways in any state. Each state at each size is attached to the report as a picture.
 */
import type { Locator, Page, TestInfo } from '@playwright/test';
import { expect, expectAccessible, passTime, test, pressStart } from './fixtures';

/** Phones upright and on their side, a tablet, a laptop. */
const SIZES = [
	{ width: 320, height: 568 },
	{ width: 375, height: 667 },
	{ width: 390, height: 844 },
	{ width: 430, height: 932 },
	{ width: 568, height: 320 },
	{ width: 844, height: 390 },
	{ width: 768, height: 1024 },
	{ width: 1440, height: 900 }
] as const;

// Each journey looks at eight screen sizes, with a picture of each: a minute of room, as the
// presenter's two-window journeys have.
test.describe.configure({ timeout: 60_000 });

/** What a finger needs (WCAG 2.5.5). */
const TARGET_PX = 44;

interface Problems {
	offScreen: string[];
	covered: string[];
	small: string[];
	overflowX: number;
	scrollY: number;
}

/**
 * Looks at the page as it stands: each control of `onTop` wholly inside the viewport with the
 * control itself under several points of it; every other control uncovered once scrolled to;
 * every control at least 44 px each way; how far the page spills sideways and downwards.
 */
async function layoutProblems(page: Page, onTop: Locator[]): Promise<Problems> {
	const handles = await Promise.all(onTop.map((locator) => locator.elementHandle()));
	return page.evaluate(
		({ elements, target }) => {
			const name = (el: Element) =>
				`${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40)}"`;
			const hits = (el: Element, x: number, y: number) => {
				const found = document.elementFromPoint(x, y);
				return found !== null && (el === found || el.contains(found));
			};
			/** The centre and four points just inside the corners. */
			const points = (box: DOMRect) => {
				const inset = Math.min(6, box.width / 4, box.height / 4);
				return [
					[box.left + box.width / 2, box.top + box.height / 2],
					[box.left + inset, box.top + inset],
					[box.right - inset, box.top + inset],
					[box.left + inset, box.bottom - inset],
					[box.right - inset, box.bottom - inset]
				] as const;
			};
			const offScreen: string[] = [];
			for (const el of elements) {
				if (!el) continue;
				const box = el.getBoundingClientRect();
				const inside =
					box.left >= 0 &&
					box.top >= 0 &&
					box.right <= innerWidth &&
					box.bottom <= innerHeight &&
					box.width > 0;
				if (!inside || !points(box).every(([x, y]) => hits(el, x, y))) offScreen.push(name(el));
			}
			const controls = [
				...document.querySelectorAll<HTMLElement>(
					'button, a[href], input, select, textarea, summary, [tabindex]:not([tabindex="-1"])'
				)
			].filter((el) => {
				if (!el.checkVisibility({ visibilityProperty: true })) {
					return false;
				}
				const box = el.getBoundingClientRect();
				// Visually hidden (a skip link, a screen reader's words) is not a target.
				return box.width > 2 && box.height > 2;
			});
			const scrollY = document.documentElement.scrollHeight - innerHeight;
			const overflowX = document.documentElement.scrollWidth - document.documentElement.clientWidth;
			const covered: string[] = [];
			const small: string[] = [];
			const startY = scrollY;
			for (const el of controls) {
				// A link inside a sentence is exempt from the size (WCAG 2.5.8, inline).
				const inline = el.tagName === 'A' && getComputedStyle(el).display === 'inline';
				let box = el.getBoundingClientRect();
				if (!inline && (box.width < target - 0.5 || box.height < target - 0.5)) {
					small.push(`${name(el)} ${Math.round(box.width)}×${Math.round(box.height)}`);
				}
				el.scrollIntoView({ block: 'center', inline: 'center' });
				box = el.getBoundingClientRect();
				const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
				if (!hits(el, x, y)) {
					const over = document.elementFromPoint(x, y);
					covered.push(`${name(el)} under ${over ? name(over) : 'nothing'}`);
				}
			}
			window.scrollTo(0, startY > 0 ? 0 : 0);
			return { offScreen, covered, small, overflowX, scrollY };
		},
		{ elements: handles, target: TARGET_PX }
	);
}

/** Checks the page at every size, and attaches a picture of each. */
async function atEverySize(
	page: Page,
	testInfo: TestInfo,
	state: string,
	{ live, onTop }: { live: boolean; onTop: (page: Page) => Locator[] }
): Promise<void> {
	for (const size of SIZES) {
		await page.setViewportSize(size);
		const where = `${state} at ${size.width}×${size.height}`;
		const problems = await layoutProblems(page, onTop(page));
		await testInfo.attach(`${state}-${size.width}x${size.height}.jpeg`, {
			body: await page.screenshot({ animations: 'disabled', type: 'jpeg', quality: 70 }),
			contentType: 'image/jpeg'
		});
		expect(problems.offScreen, `${where}: not wholly on screen and on top`).toEqual([]);
		expect(problems.covered, `${where}: covered by another control`).toEqual([]);
		expect(problems.small, `${where}: smaller than ${TARGET_PX}×${TARGET_PX} px`).toEqual([]);
		expect(problems.overflowX, `${where}: spills sideways`).toBeLessThanOrEqual(0);
		if (live) expect(problems.scrollY, `${where}: needs scrolling`).toBeLessThanOrEqual(0);
	}
	await page.setViewportSize({ width: 390, height: 844 });
}

const phase = (page: Page) => page.getByTestId('phase');
const timer = (page: Page) => page.getByRole('timer');
const flare = (page: Page) => page.getByRole('button', { name: /^Flare/ });
const skip = (page: Page) => page.getByRole('button', { name: 'Skip step', exact: true });
const main = (page: Page, name: 'Pause' | 'Resume' | 'Release hold') =>
	page.getByRole('button', { name, exact: true });

/** What must be on screen and on top while a session runs. */
const sessionControls = (name: 'Pause' | 'Resume' | 'Release hold') => (page: Page) => [
	flare(page),
	main(page, name),
	skip(page),
	phase(page),
	timer(page),
	page.getByTestId('step-title')
];

/** Starts the built-in sciatica routine and goes on to the step that may be tried again gently. */
async function startAtHipOpener(page: Page): Promise<void> {
	await page.goto('/play/sciatica-relief');
	await pressStart(page);
	await passTime(page, 5_500);
	await expect(phase(page)).toHaveAttribute('data-phase', 'breathe');
	for (const title of ['Long spine', 'Long spine', 'Hip opener', 'Hip opener']) {
		await page.keyboard.press('n');
		await expect(page.getByTestId('step-title')).toHaveText(title);
	}
	await expect(phase(page)).toHaveAttribute('data-phase', 'approach');
}

/** Three seconds into that step's approach, a flare; then `intoFlareMs` more. */
async function flareAtHipOpener(page: Page, intoFlareMs = 0): Promise<void> {
	await startAtHipOpener(page);
	await passTime(page, 3_000);
	await flare(page).click();
	await expect(phase(page)).toHaveAttribute('data-phase', 'release');
	if (intoFlareMs > 0) await passTime(page, intoFlareMs);
}

test('running: the session is whole on one screen at every size', async ({
	clockPage: page
}, testInfo) => {
	await startAtHipOpener(page);
	await passTime(page, 12_000);
	await expect(phase(page)).toHaveAttribute('data-breath', 'inhale');
	await atEverySize(page, testInfo, 'running', { live: true, onTop: sessionControls('Pause') });
	await expectAccessible(page);
});

test('paused and held say so in large words, and stay whole on one screen', async ({
	clockPage: page
}, testInfo) => {
	await startAtHipOpener(page);
	await main(page, 'Pause').click();
	await expect(page.getByTestId('paused')).toHaveText('Paused');
	await atEverySize(page, testInfo, 'paused', { live: true, onTop: sessionControls('Resume') });
	await expectAccessible(page);
	await main(page, 'Resume').click();
	await expect(page.getByTestId('paused')).toHaveCount(0);

	await page.keyboard.press('h');
	await expect(page.getByTestId('held')).toContainText('Held');
	await atEverySize(page, testInfo, 'held', {
		live: true,
		onTop: sessionControls('Release hold')
	});
	await expectAccessible(page);
});

test('release: the stage stays, with the choices and what happens if none is made', async ({
	clockPage: page
}, testInfo) => {
	await flareAtHipOpener(page);
	await expect(phase(page)).toHaveText('Release');
	// The step's own words give way to the flare's instruction.
	await expect(page.getByTestId('hint')).toContainText('Come back out of the stretch slowly');
	await expect(page.getByText('Let the liana take the weight')).toHaveCount(0);
	// This step may be tried again gently: that is what happens if nobody chooses.
	await expect(page.getByTestId('flare-outlook')).toHaveText(
		'One gentle round in 0:40 — or choose below.'
	);
	await atEverySize(page, testInfo, 'release', { live: true, onTop: sessionControls('Pause') });
	await expectAccessible(page);
});

test('recover: its own heading, what happens if nobody chooses, and the choices', async ({
	clockPage: page
}, testInfo) => {
	await flareAtHipOpener(page, 12_000);
	await expect(phase(page)).toHaveText('Recover');
	await expect(page.getByTestId('flare-outlook')).toHaveText(
		'One gentle round in 0:28 — or choose below.'
	);
	await expect(page.getByTestId('hint')).toHaveText('Slow, easy breaths. Let the body settle.');
	await expect(page.getByRole('button', { name: 'Try again gently' })).toBeVisible();
	await atEverySize(page, testInfo, 'recover', { live: true, onTop: sessionControls('Pause') });
	await expectAccessible(page);
});

test('a gentle retry and a choice: the screen shows the next phase, named, not the choices', async ({
	clockPage: page
}, testInfo) => {
	await flareAtHipOpener(page, 12_000);

	// The retry: announced and named as one gentle round, and the screen shows it, not the choices.
	await page.getByRole('button', { name: 'Try again gently' }).click();
	await expect(phase(page)).toHaveAttribute('data-phase', 'approach');
	await expect(page.getByText('Step 3 of 8 · left side · one gentle round')).toBeVisible();
	await expect(page.getByText(/One gentle round\./)).toHaveCount(1);
	await expect(page.getByTestId('flare-choices')).toHaveCount(0);
	await expect(main(page, 'Pause')).toHaveFocus();
	await atEverySize(page, testInfo, 'gentle round', {
		live: true,
		onTop: sessionControls('Pause')
	});

	// A second flare in the step is never retried: it skips, and says so.
	await flare(page).click();
	await expect(page.getByTestId('flare-outlook')).toHaveText(
		'Skipping this step in 0:40 — or choose below.'
	);
	await expect(page.getByRole('button', { name: 'Try again gently' })).toHaveCount(0);
	await skip(page).click();
	await expect(phase(page)).toHaveAttribute('data-phase', 'approach');
	await expect(page.getByText('Step 4 of 8 · right side · round 1 of 2')).toBeVisible();
	await atEverySize(page, testInfo, 'after a choice', {
		live: true,
		onTop: sessionControls('Pause')
	});
});

test('the end of a session and the end after a red flag fit every screen and say what to do', async ({
	clockPage: page
}, testInfo) => {
	await startAtHipOpener(page);
	await flare(page).click();
	await page.getByRole('button', { name: 'End session' }).click();
	await expect(phase(page)).toHaveAttribute('data-phase', 'done');
	await expect(page.getByRole('heading', { name: 'Session ended after a flare' })).toBeVisible();
	const summary = page.getByTestId('session-summary');
	await expect(summary).toContainText('Steps done 0 of 8');
	await expect(summary).toContainText('Flares 1');
	// The step by step detail is folded away until asked for.
	await expect(summary.getByText('Steps skipped (2)')).toBeHidden();
	await summary.getByText('Step by step').click();
	await expect(summary.getByText('Steps skipped (2)')).toBeVisible();
	await expect(summary).not.toContainText('Steps completed');
	await atEverySize(page, testInfo, 'done', { live: false, onTop: () => [] });
	await expectAccessible(page);

	await page.getByRole('button', { name: 'Start again' }).click();
	await pressStart(page);
	await passTime(page, 8_000);
	await page.getByRole('button', { name: /^Red flag/ }).click();
	await page.getByRole('button', { name: 'Red flag: end now' }).click();
	const urgent = page.getByRole('heading', { name: 'Stop here for today' });
	await expect(urgent).toBeVisible();
	await expect(page.getByText('numbness in the groin or saddle area')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Start again' })).toHaveCount(0);
	// The safety note once: the red flag's own words, not the general note again.
	await expect(
		page.getByText('Liana offers wellness guidance').filter({ visible: true })
	).toHaveCount(0);
	await atEverySize(page, testInfo, 'red flag', { live: false, onTop: () => [urgent] });
	await expectAccessible(page);
});

test('a breathing routine speaks of discomfort, not of a stretch, and asks no question of the leg', async ({
	clockPage: page
}) => {
	await page.goto('/play/breathe-settle');
	await pressStart(page);
	await passTime(page, 6_000);
	await expect(flare(page)).toHaveAccessibleName('Flare pain or discomfort: ease off');
	await flare(page).click();
	await expect(page.getByTestId('hint')).toContainText('Let your breath go easy and be still');
	await expect(page.getByText(/stretch/i)).toHaveCount(0);
	await page.getByRole('button', { name: 'End session' }).click();
	await expect(page.getByRole('group', { name: /pain right now/i })).toBeVisible();
	await expect(page.getByText(/leg/i)).toHaveCount(0);
});
