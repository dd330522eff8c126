import { readFileSync } from 'node:fs';
import { expect, expectAccessible, passTime, test, pressStart, soundReady } from './fixtures';
import { countSounds, sounds } from './sound-log';

test('cues start with the session and stop at once on a flare', async ({ clockPage: page }) => {
	await countSounds(page);
	// As on a person's browser: sound is suspended until a tap wakes it (headless starts it awake).
	await page.addInitScript(() => {
		const Awake = AudioContext;
		window.AudioContext = class extends Awake {
			constructor(options?: AudioContextOptions) {
				super(options);
				void this.suspend();
			}
		};
	});
	await page.goto('/play/daily-unload');
	await expect(soundReady(page)).toBeAttached();
	await pressStart(page);
	// "Get ready" is handed to the audio clock as the session starts.
	await expect.poll(async () => (await sounds(page)).started).toBeGreaterThanOrEqual(1);
	const atStart = await sounds(page);
	await page.clock.runFor(5_000);
	// The first breath: a chime and "breathe in".
	await expect.poll(async () => (await sounds(page)).started).toBeGreaterThan(atStart.started);
	await page.clock.runFor(200);
	const beforeFlare = await sounds(page);
	await page.keyboard.press('f');
	await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'release');
	const afterFlare = await sounds(page);
	// Every sound handed over was stopped, and "Stop. Come back slowly. Breathe." started.
	expect(afterFlare.stopped).toBeGreaterThan(beforeFlare.stopped);
	expect(afterFlare.started).toBe(beforeFlare.started + 1);
	await expect(page.getByRole('alert')).toHaveCount(0);
});

test('pause silences the guidance and resume does not replay the phase already under way', async ({
	clockPage: page
}) => {
	await countSounds(page);
	await page.goto('/play/breathe-settle');
	await expect(soundReady(page)).toBeAttached();
	await pressStart(page);
	// Just after the first breath's cue starts (the countdown is 5 s): the cue sounds in real
	// time, which the page's driven clock does not hold, so only a pause this close to it still
	// finds it sounding however slow the machine is.
	await page.clock.runFor(5_100);
	await page.keyboard.press('Space');
	await expect(page.getByRole('button', { name: 'Resume' })).toBeVisible();
	const paused = await sounds(page);
	expect(paused.stopped).toBeGreaterThan(0);
	await passTime(page, 60_000);
	await page.keyboard.press('Space');
	await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
	expect((await sounds(page)).started).toBe(paused.started);
});

test('where the browser blocks sound, the person is told, the session runs silently, and sound can be enabled', async ({
	clockPage: page
}) => {
	await page.addInitScript(() => {
		let allowed = false;
		const realResume = AudioContext.prototype.resume;
		const realState = Object.getOwnPropertyDescriptor(BaseAudioContext.prototype, 'state');
		Object.defineProperty(BaseAudioContext.prototype, 'state', {
			get(this: BaseAudioContext) {
				return allowed ? realState?.get?.call(this) : 'suspended';
			}
		});
		AudioContext.prototype.resume = function (this: AudioContext) {
			if (!allowed) return Promise.reject(new DOMException('blocked', 'NotAllowedError'));
			return realResume.call(this);
		};
		Object.assign(window, { allowSound: () => (allowed = true) });
	});
	await page.goto('/play/daily-unload');
	await pressStart(page);
	const notice = page.getByRole('alert');
	await expect(notice).toContainText('The browser is holding back sound');
	await page.clock.runFor(6_000);
	await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'breathe');
	await expectAccessible(page);
	await page.evaluate(() => (window as unknown as { allowSound: () => void }).allowSound());
	await page.getByRole('button', { name: 'Enable sound' }).click();
	await expect(notice).toHaveCount(0);
});

test.describe('a server without the sound file', () => {
	// The service worker caches the sounds on the first visit; here the server alone answers.
	test.use({ serviceWorkers: 'block' });

	test('a missing sound file is said plainly and the session goes on without voice', async ({
		clockPage: page
	}) => {
		await page.route('**/audio/cues-*', (route) => route.fulfill({ status: 404, body: 'gone' }));
		await page.goto('/play/daily-unload');
		await expect(page.getByRole('alert')).toContainText(
			'No voice guidance: the guidance sounds could not be loaded (the server answered 404)'
		);
		await pressStart(page);
		await page.clock.runFor(6_000);
		await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'breathe');
	});
});

test('the settings choose what is heard: with the voice off, only chimes and ticks sound', async ({
	clockPage: page
}) => {
	const sprite = (
		JSON.parse(readFileSync('src/lib/audio/cue-sprite.json', 'utf8')) as {
			sprite: Record<string, number[]>;
		}
	).sprite;
	await page.addInitScript(() => {
		localStorage.setItem('liana.settings.v1', JSON.stringify({ voice: false, countdownSec: 5 }));
		const offsets: number[] = [];
		Object.assign(window, { soundOffsets: offsets });
		const start = AudioBufferSourceNode.prototype.start;
		AudioBufferSourceNode.prototype.start = function (
			this: AudioBufferSourceNode,
			when?: number,
			offset?: number,
			duration?: number
		) {
			// Cues only: the sound bed loops under them.
			if ((this.buffer?.length ?? 0) > 1 && !this.loop) {
				offsets.push(Math.round((offset ?? 0) * 1000));
			}
			return start.call(this, when, offset, duration);
		};
	});
	await page.goto('/play/sciatica-relief');
	await expect(soundReady(page)).toBeAttached();
	await pressStart(page);
	// Frame by frame through the countdown's ticks and the first breaths' chimes.
	await page.clock.runFor(10_000);
	const offsets = await page.evaluate(
		() => (window as unknown as { soundOffsets: number[] }).soundOffsets
	);
	const byOffset = new Map(Object.entries(sprite).map(([id, [offsetMs]]) => [offsetMs, id]));
	const heard = new Set(offsets.map((offset) => byOffset.get(offset)));
	expect([...heard].sort()).toEqual(['chime', 'tick']);
});
