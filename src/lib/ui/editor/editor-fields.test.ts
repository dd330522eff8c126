import { describe, expect, it } from 'vitest';
import { fieldId, issueTarget } from './fields';

describe('editor fields', () => {
	it('names a field by its path', () => {
		expect(fieldId(['steps', 1, 'cycle', 'soften'])).toBe('f-steps-1-cycle-soften');
		expect(fieldId(['title'])).toBe('f-title');
	});

	it('finds where a problem shows: the field, else its step, else the routine', () => {
		const ids = new Set(['f-steps-1-cycle-soften', 'step-1', 'f-title']);
		const has = (id: string) => ids.has(id);
		expect(issueTarget('steps[1].cycle.soften', has)).toBe('f-steps-1-cycle-soften');
		expect(issueTarget('steps[1].sofen', has)).toBe('step-1');
		expect(issueTarget('steps[1]', has)).toBe('step-1');
		expect(issueTarget('title', has)).toBe('f-title');
		expect(issueTarget('x-thing', has)).toBe('routine-heading');
		expect(issueTarget('(file)', has)).toBe('routine-heading');
	});
});
