/**
 * A session started in bare Chromium (bench/cdp.ts) as a person starts one: the player opened,
 * its sound loaded, Start pressed with a click the page takes as the person's own, and the
 * safety note answered the first time.
 */
import { benchInstrumentation } from './browser';
import type { Cdp } from './cdp';
import { SOUND_READY, UNDERSTOOD } from './session-steps';

export interface BareSession {
	/** The player's page, to bring back in front. */
	targetId: string;
	/** The flat DevTools session that speaks to it. */
	sessionId: string;
}

/**
 * The browser's first page, with `settings` stored before any script, and the bench's
 * instrumentation unless a run measures the page's own cost (the instrumentation has a timer).
 */
export async function openBarePage(
	cdp: Cdp,
	settings: object,
	{ instrumented = true } = {}
): Promise<BareSession> {
	const { targetInfos } = await cdp.send<{ targetInfos: { targetId: string; type: string }[] }>(
		'Target.getTargets'
	);
	const targetId = targetInfos.find((target) => target.type === 'page')?.targetId;
	if (!targetId) throw new Error('Chromium opened no page');
	const { sessionId } = await cdp.send<{ sessionId: string }>('Target.attachToTarget', {
		targetId,
		flatten: true
	});
	await cdp.send('Page.enable', {}, sessionId);
	if (instrumented) {
		await cdp.send(
			'Page.addScriptToEvaluateOnNewDocument',
			{ source: `(${benchInstrumentation.toString()})()` },
			sessionId
		);
	}
	await cdp.send(
		'Page.addScriptToEvaluateOnNewDocument',
		{
			source: `localStorage.setItem('liana.settings.v1', ${JSON.stringify(JSON.stringify(settings))})`
		},
		sessionId
	);
	return { targetId, sessionId };
}

/** Opens `/play/<routineId>`, waits for its sound, and starts the session. */
export async function startBareSession(
	cdp: Cdp,
	{ sessionId }: BareSession,
	baseUrl: string,
	routineId: string
): Promise<void> {
	await cdp.send('Page.navigate', { url: `${baseUrl}/play/${routineId}` }, sessionId);
	await cdp.until(
		sessionId,
		`document.querySelector(${JSON.stringify(SOUND_READY)}) !== null`,
		'the voice guidance to load'
	);
	await cdp.evaluate(
		sessionId,
		`[...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Start').click()`,
		true
	);
	await cdp.until(
		sessionId,
		`document.querySelector('[data-mode]:not([data-mode="idle"])') !== null || [...document.querySelectorAll('button')].some((b) => b.textContent.trim() === ${JSON.stringify(UNDERSTOOD)})`,
		'the session or the safety note'
	);
	await cdp.evaluate(
		sessionId,
		`[...document.querySelectorAll('button')].find((b) => b.textContent.trim() === ${JSON.stringify(UNDERSTOOD)})?.click()`,
		true
	);
}
