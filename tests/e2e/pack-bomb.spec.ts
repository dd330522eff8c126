import type { Page } from '@playwright/test';
import { entryCountBomb } from '../../scripts/hostile-zips';
import { expect, test } from './fixtures';
import {
	notice,
	openLibrary,
	ownSection,
	routinesSection,
	untilListed,
	titleLinks
} from './routine-files';

// The coach's web host is stood in for by page.route, which a service worker would bypass.
test.use({ serviceWorkers: 'block' });

const BOMB_REFUSAL =
	'the zip file is damaged (its directory claims 4,294,967,294 files, more than 113 bytes of directory can list)';

/**
 * Holds back the pack reader's script until `release` is called: the import is under way, and
 * stays so, for as long as the test looks at the page.
 */
async function holdPackReader(page: Page): Promise<() => void> {
	let release = () => {};
	const released = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/workers/pack-worker-*.js', async (route) => {
		await released;
		await route.continue();
	});
	return release;
}

/** A script of the page's own that counts its turns: it runs only while the page is free. */
async function startTicking(page: Page): Promise<() => Promise<number>> {
	await page.evaluate(() => {
		const scope = window as unknown as { ticks: number };
		scope.ticks = 0;
		setInterval(() => scope.ticks++, 10);
	});
	return () => page.evaluate(() => (window as unknown as { ticks: number }).ticks);
}

async function importBomb(page: Page) {
	await page.getByLabel('Import routine').setInputFiles({
		name: 'bomb.zip',
		mimeType: 'application/zip',
		buffer: Buffer.from(entryCountBomb())
	});
}

test('a pack bomb is read off the page: the page keeps answering, then the bomb is refused in words', async ({
	page
}) => {
	await openLibrary(page);
	const release = await holdPackReader(page);
	const ticks = await startTicking(page);
	await importBomb(page);
	await expect(notice(page)).toHaveText('Reading the routine pack “bomb.zip”…');

	// Under way, and the page's own script keeps firing and the page keeps taking input.
	const before = await ticks();
	await expect.poll(ticks).toBeGreaterThan(before + 10);
	await page.getByText('Paste routine text').click();
	const paste = page.getByLabel('Routine text, as it was sent to you');
	await paste.fill('{ "still": "typing" }');
	await expect(paste).toHaveValue('{ "still": "typing" }');
	await expect(page.getByRole('alert')).toHaveCount(0);

	release();
	const alert = page.getByRole('alert');
	await expect(alert.locator('strong')).toHaveText(
		'This routine pack is damaged, so Liana cannot open it.'
	);
	const author = alert.getByRole('group', { name: 'For the file’s author' });
	await expect(author).toContainText('“bomb.zip”');
	await expect(author).toContainText(BOMB_REFUSAL);
	await expect(notice(page)).toHaveCount(0);
	const after = await ticks();
	await expect.poll(ticks).toBeGreaterThan(after);
	await expect(routinesSection(page)).toHaveAttribute('aria-busy', 'false');
	await expect(titleLinks(ownSection(page))).toHaveCount(0);
});

test('an import link to a bomb leaves the address before any work, so a reload never reads it again', async ({
	page
}) => {
	let fetched = 0;
	await page.route(
		(url) => url.pathname === '/coach/bomb.zip',
		async (route) => {
			fetched++;
			await route.fulfill({ body: Buffer.from(entryCountBomb()), contentType: 'application/zip' });
		}
	);
	await holdPackReader(page);
	await page.goto('/?import=/coach/bomb.zip');
	await expect(notice(page)).toHaveText('Reading the routine pack “/coach/bomb.zip”…');
	await expect(page).toHaveURL('/');
	expect(fetched).toBe(1);

	await page.reload();
	await untilListed(page);
	await expect(notice(page)).toHaveCount(0);
	await expect(page.getByRole('alert')).toHaveCount(0);
	expect(fetched).toBe(1);
});

test('a pack whose reading passes the time limit is stopped, and the person told', async ({
	clockPage: page
}) => {
	await openLibrary(page);
	// Never released: the reader never answers. The time limit runs on the page's driven clock.
	await holdPackReader(page);
	// The limit starts with the worker, once the reader's code has loaded (a moment after the
	// notice on a busy machine): the clock moves only after the worker's script is asked for.
	const started = page.waitForRequest(/\/workers\/pack-worker-[^/]*\.js$/);
	await importBomb(page);
	await expect(notice(page)).toHaveText('Reading the routine pack “bomb.zip”…');
	await started;
	await page.clock.runFor(19_000);
	await expect(page.getByRole('alert')).toHaveCount(0);
	await page.clock.runFor(1_000);
	await expect(page.getByRole('alert')).toHaveText(
		'“bomb.zip” took more than 20 seconds to read, so Liana stopped reading it; nothing in your library changed. A pack that slow is damaged or made to stall a device: ask whoever sent it for a new one.'
	);
	await expect(notice(page)).toHaveCount(0);
});
