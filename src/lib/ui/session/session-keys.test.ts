import { describe, expect, it } from 'vitest';
import {
	answerSessionKey,
	SESSION_KEYS,
	sessionCommand,
	sessionControls,
	stopAsksFirst,
	type SessionControls
} from './session-keys';

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

	it("maps the coach's keys: time, hold, note and help", () => {
		expect(sessionCommand(key('+'))).toBe('add-time');
		expect(sessionCommand(key('='))).toBe('add-time');
		expect(sessionCommand(key('-'))).toBe('take-time');
		expect(sessionCommand(key('h'))).toBe('hold');
		expect(sessionCommand(key('H'))).toBe('hold');
		expect(sessionCommand(key('w'))).toBe('note');
		expect(sessionCommand(key('?'))).toBe('help');
	});

	it('gives each key one command, and every command a line of help', () => {
		const keys = SESSION_KEYS.flatMap((line) => line.keys);
		expect(new Set(keys).size).toBe(keys.length);
		const commands = SESSION_KEYS.map((line) => line.command);
		expect(new Set(commands).size).toBe(commands.length);
		expect(commands).toHaveLength(10);
	});
});

describe('answerSessionKey', () => {
	const calls: string[] = [];
	const control = (name: string) => () => void calls.push(name);
	const controls: SessionControls = {
		toggle: control('toggle'),
		flare: control('flare'),
		skip: control('skip'),
		previous: control('previous'),
		stop: control('stop'),
		'add-time': control('add-time'),
		'take-time': control('take-time'),
		hold: control('hold'),
		help: control('help')
	};
	const press = (name: string, view: SessionControls = controls) => {
		let prevented = false;
		const event = { ...key(name), preventDefault: () => (prevented = true) };
		const used = answerSessionKey(event as unknown as KeyboardEvent, view);
		return { used, prevented };
	};

	it('runs the command and uses the key up', () => {
		calls.length = 0;
		expect(press('+')).toEqual({ used: true, prevented: true });
		expect(press('H')).toEqual({ used: true, prevented: true });
		expect(calls).toEqual(['add-time', 'hold']);
	});

	it('leaves a key alone when the view has no such control (no note on the studio display)', () => {
		calls.length = 0;
		expect(press('w')).toEqual({ used: false, prevented: false });
		expect(press('w', { ...controls, note: control('note') })).toEqual({
			used: true,
			prevented: true
		});
		expect(calls).toEqual(['note']);
	});
});

describe('sessionControls', () => {
	/** A session that notes which of its controls ran, in a mode the test sets. */
	function session(mode: string) {
		const ran: string[] = [];
		const note = (name: string) => () => void ran.push(name);
		return {
			ran,
			view: { mode },
			toggle: note('toggle'),
			flare: note('flare'),
			skip: note('skip'),
			previous: note('previous'),
			addTime: note('add-time'),
			takeTime: note('take-time'),
			toggleHold: note('hold')
		};
	}
	const own = (ran: string[]) => ({
		start: () => void ran.push('view start'),
		stop: () => void ran.push('view stop'),
		help: () => void ran.push('view help')
	});

	it("answers each key with the session's control, and Start, Stop and help with the view's", () => {
		const running = session('running');
		const controls = sessionControls(running, own(running.ran));
		for (const command of [
			'toggle',
			'flare',
			'skip',
			'previous',
			'stop',
			'add-time',
			'take-time',
			'hold',
			'help'
		] as const)
			controls[command]();
		expect(running.ran).toEqual([
			'toggle',
			'flare',
			'skip',
			'previous',
			'view stop',
			'add-time',
			'take-time',
			'hold',
			'view help'
		]);
	});

	it("starts the view's way before a session (it may ask first), and takes a note only where given", () => {
		const idle = session('idle');
		const controls = sessionControls(idle, own(idle.ran));
		controls.toggle();
		expect(idle.ran).toEqual(['view start']);
		expect(controls.note).toBeUndefined();
		const withNote = sessionControls(idle, { ...own(idle.ran), note: () => idle.ran.push('note') });
		withNote.note?.();
		expect(idle.ran).toEqual(['view start', 'note']);
	});
});

describe('stopAsksFirst', () => {
	it('asks once more than 30 s or a flare would be lost, never during a flare', () => {
		expect(stopAsksFirst({ timelineMs: 30_000, inFlare: false }, 0)).toBe(false);
		expect(stopAsksFirst({ timelineMs: 30_001, inFlare: false }, 0)).toBe(true);
		expect(stopAsksFirst({ timelineMs: 5_000, inFlare: false }, 1)).toBe(true);
		expect(stopAsksFirst({ timelineMs: 90_000, inFlare: true }, 1)).toBe(false);
	});
});
