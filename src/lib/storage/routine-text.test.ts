import { describe, expect, it } from 'vitest';
import { setTopLevelString } from './routine-text';

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
