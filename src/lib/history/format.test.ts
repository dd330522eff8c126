import { describe, expect, it } from 'vitest';
import {
	clockTime,
	dayLabel,
	isoDate,
	isoDateTime,
	minutesIn,
	secondsLabel,
	sessionTimes,
	shortDate
} from './format';
import { at } from '$test/sessions';

const NOW = at(2026, 11, 25, 9);

describe('history dates and times', () => {
	it('writes a session as its day and its local start and end times', () => {
		expect(sessionTimes(at(2026, 11, 24, 18, 5), at(2026, 11, 24, 18, 29), NOW, 'en-GB')).toBe(
			'Tue 24 Nov, 18:05–18:29'
		);
		expect(clockTime(at(2026, 1, 2, 7, 4), 'en-GB')).toBe('07:04');
	});

	it('writes times and days as the person’s locale does, the same style everywhere', () => {
		expect(sessionTimes(at(2026, 11, 24, 18, 5), at(2026, 11, 24, 18, 29), NOW, 'en-US')).toMatch(
			/^Tue, Nov 24, 6:05\sPM–6:29\sPM$/
		);
		expect(clockTime(at(2026, 1, 2, 9, 30), 'en-US')).toMatch(/^9:30\sAM$/);
		expect(clockTime(at(2026, 1, 2, 9, 30), 'de-CH')).toBe('09:30');
		expect(dayLabel(at(2026, 1, 1, 20), NOW, 'de-CH')).toBe('Do., 1. Jan.');
	});

	it('names the second day of a session that ran past midnight', () => {
		expect(sessionTimes(at(2026, 11, 24, 23, 50), at(2026, 11, 25, 0, 10), NOW, 'en-GB')).toBe(
			'Tue 24 Nov, 23:50–Wed 25 Nov, 00:10'
		);
	});

	it('adds the year only to a day of another year', () => {
		expect(dayLabel(at(2025, 12, 31, 20), NOW, 'en-GB')).toBe('Wed, 31 Dec 2025');
		expect(dayLabel(at(2026, 1, 1, 20), NOW, 'en-GB')).toBe('Thu 1 Jan');
		expect(shortDate(at(2026, 3, 9), 'en-GB')).toBe('9 Mar');
	});

	it('writes dates for files and spreadsheets in local time with leading zeros', () => {
		expect(isoDate(at(2026, 3, 9, 0, 1))).toBe('2026-03-09');
		expect(isoDateTime(at(2026, 3, 9, 8, 7))).toBe('2026-03-09 08:07');
	});

	it('says how far into a step in minutes a person reads at a glance', () => {
		expect(minutesIn(40)).toBe('in the first minute');
		expect(minutesIn(163)).toBe('about 3 minutes in');
		expect(minutesIn(90)).toBe('about 2 minutes in');
	});

	it('writes a length in seconds, then minutes and seconds', () => {
		expect(secondsLabel(33.6)).toBe('34 s');
		expect(secondsLabel(59.4)).toBe('59 s');
		expect(secondsLabel(120)).toBe('2 min');
		expect(secondsLabel(125)).toBe('2 min 5 s');
		expect(secondsLabel(-1)).toBe('0 s');
	});
});
