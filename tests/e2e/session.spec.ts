import { endByKey, expect, passTime, test, pressStart } from './fixtures';

test('a whole routine plays to done with the right phases, breaths and steps at the right times', async ({
	clockPage: page
}) => {
	// Fifteen moments, each reached by a jump and its last frames, with three checks each: room
	// for a busy shared machine.
	test.setTimeout(90_000);
	await page.goto('/play/breathe-settle');
	const phase = page.getByTestId('phase');
	const title = page.getByTestId('step-title');
	await pressStart(page);
	let at = 0;
	/** Moves the driven clock to `seconds` after Start, the last frames played out. */
	const to = async (seconds: number) => {
		await passTime(page, (seconds - at) * 1000);
		at = seconds;
	};
	// [seconds after Start, phase, breath part, step title]
	const expected: [number, string, string | null, string][] = [
		[0, 'countdown', null, 'Arrive'],
		[5, 'breathe', 'inhale', 'Arrive'],
		[9, 'breathe', 'exhale', 'Arrive'],
		[64.9, 'breathe', 'exhale', 'Arrive'],
		[65, 'rest', null, 'Square breath'],
		[75, 'breathe', 'inhale', 'Square breath'],
		[79, 'breathe', 'hold-in', 'Square breath'],
		[83, 'breathe', 'exhale', 'Square breath'],
		[87, 'breathe', 'hold-out', 'Square breath'],
		[171, 'rest', null, 'Long breath out'],
		[181, 'breathe', 'inhale', 'Long breath out'],
		[185, 'breathe', 'exhale', 'Long breath out'],
		[277, 'rest', null, 'Stillness'],
		[336.9, 'rest', null, 'Stillness']
	];
	for (const [seconds, name, breath, step] of expected) {
		await to(seconds);
		await expect(phase, `${seconds} s`).toHaveAttribute('data-phase', name);
		if (breath) await expect(phase, `${seconds} s`).toHaveAttribute('data-breath', breath);
		else await expect(phase, `${seconds} s`).not.toHaveAttribute('data-breath');
		await expect(title, `${seconds} s`).toHaveText(step);
	}
	await to(337);
	await expect(phase).toHaveAttribute('data-phase', 'done');
	await expect(page.getByRole('heading', { name: 'Session complete' })).toBeVisible();
	await expect(page.getByTestId('session-summary')).toContainText('Steps completed (4)');
	await expect(page.getByTestId('session-summary')).toContainText('Time 5 min 37 s');
});

test('the page title shows the phase and the time left, for a glance at the tab', async ({
	clockPage: page
}) => {
	await page.goto('/play/daily-unload');
	await expect(page).toHaveTitle('Daily unload — Liana');
	await pressStart(page);
	await page.clock.runFor(6_000);
	await expect(page).toHaveTitle('Breathe 0:49 · Daily unload');
});

test('the screen is kept on while a session plays, the lock screen names the step, phases buzz', async ({
	clockPage: page
}) => {
	await page.addInitScript(() => {
		const calls: string[] = [];
		Object.assign(window, { deviceCalls: calls });
		const sentinel = {
			release: async () => void calls.push('release'),
			addEventListener: () => undefined
		};
		Object.defineProperty(navigator, 'wakeLock', {
			value: { request: async (type: string) => (calls.push(`request ${type}`), sentinel) }
		});
		Object.defineProperty(navigator, 'vibrate', {
			value: (pattern: number[]) => (calls.push(`vibrate ${pattern.join(',')}`), true)
		});
		// What the lock screen is told, and its buttons, as the platform would press them.
		const media = navigator.mediaSession;
		const actions: Record<string, () => void> = {};
		const setAction = media.setActionHandler.bind(media);
		media.setActionHandler = (action, handler) => {
			if (handler) actions[action] = handler as () => void;
			setAction(action, handler);
		};
		const positions: MediaPositionState[] = [];
		media.setPositionState = (state?: MediaPositionState) => void (state && positions.push(state));
		Object.assign(window, { mediaActions: actions, mediaPositions: positions });
	});
	await page.goto('/play/daily-unload');
	const calls = () =>
		page.evaluate(() => (window as unknown as { deviceCalls: string[] }).deviceCalls);
	expect(await calls()).toEqual([]);
	await pressStart(page);
	await expect.poll(calls).toContain('request screen');
	await page.clock.runFor(5_100);
	await expect.poll(calls).toContain('vibrate 90');
	const lockScreen = () =>
		page.evaluate(() => {
			const { title, artist, album } = navigator.mediaSession.metadata ?? {};
			const positions = (window as unknown as { mediaPositions: MediaPositionState[] })
				.mediaPositions;
			return { title, artist, album, position: positions.at(-1) };
		});
	expect(await lockScreen()).toMatchObject({
		title: 'Arrive',
		artist: 'Breathe in',
		album: 'Daily unload',
		position: { position: expect.closeTo(5, 0), playbackRate: 1 }
	});
	// The headset's double press: the next step, named on the lock screen at once.
	await page.evaluate(() =>
		(window as unknown as { mediaActions: Record<string, () => void> }).mediaActions[
			'nexttrack'
		]?.()
	);
	await expect(page.getByTestId('step-title')).not.toHaveText('Arrive');
	const next = await page.getByTestId('step-title').textContent();
	await expect.poll(async () => (await lockScreen()).title).toBe(next);
	expect((await lockScreen()).position?.position).toBeGreaterThan(5);
	await page.keyboard.press('f');
	await expect.poll(calls).toContain('vibrate 220,120,220');
	await endByKey(page);
	await expect.poll(calls).toContain('release');
});

// Chromium only: Playwright 1.64.1 cannot emulate reduced motion in Firefox ESR 153 (the very
// command that 1.65 requires and ESR 153 lacks), and this journey turns it on and off.
test(
	'with reduced motion the pacer stays still and breathes in light instead',
	{
		tag: '@chromium-only'
	},
	async ({ clockPage: page }) => {
		await page.emulateMedia({ reducedMotion: 'reduce' });
		await page.goto('/play/breathe-settle');
		await pressStart(page);
		const pacer = page.getByTestId('pacer');
		const shape = pacer.locator('.shape');
		await page.clock.runFor(5_100);
		await expect(pacer).toHaveAttribute('style', /--pacer-scale: 1;/);
		const inhale = await shape.evaluate((el) => getComputedStyle(el).transform);
		await page.clock.runFor(4_000);
		await expect(pacer).toHaveAttribute('style', /--pacer-scale: 0.55;/);
		await expect(pacer).toHaveAttribute('style', /--pacer-opacity: 0.45;/);
		expect(await shape.evaluate((el) => getComputedStyle(el).transform)).toBe(inhale);
		expect(inhale).toBe('matrix(0.9, 0, 0, 0.9, 0, 0)');
		const moves = () => shape.evaluate((el) => getComputedStyle(el).transitionProperty);
		expect(await moves()).not.toContain('transform');

		await page.emulateMedia({ reducedMotion: 'no-preference' });
		expect(await moves()).toContain('transform');
	}
);

for (const [name, width, height] of [
	['phone portrait', 412, 915],
	['phone landscape', 915, 412],
	['desktop', 1280, 800]
] as const) {
	test(`the player in ${name}: the phase, time and Flare are on screen`, async ({
		clockPage: page
	}, testInfo) => {
		await page.setViewportSize({ width, height });
		await page.goto('/play/sciatica-relief');
		await pressStart(page);
		await passTime(page, 100_500);
		for (const element of [
			page.getByTestId('phase'),
			page.getByRole('timer'),
			page.getByTestId('step-title'),
			page.getByRole('button', { name: /^Flare/ })
		]) {
			await expect(element).toBeInViewport();
		}
		const phaseBox = await page.getByTestId('phase').boundingBox();
		// Readable across a room: the phase word is at least 5% of the screen's height.
		expect(phaseBox?.height ?? 0).toBeGreaterThan(height * 0.05);
		await testInfo.attach(`player-${name.replace(' ', '-')}.png`, {
			body: await page.screenshot(),
			contentType: 'image/png'
		});
	});
}
