/** The screen sizes each look of the app is checked at, and what "fits" means there. */
import { expect, type Locator, type Page } from '@playwright/test';

/** Two phones upright, a phone on its side, a laptop: the sizes #16 names. */
export const SCREENS = [
	{ name: 'small phone', width: 320, height: 568 },
	{ name: 'phone', width: 390, height: 844 },
	{ name: 'phone on its side', width: 844, height: 390 },
	{ name: 'laptop', width: 1440, height: 900 }
] as const;

export type Screen = (typeof SCREENS)[number];

/** Phone widths, where a person holds the screen (no studio display offered, no key hints). */
export const PHONE_SCREENS = SCREENS.filter((screen) => screen.width < 600);

/**
 * What is wider than the screen: the page, or any dialog open on it, each as "html 485 px in
 * 390 px"; empty when all fits. `npm run screens` warns with it too.
 */
export async function sidewaysOverflow(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const width = document.documentElement.clientWidth;
		const wide = [document.documentElement, ...document.querySelectorAll('dialog[open]')].filter(
			(element) =>
				element.scrollWidth > element.clientWidth + 1 ||
				element.getBoundingClientRect().right > width + 1
		);
		return wide.map(
			(element) => `${element.tagName.toLowerCase()} ${element.scrollWidth} px in ${width} px`
		);
	});
}

/** Fails when the page, or any dialog open on it, is wider than the screen. */
export async function expectNoSidewaysOverflow(page: Page): Promise<void> {
	expect(await sidewaysOverflow(page)).toEqual([]);
}

/** Fails unless the whole of `locator` is inside the first screen, with no scrolling. */
export async function expectInFirstScreen(page: Page, locator: Locator): Promise<void> {
	await expect(locator).toBeVisible();
	const box = await locator.boundingBox();
	const scrolled = await page.evaluate(() => window.scrollY);
	const viewport = page.viewportSize();
	expect(box, 'it has a box').not.toBeNull();
	expect(viewport, 'the page has a viewport').not.toBeNull();
	if (!box || !viewport) return;
	expect(scrolled, 'the page was not scrolled').toBe(0);
	expect(box.y, 'its top is on the screen').toBeGreaterThanOrEqual(0);
	expect(box.y + box.height, 'its bottom is in the first screen').toBeLessThanOrEqual(
		viewport.height
	);
}
