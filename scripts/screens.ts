/**
 * `npm run screens`: walks every page and dialog a person meets in the built app, in both of
 * the app's themes and at each screen size #16 names, and writes a picture of each to
 * `screens/<theme>/<size>/<nn>-<state>.png`, numbered in walking order. Time is the page
 * clock's, driven as the journeys drive it, so nothing is waited for. A state that cannot be
 * reached (a control renamed or gone) is said and skipped; the walk goes on. A page or dialog
 * wider than the screen is warned about, with the journeys' own check.
 *
 * `npm run screens -- --sizes 390x844,320x568 --themes light` walks fewer.
 */
import { chromium, type Browser, type Locator, type Page } from '@playwright/test';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { driveClock, passTime } from '../tests/e2e/fixtures';
import { SCREENS, sidewaysOverflow } from '../tests/e2e/screens';
import { chromiumPath, QUIET_CHROMIUM_ARGS } from './browser-paths';
import { startStaticHost } from './static-host';

type Theme = 'dark' | 'light';
interface Size {
	width: number;
	height: number;
}

/** A routine of the person's own, as a coach would send it; its longer twin clashes with it. */
const EVENING = JSON.stringify(
	{
		version: 1,
		id: 'evening-unwind',
		title: 'Evening unwind',
		summary: 'Slow breaths and one gentle hip opener before bed.',
		steps: [
			{
				type: 'breathe',
				id: 'settle',
				title: 'Settle in',
				pattern: { inhale: 4, exhale: 6 },
				breaths: 3
			},
			{
				type: 'stretch',
				id: 'hip-left',
				title: 'Hip opener',
				side: 'left',
				rounds: 1,
				cycle: { approach: 5, breathe: { breaths: 1 }, soften: 10, comeBack: 5 }
			}
		]
	},
	null,
	2
);
const EVENING_LONGER = EVENING.replace('"Evening unwind"', '"Evening unwind, longer"');
/** Text pasted by mistake: single quotes are not JSON. */
const BROKEN = '{\n  "version": 1,\n  "id": \'x\'\n}';

/** Waits for a control this long before calling it missing: the walk must not hang on one. */
const CONTROL_MS = 4_000;

interface Options {
	sizes: Size[];
	themes: Theme[];
}

function parseOptions(args: string[]): Options {
	const sizes: Size[] = [];
	const themes: Theme[] = [];
	for (let i = 0; i < args.length; i++) {
		const [flag, inline] = (args[i] ?? '').split('=', 2);
		const value = inline ?? args[++i] ?? '';
		if (flag === '--sizes') {
			for (const text of value.split(',')) {
				const match = /^(\d+)x(\d+)$/.exec(text.trim());
				if (!match) throw new Error(`--sizes takes sizes like 390x844, not “${text}”.`);
				sizes.push({ width: Number(match[1]), height: Number(match[2]) });
			}
		} else if (flag === '--themes') {
			for (const text of value.split(',')) {
				if (text !== 'dark' && text !== 'light') {
					throw new Error(`--themes takes dark and light, not “${text}”.`);
				}
				themes.push(text);
			}
		} else {
			throw new Error(`Unknown option “${args[i - 1] ?? flag}”: use --sizes or --themes.`);
		}
	}
	return {
		sizes: sizes.length > 0 ? sizes : SCREENS.map(({ width, height }) => ({ width, height })),
		themes: themes.length > 0 ? themes : ['dark', 'light']
	};
}

/** The first line of an error: enough to say why a state was not reached. */
function reason(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	return (text.split('\n').find((line) => line.trim() !== '') ?? text).trim();
}

/** Controls to try in order: the first one shown wins. Names change while others work. */
type Candidates = Locator | Locator[];

/** Buttons by any of their possible names, in order (a string is an exact name). */
function button(scope: Page | Locator, ...names: (string | RegExp)[]): Locator[] {
	return names.map((name) => scope.getByRole('button', { name, exact: typeof name === 'string' }));
}

function link(scope: Page | Locator, ...names: (string | RegExp)[]): Locator[] {
	return names.map((name) => scope.getByRole('link', { name, exact: typeof name === 'string' }));
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The first of `candidates` shown on the screen within `timeout` (in real time: the page's
 * clock stands still meanwhile), or undefined.
 */
async function present(candidates: Candidates, timeout: number): Promise<Locator | undefined> {
	const list = (Array.isArray(candidates) ? candidates : [candidates]).map((one) =>
		one.filter({ visible: true }).first()
	);
	const deadline = Date.now() + timeout;
	for (;;) {
		for (const one of list) if (await one.isVisible()) return one;
		if (Date.now() >= deadline) return undefined;
		await pause(100);
	}
}

/** The first of `candidates` shown on the screen; missing, an error that names `what`. */
async function shown(candidates: Candidates, what: string, timeout = CONTROL_MS): Promise<Locator> {
	const found = await present(candidates, timeout);
	if (!found) throw new Error(`no ${what} on the screen`);
	return found;
}

async function press(candidates: Candidates, what: string): Promise<void> {
	await (await shown(candidates, what)).click();
}

/** True when one of `candidates` is shown within a short while. */
async function appears(candidates: Candidates, timeout = 1_500): Promise<boolean> {
	return (await present(candidates, timeout)) !== undefined;
}

const openDialog = (page: Page) => page.locator('dialog[open]').last();
const phase = (page: Page) => page.getByTestId('phase');

/** Waits until the player shows one of `names` as its phase. */
async function untilPhase(page: Page, ...names: string[]): Promise<void> {
	const deadline = Date.now() + CONTROL_MS;
	let now = '';
	for (;;) {
		now = (await phase(page).getAttribute('data-phase', { timeout: CONTROL_MS })) ?? '';
		if (names.includes(now)) return;
		if (Date.now() >= deadline) throw new Error(`the phase is “${now}”, not ${names.join(' or ')}`);
		await pause(50);
	}
}

/** Moves the clock on a second at a time until the player shows one of `names`. */
async function passUntilPhase(page: Page, names: string[], maxMs = 60_000): Promise<void> {
	for (let passed = 0; passed < maxMs; passed += 1_000) {
		const now = await phase(page).getAttribute('data-phase', { timeout: CONTROL_MS });
		if (now !== null && names.includes(now)) return;
		await passTime(page, 1_000);
	}
	await untilPhase(page, ...names);
}

/** Closes whatever dialog is open, by its own way out, else by Escape. */
async function closeDialog(page: Page): Promise<void> {
	const dialog = openDialog(page);
	if (!(await dialog.isVisible())) return;
	const way = await present(
		button(dialog, 'Done', 'Close', 'Cancel', 'Keep going', 'Go back', 'Not now'),
		0
	);
	if (way) await way.click();
	else await page.keyboard.press('Escape');
	await dialog.waitFor({ state: 'hidden', timeout: CONTROL_MS }).catch(() => undefined);
}

/** Goes to an address and lets the app's timers (its navigation waits on them) run. */
async function visit(page: Page, path: string): Promise<void> {
	await page.goto(path);
	await page.clock.runFor(300);
}

/** A link followed inside the app: its navigation waits on timers, which move with the clock. */
async function follow(page: Page, target: Candidates, what: string): Promise<void> {
	await press(target, what);
	await page.clock.runFor(500);
}

async function scrollTo(page: Page, where: 'top' | 'bottom'): Promise<void> {
	await page.evaluate(
		(bottom) => window.scrollTo(0, bottom ? document.documentElement.scrollHeight : 0),
		where === 'bottom'
	);
}

/** A state this screen does not have (nothing to scroll, say): skipped, not a failure. */
class NotHere extends Error {}

/**
 * The innermost elements that reach past the screen's right edge, to say where an overflow
 * comes from: "table.flared 351 px".
 */
async function widestParts(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const width = document.documentElement.clientWidth;
		const past = [...document.querySelectorAll('body *')].filter(
			(element) =>
				element.getBoundingClientRect().right > width + 1 &&
				element.checkVisibility() &&
				![...element.children].some((child) => child.getBoundingClientRect().right > width + 1)
		);
		return past.slice(0, 3).map((element) => {
			const name = [element.tagName.toLowerCase(), ...element.classList].join('.');
			const words = (element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 30);
			return `${name} ${Math.round(element.getBoundingClientRect().right)} px${words ? ` “${words}”` : ''}`;
		});
	});
}

/** One walk: one theme at one size, in a context of its own. */
class Walk {
	readonly written: string[] = [];
	readonly failed: string[] = [];
	readonly overflowing: string[] = [];
	#count = 0;

	constructor(
		readonly page: Page,
		readonly dir: string,
		readonly label: string
	) {}

	/**
	 * Reaches a state and takes its picture. The number is the state's place in the walk even
	 * when one before it failed, so the same state keeps its file name from run to run.
	 */
	async state(
		name: string,
		reach: () => Promise<void>,
		{ whole = false }: { whole?: boolean } = {}
	): Promise<boolean> {
		const file = `${String(++this.#count).padStart(2, '0')}-${name}.png`;
		try {
			await reach();
			// Fonts and a frame of layout; the clock stays where the walk put it.
			await this.page.evaluate(() => document.fonts.ready.then(() => undefined));
			const wide = await sidewaysOverflow(this.page);
			if (wide.length > 0) {
				const parts = await widestParts(this.page);
				const line = `${this.label} ${file}: wider than the screen: ${wide.join('; ')}${parts.length > 0 ? ` (reaching past it: ${parts.join(', ')})` : ''}`;
				this.overflowing.push(line);
				console.warn(`  warning: ${line}`);
			}
			await this.page.screenshot({
				path: join(this.dir, file),
				fullPage: whole,
				animations: 'disabled',
				caret: 'hide',
				timeout: 30_000
			});
			this.written.push(file);
			return true;
		} catch (error) {
			if (error instanceof NotHere) {
				console.log(`  skipped ${name}: ${error.message}`);
				return false;
			}
			const line = `could not reach ${name}: ${reason(error)}`;
			this.failed.push(`${this.label} ${file}: ${reason(error)}`);
			console.warn(`  ${line}`);
			await closeDialog(this.page).catch(() => undefined);
			return false;
		}
	}
}

/**
 * Sets the app's own theme as a person does: Settings, then Theme. Where that control cannot be
 * found, the stored setting is written before the app first reads it, then the page reloaded.
 */
async function chooseTheme(page: Page, theme: Theme): Promise<string> {
	await visit(page, '/play/breathe-settle');
	try {
		await press(button(page, 'Settings', /^Settings/), 'Settings button');
		const dialog = await shown(openDialog(page), 'settings dialog');
		const label = theme === 'dark' ? /^dark/i : /^light/i;
		const select = await present(dialog.getByLabel(/theme/i).and(dialog.locator('select')), 1_000);
		if (select) {
			await select.selectOption(theme);
		} else {
			const choice = await shown(
				[
					dialog.getByRole('radio', { name: label }),
					dialog.getByRole('button', { name: label }),
					dialog.getByRole('option', { name: label })
				],
				'theme choice',
				1_000
			);
			await choice.click();
		}
		await closeDialog(page);
		if ((await storedTheme(page)) === theme) return 'through Settings';
	} catch (error) {
		console.warn(`  the theme could not be chosen in Settings (${reason(error)})`);
		await closeDialog(page).catch(() => undefined);
	}
	await page.evaluate((chosen) => {
		const key = 'liana.settings.v1';
		const stored = JSON.parse(localStorage.getItem(key) ?? '{}') as Record<string, unknown>;
		localStorage.setItem(key, JSON.stringify({ ...stored, theme: chosen }));
	}, theme);
	await page.reload();
	await page.clock.runFor(300);
	if ((await storedTheme(page)) !== theme) throw new Error(`the ${theme} theme could not be set`);
	return 'through its stored value';
}

/** The theme as the app keeps it (its quick copy of the settings), when the page shows it too. */
async function storedTheme(page: Page): Promise<string | undefined> {
	return page.evaluate(() => {
		const stored = JSON.parse(localStorage.getItem('liana.settings.v1') ?? '{}') as {
			theme?: string;
		};
		return stored.theme === document.documentElement.dataset['theme'] ? stored.theme : undefined;
	});
}

async function walkLibrary(walk: Walk): Promise<void> {
	const { page } = walk;
	const listed = async () => {
		await visit(page, '/');
		await shown(page.getByRole('article'), 'routine card');
		// Read, not only painted: the person's own routines are in.
		await page
			.locator('[aria-busy="false"]')
			.first()
			.waitFor({ state: 'attached', timeout: CONTROL_MS })
			.catch(() => undefined);
	};
	await walk.state('library', listed);
	await walk.state('library-whole', async () => undefined, { whole: true });
	await walk.state('library-card-tools', async () => {
		const more = await shown(page.getByRole('button', { name: /^More for / }), 'card tools');
		await more.click();
		await more.evaluate((element) =>
			element.closest('article')?.scrollIntoView({ block: 'center' })
		);
	});
	const add = [
		page.getByRole('region', { name: /Add a routine/i }),
		page.locator('section').filter({ has: page.getByText(/Paste routine text/i) })
	];
	const pasteBox = [
		page.getByLabel(/routine text/i).and(page.locator('textarea')),
		page.locator('textarea')
	];
	await walk.state('add-routine-paste', async () => {
		await page.keyboard.press('Escape');
		await scrollTo(page, 'top');
		if (!(await appears(pasteBox, 0))) {
			await press(
				[page.getByText(/Paste routine text/i), ...add.map((one) => one.getByText(/paste/i))],
				'Paste'
			);
		}
		await (await shown(add, 'Add a routine place')).scrollIntoViewIfNeeded();
		await (await shown(pasteBox, 'box for pasted text')).scrollIntoViewIfNeeded();
	});
	await walk.state('import-problem', async () => {
		const box = await shown(pasteBox, 'box for pasted text');
		await box.fill(BROKEN);
		const place = await shown(add, 'Add a routine place');
		await press(button(place, 'Import', /^Import$/i), 'Import button');
		const alert = await shown(page.getByRole('alert').filter({ hasText: /\S/ }), 'import problem');
		await alert.scrollIntoViewIfNeeded();
	});
	const importFile = async (text: string) => {
		const input = page.getByLabel('Import routine').or(page.locator('input[type=file]')).first();
		await input.setInputFiles({
			name: 'evening-unwind.json',
			mimeType: 'application/json',
			buffer: Buffer.from(text)
		});
	};
	await walk.state('imported', async () => {
		for (const box of pasteBox)
			await box
				.first()
				.fill('', { timeout: 500 })
				.catch(() => undefined);
		await importFile(EVENING);
		const said = await shown(page.getByText(/Imported/), 'notice of the import');
		await said.scrollIntoViewIfNeeded();
	});
	await walk.state('import-clash', async () => {
		await importFile(EVENING_LONGER);
		await shown(openDialog(page), 'clash dialog');
	});
	await closeDialog(page);
	await walk.state('library-with-yours', async () => {
		await listed();
		await shown(page.getByText('Evening unwind', { exact: true }), 'own routine');
	});
	await walk.state('offline-notice', async () => {
		await scrollTo(page, 'top');
		await page.context().setOffline(true);
		await shown(page.getByRole('status').filter({ hasText: /offline/i }), 'offline notice');
	});
	await page.context().setOffline(false);
	await walk.state('history-empty', async () => {
		await visit(page, '/history');
		await shown(page.getByRole('heading', { level: 1 }), 'history heading');
	});
}

async function walkSession(walk: Walk): Promise<void> {
	const { page } = walk;
	const start = button(page, 'Start');
	await walk.state('routine-first-visit', async () => {
		await visit(page, '/play/sciatica-relief');
		// Enabled once the page's script runs: a trial click waits for that, pressing nothing.
		await (await shown(start, 'Start')).click({ trial: true });
		await scrollTo(page, 'top');
	});
	await walk.state('routine-first-visit-whole', async () => undefined, { whole: true });
	const safety = button(page, 'Safety', /safety/i);
	await walk.state('more-menu', async () => {
		await scrollTo(page, 'top');
		await press(button(page, 'More', /^More/), 'More button');
		await shown(safety, 'Safety in the More menu');
	});
	await walk.state('safety', async () => {
		await press(safety, 'Safety in the More menu');
		await shown(openDialog(page), 'safety dialog');
	});
	await closeDialog(page);
	await page.keyboard.press('Escape');
	await walk.state('settings', async () => {
		await scrollTo(page, 'top');
		await press(button(page, 'Settings', /^Settings/), 'Settings button');
		await shown(openDialog(page), 'settings dialog');
	});
	await walk.state('settings-scrolled', async () => {
		const dialog = await shown(openDialog(page), 'settings dialog');
		const scrolled = await dialog.evaluate((element) => {
			let moved = false;
			for (const part of [element, ...element.querySelectorAll('*')]) {
				if (part.scrollHeight <= part.clientHeight + 1) continue;
				part.scrollTop = part.scrollHeight;
				moved ||= part.scrollTop > 0;
			}
			return moved;
		});
		if (!scrolled) throw new NotHere('the settings fit without scrolling');
	});
	await closeDialog(page);
	await walk.state('check-in', async () => {
		const checkIn = await shown(
			[
				page.getByRole('region', { name: /before you start/i }),
				page.getByRole('group', { name: /pain right now/i })
			],
			'check-in'
		);
		await checkIn.scrollIntoViewIfNeeded();
		await checkIn.getByRole('radio', { name: '4', exact: true }).check({ timeout: CONTROL_MS });
	});
	let asked = false;
	await walk.state('first-start', async () => {
		await scrollTo(page, 'top');
		await press(start, 'Start');
		asked = await appears(openDialog(page));
	});
	// The safety note, where it is asked once before the first session: agreed to, whatever its
	// words, and the countdown starts.
	if (asked) await agree(page);
	await walk.state('countdown', async () => {
		await passTime(page, 1_500);
		await untilPhase(page, 'countdown');
	});
	await walk.state('breathing', async () => {
		await passUntilPhase(page, ['breathe']);
		await passTime(page, 3_000);
	});
	await walk.state('stretch', async () => {
		await press(button(page, 'Skip step', /^Skip/), 'Skip step');
		await passUntilPhase(page, ['approach']);
		await passTime(page, 3_000);
	});
	await walk.state('paused', async () => {
		await press(button(page, 'Pause'), 'Pause');
		await shown(page.getByTestId('paused'), 'the word Paused');
	});
	const resume = await present(button(page, 'Resume'), 0);
	await resume?.click();
	await walk.state('stop-question', async () => {
		// Stop asks only once more than 30 s would be lost: the session is well past that.
		await press(button(page, 'Stop', /^Stop/), 'Stop');
		await shown(openDialog(page), 'question on Stop');
	});
	await closeDialog(page);
	await walk.state('red-flag-question', async () => {
		await press(button(page, /^Red flag/), 'Red flag');
		await shown(openDialog(page), 'red flag question');
	});
	await closeDialog(page);
	await walk.state('note', async () => {
		const note = await present(button(page, 'Note'), 0);
		if (note) await note.click();
		else await page.keyboard.press('w');
		const dialog = await shown(openDialog(page), 'note dialog');
		await dialog.locator('textarea').fill('Left hip tight today; eased off and breathed.');
	});
	const saveNote = await present(button(openDialog(page), 'Save note', /^Save/), 0);
	if (saveNote) await saveNote.click();
	else await closeDialog(page);
	await walk.state('flare-release', async () => {
		await press(button(page, /^Flare/), 'Flare');
		await untilPhase(page, 'release');
	});
	await walk.state('flare-recover', async () => {
		await passUntilPhase(page, ['recover'], 30_000);
		await passTime(page, 2_000);
	});
	await walk.state('flare-choices', async () => {
		const choices = await shown(
			[page.getByTestId('flare-choices'), ...button(page, 'Try again gently', 'End session')],
			'choices after a flare'
		);
		await choices.scrollIntoViewIfNeeded();
	});
	await walk.state('end', async () => {
		await press(button(page, 'End session'), 'End session');
		await untilPhase(page, 'done');
		await page.clock.runFor(500);
		await scrollTo(page, 'top');
	});
	await walk.state('end-scrolled', async () => {
		await untilPhase(page, 'done');
		await scrollTo(page, 'bottom');
	});
	await walk.state('end-step-by-step', async () => {
		const detail = await shown(page.getByText('Step by step'), 'Step by step');
		await detail.click();
		await detail.scrollIntoViewIfNeeded();
	});
	await walk.state('end-note', async () => {
		await press(button(page, 'Edit note', 'Add a note', /note/i), 'note button');
		await shown(openDialog(page), 'note dialog');
	});
	await closeDialog(page);
	await walk.state('red-flag-end', async () => {
		await press(button(page, 'Start again'), 'Start again');
		await press(start, 'Start');
		if (await appears(openDialog(page), 500)) await agree(page);
		await passTime(page, 8_000);
		await press(button(page, /^Red flag/), 'Red flag');
		const dialog = await shown(openDialog(page), 'red flag question');
		await press(
			[
				...button(dialog, 'Red flag: end now', /end now/i),
				dialog.locator('button.danger'),
				dialog.locator('button.primary')
			],
			'the red flag’s confirming button'
		);
		await untilPhase(page, 'done');
		await scrollTo(page, 'top');
	});
}

/** Presses the confirming button of the open dialog, whatever its words. */
async function agree(page: Page): Promise<void> {
	const dialog = openDialog(page);
	const yes = await present(
		[
			...button(dialog, /understand/i, /^(start|begin|continue|ok|yes|agree)/i, /read/i),
			dialog.locator('button.primary')
		],
		CONTROL_MS
	);
	if (yes) await yes.click();
	else console.warn('  the question before the first session had no confirming button');
	await page.clock.runFor(100);
}

async function walkHistory(walk: Walk): Promise<void> {
	const { page } = walk;
	const sessions = page.getByRole('region', { name: /^Sessions/ });
	await walk.state('history', async () => {
		const history = await present(link(page, 'History'), 0);
		if (history) await follow(page, history, 'History link');
		else await visit(page, '/history');
		await shown(sessions, 'list of sessions');
		await scrollTo(page, 'top');
	});
	await walk.state('history-whole', async () => undefined, { whole: true });
	await walk.state('session-detail', async () => {
		await follow(page, sessions.getByRole('link'), 'a session’s link');
		await shown(page.getByRole('heading', { level: 1 }), 'session heading');
		await scrollTo(page, 'top');
	});
}

async function walkEditor(walk: Walk): Promise<void> {
	const { page } = walk;
	const title = [
		page.getByRole('region', { name: 'Routine', exact: true }).getByLabel('Title', { exact: true }),
		page.getByLabel('Title', { exact: true })
	];
	const save = button(page, 'Save to library', 'Save', /^Save/);
	await walk.state('editor-blank', async () => {
		await visit(page, '/');
		const fresh = await present(link(page, 'New routine', /new routine/i), 1_000);
		if (fresh) await follow(page, fresh, 'New routine');
		else await visit(page, '/edit/new');
		await shown(title, 'the routine’s Title');
		await scrollTo(page, 'top');
	});
	const soften = page.getByLabel(/^Soften/);
	await walk.state('editor-problem', async () => {
		await (await shown(title, 'the routine’s Title')).fill('Evening stretch');
		await press(button(page, /Add stretch/i), 'Add stretch');
		const field = await shown(soften, 'Soften of the new stretch');
		await field.fill('4000');
		await field.blur();
		await page.clock.runFor(300);
		await field.evaluate((element) => element.scrollIntoView({ block: 'center' }));
	});
	await walk.state('editor-save-refused', async () => {
		await press(save, 'Save');
		await shown(page.getByRole('alert').filter({ hasText: /\S/ }), 'why it was not saved');
		await page.clock.runFor(300);
	});
	await walk.state('editor-saved', async () => {
		const field = await shown(soften, 'Soften of the new stretch');
		await field.fill('40');
		await field.blur();
		await press(save, 'Save');
		await shown(page.getByText(/^Saved/), 'word that it was saved');
		await page.clock.runFor(300);
	});
}

async function walkStudio(walk: Walk): Promise<void> {
	const { page } = walk;
	await walk.state('studio-idle', async () => {
		await visit(page, '/play/daily-unload?view=studio');
		await shown([...link(page, 'Normal player'), page.getByRole('timer')], 'studio display');
		await page.clock.runFor(300);
	});
	await walk.state('studio-breathing', async () => {
		const start = await present(button(page, 'Start'), 0);
		if (start) await start.click();
		else await page.keyboard.press('Space');
		await passUntilPhase(page, ['breathe']);
		await passTime(page, 8_000);
	});
	await walk.state('studio-stretch', async () => {
		await page.keyboard.press('n');
		await passUntilPhase(page, ['approach']);
		await passTime(page, 3_000);
	});
}

/** Walks one theme at one size, in a fresh context of the shared browser. */
async function walkOne(browser: Browser, url: string, theme: Theme, size: Size): Promise<Walk> {
	const folder = `${size.width}x${size.height}`;
	const dir = join('screens', theme, folder);
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	const phone = size.width < 600 || size.height < 600;
	const context = await browser.newContext({
		baseURL: url,
		viewport: size,
		colorScheme: theme,
		hasTouch: phone,
		// The service worker's install is not what the pictures are of, and costs a shared machine.
		serviceWorkers: 'block',
		locale: 'en-GB',
		timezoneId: 'Europe/London'
	});
	const page = await context.newPage();
	page.setDefaultTimeout(CONTROL_MS * 2);
	await driveClock(page);
	const walk = new Walk(page, dir, `${theme}/${folder}`);
	try {
		console.log(`${walk.label}: theme set ${await chooseTheme(page, theme)}`);
		for (const part of [walkLibrary, walkSession, walkHistory, walkEditor, walkStudio]) {
			try {
				await part(walk);
			} catch (error) {
				// A step between states failed: the next part starts from its own address.
				console.warn(`  ${part.name} stopped early: ${reason(error)}`);
			}
		}
	} catch (error) {
		console.warn(`${walk.label}: not walked: ${reason(error)}`);
		walk.failed.push(`${walk.label}: not walked: ${reason(error)}`);
	} finally {
		await context.close();
	}
	return walk;
}

async function main(): Promise<number> {
	const options = parseOptions(process.argv.slice(2));
	if (!existsSync('build/index.html')) {
		console.error('No build found: run `npm run build` first (`npm run screens` does).');
		return 1;
	}
	const began = Date.now();
	const host = await startStaticHost('build');
	const browser = await chromium.launch({
		executablePath: chromiumPath(),
		args: QUIET_CHROMIUM_ARGS
	});
	const walks: Walk[] = [];
	try {
		for (const theme of options.themes) {
			for (const size of options.sizes) {
				const walked = Date.now();
				const walk = await walkOne(browser, host.url, theme, size);
				walks.push(walk);
				console.log(
					`${walk.label}: ${walk.written.length} written in ${Math.round((Date.now() - walked) / 1000)} s`
				);
			}
		}
	} finally {
		await browser.close();
		await host.close();
	}
	const written = walks.reduce((sum, walk) => sum + walk.written.length, 0);
	const failed = walks.flatMap((walk) => walk.failed);
	const wide = walks.flatMap((walk) => walk.overflowing);
	console.log(
		`\n${written} screenshots written to screens/ in ${Math.round((Date.now() - began) / 1000)} s.`
	);
	if (wide.length > 0)
		console.log(`Wider than the screen (${wide.length}):\n  ${wide.join('\n  ')}`);
	if (failed.length > 0) console.log(`Not reached (${failed.length}):\n  ${failed.join('\n  ')}`);
	else console.log('Every state was reached.');
	return written > 0 ? 0 : 1;
}

process.exitCode = await main().catch((error: unknown) => {
	console.error(reason(error));
	return 1;
});
