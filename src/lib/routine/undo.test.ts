import { describe, expect, it } from 'vitest';
import { COALESCE_MS, HISTORY_LIMIT, record, redo, startHistory, undo } from './undo';

describe('undo and redo', () => {
	it('goes back and forth through the edits', () => {
		let history = startHistory('a');
		history = record(history, 'ab');
		history = record(history, 'abc');
		history = undo(history);
		expect(history.present).toBe('ab');
		history = undo(history);
		expect(history.present).toBe('a');
		expect(undo(history)).toBe(history);
		history = redo(history);
		history = redo(history);
		expect(history.present).toBe('abc');
		expect(redo(history)).toBe(history);
	});

	it('forgets what was undone once something new is done', () => {
		let history = record(record(startHistory(1), 2), 3);
		history = record(undo(history), 4);
		expect(history.future).toEqual([]);
		expect(undo(history).present).toBe(2);
	});

	it('joins typing in one field into one step, but not across fields or pauses', () => {
		let history = startHistory('');
		history = record(history, 'H', { field: 'title', atMs: 0 });
		history = record(history, 'Hi', { field: 'title', atMs: 300 });
		history = record(history, 'Hip', { field: 'title', atMs: 600 });
		expect(history.past).toEqual(['']);
		history = record(history, 'Hip!', { field: 'title', atMs: 600 + COALESCE_MS });
		expect(history.past).toEqual(['', 'Hip']);
		history = record(history, 'Hip!?', { field: 'id', atMs: 700 + COALESCE_MS });
		expect(history.past).toEqual(['', 'Hip', 'Hip!']);
		// A step that is not typing (a button) never joins.
		history = record(history, 'other');
		history = record(history, 'other2', { field: 'id', atMs: 800 + COALESCE_MS });
		expect(history.past).toHaveLength(5);
	});

	it('does not join typing to the edit before an undo', () => {
		let history = record(startHistory('a'), 'ab', { field: 't', atMs: 0 });
		history = record(history, 'abc', { field: 't', atMs: 1500 });
		history = undo(history);
		history = record(history, 'abd', { field: 't', atMs: 1600 });
		expect(undo(history).present).toBe('ab');
	});

	it('records nothing for an edit that changed nothing', () => {
		const history = startHistory('a');
		expect(record(history, 'a')).toBe(history);
	});

	it(`keeps at most ${HISTORY_LIMIT} steps back`, () => {
		let history = startHistory(0);
		for (let n = 1; n <= HISTORY_LIMIT + 50; n++) history = record(history, n);
		expect(history.past).toHaveLength(HISTORY_LIMIT);
		expect(history.past[0]).toBe(50);
	});
});
