/**
 * What a session costs the page while nobody touches it: Chromium's own counters
 * (`Performance.getMetrics`) over a minute of the 24-minute sciatica routine, shown and then
 * hidden behind another tab; and what becomes of sound already handed to the audio clock while
 * DevTools freezes the page (`Page.setWebLifecycleState`), as a phone freezes a page it put away.
 * Bare Chromium (bench/cdp.ts): under Playwright a page is never really hidden.
 */
import { openBarePage, startBareSession, type BareSession } from './bare-session';
import { launchBareChromium, sleep, type Cdp } from './cdp';
import type { Log } from './timing';
import { startStaticHost } from '../scripts/static-host';

const ROUTINE = 'sciatica-relief';

/** Chromium's counters for a stretch of time, per minute. */
export interface PageCost {
	seconds: number;
	/** Main-thread busy time (TaskDuration), seconds per minute. */
	mainThreadSec: number;
	scriptSec: number;
	layouts: number;
	styleRecalcs: number;
}

export interface FrozenSound {
	frozenSec: number;
	/** How far the audio clock moved while the page was frozen. */
	audioClockSec: number;
	/** Cues whose moment fell inside the freeze, all handed over before it. */
	dueInFreeze: number;
	/** Of those, the ones the audio thread played to their end (heard once the page thawed). */
	playedInFreeze: number;
	/** Cues handed over after the thaw for moments inside the freeze: replayed, never wanted. */
	replayed: number;
}

export interface IdleFigures {
	shown: PageCost;
	hidden: PageCost;
	frozen: FrozenSound;
}

type Metrics = Record<string, number>;

async function metrics(cdp: Cdp, sessionId: string): Promise<Metrics> {
	const { metrics: list } = await cdp.send<{ metrics: { name: string; value: number }[] }>(
		'Performance.getMetrics',
		{},
		sessionId
	);
	return Object.fromEntries(list.map(({ name, value }) => [name, value]));
}

/** Counts Chromium's work in the page over `seconds` of real time, per minute. */
async function costOver(cdp: Cdp, sessionId: string, seconds: number): Promise<PageCost> {
	const before = await metrics(cdp, sessionId);
	await sleep(seconds * 1000);
	const after = await metrics(cdp, sessionId);
	const perMinute = (name: string) => (((after[name] ?? 0) - (before[name] ?? 0)) * 60) / seconds;
	return {
		seconds,
		mainThreadSec: perMinute('TaskDuration'),
		scriptSec: perMinute('ScriptDuration'),
		layouts: perMinute('LayoutCount'),
		styleRecalcs: perMinute('RecalcStyleCount')
	};
}

/** The session under way, shown and then hidden behind a tab opened in front. */
async function measureCost(cdp: Cdp, baseUrl: string, seconds: number) {
	const page = await openBarePage(
		cdp,
		{ countdownSec: 0, safetyAcknowledged: true },
		{
			instrumented: false
		}
	);
	await startBareSession(cdp, page, baseUrl, ROUTINE);
	await cdp.send('Performance.enable', { timeDomain: 'threadTicks' }, page.sessionId);
	// The first seconds load what Start asked for; the idle cost is what follows.
	await sleep(3_000);
	const shown = await costOver(cdp, page.sessionId, seconds);
	const { targetId: front } = await cdp.send<{ targetId: string }>('Target.createTarget', {
		url: 'about:blank'
	});
	await sleep(2_000);
	const hidden = await costOver(cdp, page.sessionId, seconds);
	await cdp.send('Target.closeTarget', { targetId: front });
	return { shown, hidden };
}

/** Freezes the playing page for `seconds`, thaws it, and reads what the audio did meanwhile. */
async function measureFreeze(cdp: Cdp, baseUrl: string, seconds: number): Promise<FrozenSound> {
	const page: BareSession = await openBarePage(cdp, { countdownSec: 0, safetyAcknowledged: true });
	await startBareSession(cdp, page, baseUrl, ROUTINE);
	const { sessionId } = page;
	await sleep(3_000);
	// Hidden first, as a locked phone's page is before it is frozen: the plan goes to the end.
	const { targetId: front } = await cdp.send<{ targetId: string }>('Target.createTarget', {
		url: 'about:blank'
	});
	await sleep(1_000);
	const audioNow = 'window.Howler.ctx.currentTime';
	const before = await cdp.evaluate<{ now: number; audio: number; cues: number }>(
		sessionId,
		`({ now: performance.now(), audio: ${audioNow}, cues: window.benchLog.cues.length })`
	);
	await cdp.send('Page.setWebLifecycleState', { state: 'frozen' }, sessionId);
	await sleep(seconds * 1000);
	await cdp.send('Page.setWebLifecycleState', { state: 'active' }, sessionId);
	await sleep(2_000);
	const after = await cdp.evaluate<{ now: number; audio: number; log: Log }>(
		sessionId,
		`({ now: performance.now(), audio: ${audioNow}, log: window.benchLog })`
	);
	await cdp.send('Target.closeTarget', { targetId: front });
	const thawAt = after.now - 2_000;
	const inFreeze = (at: number) => at > before.now && at < thawAt;
	const handedBefore = after.log.cues.slice(0, before.cues);
	const due = handedBefore
		.map((cue, index) => ({ ...cue, index }))
		.filter((cue) => inFreeze(cue.scheduledAt));
	const ended = new Set(after.log.ended.map((entry) => entry.cue));
	return {
		frozenSec: seconds,
		audioClockSec: after.audio - before.audio - 2,
		dueInFreeze: due.length,
		playedInFreeze: due.filter((cue) => ended.has(cue.index)).length,
		replayed: after.log.cues.slice(before.cues).filter((cue) => inFreeze(cue.scheduledAt)).length
	};
}

export async function measureIdle(
	executablePath: string | undefined,
	{ seconds = 60, frozenSeconds = 180 } = {}
): Promise<IdleFigures> {
	const host = await startStaticHost('build');
	try {
		const costs = await withBrowser(executablePath, (cdp) => measureCost(cdp, host.url, seconds));
		const frozen = await withBrowser(executablePath, (cdp) =>
			measureFreeze(cdp, host.url, frozenSeconds)
		);
		return { ...costs, frozen };
	} finally {
		await host.close();
	}
}

async function withBrowser<T>(
	executablePath: string | undefined,
	work: (cdp: Cdp) => Promise<T>
): Promise<T> {
	const browser = await launchBareChromium(executablePath);
	try {
		return await work(browser.cdp);
	} finally {
		await browser.close();
	}
}
