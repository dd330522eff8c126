/**
 * The figures of a background-tab run, worked out from the page's log: what each hidden
 * boundary's cue, the page's own updates and a plain setInterval countdown did.
 */
import { lateness, stats, type Log, type Stats } from './timing';

export interface BackgroundFigures {
	/** How long Chromium reported the page hidden, in seconds (0: it never did). */
	hiddenSeconds: number;
	/** The whole seconds of the session that fell while hidden: each is a phase boundary. */
	boundaries: number;
	/** How far each hidden boundary's cue is from its ideal moment, in ms (absolute). */
	cueOffMs: Stats;
	/** Hidden boundaries with no cue within 50 ms, and cues set twice for one boundary. */
	cuesMissing: number;
	cuesTwice: number;
	/** The page's own phase updates while hidden: how late after the boundary, in ms. */
	pageLateMs: Stats;
	/** The plain countdown: each tick's lateness against its own second, and at the end. */
	intervalLateMs: Stats;
	intervalBehindMs: number;
	intervalTicks: number;
	/** Phase changes on screen in the seconds after the page is shown again, ms late. */
	backOnScreenLateMs: Stats;
}

/** The figures of one run, from the page's log. */
export function figures(run: Log): BackgroundFigures {
	const hiddenAt = run.visibility.find((v) => v.state === 'hidden')?.at;
	const shownAt = run.visibility.find((v) => v.state === 'visible' && v.at > (hiddenAt ?? 0))?.at;
	if (hiddenAt === undefined || shownAt === undefined) {
		const none = stats([]);
		return {
			hiddenSeconds: 0,
			boundaries: 0,
			cueOffMs: none,
			cuesMissing: 0,
			cuesTwice: 0,
			pageLateMs: none,
			intervalLateMs: none,
			intervalBehindMs: NaN,
			intervalTicks: 0,
			backOnScreenLateMs: none
		};
	}
	const second = (t: number) => Math.round((t - run.startAt) / 1000);
	const firstHidden = Math.ceil((hiddenAt - run.startAt) / 1000);
	const lastHidden = Math.floor((shownAt - run.startAt) / 1000);
	const hidden = (t: number) => t >= run.startAt + firstHidden * 1000 - 500 && t < shownAt;

	// Each boundary's cue: the one nearest its second (a step's start has a voice and a chime).
	const cuesBySecond = new Map<number, Log['cues']>();
	for (const cue of run.cues.filter((c) => hidden(c.scheduledAt))) {
		const k = second(cue.scheduledAt);
		cuesBySecond.set(k, [...(cuesBySecond.get(k) ?? []), cue]);
	}
	const offs: number[] = [];
	let missing = 0;
	let twice = 0;
	for (let k = firstHidden; k <= lastHidden; k++) {
		const ideal = run.startAt + k * 1000;
		const cues = cuesBySecond.get(k) ?? [];
		const nearest = Math.min(...cues.map((c) => Math.abs(c.scheduledAt - ideal)));
		if (cues.length === 0 || nearest > 50) missing++;
		else offs.push(nearest);
		// The same sound set twice for one second: a cue replayed.
		twice += cues.length - new Set(cues.map((c) => c.sound)).size;
	}

	// An update shows the last boundary passed (20 ms of leeway for a timer firing early).
	const pageLate = run.phases
		.filter((p) => hidden(p.at))
		.map((p) => p.at - (run.startAt + Math.floor((p.at - run.startAt + 20) / 1000) * 1000));
	// The countdown counts its ticks: its n-th tick says n seconds have passed.
	const ticks = run.interval.filter((t) => t < shownAt);
	const intervalLate = ticks.map((t, i) => t - (run.startAt + (i + 1) * 1000));
	const back = run.phases.filter((p) => p.at > shownAt + 100 && p.paintAt > 0);
	return {
		hiddenSeconds: (shownAt - hiddenAt) / 1000,
		boundaries: lastHidden - firstHidden + 1,
		cueOffMs: stats(offs),
		cuesMissing: missing,
		cuesTwice: twice,
		pageLateMs: stats(pageLate),
		intervalLateMs: stats(intervalLate),
		intervalBehindMs: intervalLate[intervalLate.length - 1] ?? NaN,
		intervalTicks: ticks.length,
		backOnScreenLateMs: stats(
			lateness(
				back.map((p) => p.paintAt),
				run.startAt
			)
		)
	};
}
