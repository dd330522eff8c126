/**
 * A session kept in a background tab for real minutes: 1-second phases play while a tab opened
 * in front hides the player, as a person's phone or laptop would (Chromium then throttles the
 * page's timers). Measured: when each cue is set to start on the audio clock against its ideal
 * moment, cues missing or played twice, the page's own updates and a plain setInterval(1000)
 * countdown in the same tab for comparison, and the screen's phase changes once it is back.
 */
import { figures, type BackgroundFigures } from './background-figures';
import { openBarePage, startBareSession } from './bare-session';
import type { Log } from './timing';
import { launchBareChromium, sleep } from './cdp';
import { startStaticHost } from '../scripts/static-host';

const BREATHS_PER_STEP = 100;

/** Breathing of 1 s in and 1 s out, 200 s a step, a 1-s rest between: a boundary each second. */
function routineFor(seconds: number) {
	const steps = Math.ceil((seconds + 60) / (2 * BREATHS_PER_STEP));
	return {
		version: 1,
		id: 'bench-background',
		title: 'Background run',
		defaults: { restBetweenSteps: 1 },
		steps: Array.from({ length: steps }, (_, i) => ({
			type: 'breathe',
			id: `b${i}`,
			title: `Breathe ${i + 1}`,
			pattern: { inhale: 1, exhale: 1 },
			breaths: BREATHS_PER_STEP
		}))
	};
}

/**
 * One run. `volume` is the guidance volume setting: heard, Chromium keeps an audible tab's
 * timers running; at 0 the tab is silent, and Chromium throttles it like any other.
 */
export async function measureBackground(
	executablePath: string | undefined,
	hiddenSeconds: number,
	volume: number,
	progress: (said: string) => void = () => {}
): Promise<BackgroundFigures> {
	const routine = routineFor(hiddenSeconds);
	const host = await startStaticHost('build', {
		'/bench/background.json': JSON.stringify(routine)
	});
	const browser = await launchBareChromium(executablePath);
	const { cdp } = browser;
	try {
		const page = await openBarePage(cdp, { countdownSec: 0, safetyAcknowledged: true, volume });
		const { targetId: player, sessionId } = page;
		// Imported as a coach's file would be, through a same-origin import link.
		await cdp.send(
			'Page.navigate',
			{ url: `${host.url}/?import=/bench/background.json` },
			sessionId
		);
		await cdp.until(
			sessionId,
			`[...document.querySelectorAll('a')].some((a) => a.textContent.includes(${JSON.stringify(routine.title)}))`,
			'the imported routine in the library'
		);
		await startBareSession(cdp, page, host.url, routine.id);
		await sleep(2_000);

		// Behind a tab opened in front, for the run; then back in front.
		const { targetId: front } = await cdp.send<{ targetId: string }>('Target.createTarget', {
			url: 'about:blank'
		});
		for (let left = hiddenSeconds; left > 0; left -= 60) {
			await sleep(Math.min(60, left) * 1000);
			if (left > 60) progress(`${Math.round((left - 60) / 60)} min left`);
		}
		await cdp.send('Target.activateTarget', { targetId: player });
		await cdp.send('Target.closeTarget', { targetId: front });
		await sleep(5_000);
		const run = await cdp.evaluate<Log>(sessionId, 'window.benchLog');
		return figures(run);
	} finally {
		await browser.close();
		await host.close();
	}
}
