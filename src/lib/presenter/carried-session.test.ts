import { describe, expect, it } from 'vitest';
import { testSession, threeSteps } from '$test/routines';
import type { SessionState } from '../engine/types';
import { compileTimeline } from '../routine/timeline';
import { checkCarriedSession } from './carried-session';

/** A session as it arrives from another window: a structured clone. */
const sent = (state: SessionState): SessionState => structuredClone(state);

/** The test routine's session at moments that use every kind of program piece. */
function realSessions(): [string, SessionState][] {
	const { session, after } = testSession(threeSteps(), { started: true });
	const seen: [string, SessionState][] = [['just started', session.state]];
	after(12_000);
	session.adjust(20_000);
	seen.push(['a phase lengthened', session.state]);
	session.hold();
	after(3_000);
	seen.push(['held', session.state]);
	session.unhold();
	session.flare();
	after(5_000);
	seen.push(['in a flare', session.state]);
	session.choose('retry');
	seen.push(['a gentle retry', session.state]);
	session.skip();
	session.pause();
	seen.push(['paused', session.state]);
	session.stop();
	seen.push(['done', session.state]);
	return seen;
}

describe('a session carried from another window', () => {
	it('is taken at every moment of a real session, rebuilt on this window’s own timeline', () => {
		for (const [moment, state] of realSessions()) {
			const arrived = sent(state);
			const carried = checkCarriedSession(arrived, 'three');
			expect({ moment, ok: carried.ok }).toEqual({ moment, ok: true });
			if (!carried.ok) continue;
			expect(carried.state).toEqual(state);
			// What the engine holds is made here, not what was sent; the program plays from it.
			const own = carried.state.timeline.segments;
			expect(own).not.toBe(arrived.timeline.segments);
			expect(carried.state.program.pieces.some((piece) => piece.segments === own)).toBe(true);
		}
	});

	it('is refused when it is not a session of this routine as the routine compiles', () => {
		const { session, after } = testSession(threeSteps(), { started: true });
		after(12_000);
		const state = session.state;
		const other = structuredClone(state.timeline.routine);
		other.id = 'other';
		const longer = structuredClone(state);
		const first = longer.timeline.segments[1];
		if (first) first.durationMs += 60_000;
		const badRoutine = structuredClone(state);
		(badRoutine.timeline.routine as { title: unknown }).title = '';
		const tampered: [string, SessionState][] = [
			['another routine', { ...state, timeline: compileTimeline(other) }],
			['a routine that is not valid', badRoutine],
			['a segment longer than the routine says', longer],
			[
				'a step index that does not fit',
				{ ...state, index: { firstOwn: [0, 0, 0], end: [1, 1, 1] } }
			],
			[
				'a record of other steps',
				{
					...state,
					record: {
						...state.record,
						steps: state.record.steps.map((step) => ({ ...step, id: 'made-up' }))
					}
				}
			],
			[
				'a piece past the end of its list',
				{
					...state,
					program: {
						...state.program,
						pieces: state.program.pieces.map((piece) => ({ ...piece, to: piece.to + 5 }))
					}
				}
			],
			[
				'a program longer than its pieces',
				{ ...state, program: { ...state.program, totalMs: state.program.totalMs + 1 } }
			],
			[
				'a piece of segments made up',
				{
					...state,
					program: {
						...state.program,
						pieces: [{ segments: [{ phase: 'rest' }], from: 0, to: 1, offsetMs: 0 }]
					}
				} as unknown as SessionState
			],
			[
				'a position past the end',
				{ ...state, mode: { kind: 'paused', programMs: state.program.totalMs + 1 } }
			]
		];
		for (const [what, state] of tampered) {
			const carried = checkCarriedSession(sent(state), 'three');
			expect({ what, ok: carried.ok }).toEqual({ what, ok: false });
		}
		expect(checkCarriedSession(sent(state), 'another-id').ok).toBe(false);
	});
});
