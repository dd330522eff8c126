import { describe, expect, it } from 'vitest';
import {
	clockTime,
	dayLabel,
	isoDate,
	isoDateTime,
	secondsLabel,
	sessionTimes,
	shortDate
} from './format';
import { at } from './test-sessions';

const NOW = at(2026, 11, 25, 9);

describe('history dates and times', () => {
	it('writes a session as its day and its local start and end times', () => {
		expect(sessionTimes(at(2026, 11, 24, 18, 5), at(2026, 11, 24, 18, 29), NOW)).toBe(
			'Tue 24 Nov, 18:05–18:29'
		);
		expect(clockTime(at(2026, 1, 2, 7, 4))).toBe('07:04');
	});

	it('names the second day of a session that ran past midnight', () => {
		expect(sessionTimes(at(2026, 11, 24, 23, 50), at(2026, 11, 25, 0, 10), NOW)).toBe(
			'Tue 24 Nov, 23:50–Wed 25 Nov, 00:10'
		);
	});

	it('adds the year only to a day of another year', () => {
		expect(dayLabel(at(2025, 12, 31, 20), NOW)).toBe('Wed 31 Dec 2025');
		expect(dayLabel(at(2026, 1, 1, 20), NOW)).toBe('Thu 1 Jan');
		expect(shortDate(at(2026, 3, 9))).toBe('9 Mar');
	});

	it('writes dates for files and spreadsheets in local time with leading zeros', () => {
		expect(isoDate(at(2026, 3, 9, 0, 1))).toBe('2026-03-09');
		expect(isoDateTime(at(2026, 3, 9, 8, 7))).toBe('2026-03-09 08:07');
	});

	it('writes time into a step in seconds, then minutes and seconds', () => {
		expect(secondsLabel(33.6)).toBe('34 s');
		expect(secondsLabel(59.4)).toBe('59 s');
		expect(secondsLabel(120)).toBe('2 min');
		expect(secondsLabel(125)).toBe('2 min 5 s');
		expect(secondsLabel(-1)).toBe('0 s');
	});
});
