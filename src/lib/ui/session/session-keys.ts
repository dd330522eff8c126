/** The player's keys, in one place, so every view of a session answers them the same way. */

/** What a key asks of the session. */
export type SessionCommand =
	| 'toggle'
	| 'flare'
	| 'skip'
	| 'previous'
	| 'stop'
	| 'add-time'
	| 'take-time'
	| 'hold'
	| 'note'
	| 'help';

/**
 * The session's controls a key can reach; `toggle` starts, pauses or resumes, `hold` holds or
 * lets go. A view without a note (the studio display, seen by the room) leaves `note` out.
 */
export type SessionControls = Record<Exclude<SessionCommand, 'note'>, () => void> & {
	note?: () => void;
};

/** One line of the keys' help: the keys as a person presses them, and what they do. */
export interface SessionKey {
	command: SessionCommand;
	/** `KeyboardEvent.key` values; the first is the one shown. */
	keys: readonly string[];
	/** How the keys read on the help overlay. */
	label: string;
	what: string;
}

/** Every key of a session, in the order the help lists them. */
export const SESSION_KEYS: readonly SessionKey[] = [
	{
		command: 'toggle',
		keys: [' '],
		label: 'Space',
		what: 'Start, pause, resume, or release a hold'
	},
	{ command: 'flare', keys: ['f', 'F'], label: 'F', what: 'Flare: bring me out of the stretch' },
	{
		command: 'skip',
		keys: ['n', 'N', 'ArrowRight'],
		label: 'N or →',
		what: 'Skip to the next step'
	},
	{
		command: 'previous',
		keys: ['p', 'P', 'ArrowLeft'],
		label: 'P or ←',
		what: 'Go back to the previous step'
	},
	{
		command: 'stop',
		keys: ['Escape'],
		label: 'Esc',
		what: 'Stop the session (asks first once more than 30 s would be lost)'
	},
	{ command: 'add-time', keys: ['+', '='], label: '+', what: 'Add 10 seconds to this phase' },
	{ command: 'take-time', keys: ['-'], label: '-', what: 'Take 10 seconds from this phase' },
	{ command: 'hold', keys: ['h', 'H'], label: 'H', what: 'Hold this phase, or release the hold' },
	{ command: 'note', keys: ['w', 'W'], label: 'W', what: 'Write a note on the session' },
	{ command: 'help', keys: ['?'], label: '?', what: 'Show these keys' }
];

const COMMANDS: ReadonlyMap<string, SessionCommand> = new Map(
	SESSION_KEYS.flatMap(({ command, keys }) => keys.map((key) => [key, command] as const))
);

const isTyping = (target: EventTarget | null) =>
	typeof HTMLElement !== 'undefined' &&
	target instanceof HTMLElement &&
	(target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** The command a key press asks for, or undefined when the key is not the session's. */
export function sessionCommand(
	event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target'>
): SessionCommand | undefined {
	if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return undefined;
	// Space is the session's even on a focused button (Enter still presses it): a person far
	// from the screen presses Space to pause, whatever Tab last landed on.
	return COMMANDS.get(event.key);
}

/**
 * Space's release on a focused button: a button presses itself when Space comes up, so the key
 * the session took on its way down must not also press the button.
 */
export function keepSpaceFromButton(event: KeyboardEvent): void {
	if (event.key !== ' ' || event.ctrlKey || event.metaKey || event.altKey) return;
	if (isTyping(event.target)) return;
	if (typeof HTMLButtonElement !== 'undefined' && event.target instanceof HTMLButtonElement) {
		event.preventDefault();
	}
}

/** Runs the command a key asks for; true when the key was the session's (and is used up). */
export function answerSessionKey(event: KeyboardEvent, controls: SessionControls): boolean {
	const command = sessionCommand(event);
	const control = command && controls[command];
	if (!control) return false;
	control();
	event.preventDefault();
	return true;
}

/** The session a view's keys drive: the player's model, as the player screen and the studio hold it. */
export interface KeyedSession {
	readonly view: { readonly mode: string };
	toggle(): void;
	flare(): void;
	skip(): void;
	previous(): void;
	addTime(): void;
	takeTime(): void;
	toggleHold(): void;
}

/** What the view itself does for a key: how it starts (it may ask first), stops, helps, notes. */
export interface ViewKeys {
	start: () => void;
	/** As a tapped Stop: it asks once more than 30 s would be lost. */
	stop: () => void;
	help: () => void;
	/** None where the view takes no note (the studio display, seen by the room). */
	note?: () => void;
}

/** Every view of a session answers the keys the same way: the session's controls and the view's own. */
export function sessionControls(session: KeyedSession, own: ViewKeys): SessionControls {
	return {
		toggle: () => (session.view.mode === 'idle' ? own.start() : session.toggle()),
		flare: () => session.flare(),
		skip: () => session.skip(),
		previous: () => session.previous(),
		stop: own.stop,
		'add-time': () => session.addTime(),
		'take-time': () => session.takeTime(),
		hold: () => session.toggleHold(),
		help: own.help,
		...(own.note ? { note: own.note } : {})
	};
}

/** A Stop, by tap or by key, asks first once this much of a session would be lost. */
export const CONFIRM_STOP_AFTER_MS = 30_000;

/** Whether a Stop asks first: more than 30 s or a flare would be lost, and no flare is under way. */
export function stopAsksFirst(
	view: { timelineMs: number; inFlare: boolean },
	flaresSoFar: number
): boolean {
	return (view.timelineMs > CONFIRM_STOP_AFTER_MS || flaresSoFar > 0) && !view.inFlare;
}
