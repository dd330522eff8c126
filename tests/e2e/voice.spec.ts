import type { Browser, Page } from '@playwright/test';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import {
	driveClock,
	expect,
	expectAccessible,
	passTime,
	test,
	pressStart,
	soundReady
} from './fixtures';
import { openYourVoice, soundStatus } from './own-voice';
import {
	EVENING,
	importFile,
	notice,
	openLibrary,
	ownSection,
	routinesSection,
	cardAction,
	titleLinks
} from './routine-files';
import { importPack, routinePack, sineWav } from './routine-packs';
import { savedFile } from './downloads';

/** A second browser with storage of its own (as another device would be), on a driven clock. */
async function freshPage(browser: Browser): Promise<Page> {
	const context = await browser.newContext({ serviceWorkers: 'block' });
	const page = await context.newPage();
	await driveClock(page, Date.UTC(2026, 10, 25, 10, 0, 0));
	return page;
}

test.use({ serviceWorkers: 'block' });

test('a routine pack with a recorded cue round-trips through Export pack, and its cue plays', async ({
	clockPage: page,
	browser
}) => {
	await openLibrary(page);
	await importPack(
		page,
		routinePack(EVENING, {
			'defaults/countdown': sineWav(1.2),
			'hip-left/approach': sineWav(2)
		})
	);
	await expect(notice(page)).toHaveText('Imported “Evening unwind” with 2 recorded cues.');
	const card = ownSection(page).getByRole('listitem');
	await expect(card.getByText('Your voice')).toBeVisible();
	await expectAccessible(page);

	const saved = await savedFile(page, () => cardAction(page, 'Export pack of Evening unwind'));
	expect(saved.name).toBe('evening-unwind.zip');
	const exported = saved.bytes;
	const files = unzipSync(new Uint8Array(exported));
	expect(strFromU8(files['routine.json'] ?? new Uint8Array())).toBe(EVENING);
	expect(Object.keys(files).sort()).toEqual([
		'audio/defaults/countdown.wav',
		'audio/hip-left/approach.wav',
		'pack.json',
		'routine.json'
	]);

	// Cleared: another browser that has never seen the routine takes the pack.
	const other = await freshPage(browser);
	await openLibrary(other);
	await importPack(other, exported);
	await expect(notice(other)).toHaveText('Imported “Evening unwind” with 2 recorded cues.');
	await other.getByRole('link', { name: 'Evening unwind', exact: true }).click();
	await other.clock.runFor(500);
	await expect(soundReady(other)).toBeAttached();
	await pressStart(other);
	await expect(soundStatus(other)).toHaveText('Your voice: Get ready');
	// Countdown 5 s, three breaths of 10 s, a rest of 5 s: the hip opener's approach at 40 s.
	await passTime(other, 40_400);
	await expect(other.getByTestId('phase')).toHaveAttribute('data-phase', 'approach');
	await expect(soundStatus(other)).toHaveText('Your voice: Approach the edge, Hip opener');
	await expect(other.getByRole('alert')).toHaveCount(0);
	await expectAccessible(other);
	await other.clock.runFor(2_000);
	await expect(soundStatus(other)).toHaveText('');
	await other.context().close();
});

test('a pack whose "recording" is not audio is refused, naming the file, and nothing is stored', async ({
	clockPage: page
}) => {
	await openLibrary(page);
	await importPack(
		page,
		routinePack(EVENING, { 'hip-left/soften': strToU8('this is a note, not a sound') }),
		'broken.zip'
	);
	const alert = page.getByRole('alert');
	await expect(alert.locator('strong')).toHaveText(
		'This routine pack holds something Liana cannot use, so it was not imported.'
	);
	const author = alert.getByRole('group', { name: 'For the file’s author' });
	await expect(author).toContainText('“broken.zip”');
	await expect(author).toContainText(
		'audio/hip-left/soften.wav: is not an audio file (not WebM, Ogg, MP4, MP3, WAV or FLAC)'
	);
	await expect(routinesSection(page)).toHaveAttribute('aria-busy', 'false');
	await expect(titleLinks(ownSection(page))).toHaveCount(0);
	await expectAccessible(page);
});

test('a recording the browser cannot play is left out at import, naming it; one kept from before is named by the player, and the built-in voice speaks for it', async ({
	clockPage: page
}) => {
	// A WAV header whose format chunk is damaged: it starts like audio but plays nowhere.
	const damaged = sineWav(1).slice(0, 64);
	damaged.fill(0x7f, 12);
	await openLibrary(page);
	await importPack(page, routinePack(EVENING, { 'defaults/soften': damaged }));
	await expect(notice(page)).toHaveText(
		'Imported “Evening unwind”. This browser cannot play your recording for “Soften, every step” (damaged, or a sound format it does not read), so the built-in voice speaks it.'
	);
	await expect(
		ownSection(page).getByRole('link', { name: 'Evening unwind', exact: true })
	).toBeVisible();

	// One kept before imports were checked (or recorded where another browser played it).
	await page.evaluate(
		(bytes) =>
			new Promise<void>((resolve, reject) => {
				const request = indexedDB.open('liana');
				request.onsuccess = () => {
					const tx = request.result.transaction('recordings', 'readwrite');
					tx.objectStore('recordings').put({
						routineId: 'evening-unwind',
						cue: 'defaults/soften',
						audio: new Uint8Array(bytes).buffer,
						mimeType: 'audio/wav',
						durationSec: 1,
						recordedAtEpochMs: 0
					});
					tx.oncomplete = () => {
						request.result.close();
						resolve();
					};
					tx.onerror = () => reject(tx.error);
				};
			}),
		[...damaged]
	);
	await page.getByRole('link', { name: 'Evening unwind', exact: true }).click();
	await page.clock.runFor(500);
	await expect(page.getByRole('alert')).toHaveText(
		'Your recording for “Soften, every step” could not be played (this browser cannot decode it), so the built-in voice speaks in its place. Record it again, or import the routine pack again.'
	);
	await expect(soundReady(page)).toBeAttached();
	await expectAccessible(page);
});

test('a refused microphone is said plainly, and nothing is recorded', async ({
	clockPage: page
}) => {
	await openLibrary(page);
	await importFile(page, EVENING);
	await expect(notice(page)).toHaveText('Imported “Evening unwind”.');
	const voice = await openYourVoice(page, 'evening-unwind');
	await voice.getByRole('button', { name: 'Record Soften, every step' }).click();
	await expect(voice.getByRole('alert')).toHaveText(
		/^(The microphone was refused|No microphone was found), so nothing was recorded\./
	);
	await expect(voice.getByRole('button', { name: 'Record Soften, every step' })).toBeEnabled();
	await expect(voice.getByText('Your voice ·')).toHaveCount(0);
	await expectAccessible(page);
});
