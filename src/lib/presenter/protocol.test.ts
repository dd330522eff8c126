import { describe, expect, it } from 'vitest';
import { testSession } from '$test/routines';
import { startingState, step } from './protocol';
import type { Here, PairInput, PairOutput, PairState } from './protocol';
import { PRESENTER_PROTOCOL, type SentSession } from './wire';

const v = PRESENTER_PROTOCOL;

/** A session not started, and one under way, as a window sends them. */
const idle: SentSession = { state: testSession().session.state, clockOriginMs: 1_000, before: {} };
const live: SentSession = {
	state: testSession(undefined, { started: true }).session.state,
	clockOriginMs: 2_000,
	before: { pain: 3 },
	note: 'Tight today'
};

/** This window: `me`, running `mine`, with Web Locks unless `reliable` is false. */
const here = (me: string, mine?: SentSession, reliable = true): Here => ({
	id: me,
	mine,
	reliable
});

const leading = (more: Partial<Extract<PairState, { kind: 'leading' }>> = {}): PairState => ({
	kind: 'leading',
	displays: [],
	asked: [],
	...more
});
const following = (lead: string, more: { heard?: SentSession; displays?: string[] } = {}) =>
	({ kind: 'following', displays: [], lead, ...more }) satisfies PairState;
const NOW_RUNS = 'The controls window closed; this window now runs the session.';
const takenOver = (more: { succeeds?: string; displays?: string[]; notice?: string } = {}) =>
	({
		kind: 'taken-over',
		displays: [],
		notice: NOW_RUNS,
		succeeds: 'controls',
		...more
	}) satisfies PairState;

const post = (message: Extract<PairOutput, { kind: 'post' }>['message']): PairOutput => ({
	kind: 'post',
	message
});
const stateOf = (role: 'controller' | 'display', sent: SentSession, succeeds?: string) =>
	post({ type: 'state', role, ...sent, ...(succeeds ? { succeeds } : {}) });

interface Case {
	name: string;
	state: PairState;
	input: PairInput;
	here: Here;
	next: PairState;
	outputs: PairOutput[];
}

const cases: Case[] = [
	// The controls window, `controls`.
	{
		name: 'leading: present, it says hello and posts its session',
		state: leading(),
		input: { type: 'connected' },
		here: here('controls', idle),
		next: leading(),
		outputs: [post({ type: 'hello', role: 'controller' }), stateOf('controller', idle)]
	},
	{
		name: 'leading: present with no player yet, it says hello only',
		state: leading(),
		input: { type: 'connected' },
		here: here('controls'),
		next: leading(),
		outputs: [post({ type: 'hello', role: 'controller' })]
	},
	{
		name: 'leading: a display pairing with it is counted, watched and answered',
		state: leading(),
		input: { v, from: 'd1', type: 'hello', role: 'display', pair: 'controls' },
		here: here('controls', idle),
		next: leading({ displays: ['d1'] }),
		outputs: [{ kind: 'watch-display', display: 'd1' }, stateOf('controller', idle)]
	},
	{
		name: 'leading: a display already counted is answered, not counted twice',
		state: leading({ displays: ['d1'] }),
		input: { v, from: 'd1', type: 'hello', role: 'display', pair: 'controls' },
		here: here('controls', idle),
		next: leading({ displays: ['d1'] }),
		outputs: [stateOf('controller', idle)]
	},
	{
		name: 'leading: a display of another window is answered, not counted',
		state: leading(),
		input: { v, from: 'd2', type: 'hello', role: 'display', pair: 'elsewhere' },
		here: here('controls', idle),
		next: leading(),
		outputs: [stateOf('controller', idle)]
	},
	{
		name: 'leading: idle, it asks a display running a session for it',
		state: leading(),
		input: { v, from: 'd1', type: 'state', role: 'display', ...live },
		here: here('controls', idle),
		next: leading({ asked: ['d1'], awaiting: 'd1' }),
		outputs: [post({ type: 'take', to: 'd1' })]
	},
	{
		name: 'leading: a display already asked is not asked again',
		state: leading({ asked: ['d1'] }),
		input: { v, from: 'd1', type: 'state', role: 'display', ...live },
		here: here('controls', idle),
		next: leading({ asked: ['d1'] }),
		outputs: []
	},
	{
		name: 'leading: with a session of its own under way, it asks for none',
		state: leading(),
		input: { v, from: 'd1', type: 'state', role: 'display', ...live },
		here: here('controls', live),
		next: leading(),
		outputs: []
	},
	{
		name: 'leading: a display with nothing under way is not asked',
		state: leading(),
		input: { v, from: 'd1', type: 'state', role: 'display', ...idle },
		here: here('controls', idle),
		next: leading(),
		outputs: []
	},
	{
		name: 'leading: the handover of the display it asked is carried on, in its place',
		state: leading({ asked: ['d1'], awaiting: 'd1' }),
		input: { v, from: 'd1', type: 'handover', to: 'controls', ...live },
		here: here('controls', idle),
		next: leading({ asked: ['d1'], succeeds: 'd1' }),
		outputs: [{ kind: 'carry-on', sent: live }]
	},
	{
		name: 'leading: a handover from a window it did not ask is ignored',
		state: leading({ asked: ['d1'], awaiting: 'd1' }),
		input: { v, from: 'stranger', type: 'handover', to: 'controls', ...live },
		here: here('controls', idle),
		next: leading({ asked: ['d1'], awaiting: 'd1' }),
		outputs: [{ kind: 'ignore', reason: 'a handover this window did not ask for' }]
	},
	{
		name: 'leading: a handover of a session not under way is ignored',
		state: leading({ asked: ['d1'], awaiting: 'd1' }),
		input: { v, from: 'd1', type: 'handover', to: 'controls', ...idle },
		here: here('controls', idle),
		next: leading({ asked: ['d1'], awaiting: 'd1' }),
		outputs: [{ kind: 'ignore', reason: 'a handover this window did not ask for' }]
	},
	{
		name: 'leading: a handover to another window is none of its business',
		state: leading({ awaiting: 'd1' }),
		input: { v, from: 'd1', type: 'handover', to: 'other', ...live },
		here: here('controls', idle),
		next: leading({ awaiting: 'd1' }),
		outputs: []
	},
	{
		name: 'leading: a display saying goodbye is no longer counted',
		state: leading({ displays: ['d1', 'd2'] }),
		input: { v, from: 'd1', type: 'bye', role: 'display' },
		here: here('controls', idle),
		next: leading({ displays: ['d2'] }),
		outputs: [{ kind: 'forget-display', display: 'd1' }]
	},
	{
		name: 'leading: a display found gone is no longer counted',
		state: leading({ displays: ['d1'] }),
		input: { type: 'display-gone', display: 'd1' },
		here: here('controls', idle),
		next: leading(),
		outputs: [{ kind: 'forget-display', display: 'd1' }]
	},
	{
		name: 'leading: a change is posted, naming the window it succeeds',
		state: leading({ succeeds: 'd1' }),
		input: { type: 'changed' },
		here: here('controls', live),
		next: leading({ succeeds: 'd1' }),
		outputs: [stateOf('controller', live, 'd1')]
	},
	{
		name: 'leading: leaving, its last word is the session, then goodbye',
		state: leading({ displays: ['d1'] }),
		input: { type: 'leaving' },
		here: here('controls', live),
		next: leading(),
		outputs: [
			stateOf('controller', live),
			post({ type: 'bye', role: 'controller' }),
			{ kind: 'forget-display', display: 'd1' }
		]
	},
	{
		name: 'leading: its own words, heard back, change nothing',
		state: leading(),
		input: { v, from: 'controls', type: 'hello', role: 'display', pair: 'controls' },
		here: here('controls', idle),
		next: leading(),
		outputs: []
	},
	// A display, `display`, following the controls window `controls`.
	{
		name: 'following: present, it watches its lead and says hello to it',
		state: following('controls'),
		input: { type: 'connected' },
		here: here('display'),
		next: following('controls'),
		outputs: [
			{ kind: 'watch-lead', lead: 'controls' },
			post({ type: 'hello', role: 'display', pair: 'controls' })
		]
	},
	{
		name: 'following: its lead’s session is kept and shown',
		state: following('controls'),
		input: { v, from: 'controls', type: 'state', role: 'controller', ...live },
		here: here('display'),
		next: following('controls', { heard: live }),
		outputs: [{ kind: 'show', sent: live }]
	},
	{
		name: 'following: a window that carries its lead’s session on is followed',
		state: following('controls', { heard: idle }),
		input: {
			v,
			from: 'first',
			type: 'state',
			role: 'display',
			...live,
			succeeds: 'controls'
		},
		here: here('display'),
		next: following('first', { heard: { ...live, succeeds: 'controls' } }),
		outputs: [
			{ kind: 'watch-lead', lead: 'first' },
			{ kind: 'show', sent: { ...live, succeeds: 'controls' } },
			post({ type: 'hello', role: 'display', pair: 'first' })
		]
	},
	{
		name: 'following: another window’s session is not shown',
		state: following('controls'),
		input: { v, from: 'other', type: 'state', role: 'controller', ...live },
		here: here('display'),
		next: following('controls'),
		outputs: []
	},
	{
		name: 'following: its lead came back after it said hello: it says it again',
		state: following('controls'),
		input: { v, from: 'controls', type: 'hello', role: 'controller' },
		here: here('display'),
		next: following('controls'),
		outputs: [post({ type: 'hello', role: 'display', pair: 'controls' })]
	},
	{
		name: 'following: another window’s hello is not answered',
		state: following('controls'),
		input: { v, from: 'other', type: 'hello', role: 'controller' },
		here: here('display'),
		next: following('controls'),
		outputs: []
	},
	{
		name: 'following: its lead gone, it takes the session over from where it stood',
		state: following('controls', { heard: live }),
		input: { type: 'lead-gone', lead: 'controls' },
		here: here('display'),
		next: takenOver(),
		outputs: [{ kind: 'stop-showing' }, { kind: 'carry-on', sent: live }]
	},
	{
		name: 'following: its lead gone before a word, it runs a session of its own',
		state: following('controls'),
		input: { type: 'lead-gone', lead: 'controls' },
		here: here('display'),
		next: takenOver({
			notice:
				'No controls window is open for this display, so this window runs the session on its own.'
		}),
		outputs: [{ kind: 'stop-showing' }]
	},
	{
		name: 'following: its lead gone with the session not started, it says start here',
		state: following('controls', { heard: idle }),
		input: { type: 'lead-gone', lead: 'controls' },
		here: here('display'),
		next: takenOver({
			notice: 'The controls window closed; start the session here when you are ready.'
		}),
		outputs: [{ kind: 'stop-showing' }, { kind: 'carry-on', sent: idle }]
	},
	{
		name: 'following: a window it no longer follows going changes nothing',
		state: following('first'),
		input: { type: 'lead-gone', lead: 'controls' },
		here: here('display'),
		next: following('first'),
		outputs: []
	},
	{
		name: 'following: without Web Locks, its lead’s goodbye hands it the session',
		state: following('controls', { heard: live }),
		input: { v, from: 'controls', type: 'bye', role: 'controller' },
		here: here('display', undefined, false),
		next: takenOver(),
		outputs: [{ kind: 'stop-showing' }, { kind: 'carry-on', sent: live }]
	},
	{
		name: 'following: with Web Locks, the watch decides, not the goodbye',
		state: following('controls', { heard: live }),
		input: { v, from: 'controls', type: 'bye', role: 'controller' },
		here: here('display'),
		next: following('controls', { heard: live }),
		outputs: []
	},
	{
		name: 'following: asked for a session it does not run, it gives nothing',
		state: following('controls'),
		input: { v, from: 'again', type: 'take', to: 'display' },
		here: here('display'),
		next: following('controls'),
		outputs: []
	},
	{
		name: 'following: leaving, it says goodbye and posts no session',
		state: following('controls'),
		input: { type: 'leaving' },
		here: here('display', live),
		next: following('controls'),
		outputs: [post({ type: 'bye', role: 'display' })]
	},
	// A display, `display`, that took over from `controls`.
	{
		name: 'taken over: a change is posted as the display’s, naming the window it succeeds',
		state: takenOver(),
		input: { type: 'changed' },
		here: here('display', live),
		next: takenOver(),
		outputs: [stateOf('display', live, 'controls')]
	},
	{
		name: 'taken over: asked by a controls window, it hands the session over and follows it',
		state: takenOver(),
		input: { v, from: 'again', type: 'take', to: 'display' },
		here: here('display', live),
		next: following('again', { heard: { ...live, succeeds: 'controls' } }),
		outputs: [
			post({ type: 'handover', to: 'again', ...live, succeeds: 'controls' }),
			{ kind: 'watch-lead', lead: 'again' },
			{ kind: 'show', sent: { ...live, succeeds: 'controls' } },
			{ kind: 'handed-over' },
			post({ type: 'hello', role: 'display', pair: 'again' })
		]
	},
	{
		name: 'taken over: asked for a session not under way, it hands nothing over',
		state: takenOver(),
		input: { v, from: 'again', type: 'take', to: 'display' },
		here: here('display', idle),
		next: takenOver(),
		outputs: []
	},
	{
		name: 'taken over: a request to another window is not answered',
		state: takenOver(),
		input: { v, from: 'again', type: 'take', to: 'other' },
		here: here('display', live),
		next: takenOver(),
		outputs: []
	},
	{
		name: 'taken over: with nothing under way, it follows a controls window that appears',
		state: takenOver(),
		input: { v, from: 'again', type: 'state', role: 'controller', ...idle },
		here: here('display', idle),
		next: following('again', { heard: idle }),
		outputs: [
			{ kind: 'watch-lead', lead: 'again' },
			{ kind: 'show', sent: idle },
			{ kind: 'handed-over' },
			post({ type: 'hello', role: 'display', pair: 'again' })
		]
	},
	{
		name: 'taken over: with its session under way, it keeps it',
		state: takenOver(),
		input: { v, from: 'again', type: 'state', role: 'controller', ...idle },
		here: here('display', live),
		next: takenOver(),
		outputs: []
	},
	{
		name: 'taken over: a late word from the window it took over from is not followed',
		state: takenOver(),
		input: { v, from: 'controls', type: 'state', role: 'controller', ...idle },
		here: here('display', idle),
		next: takenOver(),
		outputs: []
	},
	{
		name: 'taken over: another display’s session is not followed',
		state: takenOver(),
		input: { v, from: 'd2', type: 'state', role: 'display', ...idle },
		here: here('display', idle),
		next: takenOver(),
		outputs: []
	},
	{
		name: 'taken over: a display pairing with it is counted and answered',
		state: takenOver(),
		input: { v, from: 'd2', type: 'hello', role: 'display', pair: 'display' },
		here: here('display', live),
		next: takenOver({ displays: ['d2'] }),
		outputs: [{ kind: 'watch-display', display: 'd2' }, stateOf('display', live, 'controls')]
	},
	{
		name: 'taken over: a handover is for a controls window, not a display',
		state: takenOver(),
		input: { v, from: 'd2', type: 'handover', to: 'display', ...live },
		here: here('display', idle),
		next: takenOver(),
		outputs: []
	}
];

describe('the presenter protocol, state by input', () => {
	it.each(cases)('$name', ({ state, input, here, next, outputs }) => {
		expect(step(state, input, here)).toEqual([next, outputs]);
	});

	it('starts a controls window leading and a display following its pair, or alone', () => {
		expect(startingState('controller', undefined)).toEqual(leading());
		expect(startingState('display', 'controls')).toEqual(following('controls'));
		expect(startingState('display', undefined)).toMatchObject({
			kind: 'taken-over',
			notice: expect.stringMatching(/No controls window is open/)
		});
	});
});
