import { describe, expect, it } from 'vitest';
import { sessionCommand } from './session-keys';

const key = (key: string, more: Partial<KeyboardEvent> = {}) => ({
	key,
	ctrlKey: false,
	metaKey: false,
	altKey: false,
	target: null,
	...more
});

describe('sessionCommand', () => {
	it('maps the player keys to their commands', () => {
		expect(sessionCommand(key(' '))).toBe('toggle');
		expect(sessionCommand(key('f'))).toBe('flare');
		expect(sessionCommand(key('F'))).toBe('flare');
		expect(sessionCommand(key('n'))).toBe('skip');
		expect(sessionCommand(key('ArrowRight'))).toBe('skip');
		expect(sessionCommand(key('P'))).toBe('previous');
		expect(sessionCommand(key('ArrowLeft'))).toBe('previous');
		expect(sessionCommand(key('Escape'))).toBe('stop');
	});

	it('leaves other keys and shortcuts with modifiers alone', () => {
		expect(sessionCommand(key('x'))).toBeUndefined();
		expect(sessionCommand(key('f', { ctrlKey: true }))).toBeUndefined();
		expect(sessionCommand(key('n', { metaKey: true }))).toBeUndefined();
		expect(sessionCommand(key('ArrowLeft', { altKey: true }))).toBeUndefined();
	});
});
