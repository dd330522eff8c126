import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredSession } from '../storage/database';
import {
	arcStage,
	flaredSteps,
	historyProgress,
	painSeries,
	weekStart,
	weeklyRhythm
} from './progress';
import { at, completedSession, flare, flaredSession } from '$test/sessions';

const startedAt = (epochMs: number) => completedSession(epochMs);

describe('the arc of sessions', () => {
	it('meets a person where they are: first session, four to six, ten', () => {
		expect(arcStage(1).headline).toContain('First session done');
		expect(arcStage(1).message).toContain('Once or twice a week');
		expect(arcStage(1).message).toContain('about ten sessions');
		expect(arcStage(3)).toMatchObject({ headline: '3 sessions: keep going' });
		expect(arcStage(3).message).toContain('1 more to session four');
		for (const count of [4, 5, 6]) expect(arcStage(count).message).toContain('four to six');
		expect(arcStage(7).headline).toBe('7 sessions: 3 more to ten');
		expect(arcStage(10).headline).toBe('10 sessions: a steady practice');
	});

	it('encourages without promising: never "will", "cure" or "guarantee"', () => {
		for (let count = 0; count <= 30; count++) {
			const { headline, message } = arcStage(count);
			expect(`${headline} ${message}`).not.toMatch(
				/\b(will|cure[sd]?|guarantee[sd]?|heal|relief|relieve[sd]?)\b/i
			);
		}
	});
});

describe('weeks', () => {
	it('start on Monday at midnight, local time', () => {
		const monday = at(2026, 11, 23, 0, 0);
		expect(weekStart(at(2026, 11, 23, 0, 0))).toBe(monday);
		expect(weekStart(at(2026, 11, 25, 9))).toBe(monday);
		expect(weekStart(at(2026, 11, 29, 23, 59))).toBe(monday);
		expect(weekStart(at(2026, 11, 22, 23, 59))).toBe(at(2026, 11, 16, 0, 0));
	});

	it('count the sessions of the last eight weeks, oldest first, this week last', () => {
		const now = at(2026, 11, 25, 9);
		const sessions = [
			startedAt(at(2026, 11, 23, 0, 0)),
			startedAt(at(2026, 11, 25, 8)),
			startedAt(at(2026, 11, 22, 23, 59)),
			startedAt(at(2026, 10, 5, 10)),
			// Before the eight weeks, and after now: neither is counted.
			startedAt(at(2026, 9, 28, 10)),
			startedAt(at(2026, 11, 30, 10))
		];
		const weeks = weeklyRhythm(sessions, now, 8, 'en-GB');
		expect(weeks.map((w) => w.label)).toEqual([
			'5 Oct',
			'12 Oct',
			'19 Oct',
			'26 Oct',
			'2 Nov',
			'9 Nov',
			'16 Nov',
			'23 Nov'
		]);
		expect(weeks.map((w) => w.count)).toEqual([1, 0, 0, 0, 0, 0, 1, 2]);
		expect(weeks.slice(3, 5).map((w) => [w.day, w.month])).toEqual([
			[26, 'Oct'],
			[2, 'Nov']
		]);
		expect(weeks.map((w) => w.current)).toEqual([...Array(7).fill(false), true]);
		expect(weeks[0]?.startEpochMs).toBe(at(2026, 10, 5, 0, 0));
	});
});

describe('weeks across a change of clocks', () => {
	let zone: string | undefined;
	beforeAll(() => {
		zone = process.env['TZ'];
		// Berlin moves its clocks forward on Sunday 29 March 2026: that week has 167 hours.
		process.env['TZ'] = 'Europe/Berlin';
	});
	afterAll(() => {
		if (zone === undefined) delete process.env['TZ'];
		else process.env['TZ'] = zone;
	});

	it('keep their Mondays at local midnight, not 7 × 24 hours apart', () => {
		// The zone took effect: summer time (UTC+2) after the change, winter time (UTC+1) before.
		expect(new Date(at(2026, 3, 30)).getTimezoneOffset()).toBe(-120);
		expect(new Date(at(2026, 3, 28)).getTimezoneOffset()).toBe(-60);
		const now = at(2026, 3, 31, 9);
		const weeks = weeklyRhythm(
			[startedAt(at(2026, 3, 22, 23, 30)), startedAt(at(2026, 3, 29, 23, 30))],
			now,
			3,
			'en-GB'
		);
		expect(weeks.map((w) => [w.label, w.count])).toEqual([
			['16 Mar', 1],
			['23 Mar', 1],
			['30 Mar', 0]
		]);
		expect(new Date(weeks[1]?.startEpochMs ?? 0).getHours()).toBe(0);
	});
});

describe('pain over sessions', () => {
	it('keeps the sessions with a pain answer, oldest first, the latest few', () => {
		const pained = (day: number, before?: number, after?: number): StoredSession => ({
			...completedSession(at(2026, 11, day)),
			before: before === undefined ? { leg: 'same' } : { pain: before },
			...(after === undefined ? {} : { after: { pain: after } })
		});
		const sessions = [pained(5, 7, 4), pained(3, 8), pained(4), pained(6, undefined, 2)];
		expect(painSeries(sessions)).toEqual([
			{ startedAtEpochMs: at(2026, 11, 3), before: 8 },
			{ startedAtEpochMs: at(2026, 11, 5), before: 7, after: 4 },
			{ startedAtEpochMs: at(2026, 11, 6), after: 2 }
		]);
		expect(painSeries(sessions, 2).map((p) => new Date(p.startedAtEpochMs).getDate())).toEqual([
			5, 6
		]);
	});
});

describe('the steps that flared most', () => {
	it('counts flares by routine and step, most first, the latest first among equals, named as in the latest session', () => {
		const early = flaredSession(at(2026, 11, 10, 7));
		const late = flaredSession(at(2026, 11, 20, 7));
		late.stepTitles[2] = 'Hip opener, left side';
		late.record.flares.push(
			flare(late.startedAtEpochMs, 1, 'long-spine', { atEpochMs: late.startedAtEpochMs + 9e5 })
		);
		// The same step id in another routine is another step.
		const other: StoredSession = {
			...flaredSession(at(2026, 11, 21, 7)),
			routineId: 'mine',
			routineTitle: 'My routine'
		};
		expect(flaredSteps([late, other, early])).toEqual([
			{
				routineId: 'daily-unload',
				routineTitle: 'Daily unload',
				stepId: 'hip-left',
				stepTitle: 'Hip opener, left side',
				count: 2,
				lastAtEpochMs: late.startedAtEpochMs + 3 * 60_000
			},
			expect.objectContaining({ routineId: 'mine', stepId: 'hip-left', count: 1 }),
			{
				routineId: 'daily-unload',
				routineTitle: 'Daily unload',
				stepId: 'long-spine',
				stepTitle: 'Long spine',
				count: 1,
				lastAtEpochMs: late.startedAtEpochMs + 9e5
			}
		]);
		expect(flaredSteps([late, other, early], 1)).toHaveLength(1);
	});
});

describe('the progress panel', () => {
	it('counts every session, the ones this week, and warns after a red flag', () => {
		const now = at(2026, 11, 25, 9);
		const redFlag: StoredSession = { ...flaredSession(at(2026, 11, 25, 7)), outcome: 'red-flag' };
		const sessions = [
			redFlag,
			completedSession(at(2026, 11, 24)),
			completedSession(at(2026, 11, 2))
		];
		const progress = historyProgress(sessions, now);
		expect(progress).toMatchObject({ total: 3, thisWeek: 2, latestRedFlag: true });
		expect(progress.arc.headline).toBe('3 sessions: keep going');
		expect(progress.pain).toHaveLength(1);
		expect(progress.flared[0]?.stepId).toBe('hip-left');
		expect(historyProgress(sessions.slice(1), now).latestRedFlag).toBe(false);
		expect(historyProgress([], now)).toMatchObject({ total: 0, thisWeek: 0, latestRedFlag: false });
	});
});
