import { describe, expect, it } from 'vitest';
import { editorParam, editorTarget } from './editor-address';

describe("the editor's address", () => {
	it('names the new routine, a new draft, or a routine, each by a param of its own', () => {
		expect(editorTarget('new')).toEqual({ kind: 'new' });
		expect(editorTarget('draft:k1')).toEqual({ kind: 'draft', key: 'draft:k1' });
		expect(editorTarget('new-2024')).toEqual({ kind: 'routine', id: 'new-2024' });
		expect(editorTarget('evening')).toEqual({ kind: 'routine', id: 'evening' });
		expect(editorTarget('routine:new')).toEqual({ kind: 'routine', id: 'new' });
	});

	it('has a param for every draft key and routine id that leads back to it', () => {
		expect(editorParam('evening')).toBe('evening');
		expect(editorParam('new')).toBe('routine:new');
		for (const id of ['new', 'new-2024', 'evening']) {
			expect(editorTarget(editorParam(id))).toEqual({ kind: 'routine', id });
		}
		expect(editorTarget(editorParam('draft:k1'))).toEqual({ kind: 'draft', key: 'draft:k1' });
	});
});
