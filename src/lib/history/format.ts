/**
 * Dates and times of the history in the person's own locale (the browser's, through Intl), written
 * one way everywhere ("Tue 24 Nov, 18:05–18:29" in Britain, "Tue, Nov 24, 6:05 PM–6:29 PM" in
 * the US), so the list, the detail, the end of a session and the export agree. Files keep ISO dates.
 */

/** A locale as Intl takes it: undefined is the browser's own. */
export type Locale = string | undefined;

/** A formatter made when asked, so a change of time zone (a journey abroad) shows at once. */
const format = (locale: Locale, options: Intl.DateTimeFormatOptions) =>
	new Intl.DateTimeFormat(locale, options);

const two = (n: number) => String(n).padStart(2, '0');

/** The local clock time, "18:05" or "6:05 PM" as the locale writes it: the one way the app does. */
export function clockTime(epochMs: number, locale?: Locale): string {
	return format(locale, { timeStyle: 'short' }).format(epochMs);
}

/** The local day "Tue 24 Nov", with the year only when it is not the year of `nowMs`. */
export function dayLabel(epochMs: number, nowMs: number, locale?: Locale): string {
	const sameYear = new Date(epochMs).getFullYear() === new Date(nowMs).getFullYear();
	return format(locale, {
		weekday: 'short',
		day: 'numeric',
		month: 'short',
		...(sameYear ? {} : { year: 'numeric' })
	}).format(epochMs);
}

/** The month "Nov", for a chart that names each month once. */
export function monthLabel(epochMs: number, locale?: Locale): string {
	return format(locale, { month: 'short' }).format(epochMs);
}

/** A short date "24 Nov" for chart labels, where the weekday would crowd. */
export function shortDate(epochMs: number, locale?: Locale): string {
	return format(locale, { day: 'numeric', month: 'short' }).format(epochMs);
}

/** When a session ran: "Tue 24 Nov, 18:05–18:29", naming the second day when it ran past midnight. */
export function sessionTimes(
	startedAtEpochMs: number,
	endedAtEpochMs: number,
	nowMs: number,
	locale?: Locale
): string {
	const day = dayLabel(startedAtEpochMs, nowMs, locale);
	const endDay = dayLabel(endedAtEpochMs, nowMs, locale);
	const endTime = clockTime(endedAtEpochMs, locale);
	const end = endDay === day ? endTime : `${endDay}, ${endTime}`;
	return `${day}, ${clockTime(startedAtEpochMs, locale)}–${end}`;
}

/** The local date "2026-11-24", for file names. */
export function isoDate(epochMs: number): string {
	const at = new Date(epochMs);
	return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}`;
}

/** The local time "18:05", the same on every device: for files, which travel between people. */
export function isoTime(epochMs: number): string {
	const at = new Date(epochMs);
	return `${two(at.getHours())}:${two(at.getMinutes())}`;
}

/** The local date and time "2026-11-24 18:05", which spreadsheets read as a date. */
export function isoDateTime(epochMs: number): string {
	return `${isoDate(epochMs)} ${isoTime(epochMs)}`;
}

/**
 * Seconds as "34 s", "2 min 5 s" or "1 h 2 min": the one way the app writes a length of time
 * in words (time into a step, a session's length, a routine's).
 */
export function secondsLabel(seconds: number): string {
	const whole = Math.max(0, Math.round(seconds));
	if (whole < 60) return `${whole} s`;
	if (whole >= 3600) return `${Math.floor(whole / 3600)} h ${Math.floor((whole % 3600) / 60)} min`;
	const rest = whole % 60;
	return rest === 0 ? `${whole / 60} min` : `${Math.floor(whole / 60)} min ${rest} s`;
}

/**
 * How far into a step something happened, as a person says it: "in the first minute",
 * "about 3 minutes in". The record keeps the seconds; a person needs no more than this.
 */
export function minutesIn(seconds: number): string {
	if (seconds < 60) return 'in the first minute';
	const minutes = Math.round(seconds / 60);
	return `about ${minutes} ${minutes === 1 ? 'minute' : 'minutes'} in`;
}
