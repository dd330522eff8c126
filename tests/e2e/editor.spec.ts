import type { Locator, Page } from '@playwright/test';
import { expect, expectAccessible, test, untilOfflineReady, pressStart } from './fixtures';
import {
	EVENING,
	importFile,
	notice,
	openLibrary,
	ownSection,
	cardAction,
	titleLinks
} from './routine-files';
import { importPack, packAudio, routinePack, sineWav } from './routine-packs';
import { CONTRACT_EXAMPLE } from '../../src/lib/routine/contract-example';
import { expectNoSidewaysOverflow, SCREENS } from './screens';
import { savedFile } from './downloads';

const routineSection = (page: Page) => page.getByRole('region', { name: 'Routine', exact: true });
const step = (page: Page, n: number) =>
	page.getByRole('listitem', { name: new RegExp(`^Step ${n} `) });
const draftStatus = (page: Page) => page.getByTestId('draft-status');
const toolbar = (page: Page) => page.getByRole('toolbar', { name: 'Routine' });

/** Opens a new routine from the library's button. */
async function newRoutine(page: Page): Promise<void> {
	await openLibrary(page);
	await page.getByRole('link', { name: 'New routine', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Untitled routine');
	await expect(page).toHaveURL(/\/edit\/draft:[a-z0-9]{12}$/);
}

/** Opens the "Advanced" disclosure of a part of the form (the routine's, or a step's), for its id. */
async function openAdvanced(scope: Locator): Promise<void> {
	const advanced = scope.locator('details.advanced');
	if ((await advanced.getAttribute('open')) === null) {
		await advanced.getByText('Advanced', { exact: true }).click();
	}
	await expect(advanced).toHaveAttribute('open');
}

async function fill(scope: Locator, label: string, value: string): Promise<void> {
	await scope.getByLabel(label, { exact: true }).fill(value);
}

/** Waits until the draft is kept in the browser (the editor says so). */
async function untilKept(page: Page): Promise<void> {
	await expect(draftStatus(page)).toHaveText('Changes kept in this browser');
}

/** Opens a new routine at its address, with nothing typed. */
async function blankRoutine(page: Page): Promise<void> {
	await page.goto('/edit/new');
	await expect(page).toHaveURL(/\/edit\/draft:[a-z0-9]{12}$/);
	await expect(routineSection(page).getByLabel('Title')).toBeVisible();
}

/**
 * The lists whose longest choice does not fit their box, as "label: choice": a list as wide as
 * its longest choice (the browser's own width for it) is set beside each one to compare.
 */
async function listsCutShort(page: Page): Promise<string[]> {
	return page.locator('select').evaluateAll((selects) =>
		selects.flatMap((select) => {
			if (!(select instanceof HTMLSelectElement) || select.offsetParent === null) return [];
			const natural = select.cloneNode(true) as HTMLSelectElement;
			natural.style.cssText =
				'position:absolute;visibility:hidden;width:auto;min-width:0;max-width:none;left:0;top:0';
			select.parentElement?.append(natural);
			const needs = natural.getBoundingClientRect().width;
			natural.remove();
			const has = select.getBoundingClientRect().width;
			const longest = [...select.options].reduce(
				(a, option) => (option.text.length > a.length ? option.text : a),
				''
			);
			return has + 0.5 < needs ? [`${select.labels[0]?.textContent?.trim()}: ${longest}`] : [];
		})
	);
}

/** Reads a download as text. */
async function downloaded(page: Page, click: () => Promise<void>) {
	const { name, text } = await savedFile(page, click);
	return { name, text };
}

/** Writes the contract's example through the form, as a coach would, with clicks and typing. */
async function writeExample(page: Page): Promise<void> {
	const routine = routineSection(page);
	await fill(routine, 'Title', CONTRACT_EXAMPLE.title);
	// The id follows the title, out of sight under "Advanced".
	await expect(routine.getByLabel('Routine id')).toBeHidden();
	await openAdvanced(routine);
	await expect(routine.getByLabel('Routine id')).toHaveValue(
		'sciatica-relief-lower-back-and-hip-decompression'
	);
	await fill(routine, 'Routine id', 'sciatica-relief');
	await fill(routine, 'Summary', CONTRACT_EXAMPLE.summary);
	const language = routine.getByLabel('Language of the spoken guidance');
	await expect(language).toHaveValue('en');
	await expect(language.locator('option:checked')).toHaveText('English');

	await page.getByText('Defaults', { exact: true }).click();
	const defaults = page.getByRole('group', { name: 'Stretch cycle' });
	await fill(defaults, 'Approach (seconds)', '10');
	await fill(defaults, 'Breaths', '4');
	await fill(defaults, 'Breathe in (seconds)', '4');
	await fill(defaults, 'Breathe out (seconds)', '6');
	await fill(defaults, 'Soften (seconds)', '20');
	await fill(defaults, 'Come back (seconds)', '8');
	const rests = page.getByRole('group', { name: 'Rounds and rests' });
	await fill(rests, 'Rounds', '3');
	await fill(rests, 'Rest between rounds (seconds)', '10');
	await fill(rests, 'Rest between steps (seconds)', '15');
	const flares = page.getByRole('group', { name: 'Flares' });
	await flares.getByLabel('After a flare').selectOption({ label: 'Skip step' });
	await fill(flares, 'Release (seconds)', '10');
	await fill(flares, 'Recover (seconds)', '30');

	await page.getByRole('button', { name: /^\+? ?Add breathing/ }).click();
	// The new step's title has focus: type straight away.
	await expect(step(page, 1).getByLabel('Title')).toHaveFocus();
	await page.keyboard.press('ControlOrMeta+A');
	await page.keyboard.type('Settle in');
	await openAdvanced(step(page, 1));
	await expect(step(page, 1).getByLabel('Step id')).toHaveValue('settle-in');
	await fill(step(page, 1), 'Step id', 'settle');

	await page.getByRole('button', { name: /Add stretch/ }).click();
	const stretch = step(page, 2);
	await fill(stretch, 'Title', 'Hip opener');
	await openAdvanced(stretch);
	await fill(stretch, 'Step id', 'hip-left');
	await stretch.getByLabel('Side').selectOption({ label: 'Left' });
	await fill(stretch, 'What the person reads', 'Let the liana take the weight of your left leg.');
	await fill(stretch, 'Rounds', '2');
	await fill(stretch, 'Soften (seconds)', '30');
	await stretch.getByLabel('After a flare').selectOption({ label: 'Try again gently' });

	await page.getByRole('button', { name: /Add rest/ }).click();
	await openAdvanced(step(page, 3));
	await fill(step(page, 3), 'Step id', 'pause');
	await expect(toolbar(page).getByText('Ready')).toBeVisible();
}

test.describe('the routine editor', () => {
	test("writes the contract's example from nothing, exports it, and it imports again as written", async ({
		page
	}) => {
		// The whole example typed, three files and two page loads: 18 s of a 30 s limit beside other
		// journeys on a shared machine. A minute keeps it far from chance.
		test.setTimeout(60_000);
		await newRoutine(page);
		await expectAccessible(page);
		await writeExample(page);
		await expect(page.getByTestId('total-time')).toHaveText('4 min 56 s');
		await expectAccessible(page);

		const file = await downloaded(page, () =>
			toolbar(page).getByRole('button', { name: 'Export' }).click()
		);
		expect(file.name).toBe('sciatica-relief.json');
		expect(JSON.parse(file.text)).toEqual(CONTRACT_EXAMPLE);
		// The same text a person would write by hand: two-space JSON, keys in the contract's order.
		expect(file.text).toBe(`${JSON.stringify(CONTRACT_EXAMPLE, null, 2)}\n`);

		// Its id is a built-in's: saving it says so at the id, and nothing is saved.
		await toolbar(page).getByRole('button', { name: 'Save to library' }).click();
		await expect(page.getByRole('alert')).toHaveText(
			'Not saved: the id “sciatica-relief” is taken. Give the routine another under Advanced.'
		);
		await expect(routineSection(page).getByText('is the id of a built-in routine')).toBeVisible();
		await expect(routineSection(page).getByLabel('Routine id')).toHaveAttribute(
			'aria-invalid',
			'true'
		);

		// The exported file imports on the library page, beside the built-in, exactly as written.
		await openLibrary(page);
		await page.getByLabel('Import routine').setInputFiles({
			name: file.name,
			mimeType: 'application/json',
			buffer: Buffer.from(file.text)
		});
		await page.getByRole('button', { name: 'Keep both' }).click();
		await expect(notice(page)).toContainText('as a copy of your own');
		const again = await downloaded(page, () =>
			cardAction(ownSection(page), /^Export Sciatica relief/)
		);
		expect(JSON.parse(again.text)).toEqual({ ...CONTRACT_EXAMPLE, id: 'sciatica-relief-2' });

		// Opened in the editor and exported again, it is the very same file.
		await cardAction(ownSection(page), /^Edit Sciatica relief/);
		await expect(routineSection(page).getByLabel('Routine id')).toHaveValue('sciatica-relief-2');
		const third = await downloaded(page, () =>
			toolbar(page).getByRole('button', { name: 'Export' }).click()
		);
		expect(third.text).toBe(again.text);
	});

	test('axe finds nothing with a step of every type, every panel and voice list open, and a problem shown', async ({
		page
	}) => {
		await newRoutine(page);
		const add = page.getByRole('group', { name: 'Add a step' }).getByRole('button');
		const types = await add.count();
		for (let i = 0; i < types; i++) await add.nth(i).click();
		await expect(page.getByRole('listitem', { name: /^Step \d/ })).toHaveCount(types);
		// Every disclosure open: the defaults, and the voice list of the routine and of each step.
		const closed = page.locator('details:not([open]) > summary');
		await expect(closed.first()).toBeAttached();
		while ((await closed.count()) > 0) await closed.first().click();
		await expect(page.getByRole('group', { name: 'Stretch cycle' })).toBeVisible();
		await expect(page.getByRole('button', { name: /^Record / }).first()).toBeVisible();
		await step(page, 1).getByLabel('Soften (seconds)').fill('4000');
		await expect(step(page, 1).getByText('Must be at most 3600 seconds')).toBeVisible();
		await expectAccessible(page);
	});

	test('shows a bad value’s problem next to it as it is typed, lists all on saving, and clears it when fixed', async ({
		page
	}) => {
		await newRoutine(page);
		await fill(routineSection(page), 'Title', 'Evening');
		await page.getByRole('button', { name: /Add stretch/ }).click();
		await expect(toolbar(page).getByText('Ready')).toBeVisible();
		const soften = step(page, 1).getByLabel('Soften (seconds)');
		await expect(soften).toHaveAttribute('placeholder', '20');
		await soften.fill('4000');
		const message = 'Must be at most 3600 seconds (one hour), not 4000.';
		await expect(step(page, 1).getByText(message)).toBeVisible();
		await expect(soften).toHaveAttribute('aria-invalid', 'true');
		await expect(soften).toHaveAccessibleDescription(message);
		await expect(toolbar(page).getByText('1 problem')).toBeVisible();
		await expect(page.getByText('The timeline appears once a step is complete.')).toBeVisible();

		// A duplicate step id is caught at the id.
		await step(page, 1).getByRole('button', { name: 'Duplicate “Stretch”' }).click();
		await openAdvanced(step(page, 2));
		await fill(step(page, 2), 'Step id', 'stretch');
		await expect(
			step(page, 2).getByText('The id "stretch" is used already by step 1; every step')
		).toBeVisible();

		// Saving refuses, and lists every problem with a way to its field.
		await toolbar(page).getByRole('button', { name: 'Save to library' }).click();
		await expect(page.getByRole('alert')).toHaveText(
			'Not saved yet: fix the 3 problems listed first.'
		);
		const list = page.getByRole('region', { name: '3 problems to fix' });
		await expect(list).toHaveFocus();
		await expectAccessible(page);
		// Each problem is named by the step and the field's label, as on the screen.
		await expect(list).not.toContainText('steps[');
		await list.getByRole('button', { name: 'Step 1, “Stretch”: Soften' }).click();
		await expect(soften).toHaveFocus();
		await soften.fill('40');
		await expect(soften).toHaveAttribute('aria-invalid', 'false');
		await expect(step(page, 1).getByText(message)).toBeHidden();
		// The copy came with the bad value too.
		await expect(step(page, 2).getByText(message)).toBeVisible();
		await fill(step(page, 2), 'Soften (seconds)', '40');
		await fill(step(page, 2), 'Step id', 'stretch-again');
		await expect(toolbar(page).getByText('Ready')).toBeVisible();
		await expect(page.getByRole('region', { name: /problems? to fix/ })).toBeHidden();

		// Now it saves, and plays from the library.
		await toolbar(page).getByRole('button', { name: 'Save to library' }).click();
		await expect(page).toHaveURL('/edit/evening');
		await openLibrary(page);
		await expect(
			ownSection(page).getByRole('link', { name: 'Evening', exact: true })
		).toHaveAttribute('href', '/play/evening');
		await expect(page.getByRole('region', { name: 'Drafts in progress' })).toBeHidden();
	});

	test('keeps the draft through a reload, finds it again from the library, and undoes and redoes', async ({
		page
	}) => {
		await newRoutine(page);
		const address = page.url();
		await routineSection(page).getByLabel('Title').pressSequentially('Morning');
		await page.getByRole('button', { name: /Add breathing/ }).click();
		await page.getByRole('button', { name: /Add rest/ }).click();
		await fill(step(page, 1), 'Breaths', '8');
		await expect(step(page, 2)).toBeVisible();

		// Undo, redo: buttons and keys.
		await toolbar(page).getByRole('button', { name: 'Undo' }).click();
		await expect(step(page, 1).getByLabel('Breaths')).toHaveValue('6');
		await page.keyboard.press('ControlOrMeta+Z');
		await expect(step(page, 2)).toBeHidden();
		await page.keyboard.press('ControlOrMeta+Shift+Z');
		await expect(step(page, 2)).toBeVisible();
		await toolbar(page).getByRole('button', { name: 'Redo' }).click();
		await expect(step(page, 1).getByLabel('Breaths')).toHaveValue('8');
		await expect(toolbar(page).getByRole('button', { name: 'Redo' })).toBeDisabled();
		// The title, typed letter by letter, comes back as a whole.
		for (let n = 0; n < 4; n++) await page.keyboard.press('ControlOrMeta+Z');
		await expect(routineSection(page).getByLabel('Title')).toHaveValue('');
		await page.keyboard.press('ControlOrMeta+Y');
		await expect(routineSection(page).getByLabel('Title')).toHaveValue('Morning');
		await page.keyboard.press('ControlOrMeta+Y');
		await page.keyboard.press('ControlOrMeta+Y');
		await page.keyboard.press('ControlOrMeta+Y');
		await expect(step(page, 1).getByLabel('Breaths')).toHaveValue('8');

		await untilKept(page);
		await page.reload();
		await expect(page).toHaveURL(address);
		await expect(routineSection(page).getByLabel('Title')).toHaveValue('Morning');
		await expect(routineSection(page).getByLabel('Routine id')).toHaveValue('morning');
		await expect(step(page, 1).getByLabel('Breaths')).toHaveValue('8');
		await expect(step(page, 2).getByLabel('Rest (seconds)')).toHaveValue('30');
		await expect(draftStatus(page)).toHaveText('Changes kept in this browser');

		await openLibrary(page);
		const drafts = page.getByRole('region', { name: 'Drafts in progress' });
		await expect(drafts).toContainText('Not saved yet');
		await expectAccessible(page);
		await drafts.getByRole('link', { name: 'Continue Morning', exact: true }).click();
		await expect(page).toHaveURL(address);
		await expect(step(page, 1).getByLabel('Breaths')).toHaveValue('8');

		// Discarding asks first, then the draft is gone.
		await page.getByRole('button', { name: 'Discard draft' }).click();
		await page.getByRole('dialog').getByRole('button', { name: 'Discard' }).click();
		await expect(page).toHaveURL('/');
		await expect(page.getByRole('region', { name: 'Drafts in progress' })).toBeHidden();
	});

	test('reorders steps by keyboard and by dragging, duplicates and deletes them', async ({
		page
	}) => {
		await newRoutine(page);
		await fill(routineSection(page), 'Title', 'Order');
		for (const name of [/Add breathing/, /Add stretch/, /Add rest/]) {
			await page.getByRole('button', { name }).click();
		}
		const titles = () =>
			page
				.getByRole('region', { name: 'Steps' })
				.getByRole('heading', { level: 3 })
				.allTextContents();
		const moveUp = step(page, 3).getByRole('button', { name: 'Move “Rest” up' });
		await moveUp.focus();
		await page.keyboard.press('Enter');
		await expect
			.poll(titles)
			.toEqual(['Step 1 Breathing Breathe', 'Step 2 Rest Rest', 'Step 3 Stretch Stretch']);
		await expect(page.getByText('Moved “Rest” to position 2 of 3.')).toBeAttached();
		// Focus follows the step: Enter again moves it on up.
		await expect(step(page, 2).getByRole('button', { name: 'Move “Rest” up' })).toHaveFocus();
		await page.keyboard.press('Enter');
		await expect
			.poll(titles)
			.toEqual(['Step 1 Rest Rest', 'Step 2 Breathing Breathe', 'Step 3 Stretch Stretch']);
		// Alt+Down from inside a step's field moves it, the field keeping focus.
		await step(page, 1).getByLabel('Title').focus();
		await page.keyboard.press('Alt+ArrowDown');
		await page.keyboard.press('Alt+ArrowDown');
		await expect
			.poll(titles)
			.toEqual(['Step 1 Breathing Breathe', 'Step 2 Stretch Stretch', 'Step 3 Rest Rest']);
		await expect(step(page, 3).getByLabel('Title')).toHaveFocus();

		// Dragging a step by its handle onto another puts it there.
		const dataTransfer = await page.evaluateHandle(() => new DataTransfer());
		await step(page, 3).getByTitle('Drag to move').dispatchEvent('dragstart', { dataTransfer });
		await step(page, 1).dispatchEvent('dragover', { dataTransfer });
		await expect(step(page, 1)).toHaveClass(/drop-here/);
		await step(page, 1).dispatchEvent('drop', { dataTransfer });
		await expect
			.poll(titles)
			.toEqual(['Step 1 Rest Rest', 'Step 2 Breathing Breathe', 'Step 3 Stretch Stretch']);

		await step(page, 3).getByRole('button', { name: 'Duplicate “Stretch”' }).click();
		await expect(step(page, 4).getByLabel('Step id')).toHaveValue('stretch-2');
		await step(page, 1).getByRole('button', { name: 'Delete “Rest”' }).click();
		await expect
			.poll(titles)
			.toEqual(['Step 1 Breathing Breathe', 'Step 2 Stretch Stretch', 'Step 3 Stretch Stretch']);
		await page.keyboard.press('ControlOrMeta+Z');
		await expect.poll(titles).toHaveLength(4);
	});

	test('editing a built-in routine makes an own copy, and the built-in stays as it is', async ({
		page
	}) => {
		// Two saves, a reload, four page loads and an axe check: 17.7 s of a 30 s limit on CI's
		// two cores beside another journey. A minute keeps it far from chance.
		test.setTimeout(60_000);
		await openLibrary(page);
		await cardAction(page, 'Edit a copy of Daily unload');
		await expect(page).toHaveURL(/\/edit\/draft:[a-z0-9]{12}$/);
		await expect(routineSection(page).getByLabel('Title')).toHaveValue('Daily unload (copy)');
		await expect(routineSection(page).getByLabel('Routine id')).toHaveValue('daily-unload-copy');
		await expect(page.getByText('This is your own copy of “Daily unload”')).toBeAttached();
		await expectAccessible(page);
		// The copy is kept as a draft at once: a reload finds it.
		await page.reload();
		await expect(routineSection(page).getByLabel('Title')).toHaveValue('Daily unload (copy)');
		await fill(routineSection(page), 'Title', 'My daily unload');
		await toolbar(page).getByRole('button', { name: 'Save to library' }).click();
		// The id followed the new title: the copy was never saved under another.
		await expect(page).toHaveURL('/edit/my-daily-unload');
		await openLibrary(page);
		await expect(
			ownSection(page).getByRole('link', { name: 'My daily unload', exact: true })
		).toBeVisible();
		await expect(
			page
				.getByRole('region', { name: 'Built-in routines' })
				.getByRole('link', { name: 'Daily unload', exact: true })
		).toBeVisible();

		// Editing the own copy replaces it when saved.
		await cardAction(page, 'Edit My daily unload');
		await expect(page.getByText('Editing your routine')).toBeVisible();
		await fill(routineSection(page), 'Title', 'My daily unload, shorter');
		// A saved routine keeps its id: sessions and recordings know it by it.
		await expect(routineSection(page).getByLabel('Routine id')).toHaveValue('my-daily-unload');
		await step(page, 1)
			.getByRole('button', { name: /^Delete/ })
			.click();
		await toolbar(page).getByRole('button', { name: 'Save to library' }).click();
		await expect(
			page.getByText('Saved “My daily unload, shorter” to your library.')
		).toBeAttached();
		await openLibrary(page);
		await expect(titleLinks(ownSection(page))).toHaveCount(1);
		await expect(
			ownSection(page).getByRole('link', { name: 'My daily unload, shorter', exact: true })
		).toBeVisible();
	});

	test('Try it plays the draft, and the way back finds it as it was', async ({ page }) => {
		await newRoutine(page);
		await fill(routineSection(page), 'Title', 'Quick try');
		await page.getByRole('button', { name: /Add breathing/ }).click();
		await fill(step(page, 1), 'Title', 'First breaths');
		await toolbar(page).getByRole('button', { name: 'Try it' }).click();
		await expect(page).toHaveURL(/\/play\/quick-try\?draft=draft%3A[a-z0-9]{12}$/);
		await expect(page.getByTestId('step-title')).toHaveText('First breaths');
		await expect(page.getByText('Trying your draft from the editor')).toBeVisible();
		// The studio display plays the same draft, not a saved routine (there is none yet).
		await page.getByRole('button', { name: 'More' }).click();
		const studioLink = page.getByRole('link', { name: 'Studio display', exact: true });
		await expect(studioLink).toHaveAttribute(
			'href',
			/^\/play\/quick-try\?view=studio&draft=draft%3A[a-z0-9]{12}$/
		);
		const studio = await page.context().newPage();
		await studio.goto((await studioLink.getAttribute('href')) ?? '');
		await expect(studio.getByText('First breaths')).toBeVisible();
		await studio.close();
		await pressStart(page);
		await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'countdown');
		await page.getByRole('button', { name: 'Stop' }).click();
		await expect(page.getByText('Trying your draft from the editor')).toBeHidden();
		await page.getByRole('link', { name: 'Back to the editor', exact: true }).click();
		await expect(routineSection(page).getByLabel('Title')).toHaveValue('Quick try');
		await expect(step(page, 1).getByLabel('Title')).toHaveValue('First breaths');
	});

	test('works offline after the first visit, a reload included', async ({ page, context }) => {
		await page.goto('/');
		await untilOfflineReady(page);
		await context.setOffline(true);
		await page.goto('/edit/new');
		await expect(page).toHaveURL(/\/edit\/draft:[a-z0-9]{12}$/);
		await fill(routineSection(page), 'Title', 'Offline');
		await page.getByRole('button', { name: /Add rest/ }).click();
		await untilKept(page);
		await page.reload();
		await expect(routineSection(page).getByLabel('Title')).toHaveValue('Offline');
		await toolbar(page).getByRole('button', { name: 'Save to library' }).click();
		await expect(page).toHaveURL('/edit/offline');
		await page.reload();
		await expect(page.getByText('Editing your routine')).toBeVisible();
		await expect(routineSection(page).getByLabel('Title')).toHaveValue('Offline');
	});

	test('a routine whose id looks like a draft’s edits, saves and discards as itself, its recordings kept', async ({
		page
	}) => {
		await openLibrary(page);
		const cues = { 'defaults/countdown': sineWav(1), 'hip-left/approach': sineWav(1) };
		await importPack(page, routinePack(EVENING.replace('evening-unwind', 'new-2024'), cues));
		await expect(notice(page)).toHaveText('Imported “Evening unwind” with 2 recorded cues.');
		await cardAction(page, 'Edit Evening unwind');
		await expect(page).toHaveURL('/edit/new-2024');
		await fill(routineSection(page), 'Title', 'Evening, mine');
		await untilKept(page);

		// Back to the library and in again: the kept changes of this routine, not a new one.
		await openLibrary(page);
		await expect(page.getByRole('region', { name: 'Drafts in progress' })).toContainText(
			'Unsaved changes'
		);
		await cardAction(page, 'Edit Evening unwind');
		await expect(page.getByText('Editing your routine')).toBeVisible();
		await expect(routineSection(page).getByLabel('Title')).toHaveValue('Evening, mine');
		await toolbar(page).getByRole('button', { name: 'Save to library' }).click();
		await expect(page.getByText('Saved “Evening, mine” to your library.')).toBeAttached();
		await expect(page).toHaveURL('/edit/new-2024');

		// Changes discarded go back to the routine as saved, and take none of its recordings.
		await fill(routineSection(page), 'Title', 'Evening, thrown away');
		await untilKept(page);
		await page.getByRole('button', { name: 'Discard draft' }).click();
		await page
			.getByRole('dialog', { name: 'Discard your changes?' })
			.getByRole('button', { name: 'Discard' })
			.click();
		await expect(routineSection(page).getByLabel('Title')).toHaveValue('Evening, mine');
		await openLibrary(page);
		await expect(page.getByRole('region', { name: 'Drafts in progress' })).toBeHidden();
		const { bytes: pack } = await savedFile(page, () =>
			cardAction(page, 'Export pack of Evening, mine')
		);
		expect(packAudio(new Uint8Array(pack))).toEqual([
			'audio/defaults/countdown.wav',
			'audio/hip-left/approach.wav'
		]);

		// A routine called "new" has an address of its own, beside the new routine's /edit/new.
		await importFile(
			page,
			EVENING.replace('evening-unwind', 'new').replace('Evening unwind', 'New')
		);
		await cardAction(page, 'Edit New');
		await expect(page).toHaveURL('/edit/routine:new');
		await expect(page.getByText('Editing your routine')).toBeVisible();
		await fill(routineSection(page), 'Title', 'New, mine');
		await toolbar(page).getByRole('button', { name: 'Save to library' }).click();
		await expect(page.getByText('Saved “New, mine” to your library.')).toBeAttached();
		await expect(page).toHaveURL('/edit/routine:new');
	});

	test('says so when an address names nothing to edit', async ({ page }) => {
		await page.goto('/edit/no-such-routine');
		await expect(page.getByRole('alert')).toHaveText(
			'There is no routine or draft called “no-such-routine” in this browser.'
		);
		await expectAccessible(page);
	});

	test('greets a blank routine with no problems, shows a field’s once left empty, and keeps ids under Advanced, at every size', async ({
		page
	}) => {
		// Four screen sizes in one journey: 17–18 s of a 30 s limit on this shared machine. A minute
		// keeps it far from chance.
		test.setTimeout(60_000);
		for (const screen of SCREENS) {
			await page.setViewportSize(screen);
			await blankRoutine(page);
			const routine = routineSection(page);
			const title = routine.getByLabel('Title');
			// Nothing is wrong with a routine nobody has started: no count, no message, no red.
			await expect(toolbar(page)).not.toContainText(/problem/);
			await expect(page.getByRole('alert')).toHaveCount(0);
			await expect(page.locator('[aria-invalid="true"]')).toHaveCount(0);
			await expectNoSidewaysOverflow(page);

			// In the title and out again, nothing typed: now it says what to do, and only that.
			await title.focus();
			await page.keyboard.press('Tab');
			await expect(routine.getByText('Give the routine a title.')).toBeVisible();
			await expect(title).toHaveAttribute('aria-invalid', 'true');
			await expect(toolbar(page).getByText('1 problem', { exact: true })).toBeVisible();
			await expectNoSidewaysOverflow(page);

			// The id is made from the title as it is typed, out of sight until asked for.
			const id = routine.getByLabel('Routine id');
			await title.fill('Évening, slow');
			await expect(routine.getByText('Give the routine a title.')).toBeHidden();
			await expect(id).toBeHidden();
			await openAdvanced(routine);
			await expect(id).toHaveValue('evening-slow');
			await title.fill('Evening, slower');
			await expect(id).toHaveValue('evening-slower');
			// Written by hand, it stays as written.
			await id.fill('my-evening');
			await title.fill('Evening');
			await expect(id).toHaveValue('my-evening');

			// A step of each type, the defaults open: every list shows its choices whole.
			const add = page.getByRole('group', { name: 'Add a step' }).getByRole('button');
			for (let i = 0; i < (await add.count()); i++) await add.nth(i).click();
			await expect(step(page, 3)).toBeVisible();
			await expect(step(page, 1).getByLabel('Step id')).toBeHidden();
			await page.getByText('Defaults', { exact: true }).click();
			await expect(page.getByRole('group', { name: 'Flares' })).toBeVisible();
			await page
				.getByRole('group', { name: 'Flares' })
				.getByLabel('After a flare')
				.selectOption({ label: 'Try again gently' });
			await expect(step(page, 1).getByLabel('After a flare')).toContainText(
				'Default: try again gently'
			);
			expect(await listsCutShort(page), `lists cut short at ${screen.name}`).toEqual([]);
			await expectNoSidewaysOverflow(page);
		}
		await expectAccessible(page);
	});

	test('Save ends in a saved state that offers Play, and Play opens the player, at every size', async ({
		page
	}) => {
		// Four screen sizes in one journey: 17–18 s of a 30 s limit on this shared machine. A minute
		// keeps it far from chance.
		test.setTimeout(60_000);
		for (const screen of SCREENS) {
			await page.setViewportSize(screen);
			await blankRoutine(page);
			await fill(routineSection(page), 'Title', `Evening on a ${screen.name}`);
			await page.getByRole('button', { name: /Add rest/ }).click();
			await expectNoSidewaysOverflow(page);
			// Saved from the foot of the page, where a coach finishes.
			await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
			await toolbar(page).getByRole('button', { name: 'Save to library' }).click();
			const saved = page.getByRole('region', { name: 'Saved in your library' });
			await expect(saved).toHaveFocus();
			await expect(saved).toBeInViewport();
			// In view, and not under the toolbar that stays at the top of a wider screen.
			const heading = await saved.getByRole('heading').boundingBox();
			const bar = await toolbar(page).boundingBox();
			expect(heading && bar && heading.y - (bar.y + bar.height)).toBeGreaterThanOrEqual(0);
			await expect(saved).toContainText(`“Evening on a ${screen.name}” is in your library now`);
			await expect(draftStatus(page)).toHaveText('Saved in your library');
			// Try it stays at hand in the toolbar above.
			await expect(toolbar(page).getByRole('button', { name: 'Try it' })).toBeInViewport();
			await expectNoSidewaysOverflow(page);
			const id = `evening-on-a-${screen.name.replaceAll(' ', '-')}`;
			await saved.getByRole('link', { name: 'Play' }).click();
			await expect(page).toHaveURL(`/play/${id}`);
			await expect(page.getByRole('button', { name: 'Start' })).toBeVisible();
		}
		// A change after saving is no longer "saved": the state goes, and comes back on saving.
		await page.goto('/edit/evening-on-a-laptop');
		await expect(page.getByText('Editing your routine')).toBeVisible();
		await expect(page.getByRole('region', { name: 'Saved in your library' })).toBeHidden();
		await fill(routineSection(page), 'Summary', 'For the evening.');
		await toolbar(page).getByRole('button', { name: 'Save to library' }).click();
		await expect(page.getByRole('region', { name: 'Saved in your library' })).toBeVisible();
		await fill(routineSection(page), 'Summary', 'For the evening, slowly.');
		await expect(page.getByRole('region', { name: 'Saved in your library' })).toBeHidden();
		// A saved routine keeps its id: it is shown, not changed.
		await openAdvanced(routineSection(page));
		await expect(routineSection(page).getByLabel('Routine id')).toHaveValue('evening-on-a-laptop');
		await expect(routineSection(page).getByLabel('Routine id')).not.toBeEditable();
	});
});
