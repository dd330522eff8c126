import type { Page } from '@playwright/test';
import { expect, test, pressStart, soundReady } from './fixtures';
import { importFile, notice, openLibrary } from './routine-files';

/** Every Content Security Policy violation the page reports, from its first script on. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
	await page.addInitScript(() => {
		const seen: string[] = [];
		Object.assign(window, { __violations: seen });
		document.addEventListener('securitypolicyviolation', (event) =>
			seen.push(`${event.effectiveDirective} ${event.blockedURI || '(inline)'}`)
		);
	});
	return () =>
		page.evaluate(() => (window as unknown as { __violations?: string[] }).__violations ?? []);
}

test('every page carries the policy, and nothing the app does breaks it', async ({ page }) => {
	const violations = await watchViolations(page);
	for (const path of [
		'/',
		'/history',
		'/edit/new',
		'/play/sciatica-relief',
		'/play/sciatica-relief?view=studio'
	]) {
		await page.goto(path);
		await expect(page.locator('h1').first()).toBeVisible();
		const policy = await page
			.locator('meta[http-equiv="content-security-policy"]')
			.getAttribute('content');
		expect(policy, path).toMatch(/default-src 'self'/);
		expect(policy, path).toMatch(/connect-src 'self'/);
		expect(policy, path).toMatch(/object-src 'none'/);
		// Scripts from this origin and SvelteKit's start-up script by its hash; nothing inline else.
		const scripts = /script-src ([^;]*)/.exec(policy ?? '')?.[1] ?? '';
		expect(scripts.split(' ').filter((source) => !source.startsWith("'sha256-"))).toEqual([
			"'self'"
		]);
		expect(await violations(), path).toEqual([]);
	}
	// A session plays (sound, pacer, wake lock) within the policy.
	await page.goto('/play/daily-unload');
	await expect(soundReady(page)).toBeAttached();
	await pressStart(page);
	await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
	await page.getByRole('button', { name: 'More' }).click();
	await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
	await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
	expect(await violations()).toEqual([]);
});

test('a script slipped into the page does not run', async ({ page }) => {
	const violations = await watchViolations(page);
	await page.goto('/');
	const ran = await page.evaluate(() => {
		const script = document.createElement('script');
		script.textContent = 'window.__ran = true';
		document.head.append(script);
		return (window as unknown as { __ran?: boolean }).__ran ?? false;
	});
	expect(ran).toBe(false);
	expect(await violations()).toEqual(['script-src-elem inline']);
});

test('markup in a routine is shown as text and never runs', async ({ page }) => {
	const violations = await watchViolations(page);
	const title = '<img src=x onerror="window.__pwned=1">Evening';
	const routine = {
		version: 1,
		id: 'markup',
		title,
		summary: '<script>window.__pwned=2</script>',
		steps: [{ type: 'rest', id: 'still', title: '<b>Rest</b>', seconds: 30 }]
	};
	await openLibrary(page);
	await importFile(page, JSON.stringify(routine), 'markup.json');
	await expect(notice(page)).toContainText('Imported');
	await expect(page.getByRole('link', { name: title, exact: true })).toBeVisible();
	await expect(page.getByText(routine.summary)).toBeVisible();
	await page.goto('/play/markup');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
	// As text in the list of steps (the stage, where it shows too, waits for Start).
	await expect(page.getByText('<b>Rest</b>').filter({ visible: true }).first()).toBeVisible();
	expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBe(
		undefined
	);
	expect(await page.locator('img[src="x"]').count()).toBe(0);
	expect(await violations()).toEqual([]);
});
