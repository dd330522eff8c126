/**
 * The session as one audio file: from a routine's page, Download as audio makes an MP3 of the
 * whole session, saved under the routine's name. The file is decoded back in the page and each
 * cue is heard where the player's own cue plan puts it; Cancel stops the making; a maker that
 * cannot load is said in words.
 */
import type { Page } from '@playwright/test';
import { cueDurationsMs, CUE_SPRITE } from '../../src/lib/audio/cues';
import { sessionSounds } from '../../src/lib/audio/file/session-sounds';
import { compileTimeline, parseRoutine } from '../../src/lib/routine';
import { DEFAULT_SETTINGS } from '../../src/lib/storage/settings';
import { savedFile } from './downloads';
import { expect, test, untilOfflineReady } from './fixtures';
import { importFile, openLibrary } from './routine-files';

/** Three breaths of 3 s in and 4 s out, and a rest of 3 s: with the countdown, 29 s. */
const SHORT = `{
	"version": 1,
	"id": "three-breaths",
	"title": "Three breaths: a short one",
	"steps": [
		{ "type": "breathe", "id": "breaths", "title": "Breaths", "pattern": { "inhale": 3, "exhale": 4 }, "breaths": 3 },
		{ "type": "rest", "id": "still", "title": "Still", "seconds": 3 }
	]
}
`;

const RATE = 32_000;
/**
 * Where an MP3 puts its sound: LAME starts its first frame 576 samples early and a decoder gives
 * 529 more before its first sample (the file carries no gapless tag to take them off), so every
 * sound of the file is heard 1,105 samples, about 35 ms, after its time in the session.
 */
const MP3_DELAY_SEC = (576 + 529) / RATE;
/** An MP3 frame: 1,152 samples, 36 ms at 32 kHz. */
const MP3_FRAME_SEC = 1152 / RATE;

/** Floats passed from the page as the base64 of their bytes. */
function floats(base64: string): Float32Array {
	// Copied: a small Buffer may sit at an offset a Float32Array cannot start at.
	return new Float32Array(Uint8Array.from(Buffer.from(base64, 'base64')).buffer);
}

const make = (page: Page) => page.getByRole('button', { name: 'Download as audio' });
const progress = (page: Page) => page.getByRole('progressbar', { name: /Making the audio file/ });

/** The 24-minute built-in routine: its file takes long enough to be seen being made. */
const LONG = '/play/sciatica-relief';
const WORKER = '**/_app/immutable/workers/mp3-worker-*.js';

async function openShortRoutine(page: Page): Promise<void> {
	await openLibrary(page);
	await importFile(page, SHORT, 'three-breaths.json');
	await expect(
		page.getByRole('link', { name: 'Three breaths: a short one', exact: true })
	).toBeVisible();
	await page.goto('/play/three-breaths');
	await expect(make(page)).toBeEnabled();
}

/** Where sound begins in the decoded samples: a millisecond's peak above `level` after silence. */
function onsetsIn(samples: Float32Array, rate: number, level: number, quietSec: number): number[] {
	const window = Math.round(rate / 1000);
	const onsets: number[] = [];
	let quietWindows = Infinity;
	for (let start = 0; start + window <= samples.length; start += window) {
		let peak = 0;
		for (let i = start; i < start + window; i++) peak = Math.max(peak, Math.abs(samples[i] ?? 0));
		if (peak < level) {
			quietWindows += 1;
			continue;
		}
		if (quietWindows * window >= quietSec * rate) {
			// To the sample: the first one above the level in this window.
			let first = start;
			while (Math.abs(samples[first] ?? 0) < level) first++;
			onsets.push(first / rate);
		}
		quietWindows = 0;
	}
	return onsets;
}

/** The person's settings for the cue-timing journey: the defaults, with no sound bed under the cues. */
const NO_BED = { ...DEFAULT_SETTINGS, soundBed: 'none' as const };

test('Download as audio saves the session as one MP3, each cue where the session has it', async ({
	page
}) => {
	// Onsets are found after silence: the sound bed would fill it (its own journey is below).
	await page.addInitScript(
		(settings) => localStorage.setItem('liana.settings.v1', JSON.stringify(settings)),
		NO_BED
	);
	await openShortRoutine(page);
	const saved = await savedFile(page, async () => {
		await make(page).click();
		await expect(page.getByText(/Making the audio file… \d+%/)).toBeVisible();
	});
	expect(saved.name).toBe('Three breaths a short one.mp3');
	// An MP3: an ID3 tag first (the routine's title), then MPEG audio.
	expect(saved.bytes.subarray(0, 3).toString('latin1')).toBe('ID3');
	expect(saved.bytes.includes(Buffer.from('Three breaths: a short one'))).toBe(true);
	await expect(page.getByText('Saved “Three breaths a short one.mp3”')).toBeVisible();
	await expect(make(page)).toHaveFocus();

	// What the session plays, by the player's own planner, at the person's settings.
	const routine = parseRoutine(SHORT);
	if (!routine.ok) throw new Error('the short routine is not valid');
	const timeline = compileTimeline(routine.routine, {
		countdownSec: DEFAULT_SETTINGS.countdownSec
	});
	const planned = sessionSounds(timeline, NO_BED, cueDurationsMs());
	expect(timeline.totalMs).toBe(29_000);

	// Decoded in the page, as any player would; each clip's own first sound found in the sprite.
	const heard = await page.evaluate(
		async ({ base64, spriteUrl, spans, rate }) => {
			const ctx = new OfflineAudioContext(1, 1, rate);
			const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
			const file = await ctx.decodeAudioData(bytes.buffer);
			const sprite = await ctx.decodeAudioData(await (await fetch(spriteUrl)).arrayBuffer());
			// Samples go back as the bytes of their floats: a list of numbers is far slower to pass.
			const asText = (samples: Float32Array) => {
				const bytes = new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
				let text = '';
				for (let i = 0; i < bytes.length; i += 0x8000) {
					text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
				}
				return btoa(text);
			};
			const clips = Object.fromEntries(
				Object.entries(spans).map(([id, [fromMs, lengthMs]]) => {
					const from = Math.round((fromMs / 1000) * rate);
					const to = from + Math.round((lengthMs / 1000) * rate);
					return [id, asText(sprite.getChannelData(0).slice(from, to))];
				})
			);
			return { durationSec: file.duration, samples: asText(file.getChannelData(0)), clips };
		},
		{
			base64: saved.bytes.toString('base64'),
			spriteUrl: CUE_SPRITE.files.mp3,
			spans: CUE_SPRITE.sprite,
			rate: RATE
		}
	);

	// The file runs the session's length and the closing chime, give or take its MP3 frames.
	const expectedSec = planned.lengthMs / 1000 + MP3_DELAY_SEC;
	expect(Math.abs(heard.durationSec - expectedSec)).toBeLessThanOrEqual(2 * MP3_FRAME_SEC);

	// Each sound that starts after silence is heard within 20 ms of its time in the session.
	const volume = DEFAULT_SETTINGS.volume;
	const LEVEL = 0.02;
	const QUIET_SEC = 0.1;
	const found = onsetsIn(floats(heard.samples), RATE, LEVEL, QUIET_SEC);
	const afterSilence = planned.sounds.filter(
		(sound, i) =>
			sound.kind === 'cue' &&
			planned.sounds
				.slice(0, i)
				.every((before) => before.atMs + before.lengthMs <= sound.atMs - QUIET_SEC * 1000)
	);
	expect(afterSilence.length).toBeGreaterThanOrEqual(6);
	for (const sound of afterSilence) {
		if (sound.kind !== 'cue') continue;
		// Where the clip's own sound begins, at the level the file plays it at.
		const clip = floats(heard.clips[sound.id] ?? '');
		const [intoClipSec = NaN] = onsetsIn(clip, RATE, LEVEL / volume, 0);
		const expected = sound.atMs / 1000 + intoClipSec + MP3_DELAY_SEC;
		const nearest = found.reduce(
			(best, at) => (Math.abs(at - expected) < Math.abs(best - expected) ? at : best),
			Infinity
		);
		expect(
			Math.abs(nearest - expected) * 1000,
			`${sound.id} at ${sound.atMs} ms: heard at ${(nearest * 1000).toFixed(1)} ms, expected ${(expected * 1000).toFixed(1)} ms`
		).toBeLessThanOrEqual(20);
	}
	// Nothing is heard where the session has no sound: every onset lies within a planned sound.
	for (const at of found) {
		const sessionMs = (at - MP3_DELAY_SEC) * 1000;
		const within = planned.sounds.some(
			(sound) => sound.atMs - 20 <= sessionMs && sessionMs <= sound.atMs + sound.lengthMs
		);
		expect(within, `a sound heard at ${sessionMs.toFixed(0)} ms of the session`).toBe(true);
	}
});

test('with a sound bed chosen (rain, the default), the file carries it where the guidance is quiet', async ({
	page
}) => {
	await openShortRoutine(page);
	const saved = await savedFile(page, () => make(page).click());
	// The loudness of the file, in windows of 100 ms, between cues and while one speaks.
	const levels = await page.evaluate(
		async ({ base64, rate }) => {
			const ctx = new OfflineAudioContext(1, 1, rate);
			const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
			const samples = (await ctx.decodeAudioData(bytes.buffer)).getChannelData(0);
			const rms = (fromSec: number) => {
				const from = Math.round(fromSec * rate);
				const to = from + Math.round(0.1 * rate);
				let sum = 0;
				for (let i = from; i < to; i++) sum += (samples[i] ?? 0) ** 2;
				return Math.sqrt(sum / (to - from));
			};
			// The countdown's "get ready" is over by 1.5 s; its ticks come from 2 s.
			return { between: rms(1.6), end: rms(samples.length / rate - 0.2) };
		},
		{ base64: saved.bytes.toString('base64'), rate: RATE }
	);
	// Rain, heard where the session is quiet: well above an MP3's silence (under 0.001).
	expect(levels.between).toBeGreaterThan(0.003);
	expect(levels.end).toBeGreaterThan(0.003);
});

test('Cancel stops the making, the worker with it, and leaves the page as it was', async ({
	page
}) => {
	const downloads: string[] = [];
	page.on('download', (download) => downloads.push(download.suggestedFilename()));
	await page.goto(LONG);
	const worker = page.waitForEvent('worker', (w) => w.url().includes('/workers/mp3-worker-'));
	await make(page).click();
	const encoder = await worker;
	// Cancelled while it is made: how far it has come by then depends on the machine's speed.
	await expect(progress(page)).toBeVisible();
	await page.getByRole('button', { name: 'Cancel' }).click();
	// The worker is gone once nothing runs in it any more (Firefox does not always tell its close).
	await expect.poll(() => encoder.evaluate(() => 'running').catch(() => 'ended')).toBe('ended');
	await expect(make(page)).toBeVisible();
	await expect(make(page)).toHaveFocus();
	await expect(progress(page)).toHaveCount(0);
	await expect(page.getByRole('alert')).toHaveCount(0);
	await expect(page.getByText(/^Saved/)).toHaveCount(0);
	expect(downloads).toEqual([]);
});

test.describe('without the service worker', () => {
	test.use({ serviceWorkers: 'block' });

	test('an encoder that cannot be loaded is said in words, and can be asked again', async ({
		page
	}) => {
		await page.route(WORKER, (route) => route.abort('internetdisconnected'));
		await openShortRoutine(page);
		await make(page).click();
		await expect(page.getByRole('alert')).toHaveText(
			'The part of Liana that makes audio files could not be loaded (is the network gone?). Open this page once while online; it then works offline too.'
		);
		await expect(make(page)).toBeEnabled();

		// Back online: the next press makes the file.
		await page.unroute(WORKER);
		const saved = await savedFile(page, () => make(page).click());
		expect(saved.name).toBe('Three breaths a short one.mp3');
		await expect(page.getByRole('alert')).toHaveCount(0);
	});
});

test('after one visit online, the file is made offline too', async ({ page, context }) => {
	await page.goto(LONG);
	await untilOfflineReady(page);
	await openShortRoutine(page);
	await context.setOffline(true);
	await page.reload();
	const saved = await savedFile(page, () => make(page).click());
	expect(saved.name).toBe('Three breaths a short one.mp3');
	expect(saved.bytes.length).toBeGreaterThan(100_000);
});
