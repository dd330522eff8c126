/**
 * Progress over the history, for the top of /history: the count of sessions against the arc we
 * tell people, the weekly rhythm, pain before and after, and the steps that flared most. Pure:
 * "now" is passed in, and weeks are local calendar weeks that start on Monday.
 */
import type { StoredSession } from '../storage/database';
import { monthLabel, shortDate, type Locale } from './format';
import { stepTitle } from './session-facts';

/**
 * A point on the practice's arc: the first session, sessions four to six (where some people
 * notice a change), and about ten (a fair try). Marks of a rhythm, never of a promised relief.
 */
export interface Milestone {
	/** The first and last session of the milestone (the same for a single session). */
	from: number;
	to: number;
	label: string;
}

/** The arc's milestones, in the order a person meets them. */
export const MILESTONES: readonly Milestone[] = [
	{ from: 1, to: 1, label: 'First session' },
	{ from: 4, to: 6, label: 'Sessions 4–6' },
	{ from: 10, to: 10, label: 'Session 10' }
];

/** Where a person stands on the arc, in words of encouragement (never a promise). */
export interface ArcStage {
	count: number;
	headline: string;
	message: string;
}

/** The rhythm the practice asks for, said the same way at every stage. */
const RHYTHM = 'Once or twice a week is a good rhythm.';

/** The words for a count of sessions: the rhythm of the practice and what comes next, hedged. */
export function arcStage(count: number): ArcStage {
	const stage = (headline: string, message: string) => ({ count, headline, message });
	if (count <= 0) {
		return stage(
			'Your first session is the start',
			`${RHYTHM} Give it about ten sessions before you judge how it suits you.`
		);
	}
	if (count === 1) {
		return stage(
			'First session done: well done for starting',
			`${RHYTHM} Give it about ten sessions before you judge how it suits you.`
		);
	}
	if (count < 4) {
		const left = 4 - count;
		return stage(
			`${count} sessions: keep going`,
			`${left} more to session four. Some people notice a change around sessions four to six, some later. ${RHYTHM}`
		);
	}
	if (count <= 6) {
		return stage(
			`${count} sessions: a rhythm is forming`,
			`Around sessions four to six, some people notice a change; others need longer. About ten sessions give the practice a fair try.`
		);
	}
	if (count < 10) {
		const left = 10 - count;
		return stage(
			`${count} sessions: ${left} more to ten`,
			`About ten sessions give the practice a fair try. Keep the rhythm gentle: once or twice a week.`
		);
	}
	return stage(
		`${count} sessions: a steady practice`,
		`A regular rhythm, once or twice a week, keeps the practice going.`
	);
}

/** The Monday, 00:00 local time, of the week holding `epochMs`. */
export function weekStart(epochMs: number): number {
	const at = new Date(epochMs);
	const daysSinceMonday = (at.getDay() + 6) % 7;
	return new Date(at.getFullYear(), at.getMonth(), at.getDate() - daysSinceMonday).getTime();
}

/** One week of the rhythm chart. */
export interface WeekCount {
	startEpochMs: number;
	/** Its Monday, "17 Nov". */
	label: string;
	/** Its Monday's day of the month and month, for a chart that names each month once. */
	day: number;
	month: string;
	count: number;
	/** The week holding "now". */
	current: boolean;
}

/**
 * Sessions started in each of the last `weeks` calendar weeks, oldest first, this week last.
 * Weeks are counted on the calendar (not as 7 × 24 h), so a change of clocks moves nothing.
 */
export function weeklyRhythm(
	sessions: readonly StoredSession[],
	nowMs: number,
	weeks = 8,
	locale?: Locale
): WeekCount[] {
	const thisWeek = new Date(weekStart(nowMs));
	const monday = (weeksBack: number) =>
		new Date(thisWeek.getFullYear(), thisWeek.getMonth(), thisWeek.getDate() - 7 * weeksBack);
	const result: WeekCount[] = [];
	for (let back = weeks - 1; back >= 0; back--) {
		const start = monday(back).getTime();
		const end = monday(back - 1).getTime();
		result.push({
			startEpochMs: start,
			label: shortDate(start, locale),
			day: new Date(start).getDate(),
			month: monthLabel(start, locale),
			count: sessions.filter((s) => s.startedAtEpochMs >= start && s.startedAtEpochMs < end).length,
			current: back === 0
		});
	}
	return result;
}

/** Pain before and after one session, either possibly unanswered. */
export interface PainPoint {
	startedAtEpochMs: number;
	before?: number;
	after?: number;
}

/** Pain answers over the latest `limit` sessions that have one, oldest first. */
export function painSeries(sessions: readonly StoredSession[], limit = 12): PainPoint[] {
	const answered = sessions
		.filter((s) => s.before?.pain !== undefined || s.after?.pain !== undefined)
		.sort((a, b) => a.startedAtEpochMs - b.startedAtEpochMs)
		.map((s) => {
			const point: PainPoint = { startedAtEpochMs: s.startedAtEpochMs };
			if (s.before?.pain !== undefined) point.before = s.before.pain;
			if (s.after?.pain !== undefined) point.after = s.after.pain;
			return point;
		});
	return answered.slice(Math.max(0, answered.length - limit));
}

/** A step that flared, counted across the history. */
export interface FlaredStep {
	routineId: string;
	routineTitle: string;
	stepId: string;
	stepTitle: string;
	count: number;
	lastAtEpochMs: number;
}

/**
 * The steps that flared most, so a coach sees which stretch to soften: counted by routine and
 * step id, named as in the latest session that flared there; ties go to the latest flare.
 */
export function flaredSteps(sessions: readonly StoredSession[], limit = 5): FlaredStep[] {
	const byStep = new Map<string, FlaredStep>();
	for (const session of sessions) {
		for (const flare of session.record.flares) {
			const key = JSON.stringify([session.routineId, flare.stepId]);
			const seen = byStep.get(key);
			const latest = !seen || flare.atEpochMs >= seen.lastAtEpochMs;
			byStep.set(key, {
				routineId: session.routineId,
				stepId: flare.stepId,
				routineTitle: latest ? session.routineTitle : seen.routineTitle,
				stepTitle: latest ? stepTitle(session, flare.stepIndex) : seen.stepTitle,
				count: (seen?.count ?? 0) + 1,
				lastAtEpochMs: Math.max(seen?.lastAtEpochMs ?? 0, flare.atEpochMs)
			});
		}
	}
	return [...byStep.values()]
		.sort((a, b) => b.count - a.count || b.lastAtEpochMs - a.lastAtEpochMs)
		.slice(0, limit);
}

/** Everything the progress panel shows. */
export interface HistoryProgress {
	total: number;
	thisWeek: number;
	arc: ArcStage;
	weeks: WeekCount[];
	pain: PainPoint[];
	flared: FlaredStep[];
	/** The latest session ended with a red flag: the panel says to see a professional first. */
	latestRedFlag: boolean;
}

/** The progress panel's figures for a history (any order) at `nowMs`. */
export function historyProgress(
	sessions: readonly StoredSession[],
	nowMs: number
): HistoryProgress {
	const weeks = weeklyRhythm(sessions, nowMs);
	const latest = sessions.reduce<StoredSession | undefined>(
		(newest, s) => (!newest || s.startedAtEpochMs > newest.startedAtEpochMs ? s : newest),
		undefined
	);
	return {
		total: sessions.length,
		thisWeek: weeks[weeks.length - 1]?.count ?? 0,
		arc: arcStage(sessions.length),
		weeks,
		pain: painSeries(sessions),
		flared: flaredSteps(sessions),
		latestRedFlag: latest?.outcome === 'red-flag'
	};
}
