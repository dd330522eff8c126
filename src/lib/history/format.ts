/**
 * Dates and times of the history in local time, written the same way on every device
 * ("Tue 24 Nov, 18:05–18:29"), so the list, the detail and the export agree.
 */

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = [
	'Jan',
	'Feb',
	'Mar',
	'Apr',
	'May',
	'Jun',
	'Jul',
	'Aug',
	'Sep',
	'Oct',
	'Nov',
	'Dec'
] as const;

const two = (n: number) => String(n).padStart(2, '0');

/** The local clock time "18:05", the way the session list shows it. */
export function clockTime(epochMs: number): string {
	const at = new Date(epochMs);
	return `${two(at.getHours())}:${two(at.getMinutes())}`;
}

/** The local day "Tue 24 Nov", with the year only when it is not the year of `nowMs`. */
export function dayLabel(epochMs: number, nowMs: number): string {
	const at = new Date(epochMs);
	const day = `${WEEKDAYS[at.getDay()]} ${at.getDate()} ${MONTHS[at.getMonth()]}`;
	return at.getFullYear() === new Date(nowMs).getFullYear() ? day : `${day} ${at.getFullYear()}`;
}

/** The month "Nov", for a chart that names each month once. */
export function monthLabel(epochMs: number): string {
	return MONTHS[new Date(epochMs).getMonth()] ?? '';
}

/** A short date "24 Nov" for chart labels, where the weekday would crowd. */
export function shortDate(epochMs: number): string {
	const at = new Date(epochMs);
	return `${at.getDate()} ${MONTHS[at.getMonth()]}`;
}

/** When a session ran: "Tue 24 Nov, 18:05–18:29", naming the second day when it ran past midnight. */
export function sessionTimes(
	startedAtEpochMs: number,
	endedAtEpochMs: number,
	nowMs: number
): string {
	const day = dayLabel(startedAtEpochMs, nowMs);
	const endDay = dayLabel(endedAtEpochMs, nowMs);
	const end =
		endDay === day ? clockTime(endedAtEpochMs) : `${endDay}, ${clockTime(endedAtEpochMs)}`;
	return `${day}, ${clockTime(startedAtEpochMs)}–${end}`;
}

/** The local date "2026-11-24", for file names. */
export function isoDate(epochMs: number): string {
	const at = new Date(epochMs);
	return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}`;
}

/** The local date and time "2026-11-24 18:05", which spreadsheets read as a date. */
export function isoDateTime(epochMs: number): string {
	return `${isoDate(epochMs)} ${clockTime(epochMs)}`;
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

/** A length of time as "0:42" or "12:05", to the nearest second: how long a phase was held. */
export function minutesSeconds(ms: number): string {
	const whole = Math.max(0, Math.round(ms / 1000));
	return `${Math.floor(whole / 60)}:${two(whole % 60)}`;
}
