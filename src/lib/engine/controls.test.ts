import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock';
import { Session } from './session';
import { threeSteps } from '$test/routines';

type State = 'idle' | 'countdown' | 'in a step' | 'paused' | 'release' | 'recover' | 'done';
type Control =
	| 'start'
	| 'pause'
	| 'resume'
	| 'skip'
	| 'previous'
	| 'stop'
	| 'flare'
	| 'redFlag'
	| 'choose skip'
	| 'choose end'
	| 'choose retry';

/** What the screen shows after a control: mode, phase, step, and the outcome once done. */
type Shown = `${string} ${string} ${number}` | `done ${string}`;

/** Puts a session of the three-step routine (a retry step first) into a state. */
function sessionIn(state: State): Session {
	const clock = new ManualClock(1000);
	const session = new Session(threeSteps(), clock);
	if (state === 'idle') return session;
	session.start();
	clock.advance(state === 'countdown' ? 2_000 : 20_000);
	session.tick();
	if (state === 'paused') session.pause();
	if (state === 'release' || state === 'recover') session.flare();
	if (state === 'recover') {
		clock.advance(6_000);
		session.tick();
	}
	if (state === 'done') session.stop();
	return session;
}

function act(session: Session, control: Control): void {
	if (control.startsWith('choose ')) {
		session.choose(control.slice('choose '.length) as 'skip' | 'end' | 'retry');
		return;
	}
	session[control as Exclude<Control, `choose ${string}`>]();
}

function shown(session: Session): Shown {
	const view = session.view();
	if (view.mode === 'done') return `done ${view.outcome ?? ''}`;
	return `${view.mode} ${view.phase} ${view.stepIndex}`;
}

// Every control in every state: what the screen shows next.
const expected: Record<State, Record<Control, Shown>> = {
	idle: {
		start: 'running countdown 0',
		pause: 'idle countdown 0',
		resume: 'idle countdown 0',
		skip: 'idle countdown 0',
		previous: 'idle countdown 0',
		stop: 'idle countdown 0',
		flare: 'idle countdown 0',
		redFlag: 'idle countdown 0',
		'choose skip': 'idle countdown 0',
		'choose end': 'idle countdown 0',
		'choose retry': 'idle countdown 0'
	},
	countdown: {
		start: 'running countdown 0',
		pause: 'paused countdown 0',
		resume: 'running countdown 0',
		skip: 'running approach 0',
		previous: 'running countdown 0',
		stop: 'done stopped',
		flare: 'running release 0',
		redFlag: 'done red-flag',
		'choose skip': 'running countdown 0',
		'choose end': 'running countdown 0',
		'choose retry': 'running countdown 0'
	},
	'in a step': {
		start: 'running breathe 0',
		pause: 'paused breathe 0',
		resume: 'running breathe 0',
		skip: 'running rest 1',
		previous: 'running approach 0',
		stop: 'done stopped',
		flare: 'running release 0',
		redFlag: 'done red-flag',
		'choose skip': 'running breathe 0',
		'choose end': 'running breathe 0',
		'choose retry': 'running breathe 0'
	},
	paused: {
		start: 'paused breathe 0',
		pause: 'paused breathe 0',
		resume: 'running breathe 0',
		skip: 'paused rest 1',
		previous: 'paused approach 0',
		stop: 'done stopped',
		flare: 'running release 0',
		redFlag: 'done red-flag',
		'choose skip': 'paused breathe 0',
		'choose end': 'paused breathe 0',
		'choose retry': 'paused breathe 0'
	},
	release: {
		start: 'running release 0',
		pause: 'paused release 0',
		resume: 'running release 0',
		skip: 'running breathe 1',
		previous: 'running release 0',
		stop: 'done stopped-after-flare',
		flare: 'running release 0',
		redFlag: 'done red-flag',
		'choose skip': 'running breathe 1',
		'choose end': 'done stopped-after-flare',
		'choose retry': 'running approach 0'
	},
	recover: {
		start: 'running recover 0',
		pause: 'paused recover 0',
		resume: 'running recover 0',
		skip: 'running breathe 1',
		previous: 'running recover 0',
		stop: 'done stopped-after-flare',
		flare: 'running release 0',
		redFlag: 'done red-flag',
		'choose skip': 'running breathe 1',
		'choose end': 'done stopped-after-flare',
		'choose retry': 'running approach 0'
	},
	done: {
		start: 'done stopped',
		pause: 'done stopped',
		resume: 'done stopped',
		skip: 'done stopped',
		previous: 'done stopped',
		stop: 'done stopped',
		flare: 'done stopped',
		redFlag: 'done stopped',
		'choose skip': 'done stopped',
		'choose end': 'done stopped',
		'choose retry': 'done stopped'
	}
};

describe('every control in every state', () => {
	for (const [state, controls] of Object.entries(expected) as [State, Record<Control, Shown>][]) {
		for (const [control, after] of Object.entries(controls) as [Control, Shown][]) {
			it(`${control} — ${state} → ${after}`, () => {
				const session = sessionIn(state);
				act(session, control);
				expect(shown(session)).toBe(after);
			});
		}
	}
});
