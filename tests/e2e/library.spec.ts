import { readFile } from 'node:fs/promises';
import { expect, expectAccessible, passTime, test, pressStart } from './fixtures';
import {
	EVENING,
	builtInSection,
	importFile,
	notice,
	openLibrary,
	ownRoutines,
	ownSection,
	untilListed
} from './routine-files';
import { storeRecords } from './stored';

test('the library lists the built-in routines, each a link to its player', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { name: 'Liana', level: 1 })).toBeVisible();
	for (const [title, id] of [
		['Sciatica relief: lower back and hip decompression', 'sciatica-relief'],
		['Daily unload', 'daily-unload'],
		['Breathe and settle', 'breathe-settle']
	]) {
		await expect(page.getByRole('link', { name: title })).toHaveAttribute('href', `/play/${id}`);
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
	await page.getByRole('link', { name: 'Daily unload' }).click();
	await expect(page).toHaveURL('/play/daily-unload');
	await expect(page.getByRole('heading', { name: 'Daily unload' })).toBeVisible();
	await page.reload();
	await expect(page.getByTestId('step-title')).toHaveText('Arrive');
	await expect(page.getByRole('button', { name: 'Start' })).toBeVisible();
});

test('an unknown routine says so and leads back to the library', async ({ page }) => {
	await page.goto('/play/no-such-routine');
	await expect(page.getByRole('alert')).toHaveText('There is no routine called "no-such-routine".');
	await expect(page.getByRole('link', { name: 'Back to the library' })).toBeVisible();
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

	await page.getByRole('button', { name: 'Delete Evening unwind' }).click();
	await expect(notice(page)).toContainText('Deleted “Evening unwind”.');
	const undo = notice(page).getByRole('button', { name: 'Undo' });
	await expect(undo).toBeFocused();
	expect(await ownRoutines(page)).toEqual(['Morning → /play/morning']);
	await expectAccessible(page);
	// Deleted in the database, not only hidden: another tab no longer lists it.
	const other = await context.newPage();
	await openLibrary(other);
	expect(await ownRoutines(other)).toEqual(['Morning → /play/morning']);

	await undo.click();
	await expect(notice(page)).toHaveText('Put back “Evening unwind”.');
	await expect(ownSection(page).getByRole('link', { name: 'Evening unwind' })).toBeFocused();
	// Its place (the date it was added) and its text are the ones it had.
	await page.reload();
	await untilListed(page);
	expect(await ownRoutines(page)).toEqual(both);
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export Evening unwind' }).click();
	expect(await readFile(await (await download).path(), 'utf8')).toBe(EVENING);

	await page.getByRole('button', { name: 'Delete Morning' }).click();
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
	await expect(builtInSection(page).getByRole('button', { name: /^Delete/ })).toHaveCount(0);
	await page.getByRole('button', { name: 'Duplicate Daily unload' }).click();
	await expect(notice(page)).toHaveText('Added “Daily unload (copy)”.');
	expect(await ownRoutines(page)).toEqual(['Daily unload (copy) → /play/daily-unload-2']);
	await page.getByRole('button', { name: 'Duplicate Daily unload (copy)' }).click();
	await expect(notice(page)).toHaveText('Added “Daily unload (copy) (copy)”.');
	await page.reload();
	await untilListed(page);
	expect(await ownRoutines(page)).toEqual([
		'Daily unload (copy) (copy) → /play/daily-unload-3',
		'Daily unload (copy) → /play/daily-unload-2'
	]);
	await page.getByRole('link', { name: 'Daily unload (copy) (copy)' }).click();
	await expect(page.getByRole('heading', { name: 'Daily unload (copy) (copy)' })).toBeVisible();
	await expect(page.getByTestId('step-title')).toHaveText('Arrive');
});

test('export downloads the exact file, which imports again to the same text', async ({ page }) => {
	await openLibrary(page);
	const exported = async (title: string) => {
		const download = page.waitForEvent('download');
		await page.getByRole('button', { name: `Export ${title}` }).click();
		const file = await download;
		return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
	};
	// A built-in exports as the file it ships as.
	const shipped = await (await page.request.get('/routines/daily-unload.json')).text();
	expect(await exported('Daily unload')).toEqual({ name: 'daily-unload.json', text: shipped });

	await importFile(page, EVENING);
	const first = await exported('Evening unwind');
	expect(first).toEqual({ name: 'evening-unwind.json', text: EVENING });
	await page.getByRole('button', { name: 'Delete Evening unwind' }).click();
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
	await expect(picky.getByRole('button', { name: 'Export Daily unload' })).toBeVisible();
	await expect(picky.getByRole('button', { name: /^Share/ })).toHaveCount(0);

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
	await page.getByRole('button', { name: 'Share Evening unwind' }).click();
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
	await expect(page.getByRole('button', { name: 'Share Daily unload' })).toBeVisible();
});

test('a routine played shows when it was last played; others say never', async ({
	clockPage: page
}) => {
	await openLibrary(page);
	await importFile(
		page,
		'{"version":1,"id":"quick-rest","title":"Quick rest","steps":[{"type":"rest","id":"r","title":"Rest","seconds":5}]}',
		'quick-rest.json'
	);
	const card = ownSection(page).getByRole('listitem');
	await expect(card).toContainText('Never played');

	await page.goto('/play/quick-rest');
	await pressStart(page);
	await passTime(page, 11_000);
	await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'done');
	await expect(page.getByText('This session is kept in your history.')).toBeVisible();

	await openLibrary(page);
	await expect(card).toContainText('Last played today');
	await expect(builtInSection(page).getByText('Never played')).toHaveCount(3);
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
	const links = own.getByRole('link');
	await expect(links).toHaveCount(30);
	await expect(links.first()).toHaveText('Client 65');
	await expect(own).toContainText('Showing the newest 30 of 65.');
	await own.getByRole('button', { name: 'Show 30 older routines' }).click();
	await expect(links).toHaveCount(60);
	await expect(links.nth(30)).toHaveText('Client 35');
	await expect(links.nth(30)).toBeFocused();
	await own.getByRole('button', { name: 'Show 5 older routines' }).click();
	await expect(links).toHaveCount(65);
	await expect(links.last()).toHaveText('Client 1');
	await expect(own.getByRole('button', { name: /older routines/ })).toHaveCount(0);
	await expectAccessible(page);
});
