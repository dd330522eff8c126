/** Takes screenshots of real pages of the built app, to look at what a person sees: `npx tsx scripts/screenshot.ts URL OUT.png [width height] [actions]` (a button name, `wait:ms`, `key:Key`, `check:label`, `reload`, `goto:/path`). */
import { chromium } from '@playwright/test';
import { chromiumPath } from './browser-paths';

const [
	url = 'http://127.0.0.1:4173/',
	out = 'shot.png',
	width = '1280',
	height = '800',
	...actions
] = process.argv.slice(2);
const browser = await chromium.launch({
	executablePath: chromiumPath()
});
const page = await browser.newPage({
	viewport: { width: Number(width), height: Number(height) },
	colorScheme: process.env['LIANA_SCHEME'] === 'light' ? 'light' : 'dark'
});
await page.clock.install();
await page.goto(url);
for (const action of actions) {
	if (action.startsWith('wait:')) await page.clock.runFor(Number(action.slice(5)));
	else if (action.startsWith('key:')) await page.keyboard.press(action.slice(4));
	else if (action.startsWith('check:')) await page.getByLabel(action.slice(6)).first().check();
	else if (action === 'reload') await page.reload();
	else if (action.startsWith('goto:')) await page.goto(new URL(action.slice(5), url).href);
	else await page.getByRole('button', { name: action }).first().click();
}
await page.screenshot({ path: out, fullPage: true });
await browser.close();
