import { describe, expect, it } from 'vitest';
import type { StoredSession } from '../storage/database';
import {
	CSV_COLUMNS,
	csvField,
	csvFile,
	csvRow,
	exportFileName,
	historyCsv,
	historyJson,
	jsonFile,
	type HistoryJson
} from './history-export';
import { adjustments } from './session-facts';
import { parseCsv } from './csv-reader';
import { at, coachedSession, completedSession, flare, flaredSession } from '$test/sessions';

describe('CSV fields', () => {
	it('are quoted when text, with quotes doubled (RFC 4180); numbers and empty cells bare', () => {
		expect(csvField('Daily unload')).toBe('"Daily unload"');
		expect(csvField('Hips, gently')).toBe('"Hips, gently"');
		expect(csvField('Hips; gently')).toBe('"Hips; gently"');
		expect(csvField('The "long" spine')).toBe('"The ""long"" spine"');
		expect(csvField('two\nlines')).toBe('"two\nlines"');
		expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
		expect(csvField(7)).toBe('7');
		expect(csvField(0)).toBe('0');
		expect(csvField(undefined)).toBe('');
		expect(csvField('')).toBe('');
	});

	it('never start with what a spreadsheet would run as a formula', () => {
		expect(csvField('=HYPERLINK("http://x","hi")')).toBe(`"'=HYPERLINK(""http://x"",""hi"")"`);
		expect(csvField('+1')).toBe(`"'+1"`);
		expect(csvField('-gentle')).toBe(`"'-gentle"`);
		expect(csvField('@sum')).toBe(`"'@sum"`);
		expect(csvField('\t=1+1')).toBe(`"'\t=1+1"`);
		expect(csvField('\r=1+1')).toBe(`"'\r=1+1"`);
	});

	it('nor after spaces of any kind, no-break ones too, or invisible marks', () => {
		const blanks = [
			' ',
			'   ',
			'\u00a0',
			'\u2007',
			'\u202f',
			'\u3000',
			'\u2003',
			'\u200b',
			'\ufeff',
			'\n'
		];
		for (const blank of blanks) {
			expect(csvField(`${blank}=cmd|' /C calc'!A0`)).toBe(`"'${blank}=cmd|' /C calc'!A0"`);
			expect(csvField(`${blank}+1`)).toBe(`"'${blank}+1"`);
		}
		expect(csvField(' \u00a0\u202f @sum')).toBe(`"' \u00a0\u202f @sum"`);
		// Spaces before plain text are the author's: kept, and nothing added.
		expect(csvField('  Hips')).toBe('"  Hips"');
	});

	it('nor with the full-width or small look-alikes of = + - @', () => {
		for (const sign of [
			'\uff1d',
			'\uff0b',
			'\uff0d',
			'\uff20',
			'\ufe66',
			'\ufe62',
			'\ufe63',
			'\ufe6b'
		]) {
			expect(csvField(`${sign}HYPERLINK("http://x")`)).toBe(`"'${sign}HYPERLINK(""http://x"")"`);
			expect(csvField(`\u00a0${sign}1`)).toBe(`"'\u00a0${sign}1"`);
		}
	});

	it('keep a formula after a ; inside the cell, where a ;-separated spreadsheet splits bare text', () => {
		for (const title of ['Hips;=1+1', 'Hips;=HYPERLINK("http://x","hi")', 'a;\u00a0＝1']) {
			const field = csvField(title);
			expect(field.startsWith('"')).toBe(true);
			// Read with ; as the separator, as such a spreadsheet does: one cell, the title whole.
			expect(parseCsv(field, ';')).toEqual([[title]]);
		}
	});
});

describe('the history as CSV', () => {
	it('has a header and one row per session, each line ended by CRLF', () => {
		const csv = historyCsv([flaredSession(), completedSession()]);
		const lines = csv.split('\r\n');
		expect(lines).toHaveLength(4);
		expect(lines[0]).toBe(
			'"start","end","routine id","routine title","outcome","steps completed","steps skipped","flares","pain before","pain after","leg before","leg after","flare details","note","coach adjustments"'
		);
		expect(lines[3]).toBe('');
		expect(historyCsv([])).toBe(`${CSV_COLUMNS.map((name) => `"${name}"`).join(',')}\r\n`);
	});

	it('writes a session as its times, routine, outcome, counts, check-ins and flares', () => {
		expect(csvRow(flaredSession())).toBe(
			'"2026-11-25 07:30","2026-11-25 07:37","daily-unload","Daily unload","Stopped",3,1,1,6,3,"heavier","lighter",' +
				'"Hip opener (left), round 1, soften, 34 s into the step, at 07:33: Step skipped",,'
		);
		expect(csvRow(completedSession())).toBe(
			'"2026-11-24 18:05","2026-11-24 18:29","breathe-settle","Breathe and settle","Completed",4,0,0,,,,,,,'
		);
	});

	it('words phases as the caller asks, and lists every flare of a session in one cell', () => {
		const session = flaredSession();
		session.record.flares.push(
			flare(session.startedAtEpochMs, 4, 'close', {
				round: 0,
				phase: 'breathe',
				secondsIntoStep: 75,
				atEpochMs: session.startedAtEpochMs + 6 * 60_000
			})
		);
		const [, row] = parseCsv(historyCsv([session], (phase) => phase.toUpperCase()));
		expect(row?.[12]).toBe(
			'Hip opener (left), round 1, SOFTEN, 34 s into the step, at 07:33: Step skipped; ' +
				'Easy breathing, BREATHE, 1 min 15 s into the step, at 07:36: Step skipped'
		);
	});

	it("appends the coach's note and adjustments, the earlier columns where they were", () => {
		const session = coachedSession();
		const [header, row] = parseCsv(historyCsv([session], (phase) => phase.toUpperCase()));
		expect(header?.slice(0, 13)).toEqual([...CSV_COLUMNS.slice(0, 13)]);
		expect(header?.slice(13)).toEqual(['note', 'coach adjustments']);
		expect(row?.[12]).toMatch(/^Hip opener \(left\), round 1, SOFTEN/);
		expect(row?.[13]).toBe('Left hip tight today; went back once.');
		expect(row?.[14]).toBe(
			'Held BREATHE, Arrive for 42 s from 07:30; ' +
				'+10 s in SOFTEN, Hip opener (left) round 2 at 07:32; ' +
				'Went back to Hip opener (left) from APPROACH, Hip opener (right) round 1 at 07:34; ' +
				'\u22125 s in BREATHE, Easy breathing at 07:35; ' +
				'Started Arrive again from BREATHE at 07:36'
		);
		// A cell that begins with "+" is kept from running as a formula.
		const added = {
			...session,
			record: { ...session.record, adjustments: adjustments(session).slice(1, 2) }
		};
		expect(parseCsv(historyCsv([added]))[1]?.[14]).toBe(
			"'+10 s in soften, Hip opener (left) round 2 at 07:32"
		);
	});

	it('keeps a note with commas, quotes and line breaks whole', () => {
		const note = 'Tight, "guarded"\nbetter by the end';
		const rows = parseCsv(historyCsv([{ ...completedSession(), note }]));
		expect(rows[1]?.[13]).toBe(note);
		expect(rows[1]).toHaveLength(CSV_COLUMNS.length);
	});

	it('keeps a title with commas, quotes and a line break whole through a CSV reader', () => {
		const title = 'Hips, "soft" and slow\nevening';
		const session: StoredSession = {
			...flaredSession(),
			routineTitle: title,
			stepTitles: ['a', 'b', 'Hip, "left"']
		};
		const rows = parseCsv(historyCsv([session, completedSession()]));
		expect(rows).toHaveLength(3);
		expect(rows.every((row) => row.length === CSV_COLUMNS.length)).toBe(true);
		expect(rows[1]?.[3]).toBe(title);
		expect(rows[1]?.[12]).toMatch(/^Hip, "left", round 1/);
		expect(rows[2]?.[3]).toBe('Breathe and settle');
	});

	it('is downloaded as liana-history-<local date>.csv, marked as UTF-8 for spreadsheets', () => {
		const file = csvFile([completedSession()], at(2026, 3, 9, 0, 30));
		expect(file.name).toBe('liana-history-2026-03-09.csv');
		expect(file.type).toBe('text/csv;charset=utf-8');
		expect(file.text.startsWith('\uFEFF"start","end",')).toBe(true);
	});
});

describe('the history as JSON', () => {
	it('holds the stored sessions exactly, named, versioned and dated', () => {
		const sessions = [flaredSession(), completedSession()];
		const now = at(2026, 11, 25, 9);
		const parsed = JSON.parse(historyJson(sessions, now)) as HistoryJson;
		expect(parsed).toEqual({
			format: 'liana-history',
			version: 1,
			exportedAt: new Date(now).toISOString(),
			sessions
		});
		expect(jsonFile(sessions, now)).toMatchObject({
			name: 'liana-history-2026-11-25.json',
			type: 'application/json'
		});
		expect(exportFileName('json', at(2026, 1, 1, 0, 0))).toBe('liana-history-2026-01-01.json');
	});
});
