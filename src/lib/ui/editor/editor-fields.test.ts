import { describe, expect, it } from 'vitest';
import { fieldId, fieldLabel, issueTarget } from './fields';

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

	it('names each field once, for its label and for the places problems are said', () => {
		expect(fieldLabel(['title'])).toBe('Title');
		expect(fieldLabel(['id'])).toBe('Routine id');
		expect(fieldLabel(['steps', 3, 'id'])).toBe('Step id');
		expect(fieldLabel(['steps', 0, 'cycle', 'breathe', 'inhale'])).toBe('Breathe in');
		expect(fieldLabel(['steps', 0, 'seconds'])).toBe('Rest');
		expect(fieldLabel(['defaults', 'flare', 'release'])).toBe('Release');
		expect(fieldLabel(['defaults', 'onFlare'])).toBe('After a flare');
		expect(fieldLabel(['steps', 0, 'x-note'])).toBeUndefined();
		expect(fieldLabel(['constructor'])).toBeUndefined();
		expect(fieldLabel(['steps', 0, 'toString'])).toBeUndefined();
	});
});
