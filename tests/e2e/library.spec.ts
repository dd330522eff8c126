import { expect, expectAccessible, passTime, test, pressStart } from './fixtures';
import {
	EVENING,
	builtInSection,
	importFile,
	notice,
	openLibrary,
	ownRoutines,
	ownSection,
	untilListed,
	cardAction,
	titleLinks
} from './routine-files';
import { SCREENS, expectInFirstScreen, expectNoSidewaysOverflow } from './screens';
import { storeRecords } from './stored';
import { savedFile } from './downloads';

test('the first screen of the library shows a routine and its Play at every size; adding one is secondary', async ({
	page
}) => {
	await openLibrary(page);
	for (const screen of SCREENS) {
		await page.setViewportSize(screen);
		await page.evaluate(() => window.scrollTo(0, 0));
		const first = page.getByRole('article').first();
		await expectInFirstScreen(
			page,
			first.getByRole('link', {
				name: 'Sciatica relief: lower back and hip decompression',
				exact: true
			})
		);
		await expectInFirstScreen(
			page,
			first.getByRole('link', { name: 'Play Sciatica relief: lower back and hip decompression' })
		);
		await expectNoSidewaysOverflow(page);
	}
	// One list to play from: the person's own routines join the built-in ones, marked as theirs.
	await importFile(page, EVENING);
	const own = ownSection(page).getByRole('article');
	await expect(own).toContainText('Yours');
	await expect(own.getByRole('link', { name: 'Play Evening unwind' })).toHaveAttribute(
		'href',
		'/play/evening-unwind'
	);
	// A card's tools wait behind one button, which says whether it is open.
	const more = own.getByRole('button', { name: 'More for Evening unwind' });
	await expect(own.getByRole('button', { name: 'Delete Evening unwind' })).toBeHidden();
	await more.click();
	await expect(more).toHaveAttribute('aria-expanded', 'true');
	await expect(own.getByRole('button', { name: 'Delete Evening unwind' })).toBeVisible();
	// Adding routines is one place, below the list: a file, a new one, or pasted text.
	const add = page.getByRole('region', { name: 'Add a routine' });
	await expect(add.getByLabel('Import routine')).toBeAttached();
	await expect(add.getByRole('link', { name: 'New routine' })).toBeVisible();
	const listBottom = await page
		.getByRole('region', { name: 'Routines', exact: true })
		.boundingBox();
	const addTop = await add.boundingBox();
	expect(addTop!.y).toBeGreaterThan(listBottom!.y + listBottom!.height - 1);
	await expectAccessible(page);
});

test('the library lists the built-in routines, each a link to its player', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { name: 'Liana', level: 1 })).toBeVisible();
	for (const [title, id] of [
		['Sciatica relief: lower back and hip decompression', 'sciatica-relief'],
		['Daily unload', 'daily-unload'],
		['Breathe and settle', 'breathe-settle']
	]) {
		await expect(page.getByRole('link', { name: title, exact: true })).toHaveAttribute(
			'href',
			`/play/${id}`
		);
	}
	await expect(page.getByText('24 min · 8 steps')).toBeVisible();
	await expect(
		page.getByText(
			'see a qualified professional if pain is severe, sudden, or comes with numbness or weakness'
		)
	).toBeVisible();
	await expectAccessible(page);
});

test('a routine opens from the library and from a deep link reloaded', async ({ page }) => {
	await page.goto('/');
	await page.getByRole('link', { name: 'Daily unload', exact: true }).click();
	await expect(page).toHaveURL('/play/daily-unload');
	await expect(page.getByRole('heading', { name: 'Daily unload' })).toBeVisible();
	await page.reload();
	await expect(page.getByTestId('step-title')).toHaveText('Arrive');
	await expect(page.getByRole('button', { name: 'Start' })).toBeVisible();
});

test('an unknown routine says so and leads back to the library', async ({ page }) => {
	await page.goto('/play/no-such-routine');
	await expect(page.getByRole('alert')).toHaveText('There is no routine called "no-such-routine".');
	await expect(page.getByRole('link', { name: 'Back to the library', exact: true })).toBeVisible();
	await expectAccessible(page);
});

test('delete is real at once, Undo puts the routine back exactly, and a delete kept survives reload', async ({
	page,
	context
}) => {
	await openLibrary(page);
	await importFile(page, EVENING);
	await expect(notice(page)).toHaveText('Imported “Evening unwind”.');
	const morning = EVENING.replaceAll('evening-unwind', 'morning').replace(
		'Evening unwind',
		'Morning'
	);
	await importFile(page, morning, 'morning.json');
	await expect(notice(page)).toHaveText('Imported “Morning”.');
	const both = ['Morning → /play/morning', 'Evening unwind → /play/evening-unwind'];
	expect(await ownRoutines(page)).toEqual(both);
	await expectAccessible(page);

	await cardAction(page, 'Delete Evening unwind');
	await expect(notice(page)).toContainText('Deleted “Evening unwind”.');
	const undo = notice(page).getByRole('button', { name: 'Undo' });
	await expect(undo).toHaveFocus();
	expect(await ownRoutines(page)).toEqual(['Morning → /play/morning']);
	await expectAccessible(page);
	// Deleted in the database, not only hidden: another tab no longer lists it.
	const other = await context.newPage();
	await openLibrary(other);
	expect(await ownRoutines(other)).toEqual(['Morning → /play/morning']);

	// Back to the first tab (Firefox gives focus only to the tab in front).
	await page.bringToFront();
	await undo.click();
	await expect(notice(page)).toHaveText('Put back “Evening unwind”.');
	await expect(
		ownSection(page).getByRole('link', { name: 'Evening unwind', exact: true })
	).toHaveFocus();
	// Its place (the date it was added) and its text are the ones it had.
	await page.reload();
	await untilListed(page);
	expect(await ownRoutines(page)).toEqual(both);
	const saved = await savedFile(page, () => cardAction(page, 'Export Evening unwind'));
	expect(saved.text).toBe(EVENING);

	await cardAction(page, 'Delete Morning');
	await expect(notice(page)).toContainText('Deleted “Morning”.');
	await page.reload();
	await untilListed(page);
	expect(await ownRoutines(page)).toEqual(['Evening unwind → /play/evening-unwind']);
	await expect(page.getByRole('button', { name: 'Undo' })).toHaveCount(0);
});

test('any routine can be duplicated as your own copy, and built-ins have no Delete', async ({
	page
}) => {
	await openLibrary(page);
	await expect(
		builtInSection(page).getByRole('button', { name: /^Delete/, includeHidden: true })
	).toHaveCount(0);
	await cardAction(page, 'Duplicate Daily unload');
	await expect(notice(page)).toHaveText('Added “Daily unload (copy)”.');
	expect(await ownRoutines(page)).toEqual(['Daily unload (copy) → /play/daily-unload-2']);
	await cardAction(page, 'Duplicate Daily unload (copy)');
	await expect(notice(page)).toHaveText('Added “Daily unload (copy) (copy)”.');
	await page.reload();
	await untilListed(page);
	expect(await ownRoutines(page)).toEqual([
		'Daily unload (copy) (copy) → /play/daily-unload-3',
		'Daily unload (copy) → /play/daily-unload-2'
	]);
	await page.getByRole('link', { name: 'Daily unload (copy) (copy)', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Daily unload (copy) (copy)' })).toBeVisible();
	await expect(page.getByTestId('step-title')).toHaveText('Arrive');
});

test('export downloads the exact file, which imports again to the same text', async ({ page }) => {
	await openLibrary(page);
	const exported = async (title: string) => {
		const { name, text } = await savedFile(page, () => cardAction(page, `Export ${title}`));
		return { name, text };
	};
	// A built-in exports as the file it ships as.
	const shipped = await (await page.request.get('/routines/daily-unload.json')).text();
	expect(await exported('Daily unload')).toEqual({ name: 'daily-unload.json', text: shipped });

	await importFile(page, EVENING);
	const first = await exported('Evening unwind');
	expect(first).toEqual({ name: 'evening-unwind.json', text: EVENING });
	await cardAction(page, 'Delete Evening unwind');
	await importFile(page, first.text, first.name);
	await expect(notice(page)).toHaveText('Imported “Evening unwind”.');
	expect(await exported('Evening unwind')).toEqual(first);
});

test('Share hands the routine file to a platform that shares such files, and hides elsewhere', async ({
	page,
	context
}) => {
	// A platform that shares files, but not JSON ones (Chrome on Android shares a fixed list).
	const picky = await context.newPage();
	await picky.addInitScript(() => {
		Object.assign(navigator, {
			canShare: (data: ShareData) => (data.files ?? []).every((f) => f.type.startsWith('image/')),
			share: async () => undefined
		});
	});
	await openLibrary(picky);
	await expect(
		picky.getByRole('button', { name: 'Export Daily unload', includeHidden: true })
	).toHaveCount(1);
	await expect(picky.getByRole('button', { name: /^Share/, includeHidden: true })).toHaveCount(0);

	// One that shares JSON files (as Safari does), standing in for the real share sheet.
	await page.addInitScript(() => {
		const shared: { name: string; type: string; text: Promise<string> }[] = [];
		Object.assign(navigator, {
			canShare: (data: ShareData) => (data.files ?? []).every((f) => f.name.endsWith('.json')),
			share: async (data: ShareData) => {
				for (const f of data.files ?? [])
					shared.push({ name: f.name, type: f.type, text: f.text() });
			}
		});
		Object.assign(window, { sharedFiles: shared });
	});
	await openLibrary(page);
	await importFile(page, EVENING);
	await cardAction(page, 'Share Evening unwind');
	const shared = await page.evaluate(async () => {
		const files = (
			window as unknown as { sharedFiles: { name: string; type: string; text: Promise<string> }[] }
		).sharedFiles;
		return Promise.all(
			files.map(async (f) => ({ name: f.name, type: f.type, text: await f.text }))
		);
	});
	expect(shared).toEqual([
		{ name: 'evening-unwind.json', type: 'application/json', text: EVENING }
	]);
	await expect(
		page.getByRole('button', { name: 'Share Daily unload', includeHidden: true })
	).toHaveCount(1);
});

test('a routine played shows when it was last played; others say nothing of it', async ({
	clockPage: page
}) => {
	await openLibrary(page);
	await importFile(
		page,
		'{"version":1,"id":"quick-rest","title":"Quick rest","steps":[{"type":"rest","id":"r","title":"Rest","seconds":5}]}',
		'quick-rest.json'
	);
	const card = ownSection(page).getByRole('listitem');
	await expect(card).toContainText('10 s · 1 step');
	await expect(card).not.toContainText('played');

	await page.goto('/play/quick-rest');
	await pressStart(page);
	await passTime(page, 11_000);
	await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'done');
	await expect(page.getByText('This session is kept in your history.')).toBeVisible();

	await openLibrary(page);
	await expect(card).toContainText('Last played today');
	await expect(builtInSection(page).getByText('played')).toHaveCount(0);
});

test('a long library lists the newest 30 own routines and older ones 30 at a time', async ({
	page
}) => {
	await openLibrary(page);
	// 65 routines of a coach's, added an hour apart.
	await storeRecords(
		page,
		'routines',
		Array.from({ length: 65 }, (_, k) => {
			const i = k + 1;
			const at = Date.UTC(2026, 0, 1) + i * 3_600_000;
			const text = JSON.stringify({
				version: 1,
				id: `client-${i}`,
				title: `Client ${i}`,
				steps: [{ type: 'rest', id: 'still', title: 'Rest', seconds: 60 }]
			});
			return { id: `client-${i}`, text, addedAtEpochMs: at, updatedAtEpochMs: at };
		})
	);
	await openLibrary(page);
	const own = ownSection(page);
	const links = titleLinks(own);
	await expect(links).toHaveCount(30);
	await expect(links.first()).toHaveText('Client 65');
	await expect(own).toContainText('Showing the newest 30 of 65.');
	await own.getByRole('button', { name: 'Show 30 older routines' }).click();
	await expect(links).toHaveCount(60);
	await expect(links.nth(30)).toHaveText('Client 35');
	await expect(links.nth(30)).toHaveFocus();
	await own.getByRole('button', { name: 'Show 5 older routines' }).click();
	await expect(links).toHaveCount(65);
	await expect(links.last()).toHaveText('Client 1');
	await expect(own.getByRole('button', { name: /older routines/ })).toHaveCount(0);
	await expectAccessible(page);
});
