import { describe, expect, it } from 'vitest';
import { formatLastPlayed } from './last-played';

const at = (day: number, hour: number) => new Date(2026, 10, day, hour, 0).getTime();

describe('last played', () => {
	it('says never, today, yesterday, days ago, then the date', () => {
		const now = at(25, 9);
		expect(formatLastPlayed(undefined, now)).toBe('Never played');
		expect(formatLastPlayed(at(25, 0), now)).toBe('Last played today');
		expect(formatLastPlayed(at(24, 23), now)).toBe('Last played yesterday');
		expect(formatLastPlayed(at(22, 10), now)).toBe('Last played 3 days ago');
		expect(formatLastPlayed(at(2, 10), now, 'en-GB')).toBe('Last played on 2 Nov 2026');
	});

	it('writes the date as the locale does', () => {
		const now = at(25, 9);
		expect(formatLastPlayed(at(2, 10), now, 'en-US')).toBe('Last played on Nov 2, 2026');
		expect(formatLastPlayed(at(2, 10), now, 'de-DE')).toBe('Last played on 2. Nov. 2026');
	});
});
