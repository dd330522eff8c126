/** When a routine was last played, in the words the library shows. */
import type { Locale } from '$lib/history/format';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole calendar days between two moments, in the device's time zone. */
function calendarDaysBetween(earlierEpochMs: number, laterEpochMs: number): number {
	const midnight = (epochMs: number) => {
		const date = new Date(epochMs);
		return Date.UTC(date.getFullYear(), date.getMonth(), date.getDate());
	};
	return Math.round((midnight(laterEpochMs) - midnight(earlierEpochMs)) / DAY_MS);
}

/** "Never played", "Last played today", "… yesterday", "… 3 days ago" or "… on 2 Nov 2026". */
export function formatLastPlayed(
	lastEpochMs: number | undefined,
	nowEpochMs: number,
	locale?: Locale
): string {
	if (lastEpochMs === undefined) return 'Never played';
	const days = calendarDaysBetween(lastEpochMs, nowEpochMs);
	if (days <= 0) return 'Last played today';
	if (days === 1) return 'Last played yesterday';
	if (days < 7) return `Last played ${days} days ago`;
	// The date as the person's locale writes it ("2 Nov 2026", "Nov 2, 2026").
	const date = new Date(lastEpochMs).toLocaleDateString(locale, {
		day: 'numeric',
		month: 'short',
		year: 'numeric'
	});
	return `Last played on ${date}`;
}
