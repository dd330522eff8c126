import { describe, expect, it } from 'vitest';
import { createSession, currentSegment, reduce } from './reduce';
import { threeSteps } from '$test/routines';
import type { Action, Mode, SessionState } from './types';

/** Where a session can stand: its mode, and for a running one, which part of the routine plays. */
type Place =
	| 'idle'
	| 'countdown'
	| 'running'
	| 'paused'
	| 'held'
	| 'release'
	| 'recover'
	| 'paused in a flare'
	| 'done';

type Column =
	| Exclude<Action['type'], 'choose' | 'adjust'>
	| 'choose skip'
	| 'choose end'
	| 'choose retry'
	| 'add time'
	| 'take time';

/** `-`: ignored (state and events unchanged); otherwise accepted, and the mode it leaves. */
type Cell = '-' | Exclude<Mode['kind'], 'idle'>;

// prettier-ignore
const TABLE: Record<Place, Record<Column, Cell>> = {
	'idle':              { start: 'running', tick: '-', pause: '-',      resume: '-',       skip: '-',       previous: '-',       stop: '-',    flare: '-',       'red-flag': '-',    'choose skip': '-',       'choose end': '-',    'choose retry': '-',       'add time': '-',       'take time': '-',       hold: '-',    unhold: '-' },
	'countdown':         { start: '-',       tick: '-', pause: 'paused', resume: '-',       skip: 'running', previous: '-',       stop: 'done', flare: 'running', 'red-flag': 'done', 'choose skip': '-',       'choose end': '-',    'choose retry': '-',       'add time': 'running', 'take time': 'running', hold: 'held', unhold: '-' },
	'running':           { start: '-',       tick: '-', pause: 'paused', resume: '-',       skip: 'running', previous: 'running', stop: 'done', flare: 'running', 'red-flag': 'done', 'choose skip': '-',       'choose end': '-',    'choose retry': '-',       'add time': 'running', 'take time': 'running', hold: 'held', unhold: '-' },
	'paused':            { start: '-',       tick: '-', pause: '-',      resume: 'running', skip: 'paused',  previous: 'paused',  stop: 'done', flare: 'running', 'red-flag': 'done', 'choose skip': '-',       'choose end': '-',    'choose retry': '-',       'add time': 'paused',  'take time': 'paused',  hold: '-',    unhold: '-' },
	'held':              { start: '-',       tick: '-', pause: 'paused', resume: 'running', skip: 'running', previous: 'running', stop: 'done', flare: 'running', 'red-flag': 'done', 'choose skip': 'running', 'choose end': 'running', 'choose retry': 'running', 'add time': 'held', 'take time': 'running', hold: '-', unhold: 'running' },
	'release':           { start: '-',       tick: '-', pause: 'paused', resume: '-',       skip: 'running', previous: '-',       stop: 'done', flare: 'running', 'red-flag': 'done', 'choose skip': 'running', 'choose end': 'done', 'choose retry': 'running', 'add time': 'running', 'take time': 'running', hold: 'held', unhold: '-' },
	'recover':           { start: '-',       tick: '-', pause: 'paused', resume: '-',       skip: 'running', previous: '-',       stop: 'done', flare: 'running', 'red-flag': 'done', 'choose skip': 'running', 'choose end': 'done', 'choose retry': 'running', 'add time': 'running', 'take time': 'running', hold: 'held', unhold: '-' },
	'paused in a flare': { start: '-',       tick: '-', pause: '-',      resume: 'running', skip: 'paused',  previous: '-',       stop: 'done', flare: 'running', 'red-flag': 'done', 'choose skip': 'paused',  'choose end': 'done', 'choose retry': 'paused',  'add time': 'paused',  'take time': 'paused',  hold: '-',    unhold: '-' },
	'done':              { start: '-',       tick: '-', pause: '-',      resume: '-',       skip: '-',       previous: '-',       stop: '-',    flare: '-',       'red-flag': '-',    'choose skip': '-',       'choose end': '-',    'choose retry': '-',       'add time': '-',       'take time': '-',       hold: '-',    unhold: '-' }
};

/** The three-step routine (its first step retries after a flare), brought to a place. */
function sessionAt(place: Place): SessionState {
	let state = createSession(threeSteps());
	const apply = (action: Action) => (state = reduce(state, action).state);
	if (place === 'idle') return state;
	apply({ type: 'start', atMs: 0, epochMs: 0 });
	// 2 s into the 5 s countdown, or 3 s into the hip's first approach (5–15 s).
	apply({ type: 'tick', atMs: place === 'countdown' ? 2_000 : 8_000 });
	if (place === 'paused') apply({ type: 'pause', atMs: 8_000 });
	if (place === 'held') apply({ type: 'hold', atMs: 8_000 });
	if (place === 'release' || place === 'recover' || place === 'paused in a flare') {
		apply({ type: 'flare', atMs: 8_000 });
	}
	// Release is 4 s: 2 s into the 8 s recover.
	if (place === 'recover') apply({ type: 'tick', atMs: 14_000 });
	if (place === 'paused in a flare') apply({ type: 'pause', atMs: 9_000 });
	if (place === 'done') apply({ type: 'stop', atMs: 8_000 });
	return state;
}

/** The action of a column, at the moment the session was last seen: no time passes. */
function actionOf(column: Column, atMs: number): Action {
	switch (column) {
		case 'choose skip':
		case 'choose end':
		case 'choose retry':
			return { type: 'choose', choice: column.slice('choose '.length) as 'skip', atMs };
		case 'add time':
			return { type: 'adjust', deltaMs: 10_000, atMs };
		case 'take time':
			return { type: 'adjust', deltaMs: -10_000, atMs };
		case 'start':
			return { type: 'start', atMs, epochMs: 0 };
		default:
			return { type: column, atMs };
	}
}

describe('what each mode accepts, action by action', () => {
	for (const [place, row] of Object.entries(TABLE) as [Place, Record<Column, Cell>][]) {
		for (const [column, cell] of Object.entries(row) as [Column, Cell][]) {
			const verdict = cell === '-' ? 'ignores' : `accepts (leaving it ${cell})`;
			it(`${place} ${verdict} ${column}`, () => {
				const before = sessionAt(place);
				const atMs = Math.max(0, before.lastMs);
				const { state, events } = reduce(before, actionOf(column, atMs));
				if (cell === '-') {
					expect(events).toEqual([]);
					expect(state).toEqual({ ...before, lastMs: atMs });
				} else {
					expect(events.length).toBeGreaterThan(0);
					expect(state.mode.kind).toBe(cell);
				}
			});
		}
	}

	it('places each session where its row says', () => {
		const placed = (place: Place) => {
			const state = sessionAt(place);
			return `${state.mode.kind} ${currentSegment(state)?.segment.phase ?? 'nothing'}`;
		};
		expect(placed('idle')).toBe('idle countdown');
		expect(placed('countdown')).toBe('running countdown');
		expect(placed('running')).toBe('running approach');
		expect(placed('paused')).toBe('paused approach');
		expect(placed('held')).toBe('held approach');
		expect(placed('release')).toBe('running release');
		expect(placed('recover')).toBe('running recover');
		expect(placed('paused in a flare')).toBe('paused release');
		expect(placed('done')).toBe('done approach');
	});
});
