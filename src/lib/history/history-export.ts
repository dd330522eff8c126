/**
 * The history as files to hand to a coach or keep: a CSV with one row per session (the flares
 * of a session in its last column, one cell, so the file stays one row per session), and the
 * stored sessions as JSON for any program to read back. Pure: the page downloads the result.
 */
import type { StoredSession } from '../storage/database';
import { isoDate, isoDateTime, isoTime, secondsLabel } from './format';
import {
	FOLLOW_UP_WORDS,
	OUTCOME_WORDS,
	adjustmentWords,
	adjustments,
	flareFollowUp,
	sessionCounts,
	stepTitle,
	type PhaseWords
} from './session-facts';

export type { PhaseWords };

/** A file ready to download. */
export interface ExportFile {
	name: string;
	type: string;
	text: string;
}

/** The CSV's columns, in order. */
export const CSV_COLUMNS = [
	'start',
	'end',
	'routine id',
	'routine title',
	'outcome',
	'steps completed',
	'steps skipped',
	'flares',
	'pain before',
	'pain after',
	'leg before',
	'leg after',
	'flare details',
	// Added after the first release: appended, so a reader of the older columns reads on.
	'note',
	'coach adjustments'
] as const;

/**
 * What a spreadsheet runs as a formula at the start of a cell (an imported routine's title could
 * be one): = + - @, their full-width and small look-alikes (which some spreadsheets fold into
 * them), and a tab or a carriage return.
 */
const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b]/;

/** What a spreadsheet may pass over before a formula: spaces of every kind and invisible marks. */
const LEADING_BLANKS = /^[\s\u200b-\u200d\u2060\ufeff]+/;

/** Text a spreadsheet could run: a formula at its start, or after blanks it trims. */
function runsAsFormula(text: string): boolean {
	return FORMULA_START.test(text) || FORMULA_START.test(text.replace(LEADING_BLANKS, ''));
}

/**
 * One CSV field by RFC 4180. Text (but empty text) is always quoted, quotes doubled: so a `;` or a `,` inside it
 * never ends the cell, whichever separator the spreadsheet reads (a decimal-comma locale reads
 * `;`), and what follows it can never start a cell of its own. Text that a spreadsheet would
 * take for a formula gets a leading apostrophe, which it shows as text.
 */
export function csvField(value: string | number | undefined): string {
	// Nothing, or empty text: an empty cell either way, with nothing in it to run.
	if (value === undefined || value === '') return '';
	if (typeof value === 'number') return String(value);
	const text = runsAsFormula(value) ? `'${value}` : value;
	return `"${text.replaceAll('"', '""')}"`;
}

/** One flare in a cell: "Hip opener, round 1, Soften, 34 s into the step, at 18:12: Step skipped". */
function flareDetail(session: StoredSession, index: number, phaseWords: PhaseWords): string {
	const flare = session.record.flares[index];
	if (!flare) return '';
	const parts = [stepTitle(session, flare.stepIndex)];
	if (flare.round > 0) parts.push(`round ${flare.round}`);
	parts.push(
		phaseWords(flare.phase),
		`${secondsLabel(flare.secondsIntoStep)} into the step`,
		`at ${isoTime(flare.atEpochMs)}`
	);
	return `${parts.join(', ')}: ${FOLLOW_UP_WORDS[flareFollowUp(session, index)]}`;
}

/** One session's row, fields in {@link CSV_COLUMNS} order. */
export function csvRow(session: StoredSession, phaseWords: PhaseWords = (phase) => phase): string {
	const counts = sessionCounts(session);
	const flares = session.record.flares.map((_, i) => flareDetail(session, i, phaseWords));
	return [
		isoDateTime(session.startedAtEpochMs),
		isoDateTime(session.endedAtEpochMs),
		session.routineId,
		session.routineTitle,
		OUTCOME_WORDS[session.outcome] ?? session.outcome,
		counts.completed,
		counts.skipped,
		counts.flares,
		session.before?.pain,
		session.after?.pain,
		session.before?.leg,
		session.after?.leg,
		flares.join('; '),
		session.note,
		adjustments(session)
			.map((adjustment) => adjustmentWords(session, adjustment, phaseWords, isoTime))
			.join('; ')
	]
		.map(csvField)
		.join(',');
}

/** The whole history as CSV text: a header, then one CRLF-ended row per session, in the order given. */
export function historyCsv(sessions: readonly StoredSession[], phaseWords?: PhaseWords): string {
	const header = CSV_COLUMNS.map(csvField).join(',');
	const lines = [header, ...sessions.map((s) => csvRow(s, phaseWords))];
	return lines.map((line) => `${line}\r\n`).join('');
}

/** What the JSON export holds: the stored sessions, named and versioned for whoever reads it. */
export interface HistoryJson {
	format: 'liana-history';
	version: 1;
	exportedAt: string;
	sessions: StoredSession[];
}

/** The stored sessions as JSON, exactly as kept, in the order given. */
export function historyJson(sessions: readonly StoredSession[], nowMs: number): string {
	const file: HistoryJson = {
		format: 'liana-history',
		version: 1,
		exportedAt: new Date(nowMs).toISOString(),
		sessions: [...sessions]
	};
	return `${JSON.stringify(file, null, '\t')}\n`;
}

/** `liana-history-2026-11-25.csv`: the local date of the export. */
export function exportFileName(extension: 'csv' | 'json', nowMs: number): string {
	return `liana-history-${isoDate(nowMs)}.${extension}`;
}

/**
 * The CSV download. It starts with a byte-order mark: without it, Excel reads UTF-8 as the
 * local code page and garbles any title beyond ASCII ("Détente", "18:05–18:29").
 */
export function csvFile(
	sessions: readonly StoredSession[],
	nowMs: number,
	phaseWords?: PhaseWords
): ExportFile {
	return {
		name: exportFileName('csv', nowMs),
		type: 'text/csv;charset=utf-8',
		text: `\uFEFF${historyCsv(sessions, phaseWords)}`
	};
}

/** The JSON download. */
export function jsonFile(sessions: readonly StoredSession[], nowMs: number): ExportFile {
	return {
		name: exportFileName('json', nowMs),
		type: 'application/json',
		text: historyJson(sessions, nowMs)
	};
}
