import type { Page } from '@playwright/test';
import { expect, expectAccessible, passTime, test, pressStart } from './fixtures';
import {
	EVENING,
	EVENING_LONGER,
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
import { expectPlainWords } from './words';
import { savedFile } from './downloads';

// The tests stand in for a coach's web host with page.route, which a service worker would bypass.
test.use({ serviceWorkers: 'block' });

const EVENING_LINK = 'Evening unwind → /play/evening-unwind';

const byPath = (path: string) => (url: URL) => url.pathname === path;

/** Reloads and checks the library holds exactly the given own routines. */
async function expectAfterReload(page: Page, own: string[]) {
	await page.reload();
	await untilListed(page);
	expect(await ownRoutines(page)).toEqual(own);
}

test('a file chosen with Import routine is listed as yours, survives a reload and plays', async ({
	clockPage: page
}) => {
	await openLibrary(page);
	await importFile(page, EVENING);
	await expect(notice(page)).toHaveText('Imported “Evening unwind”.');
	const card = ownSection(page).getByRole('listitem');
	await expect(card).toHaveCount(1);
	await expect(card.getByRole('link', { name: 'Evening unwind', exact: true })).toHaveAttribute(
		'href',
		'/play/evening-unwind'
	);
	await expect(card).toContainText('Yours');
	await expect(card).toContainText('Slow breaths and one gentle hip opener before bed.');
	await expect(card).toContainText('1 min · 2 steps');
	await expect(card).not.toContainText('played');
	await expect(page.getByRole('alert')).toHaveCount(0);

	await expectAfterReload(page, [EVENING_LINK]);
	// A navigation needs time to flow; the session's time is driven again once the player shows.
	await page.clock.resume();
	await ownSection(page).getByRole('link', { name: 'Evening unwind', exact: true }).click();
	await expect(page).toHaveURL('/play/evening-unwind');
	await page.reload();
	await expect(page.getByTestId('step-title')).toHaveText('Settle in');
	await page.clock.pauseAt(Date.UTC(2026, 10, 26, 9, 0, 0));
	await pressStart(page);
	await page.clock.runFor(5_000);
	await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'breathe');
	await expect(page.getByTestId('phase')).toHaveAttribute('data-breath', 'inhale');
	await passTime(page, 35_000);
	await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'approach');
	await expect(page.getByTestId('step-title')).toHaveText('Hip opener');
});

test('a file dropped on the library is imported, with a visible drop target meanwhile', async ({
	page
}) => {
	await openLibrary(page);
	const library = page.getByRole('group', { name: 'Routine library' });
	const dataTransfer = await page.evaluateHandle((text) => {
		const transfer = new DataTransfer();
		transfer.items.add(new File([text], 'evening-unwind.json', { type: 'application/json' }));
		return transfer;
	}, EVENING);
	await builtInSection(page).dispatchEvent('dragenter', { dataTransfer });
	await expect(page.getByText('Drop the routine file to import it')).toBeVisible();
	await builtInSection(page).dispatchEvent('drop', { dataTransfer });
	await expect(page.getByText('Drop the routine file to import it')).toBeHidden();
	await expect(notice(page)).toHaveText('Imported “Evening unwind”.');
	await expect(library).toBeVisible();
	await expectAfterReload(page, [EVENING_LINK]);
});

test('pasted text is imported with the Import button', async ({ page }) => {
	await openLibrary(page);
	await page.getByText('Paste routine text').click();
	const box = page.getByLabel('Routine text');
	await box.fill(EVENING);
	await page.getByRole('button', { name: 'Import', exact: true }).click();
	await expect(notice(page)).toHaveText('Imported “Evening unwind”.');
	await expect(box).toHaveValue('');
	await expectAfterReload(page, [EVENING_LINK]);
});

test('an import link fetches the file from this site once, then leaves the address', async ({
	page
}) => {
	let served = 0;
	// By path: the glob `**/coach/…` would match the page's own address with `?import=` too.
	await page.route(byPath('/coach/evening-unwind.json'), (route) => {
		served++;
		return route.fulfill({ contentType: 'application/json', body: EVENING });
	});
	await openLibrary(page, '/?import=/coach/evening-unwind.json');
	await expect(notice(page)).toHaveText('Imported “Evening unwind”.');
	await expect(page).toHaveURL('/');
	expect(await ownRoutines(page)).toEqual([EVENING_LINK]);
	await expectAfterReload(page, [EVENING_LINK]);
	await expect(page.getByRole('alert')).toHaveCount(0);
	await expect(page.getByRole('dialog')).toHaveCount(0);
	// Nor does coming back to the library through the history.
	await ownSection(page).getByRole('link', { name: 'Evening unwind', exact: true }).click();
	await expect(page.getByTestId('step-title')).toHaveText('Settle in');
	await page.goBack();
	await untilListed(page);
	await expect(page).toHaveURL('/');
	await expect(notice(page)).toHaveCount(0);
	expect(served).toBe(1);

	// The full address of this site is the same file.
	const origin = new URL(page.url()).origin;
	await openLibrary(page, `/?import=${encodeURIComponent(`${origin}/coach/evening-unwind.json`)}`);
	await expect(notice(page)).toContainText('is in your library already');
	expect(served).toBe(2);
});

test('an import link to another site is refused and nothing is fetched', async ({ page }) => {
	const elsewhere: string[] = [];
	await page.route('https://coach.example/**', (route) => {
		elsewhere.push(route.request().url());
		return route.fulfill({ contentType: 'application/json', body: EVENING });
	});
	await openLibrary(page, '/?import=https://coach.example/evening-unwind.json');
	const alert = page.getByRole('alert');
	await expect(alert).toContainText('Liana imports only files from its own site');
	await expect(alert).toContainText('this link points to coach.example, so nothing was fetched');
	await expect(alert).toContainText('download the file and import it with Import routine');
	await expect(page).toHaveURL('/');
	expect(elsewhere).toEqual([]);
	await expectAccessible(page);
	await expectAfterReload(page, []);
	await expect(page.getByRole('alert')).toHaveCount(0);
});

test('an import link whose file cannot be fetched says so and what to do', async ({ page }) => {
	await page.route(byPath('/coach/gone.json'), (route) => route.abort('internetdisconnected'));
	await openLibrary(page, '/?import=/coach/gone.json');
	await expect(page.getByRole('alert')).toContainText(
		'The routine at /coach/gone.json could not be fetched: the network is unreachable. Connect to the internet and open the link again'
	);
	await expect(page).toHaveURL('/');

	await openLibrary(page, '/?import=/coach/missing.json');
	await expect(page.getByRole('alert')).toContainText(
		'The routine at /coach/missing.json could not be fetched: the site answered 404 Not Found. Check the link with whoever sent it'
	);
	expect(await ownRoutines(page)).toEqual([]);
});

test('an import link whose site never answers stops at the time limit, and Retry fetches it again', async ({
	clockPage: page
}) => {
	let answering = false;
	let asked = 0;
	await page.route(byPath('/coach/slow.json'), (route) => {
		asked++;
		// Held unanswered, as a site that hangs: the app's time limit is what ends it.
		if (!answering) return;
		return route.fulfill({ contentType: 'application/json', body: EVENING });
	});
	await openLibrary(page, '/?import=/coach/slow.json');
	await expect(notice(page)).toContainText('Fetching the routine at /coach/slow.json…');
	// The request reaches the site before time passes: a request the app abandoned before the
	// route heard it would never be counted.
	await expect.poll(() => asked).toBe(1);
	// The time limit runs on the page's clock: 20 seconds pass at once.
	await page.clock.fastForward(20_000);
	const alert = page.getByRole('alert');
	await expect(alert).toContainText(
		'The routine at /coach/slow.json did not arrive within 20 seconds, so Liana stopped waiting. Press Retry to ask the site again'
	);
	await expect(notice(page)).toHaveCount(0);
	await expect(page).toHaveURL('/');
	await expectAccessible(page);

	// Retry from the keyboard while the site still hangs: the same words, and focus back on Retry.
	const retry = alert.getByRole('button', { name: 'Retry' });
	await retry.focus();
	await page.keyboard.press('Enter');
	await expect(notice(page)).toContainText('Fetching the routine at /coach/slow.json…');
	await expect.poll(() => asked).toBe(2);
	await page.clock.fastForward(20_000);
	await expect(alert).toContainText('did not arrive within 20 seconds');
	await expect(retry).toHaveFocus();

	answering = true;
	await page.keyboard.press('Enter');
	await expect(notice(page)).toHaveText('Imported “Evening unwind”.');
	await expect(page.getByRole('alert')).toHaveCount(0);
	expect(asked).toBe(3);
	await expectAfterReload(page, [EVENING_LINK]);
});

test('an import link that redirects is refused in words, and the other address is never asked', async ({
	page
}) => {
	const elsewhere: string[] = [];
	await page.route('https://coach.example/**', (route) => {
		elsewhere.push(route.request().url());
		return route.fulfill({ contentType: 'application/json', body: EVENING });
	});
	await page.route(byPath('/coach/moved.json'), (route) =>
		route.fulfill({
			status: 302,
			headers: { location: 'https://coach.example/evening-unwind.json' }
		})
	);
	await openLibrary(page, '/?import=/coach/moved.json');
	await expect(page.getByRole('alert')).toContainText(
		'The link to /coach/moved.json sends you on to another address, so nothing was imported: Liana opens only the file a link names on its own site.'
	);
	await expect(page).toHaveURL('/');
	expect(elsewhere).toEqual([]);
	expect(await ownRoutines(page)).toEqual([]);
	await expectAccessible(page);
});

test('an import link to a file too large is refused by its size, in words', async ({ page }) => {
	const twoMiB = '{' + ' '.repeat(2 * 1024 * 1024 - 2) + '}';
	await page.route(byPath('/coach/huge.json'), (route) =>
		route.fulfill({ contentType: 'application/json', body: twoMiB })
	);
	await openLibrary(page, '/?import=/coach/huge.json');
	await expect(page.getByRole('alert')).toContainText(
		'The file at /coach/huge.json is 2 MiB; a routine file may be at most 1 MiB, so it was not fetched.'
	);
	await expect(page.getByRole('alert')).not.toContainText('empty');
	await expect(page).toHaveURL('/');
	expect(await ownRoutines(page)).toEqual([]);
});

test('UTF-16 imports alike by file and by link; another encoding is named as the problem', async ({
	page
}) => {
	// UTF-16 as a Windows editor saves it: little-endian, with its byte order mark.
	const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(EVENING, 'utf16le')]);
	await page.route(byPath('/coach/evening-unwind.json'), (route) =>
		route.fulfill({ contentType: 'application/json', body: utf16 })
	);
	await openLibrary(page, '/?import=/coach/evening-unwind.json');
	await expect(notice(page)).toHaveText('Imported “Evening unwind”.');
	await page.getByLabel('Import routine').setInputFiles({
		name: 'evening-unwind.json',
		mimeType: 'application/json',
		buffer: utf16
	});
	await expect(notice(page)).toContainText('is in your library already');

	await page.getByLabel('Import routine').setInputFiles({
		name: 'latin1.json',
		mimeType: 'application/json',
		buffer: Buffer.from(EVENING.replace('Evening unwind', 'Abend für dich'), 'latin1')
	});
	await expect(page.getByRole('alert').locator('strong')).toHaveText(
		'This file is saved in a kind of text Liana cannot read.'
	);
	await expect(page.getByRole('alert')).toContainText('save it as UTF-8');
	await expect(page.getByRole('group', { name: 'For the file’s author' })).toContainText(
		'line 4, column 19: not UTF-8 or UTF-16 text: the character here is written in another encoding'
	);
	expect(await ownRoutines(page)).toEqual([EVENING_LINK]);
});

const routine = (step: string, extra = '') =>
	`{\n\t"version": 1,\n\t"id": "evening-unwind",\n\t"title": "Evening unwind, broken",${extra}\n\t"steps": [\n\t\t${step}\n\t]\n}\n`;
const REST = '{ "type": "rest", "id": "r", "title": "R", "seconds": 5 }';
/**
 * Each problem of routine-format.md, as a file: the one sentence a person reads first (`says`),
 * and the exact places the author's lines keep underneath (`shows`).
 */
const INVALID: {
	name: string;
	says: string;
	text: string;
	shows: string[];
	listed?: string[];
}[] = [
	{
		name: 'broken JSON',
		says: 'This file is damaged: a comma, quote or bracket in its text is missing or extra, so Liana cannot read it.',
		text: '{\n\t"version": 1,\n\t"id": "evening-unwind"\n\t"title": "Evening unwind"\n}\n',
		shows: ['line 4, column 2: not valid JSON: expected "," or "}" but found """']
	},
	{
		name: 'a trailing comma',
		says: 'This file is damaged: a comma, quote or bracket in its text is missing or extra, so Liana cannot read it.',
		text: '{\n\t"version": 1,\n}\n',
		shows: ['line 3, column 1: not valid JSON: a comma before "}" (remove the trailing comma)']
	},
	{
		name: 'an unknown key',
		says: 'This file has a mistake in step 1, “Hip”: “sofen” is not a setting Liana knows: did you mean “soften”?',
		text: routine('{ "type": "stretch", "id": "hip", "title": "Hip", "cycle": { "sofen": 30 } }'),
		shows: ['steps[0].cycle.sofen: unknown key "sofen" — did you mean "soften"?']
	},
	{
		name: 'a wrong type',
		says: 'This file has a mistake in step 1, “Hip”: the soften time must be a number of seconds, not the text “4”.',
		text: routine('{ "type": "stretch", "id": "hip", "title": "Hip", "cycle": { "soften": "4" } }'),
		shows: ['steps[0].cycle.soften: must be a number of seconds, not the text "4"']
	},
	{
		name: 'a missing required key',
		says: 'This file has a mistake: the routine’s title is missing.',
		text: `{ "version": 1, "id": "evening-unwind", "steps": [${REST}] }`,
		shows: ['title: the required key "title" is missing']
	},
	{
		name: 'a bad onFlare',
		says: 'This file has a mistake in step 1, “R”: what happens after a flare must be “skip”, “stop” or “retry”, not the text “later”.',
		text: routine('{ "type": "rest", "id": "r", "title": "R", "seconds": 5, "onFlare": "later" }'),
		shows: ['steps[0].onFlare: must be "skip", "stop" or "retry", not the text "later"']
	},
	{
		name: 'a zero-length step',
		says: 'This file has a mistake in step 1, “R”: it lasts 0 seconds: give at least one of its phases some time.',
		text: routine('{ "type": "rest", "id": "r", "title": "R", "seconds": 0 }'),
		shows: ['steps[0]: the step "r" lasts 0 seconds']
	},
	{
		name: 'a step id used twice',
		says: 'This file has a mistake in step 2, “R”: its short name “r” is used by step 1 already; each step needs a short name of its own.',
		text: routine(`${REST}, ${REST}`),
		shows: ['steps[1].id: the id "r" is used already by steps[0]']
	},
	{
		name: 'an id that is no slug',
		says: 'This file has a mistake: the routine’s short name must be small letters, digits and dashes only (like “hip-left”), not the text “Evening Unwind”.',
		text: `{ "version": 1, "id": "Evening Unwind", "title": "E", "steps": [${REST}] }`,
		shows: ['id: must be a short id of lowercase letters, digits and "-"']
	},
	{
		name: 'another format version',
		says: 'This file was made for a newer version of Liana, so this version cannot read it.',
		text: `{ "version": 2, "id": "evening-unwind", "title": "E", "steps": [${REST}] }`,
		shows: ['version: this file is format version 2, but this app reads version 1']
	},
	{
		name: 'a duration over an hour',
		says: 'This file has a mistake in step 1, “R”: the length of the rest must be at most 3600 seconds (one hour), not 4000.',
		text: routine('{ "type": "rest", "id": "r", "title": "R", "seconds": 4000 }'),
		shows: ['steps[0].seconds: must be at most 3600 seconds (one hour), not 4000']
	},
	{
		name: 'no steps',
		says: 'This file has a mistake: the list of steps must hold at least one step.',
		text: routine(''),
		shows: ['steps: must hold at least one step']
	},
	{
		name: 'an unknown step type',
		says: 'This file has a mistake in step 1, “R”: the kind of step must be “stretch”, “breathe” or “rest”, not the text “jump”.',
		text: routine('{ "type": "jump", "id": "r", "title": "R" }'),
		shows: ['steps[0].type: must be "stretch", "breathe" or "rest", not the text "jump"']
	},
	{
		name: 'many problems at once',
		says: 'This file has 5 mistakes, so it was not imported.',
		text: routine(
			'{ "type": "stretch", "id": "hip", "title": "Hip", "side": "up", "cycle": { "sofen": 30, "approach": -1 }, "onFlare": "later" }',
			'\n\t"defaults": { "rounds": 0 },'
		),
		listed: [
			'In the settings every step shares: the number of rounds must be at least 1, not 0.',
			'In step 1, “Hip”: the approach time must be 0 seconds or more, not -1.',
			'In step 1, “Hip”: “sofen” is not a setting Liana knows: did you mean “soften”?',
			'In step 1, “Hip”: what happens after a flare must be “skip”, “stop” or “retry”, not the text “later”.',
			'In step 1, “Hip”: the side must be “left” or “right”, not the text “up”.'
		],
		shows: [
			'defaults.rounds: must be at least 1, not 0',
			'steps[0].cycle.approach: must be 0 seconds or more, not -1',
			'steps[0].cycle.sofen: unknown key "sofen"',
			'steps[0].onFlare: must be "skip", "stop" or "retry"',
			'steps[0].side: must be "left" or "right", not the text "up"'
		]
	},
	{
		name: 'a list instead of a routine',
		says: 'This is not a routine file, so Liana cannot open it.',
		text: '[1, 2]',
		shows: ['(file): must be a JSON object { … } with "version", "id", "title" and "steps"']
	},
	{
		name: 'an empty file',
		says: 'This file is empty.',
		text: '',
		shows: ['line 1, column 1: not valid JSON: the file is empty']
	},
	{
		name: 'a file over 1 MiB',
		says: 'This file is too big to be a routine file: it is 1.0 MiB, and one may be at most 1 MiB.',
		text: routine(REST, `\n\t"x-padding": "${'x'.repeat(1024 * 1024)}",`),
		shows: ['(file): the file is 1.0 MiB; a routine file may be at most 1 MiB (1,048,576 bytes)']
	}
];

// In two halves, each with a reload after every file: one journey of all of them sat at half its
// time limit on a quiet machine.
const HALF = Math.ceil(INVALID.length / 2);
for (const [part, cases] of [INVALID.slice(0, HALF), INVALID.slice(HALF)].entries()) {
	test(`every kind of invalid file is refused with each problem by its place, and nothing changes (${part + 1} of 2)`, async ({
		page
	}) => {
		await refusesEach(page, cases);
	});
}

async function refusesEach(page: Page, cases: typeof INVALID): Promise<void> {
	await openLibrary(page);
	await importFile(page, EVENING);
	await expect(notice(page)).toHaveText('Imported “Evening unwind”.');
	for (const { name, says, text, shows, listed = [] } of cases) {
		await importFile(page, text, 'evening-unwind.json');
		const alert = page.getByRole('alert');
		// The lead is one sentence a person understands; nothing in it is the file's own notation.
		await expect(alert.locator('strong'), name).toHaveText(says);
		await expect(alert, name).toContainText('Nothing in your library changed.');
		await expectPlainWords(alert, `the import error for ${name}`);
		// A mistake in one place, or the file as a whole, is said in the lead alone; several are listed.
		const plainList = alert.getByRole('list').filter({ hasNot: page.locator('code') });
		if (listed.length === 0) await expect(plainList, name).toHaveCount(0);
		else await expect(plainList.getByRole('listitem'), name).toHaveText(listed);
		// The exact places stay underneath, for the author.
		const author = alert.getByRole('group', { name: 'For the file’s author' });
		await expect(author, name).toContainText('“evening-unwind.json”');
		await expect(author.getByRole('listitem'), name).toHaveCount(shows.length);
		for (const [i, words] of shows.entries()) {
			// The file as a whole needs no place named: its line is the problem alone.
			const line = words.replace(/^\(file\): /, '');
			await expect(author.getByRole('listitem').nth(i), name).toContainText(line);
		}
		await expect(notice(page), name).toHaveCount(0);
		await expectAfterReload(page, [EVENING_LINK]);
		await expect(page.getByRole('alert'), name).toHaveCount(0);
	}
	// The stored routine is the first file, to the character.
	const saved = await savedFile(page, () => cardAction(page, 'Export Evening unwind'));
	expect(saved.text).toBe(EVENING);
}

test('pasted broken JSON names its line and column, and axe finds nothing on the error', async ({
	page
}) => {
	await openLibrary(page);
	await page.getByText('Paste routine text').click();
	await page.getByLabel('Routine text').fill('{\n  "version": 1,\n  "id": \'x\'\n}');
	await page.getByRole('button', { name: 'Import', exact: true }).click();
	const alert = page.getByRole('alert');
	await expect(alert.locator('strong')).toHaveText(
		'The pasted text is damaged: a comma, quote or bracket in its text is missing or extra, so Liana cannot read it.'
	);
	await expect(alert.getByRole('group', { name: 'For the file’s author' })).toContainText(
		'line 3, column 9: not valid JSON: expected a value but found single quote (JSON needs double quotes)'
	);
	await expectPlainWords(alert, 'the import error for pasted text');
	await expect(page.getByLabel('Routine text')).not.toHaveValue('');
	await expectAccessible(page);
	await expectAfterReload(page, []);
});

test('the same id as one of yours asks: Cancel, Replace, Keep both', async ({ page }) => {
	await openLibrary(page);
	await importFile(page, EVENING);
	await expect(notice(page)).toHaveText('Imported “Evening unwind”.');

	// The very same file again changes nothing and asks nothing.
	await importFile(page, EVENING);
	await expect(notice(page)).toHaveText(
		'“Evening unwind” is in your library already, exactly as in this file; nothing changed.'
	);

	const dialog = page.getByRole('dialog', { name: '“Evening unwind” is in your library already' });
	await importFile(page, EVENING_LONGER);
	await expect(dialog).toBeVisible();
	await expect(dialog.getByRole('button', { name: 'Cancel' })).toHaveFocus();
	await expectAccessible(page);
	await dialog.getByRole('button', { name: 'Cancel' }).click();
	await expect(dialog).toBeHidden();
	await expect(notice(page)).toHaveText('Not imported; your library is as it was.');
	await expectAfterReload(page, [EVENING_LINK]);

	await importFile(page, EVENING_LONGER);
	await expect(dialog).toBeVisible();
	await page.keyboard.press('Escape');
	await expect(dialog).toBeHidden();
	await expectAfterReload(page, [EVENING_LINK]);

	await importFile(page, EVENING_LONGER);
	await dialog.getByRole('button', { name: 'Replace' }).click();
	await expect(notice(page)).toHaveText(
		'Replaced “Evening unwind, longer” with the imported file.'
	);
	await expectAfterReload(page, ['Evening unwind, longer → /play/evening-unwind']);

	await importFile(page, EVENING);
	await page
		.getByRole('dialog', { name: '“Evening unwind, longer” is in your library already' })
		.getByRole('button', { name: 'Keep both' })
		.click();
	await expect(notice(page)).toHaveText(
		'Imported “Evening unwind” as a copy of your own, first in the list.'
	);
	await expectAfterReload(page, [
		'Evening unwind → /play/evening-unwind-2',
		'Evening unwind, longer → /play/evening-unwind'
	]);
	await expectAccessible(page);
});

test('a built-in id cannot be overwritten: keep both as a copy, or cancel', async ({ page }) => {
	await openLibrary(page);
	const mine = EVENING.replace('"evening-unwind"', '"daily-unload"').replace(
		'"Evening unwind"',
		'"My daily unload"'
	);
	const dialog = page.getByRole('dialog', { name: '“Daily unload” is a built-in routine' });
	await importFile(page, mine, 'daily-unload.json');
	await expect(dialog).toContainText(
		'“daily-unload.json” holds “My daily unload”, a version of “Daily unload”, which comes with Liana and stays as it is.'
	);
	await expect(dialog.getByRole('button', { name: 'Replace' })).toHaveCount(0);
	await expectAccessible(page);
	await dialog.getByRole('button', { name: 'Cancel' }).click();
	await expectAfterReload(page, []);

	await importFile(page, mine, 'daily-unload.json');
	await dialog.getByRole('button', { name: 'Keep both' }).click();
	await expect(notice(page)).toHaveText(
		'Imported “My daily unload” as a copy of your own, first in the list.'
	);
	await expectAfterReload(page, ['My daily unload → /play/daily-unload-2']);
	await expect(
		builtInSection(page).getByRole('link', { name: 'Daily unload', exact: true })
	).toHaveAttribute('href', '/play/daily-unload');
	await page.goto('/play/daily-unload');
	await expect(page.getByRole('heading', { name: 'Daily unload', exact: true })).toBeVisible();
});

test('a write the browser refuses (storage full) says why and keeps the library', async ({
	page
}) => {
	await page.addInitScript(() => {
		// The platform's answer on a full disk, for every write after the first routine.
		const put = IDBObjectStore.prototype.put;
		let writes = 0;
		IDBObjectStore.prototype.put = function (...args: Parameters<typeof put>) {
			if (this.name === 'routines' && writes++ > 0) {
				throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
			}
			return put.apply(this, args);
		};
	});
	await openLibrary(page);
	await importFile(page, EVENING);
	await expect(notice(page)).toHaveText('Imported “Evening unwind”.');
	const morning = EVENING.replaceAll('evening-unwind', 'morning').replace(
		'Evening unwind',
		'Morning'
	);
	await importFile(page, morning, 'morning.json');
	await expect(page.getByRole('alert')).toHaveText(
		'“Morning” was not saved. This device is out of storage space, so nothing was saved; what was saved before is unchanged. Free some space and try again.'
	);
	expect(await ownRoutines(page)).toEqual([EVENING_LINK]);
});

test('with no storage at all (private mode) the library says so and built-ins still play', async ({
	page
}) => {
	await page.addInitScript(() => {
		Object.defineProperty(window, 'indexedDB', { value: undefined });
	});
	await openLibrary(page);
	await importFile(page, EVENING);
	const unavailable = 'This browser does not let Liana keep anything here (private browsing?)';
	await expect(page.getByRole('alert').filter({ hasText: 'was not saved' })).toContainText(
		unavailable
	);
	expect(await ownRoutines(page)).toEqual([]);
	await expect(titleLinks(builtInSection(page))).toHaveCount(3);
});
