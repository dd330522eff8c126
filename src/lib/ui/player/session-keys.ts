/** The player's keys, in one place, so every view of a session answers them the same way. */

/** What a key asks of the session. */
export type SessionCommand = 'toggle' | 'flare' | 'skip' | 'previous' | 'stop';

/** The session's controls a key can reach; `toggle` starts, pauses or resumes. */
export type SessionControls = Record<SessionCommand, () => void>;

const COMMANDS: Record<string, SessionCommand> = {
	' ': 'toggle',
	f: 'flare',
	F: 'flare',
	n: 'skip',
	N: 'skip',
	ArrowRight: 'skip',
	p: 'previous',
	P: 'previous',
	ArrowLeft: 'previous',
	// A key press is deliberate: Escape stops at once, where a stray tap would ask.
	Escape: 'stop'
};

const isTyping = (target: EventTarget | null) =>
	typeof HTMLElement !== 'undefined' &&
	target instanceof HTMLElement &&
	(target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

const isButton = (target: EventTarget | null) =>
	typeof HTMLButtonElement !== 'undefined' && target instanceof HTMLButtonElement;

/** The command a key press asks for, or undefined when the key is not the session's. */
export function sessionCommand(
	event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target'>
): SessionCommand | undefined {
	if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return undefined;
	const command = COMMANDS[event.key];
	// A focused button answers Space itself; the key must not act twice.
	if (command === 'toggle' && isButton(event.target)) return undefined;
	return command;
}

/** Runs the command a key asks for; true when the key was the session's (and is used up). */
export function answerSessionKey(event: KeyboardEvent, controls: SessionControls): boolean {
	const command = sessionCommand(event);
	if (!command) return false;
	controls[command]();
	event.preventDefault();
	return true;
}
