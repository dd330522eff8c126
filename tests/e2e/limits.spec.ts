/**
 * What a routine may ask, as a careless or hostile author meets it: a session of years refused in
 * one sentence, a flood of problems named fifty at a time, and a stored routine that breaks a
 * newer cap listed with its reason while the rest of the library opens as always.
 */
import { expect, test } from './fixtures';
import {
	EVENING,
	importFile,
	notice,
	openLibrary,
	ownRoutines,
	ownSection,
	titleLinks
} from './routine-files';
import { storeRecords } from './stored';
import { savedFile } from './downloads';

const HOUR = 3600;

/** 500 stretches of 20 rounds of 200 breaths, every phase an hour: 23 KB asking for 916 years. */
const YEARS = JSON.stringify({
	version: 1,
	id: 'forever',
	title: 'Forever',
	steps: Array.from({ length: 500 }, (_, i) => ({
		type: 'stretch',
		id: `s${i}`,
		title: 'Stretch',
		rounds: 20,
		cycle: {
			approach: HOUR,
			soften: HOUR,
			comeBack: HOUR,
			breathe: { breaths: 200, inhale: HOUR, exhale: HOUR, holdIn: HOUR, holdOut: HOUR }
		}
	}))
});

/** Three stretches of 20 rounds of 200 breaths, every other number as the format's defaults. */
const HOURS = JSON.stringify({
	version: 1,
	id: 'three-long-stretches',
	title: 'Three long stretches',
	steps: [1, 2, 3].map((i) => ({
		type: 'stretch',
		id: `s${i}`,
		title: 'Stretch',
		rounds: 20,
		cycle: { breathe: { breaths: 200 } }
	}))
});

test('a routine of 916 years is refused in one sentence, and the library goes on as it was', async ({
	page
}) => {
	await openLibrary(page);
	await importFile(page, EVENING);
	await expect(notice(page)).toHaveText('Imported “Evening unwind”.');

	await importFile(page, YEARS, 'forever.json');
	const alert = page.getByRole('alert');
	// One sentence, not a list of places in the file.
	await expect(alert.locator('strong')).toHaveText(
		/^This routine would last [\d,]+ years; a routine can last at most 4 hours\.$/
	);
	await expect(alert.getByRole('list')).toHaveCount(1);
	await expect(alert.getByRole('group', { name: 'For the file’s author' })).toContainText(
		'“forever.json”'
	);
	await expect(alert).not.toContainText('x-');

	await importFile(page, HOURS, 'three-long-stretches.json');
	await expect(alert.locator('strong')).toHaveText(
		'This routine would last 34 hours; a routine can last at most 4 hours.'
	);
	await page.reload();
	await expect(titleLinks(ownSection(page))).toHaveCount(1);
	expect(await ownRoutines(page)).toEqual(['Evening unwind → /play/evening-unwind']);
});

test('a flood of unknown keys is named fifty at a time, with the count of the rest', async ({
	page
}) => {
	await openLibrary(page);
	const keys = Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`k${i}`, 1]));
	const text = JSON.stringify({ ...JSON.parse(EVENING), ...keys });
	await importFile(page, text, 'keys.json');
	const alert = page.getByRole('alert');
	await expect(alert.locator('strong')).toHaveText(
		'This file has 60,000 mistakes, so it was not imported.'
	);
	const listed = alert.getByRole('list').first().getByRole('listitem');
	await expect(listed).toHaveCount(51);
	await expect(listed.last()).toHaveText('…and 59,950 more like these, not listed.');
	await expect(listed.first()).toHaveText('“k0” is not a setting Liana knows.');
	await expect(
		alert.getByRole('group', { name: 'For the file’s author' }).getByRole('listitem').first()
	).toHaveText('k0: unknown key "k0" (a key of your own must begin with "x-")');
});

test('a stored routine over a newer cap is listed with its reason and not played; the rest open', async ({
	page
}) => {
	await openLibrary(page);
	const at = Date.UTC(2026, 0, 1);
	const stored = (id: string, text: string) => ({
		id,
		text,
		addedAtEpochMs: at,
		updatedAtEpochMs: at
	});
	await storeRecords(page, 'routines', [
		stored('forever', YEARS),
		stored('evening-unwind', EVENING)
	]);
	await openLibrary(page);
	expect(await ownRoutines(page)).toEqual(['Evening unwind → /play/evening-unwind']);
	const broken = ownSection(page).getByRole('alert');
	await expect(broken).toHaveText(
		/^Your routine “Forever” can no longer be played: this routine would last [\d,]+ years; a routine can last at most 4 hours\. Export it to change it in a text editor, or delete it\.$/
	);
	await expect(ownSection(page).getByRole('button', { name: 'Delete forever' })).toBeVisible();
	// The file as stored can be taken elsewhere to mend: nothing is lost to a newer rule.
	const saved = await savedFile(page, () =>
		ownSection(page).getByRole('button', { name: 'Export forever' }).click()
	);
	expect(saved.text).toBe(YEARS);

	await page.goto('/play/forever');
	await expect(page.getByRole('main')).toContainText('can no longer be played');
	await expect(page.getByRole('button', { name: 'Start' })).toHaveCount(0);
});
