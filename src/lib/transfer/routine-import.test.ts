import { describe, expect, it } from 'vitest';
import { parseRoutine } from '../routine';
import {
	copyTitle,
	decideImport,
	duplicate,
	exportFile,
	freeId,
	oversizeIssue,
	settleClash,
	type ImportClash,
	type LibraryContents
} from './routine-import';

/** A routine file as an author might write it: tabs, an `x-` key, its own key order. */
const file = (id: string, title = 'Evening unwind', note = 'kept') =>
	`{\n\t"title": "${title}",\n\t"version": 1,\n\t"id": "${id}",\n\t"x-note": "${note}",\n\t"steps": [{ "type": "rest", "id": "still", "title": "Rest", "seconds": 60 }]\n}\n`;

const library = (own: Record<string, string> = {}): LibraryContents => ({
	own: new Map(Object.entries(own)),
	builtIn: new Set(['daily-unload', 'breathe-settle'])
});

describe('deciding what an import does', () => {
	it('refuses an invalid file with every problem, by path or by line and column', () => {
		const broken = decideImport('{\n  "id": "x",\n  oops\n}', library());
		expect(broken).toMatchObject({
			kind: 'invalid',
			issues: [{ path: '(file)', line: 3, column: 3 }]
		});
		const wrong = decideImport(
			'{"version":1,"id":"x","title":"T","steps":[{"type":"stretch","id":"s","title":"S","cycle":{"sofen":3}}],"defaults":{"onFlare":"later"}}',
			library()
		);
		expect(wrong.kind === 'invalid' && wrong.issues.map((issue) => issue.path)).toEqual([
			'defaults.onFlare',
			'steps[0].cycle.sofen'
		]);
	});

	it('adds a routine with a new id', () => {
		expect(decideImport(file('evening'), library())).toMatchObject({
			kind: 'new',
			routine: { id: 'evening', title: 'Evening unwind' },
			text: file('evening')
		});
	});

	it('asks about the same id as an own routine, offering the next free id', () => {
		const decision = decideImport(
			file('evening', 'Evening, changed'),
			library({ evening: file('evening'), 'evening-2': file('evening-2') })
		);
		expect(decision).toMatchObject({ kind: 'same-as-own', copyId: 'evening-3' });
	});

	it('changes nothing for the very same file imported again', () => {
		expect(decideImport(file('evening'), library({ evening: file('evening') }))).toMatchObject({
			kind: 'identical'
		});
	});

	it('protects a built-in id even where an own routine has it too', () => {
		const own = library({ 'daily-unload': file('daily-unload', 'Mine') });
		expect(decideImport(file('daily-unload'), own)).toMatchObject({
			kind: 'same-as-built-in',
			copyId: 'daily-unload-2'
		});
	});

	it('refuses a file over 1 MiB by its size alone', () => {
		expect(oversizeIssue(1024 * 1024)).toBeUndefined();
		expect(oversizeIssue(3 * 1024 * 1024)).toEqual({
			path: '(file)',
			message: 'the file is 3.0 MiB; a routine file may be at most 1 MiB (1,048,576 bytes)'
		});
		expect(oversizeIssue(1024 * 1024 + 1)?.message).toContain('the file is 1.0 MiB');
	});
});

describe('new ids', () => {
	it('takes the first free number from 2', () => {
		expect(freeId('evening', new Set())).toBe('evening-2');
		expect(freeId('evening', new Set(['evening-2', 'evening-3']))).toBe('evening-4');
		expect(freeId('evening-2', new Set(['evening', 'evening-2']))).toBe('evening-3');
		expect(freeId('breath-4', new Set(['breath-4']))).toBe('breath-4-2');
	});

	it('stays a valid id at the 64-character limit and without a doubled dash', () => {
		const long = 'a'.repeat(63) + 'b';
		expect(freeId(long, new Set())).toBe('a'.repeat(62) + '-2');
		expect(freeId('a'.repeat(61) + '-b', new Set())).toBe('a'.repeat(61) + '-2');
		expect(freeId('end-', new Set())).toBe('end-2');
	});
});

describe('settling a clash', () => {
	const clashWith = (text: string, own: Record<string, string>) =>
		decideImport(text, library(own)) as ImportClash;
	const existing = { id: 'evening', text: file('evening'), addedAtEpochMs: 5, updatedAtEpochMs: 6 };

	it('replaces an own routine with the new text, keeping its place', () => {
		const clash = clashWith(file('evening', 'New title'), { evening: file('evening') });
		expect(settleClash(clash, 'replace', 100, existing)).toEqual({
			id: 'evening',
			text: file('evening', 'New title'),
			addedAtEpochMs: 5,
			updatedAtEpochMs: 100
		});
	});

	it('keeps both by storing the file under the free id, every other character kept', () => {
		const clash = clashWith(file('evening', 'New title'), { evening: file('evening') });
		const kept = settleClash(clash, 'keep-both', 100, existing);
		expect(kept).toEqual({
			id: 'evening-2',
			text: file('evening-2', 'New title'),
			addedAtEpochMs: 100,
			updatedAtEpochMs: 100
		});
		const reread = parseRoutine(kept?.text ?? '');
		expect(reread.ok && reread.routine.id).toBe('evening-2');
	});

	it('never replaces a built-in routine; a copy is the only way in', () => {
		const clash = clashWith(file('daily-unload'), {});
		expect(settleClash(clash, 'replace', 100)).toBeUndefined();
		expect(settleClash(clash, 'keep-both', 100)?.id).toBe('daily-unload-2');
	});
});

describe('duplicating and exporting', () => {
	it('duplicates any routine as an own copy titled "(copy)" with a free id', () => {
		const text = file('daily-unload', 'Daily unload');
		const parsed = parseRoutine(text);
		if (!parsed.ok) throw new Error('the test file is valid');
		const copy = duplicate(parsed.routine, text, library({ 'daily-unload-2': 'x' }), 7);
		expect(copy).toEqual({
			id: 'daily-unload-3',
			text: file('daily-unload-3', 'Daily unload (copy)'),
			addedAtEpochMs: 7,
			updatedAtEpochMs: 7
		});
	});

	it('keeps a copy’s title within 120 characters', () => {
		expect(copyTitle('Mine')).toBe('Mine (copy)');
		const long = copyTitle('ü'.repeat(120));
		expect(Array.from(long)).toHaveLength(120);
		expect(long.endsWith('ü… (copy)')).toBe(true);
		expect(copyTitle('a'.repeat(113))).toBe('a'.repeat(113) + ' (copy)');
	});

	it('exports the exact text as <id>.json', () => {
		const text = file('evening');
		expect(exportFile('evening', text)).toEqual({
			name: 'evening.json',
			type: 'application/json',
			text
		});
	});
});
