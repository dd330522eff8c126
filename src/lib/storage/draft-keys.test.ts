import { describe, expect, it } from 'vitest';
import { SLUG } from '../routine/schema';
import { isNewDraftKey, newDraftKey, OLD_NEW_DRAFT_KEY } from './draft-keys';

describe("a new routine's draft key", () => {
	it('is draft: and twelve random letters or digits, a new one each time', () => {
		const keys = Array.from({ length: 100 }, () => newDraftKey());
		for (const key of keys) expect(key).toMatch(/^draft:[a-z0-9]{12}$/);
		expect(new Set(keys).size).toBe(100);
	});

	it('can never be a routine id, which the first editor’s keys could', () => {
		for (const key of [newDraftKey(), newDraftKey('new-1700'), newDraftKey('')]) {
			expect(SLUG.test(key)).toBe(false);
			expect(isNewDraftKey(key)).toBe(true);
		}
		for (const id of ['new', 'new-2024', 'draft', 'draft-1', 'evening']) {
			expect(isNewDraftKey(id)).toBe(false);
		}
		expect(SLUG.test('new-1700') && OLD_NEW_DRAFT_KEY.test('new-1700')).toBe(true);
	});
});
