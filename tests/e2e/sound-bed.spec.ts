import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { measureLoopSeam, mendLoopSeam, type LoopSeam } from '../../src/lib/audio/loop-seam';
import { expect, passTime, pressStart, soundReady, test } from './fixtures';

const BEDS = JSON.parse(readFileSync('src/lib/audio/sound-beds.json', 'utf8')) as {
	loopStartSec: number;
	loopSec: number;
	files: Record<string, { webm: string; mp3: string }>;
};

interface DecodedLoop {
	lengthSec: number;
	mended: LoopSeam;
}

/**
 * Fetches a bed file from the app and decodes it as the browser does (an OfflineAudioContext's
 * decodeAudioData), then measures its seam as played, mended as the app mends it. The
 * measure and the mend are the app's own functions, handed to the page as source.
 */
async function decodeInPage(page: Page, url: string): Promise<DecodedLoop> {
	const check = `(async ({ url, startSec, loopSec }) => {
		const mend = ${mendLoopSeam.toString()};
		const measure = ${measureLoopSeam.toString()};
		const bytes = await (await fetch(url)).arrayBuffer();
		const buffer = await new OfflineAudioContext(1, 48000, 48000).decodeAudioData(bytes);
		const rate = buffer.sampleRate;
		const start = Math.round(startSec * rate);
		const frames = Math.round(loopSec * rate);
		const samples = buffer.getChannelData(0).slice();
		mend(samples, start, frames, Math.round(0.05 * rate));
		return { lengthSec: buffer.duration, mended: measure(samples, start, frames) };
	})`;
	const args = JSON.stringify({ url, startSec: BEDS.loopStartSec, loopSec: BEDS.loopSec });
	return page.evaluate<DecodedLoop>(`${check}(${args})`);
}

test('every sound bed, in both formats, decodes to a loop of the planned length that loops without a click', async ({
	page
}) => {
	await page.goto('/');
	const loopEndSec = BEDS.loopStartSec + BEDS.loopSec;
	for (const [bed, files] of Object.entries(BEDS.files)) {
		for (const url of [files.webm, files.mp3]) {
			const loop = await decodeInPage(page, url);
			// The loop and its lead-in are all there, with no more than a decoder's padding after.
			expect(loop.lengthSec, `${bed}: ${url}`).toBeGreaterThanOrEqual(loopEndSec);
			expect(loop.lengthSec, `${bed}: ${url}`).toBeLessThan(loopEndSec + 1);
			expect(loop.mended, `${bed}: ${url}`).toMatchObject({ seamless: true });
			expect(loop.mended.seamJump, `${bed}: ${url}`).toBeLessThan(0.05);
			// Quiet, but there: not a silent file.
			expect(loop.mended.rms, `${bed}: ${url}`).toBeGreaterThan(0.02);
			expect(loop.mended.rms, `${bed}: ${url}`).toBeLessThan(0.3);
		}
	}
});

/**
 * Records the looping sources the page starts and when each is told to stop, and every level a
 * gain is told to head for (the bed's ducking among them).
 */
async function recordLoops(page: Page) {
	await page.addInitScript(() => {
		const targets: number[] = [];
		Object.assign(window, { gainTargets: targets });
		const setTarget = AudioParam.prototype.setTargetAtTime;
		AudioParam.prototype.setTargetAtTime = function (
			this: AudioParam,
			...args: Parameters<typeof setTarget>
		) {
			targets.push(args[0]);
			return setTarget.apply(this, args);
		};
		const loops: { durationSec: number; loopStart: number; loopEnd: number; stopped: boolean }[] =
			[];
		Object.assign(window, { bedLoops: loops });
		const proto = AudioBufferSourceNode.prototype;
		const start = proto.start;
		const stop = proto.stop;
		const mine = new WeakMap<AudioBufferSourceNode, (typeof loops)[number]>();
		proto.start = function (this: AudioBufferSourceNode, ...args: Parameters<typeof start>) {
			if (this.loop) {
				const loop = {
					durationSec: this.buffer?.duration ?? 0,
					loopStart: this.loopStart,
					loopEnd: this.loopEnd,
					stopped: false
				};
				mine.set(this, loop);
				loops.push(loop);
			}
			return start.apply(this, args);
		};
		proto.stop = function (this: AudioBufferSourceNode, ...args: Parameters<typeof stop>) {
			const loop = mine.get(this);
			if (loop) loop.stopped = true;
			return stop.apply(this, args);
		};
	});
}

const gainTargets = (page: Page) =>
	page.evaluate(() => (window as unknown as { gainTargets: number[] }).gainTargets);

const loops = (page: Page) =>
	page.evaluate(
		() =>
			(
				window as unknown as {
					bedLoops: { durationSec: number; loopStart: number; loopEnd: number; stopped: boolean }[];
				}
			).bedLoops
	);

test('a sound bed chosen in the settings is kept after a reload, and plays under the session', async ({
	clockPage: page
}) => {
	await recordLoops(page);
	const asked: string[] = [];
	page.on('request', (request) => {
		if (request.url().includes('/audio/bed-')) asked.push(new URL(request.url()).pathname);
	});
	await page.goto('/play/breathe-settle');
	await page.getByRole('button', { name: 'Settings' }).click();
	const settings = page.getByRole('dialog', { name: 'Settings' });
	const bed = settings.getByLabel('Sound under the guidance');
	// Rain, low, unless the person chooses otherwise.
	await expect(bed).toHaveValue('rain');
	await expect(settings.getByRole('slider', { name: 'Rain loudness' })).toHaveValue('0.35');
	await bed.selectOption({ label: 'None' });
	await expect(settings.getByRole('slider', { name: /loudness/ })).toHaveCount(0);
	await bed.selectOption({ label: 'Sea' });
	await settings.getByRole('slider', { name: 'Sea loudness' }).fill('0.6');
	await expect(settings.getByText('60%')).toBeVisible();
	await settings.getByRole('button', { name: 'Done' }).click();

	asked.length = 0;
	await page.reload();
	await expect(soundReady(page)).toBeAttached();
	await page.getByRole('button', { name: 'Settings' }).click();
	await expect(settings.getByLabel('Sound under the guidance')).toHaveValue('sea');
	await expect(settings.getByRole('slider', { name: 'Sea loudness' })).toHaveValue('0.6');
	await settings.getByRole('button', { name: 'Done' }).click();
	// Nothing of the bed is fetched until a session wants it.
	expect(asked).toEqual([]);
	expect(await loops(page)).toEqual([]);

	await pressStart(page);
	await expect.poll(async () => (await loops(page)).length).toBe(1);
	const [sea] = await loops(page);
	expect([...new Set(asked)]).toEqual([BEDS.files['sea']?.webm]);
	expect(sea?.loopStart).toBeCloseTo(BEDS.loopStartSec, 3);
	expect(sea?.loopEnd).toBeCloseTo(BEDS.loopStartSec + BEDS.loopSec, 3);
	expect(sea?.durationSec).toBeGreaterThan(BEDS.loopStartSec + BEDS.loopSec);
	await passTime(page, 6_000);
	await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'breathe');
	// "Get ready" and the first breath's cues soften the bed (to 35 %) and let it back up.
	const targets = await gainTargets(page);
	expect(targets).toContain(0.35);
	expect(targets.lastIndexOf(1)).toBeGreaterThan(targets.indexOf(0.35));

	// A pause lets it go; the resume brings it back, decoded once.
	await page.keyboard.press('Space');
	await expect(page.getByRole('button', { name: 'Resume' })).toBeVisible();
	await expect.poll(async () => (await loops(page))[0]?.stopped).toBe(true);
	await page.keyboard.press('Space');
	await expect.poll(async () => (await loops(page)).length).toBe(2);
	expect(new Set(asked).size).toBe(1);
	await expect(page.getByRole('alert')).toHaveCount(0);
});

test.describe('a server without the sound bed files', () => {
	// The service worker caches the sounds on the first visit; here the server alone answers.
	test.use({ serviceWorkers: 'block' });

	test('a missing sound bed is said in one sentence, and the guidance plays on without it', async ({
		clockPage: page
	}) => {
		await page.route('**/audio/bed-*', (route) => route.fulfill({ status: 404, body: 'gone' }));
		await page.goto('/play/daily-unload');
		await expect(soundReady(page)).toBeAttached();
		await pressStart(page);
		await expect(page.getByRole('alert')).toHaveText(
			'The sound under the guidance could not be loaded, so the guidance plays on without it.'
		);
		await passTime(page, 6_000);
		await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'breathe');
		await expect(soundReady(page)).toBeAttached();
	});
});
