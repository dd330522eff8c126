import { describe, expect, it } from 'vitest';
import { wholeFileProblem } from '../routine/plain-issue';
import { decodeRoutineText, setTopLevelString } from './routine-text';

describe('editing a routine file in place', () => {
	it('replaces the top-level value and keeps every other character', () => {
		const text = '{\n  "version": 1,\n  "id" :  "mine", "x-note": "id",\n  "title": "Mine"\n}\n';
		expect(setTopLevelString(text, 'id', 'mine-2')).toBe(
			'{\n  "version": 1,\n  "id" :  "mine-2", "x-note": "id",\n  "title": "Mine"\n}\n'
		);
	});

	it('leaves nested keys of the same name alone, wherever they come', () => {
		const text =
			'{"steps":[{"id":"a","title":"A"}],"defaults":{"x-id":{"id":"b"}},"title":"T","id":"r"}';
		expect(setTopLevelString(text, 'id', 'r-2')).toBe(
			'{"steps":[{"id":"a","title":"A"}],"defaults":{"x-id":{"id":"b"}},"title":"T","id":"r-2"}'
		);
		expect(setTopLevelString(text, 'title', 'New')).toBe(
			'{"steps":[{"id":"a","title":"A"}],"defaults":{"x-id":{"id":"b"}},"title":"New","id":"r"}'
		);
	});

	it('is not fooled by strings that look like keys, escapes, or an escaped key', () => {
		const text = '{"summary":"a \\"id\\": \\"x\\", {","\\u0069d":"r","title":"Say \\"hi\\""}';
		expect(setTopLevelString(text, 'id', 'r-2')).toBe(
			'{"summary":"a \\"id\\": \\"x\\", {","\\u0069d":"r-2","title":"Say \\"hi\\""}'
		);
		expect(setTopLevelString(text, 'title', 'Quote " and ü')).toBe(
			'{"summary":"a \\"id\\": \\"x\\", {","\\u0069d":"r","title":"Quote \\" and ü"}'
		);
	});

	it('skips a byte order mark and says when there is nothing to edit', () => {
		expect(setTopLevelString('\ufeff{"id":"r"}', 'id', 's')).toBe('\ufeff{"id":"s"}');
		expect(setTopLevelString('{"id":1}', 'id', 's')).toBeUndefined();
		expect(setTopLevelString('{"steps":[{"id":"a"}]}', 'id', 's')).toBeUndefined();
		expect(setTopLevelString('{"id":"r', 'id', 's')).toBeUndefined();
	});
});

/** The text as UTF-16 with its byte order mark, in either byte order. */
function utf16(text: string, order: 'le' | 'be'): Uint8Array {
	const bytes = new Uint8Array(2 + text.length * 2);
	const view = new DataView(bytes.buffer);
	view.setUint16(0, 0xfeff, order === 'le');
	for (let i = 0; i < text.length; i++)
		view.setUint16(2 + i * 2, text.charCodeAt(i), order === 'le');
	return bytes;
}

describe('reading a routine file’s bytes as text', () => {
	const text = '{\n\t"id": "hüfte",\n\t"title": "Hüfte 🌿 öffnen"\n}\n';
	const utf8 = new TextEncoder().encode(text);

	it('reads UTF-8, and drops a byte order mark', () => {
		expect(decodeRoutineText(utf8)).toEqual({ ok: true, text });
		const marked = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
		expect(decodeRoutineText(marked)).toEqual({ ok: true, text });
	});

	it('reads UTF-16 by its byte order mark, little- and big-endian alike', () => {
		expect(decodeRoutineText(utf16(text, 'le'))).toEqual({ ok: true, text });
		expect(decodeRoutineText(utf16(text, 'be'))).toEqual({ ok: true, text });
	});

	it('names another encoding as the problem, with where it is and what to do', () => {
		// "Hüfte" saved as Windows-1252: ü is the single byte 0xfc.
		const latin1 = Uint8Array.from('{\n\t"id": "h",\n\t"title": "H\u00fcfte"\n}\n', (c) =>
			c.charCodeAt(0)
		);
		expect(decodeRoutineText(latin1)).toEqual({
			ok: false,
			issue: {
				path: '(file)',
				line: 3,
				column: 13,
				message:
					"not UTF-8 or UTF-16 text: the character here is written in another encoding (such as Windows-1252 or Latin-1); save the file as UTF-8 (a text editor's Save As offers it) and import it again"
			}
		});
	});

	it('refuses UTF-16 without its mark, and UTF-16 that is broken, as encoding problems', () => {
		const unmarked = utf16(text, 'le').subarray(2);
		const read = decodeRoutineText(unmarked);
		expect(!read.ok && read.issue.message).toMatch(
			/^not UTF-8 text: it looks like UTF-16 without the byte order mark .*; save the file as UTF-8/
		);
		// A lone high surrogate on line 2.
		const broken = utf16('{\n"\ud83c"}', 'le');
		const brokenRead = decodeRoutineText(broken);
		expect(brokenRead.ok).toBe(false);
		expect(!brokenRead.ok && [brokenRead.issue.line, brokenRead.issue.column]).toEqual([2, 2]);
		expect(!brokenRead.ok && brokenRead.issue.message).toContain('not UTF-8 or UTF-16 text');
	});
});

describe('a file that is no text, said to a person', () => {
	it('says an image or other binary file is not a routine file', () => {
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
		const read = decodeRoutineText(png);
		if (read.ok) throw new Error('a PNG is no text');
		expect(wholeFileProblem(read.issue)?.sentence).toBe(
			'This is not a routine file, so Liana cannot open it.'
		);
		// "ü" as Latin-1 writes it: one byte UTF-8 cannot read.
		const start = new TextEncoder().encode('{ "title": "Abend f');
		const misread = decodeRoutineText(new Uint8Array([...start, 0xfc, 0x22]));
		if (misread.ok) throw new Error('Latin-1 is not UTF-8');
		expect(wholeFileProblem(misread.issue)?.sentence).toBe(
			'This file is saved in a kind of text Liana cannot read.'
		);
	});
});
