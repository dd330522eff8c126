/**
 * A session another window sent, checked against this window's routine before it is shown or
 * carried on: the same routine, a timeline that is exactly what that routine compiles to, and a
 * program and position that fit it. What is kept is rebuilt here from the routine, so nothing a
 * page of the site made up reaches the player, the keeper or the history.
 */
import * as v from 'valibot';
import { makeProgram, type PlaySegment, type Slice } from '../engine/program';
import { createSession } from '../engine/reduce';
import type { SessionState } from '../engine/types';
import type { JsonValue } from '../routine/json-text';
import { compileTimeline } from '../routine/timeline';
import { validateRoutine } from '../routine/validate';
import { segmentSchema, shortList } from './message-schema';

/** Segments a program may hold beyond its timeline's: a retry, a phase lengthened breath by breath. */
const EXTRA_SEGMENTS = 20_000;
/** The longest countdown the settings offer is far shorter. */
const COUNTDOWN_MS_MAX = 3_600_000;

/** The sent session, fit to carry on here, or why not (for a developer: nobody is told). */
export type CarriedSession = { ok: true; state: SessionState } | { ok: false; reason: string };

const refuse = (reason: string): CarriedSession => ({ ok: false, reason });

/** The same value as plain data; a value that cannot be written as JSON is not the same. */
function sameData(a: unknown, b: unknown): boolean {
	try {
		return JSON.stringify(a) === JSON.stringify(b);
	} catch {
		return false;
	}
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null;

/** The countdown the sender compiled with, read off its first segment. */
function countdownSec(segments: readonly unknown[]): number | undefined {
	const first = segments[0];
	if (!isRecord(first) || first.phase !== 'countdown') return 0;
	const ms = first.durationMs;
	if (typeof ms !== 'number' || !(ms >= 0 && ms <= COUNTDOWN_MS_MAX)) return undefined;
	return ms / 1000;
}

/** Starts in order from `from` to `to`, as locating a moment in them needs. */
function inOrder(segments: readonly PlaySegment[], from: number, to: number): boolean {
	for (let i = from + 1; i < to; i++) {
		const before = segments[i - 1];
		const segment = segments[i];
		if (!before || !segment || segment.startMs < before.startMs) return false;
	}
	return true;
}

/**
 * `sent` (shaped as a session by the message schema) as a session of routine `routineId`,
 * rebuilt from the routine it carries; refused when any part does not fit it.
 */
export function checkCarriedSession(sent: SessionState, routineId: string): CarriedSession {
	const routine = sent.timeline.routine as unknown;
	if (!isRecord(routine) || routine.id !== routineId) return refuse('another routine');
	const valid = validateRoutine(routine as JsonValue);
	if (!valid.ok) return refuse('the routine is not valid');
	const countdown = countdownSec(sent.timeline.segments);
	if (countdown === undefined) return refuse('the countdown is not a length');
	const timeline = compileTimeline(valid.routine, { countdownSec: countdown });
	// Lengths first, so a huge list is never written out to be compared.
	if (
		sent.timeline.segments.length !== timeline.segments.length ||
		sent.timeline.steps.length !== timeline.steps.length ||
		!sameData(sent.timeline, timeline)
	) {
		return refuse('the timeline is not what the routine compiles to');
	}
	const fresh = createSession(timeline);
	if (!sameData(sent.index, fresh.index)) return refuse('the step index does not fit');
	const steps = sent.record.steps;
	if (
		steps.length !== timeline.steps.length ||
		steps.some((step, k) => step.id !== timeline.steps[k]?.id)
	) {
		return refuse('the record names other steps');
	}
	const program = rebuiltProgram(sent, timeline.segments);
	if (typeof program === 'string') return refuse(program);
	const mode = sent.mode;
	const programMs = mode.kind === 'paused' || mode.kind === 'held' ? mode.programMs : 0;
	if (programMs > program.totalMs || sent.seenMs > program.totalMs) {
		return refuse('the position is past the end of the session');
	}
	return { ok: true, state: { ...sent, timeline, index: fresh.index, program } };
}

/** The sent program joined again from its slices, on this window's timeline; or what is wrong. */
function rebuiltProgram(
	sent: SessionState,
	segments: readonly PlaySegment[]
): ReturnType<typeof makeProgram> | string {
	const cap = segments.length + EXTRA_SEGMENTS;
	const listSchema = shortList(segmentSchema, cap);
	const slices: Slice[] = [];
	for (const piece of sent.program.pieces) {
		// The timeline's own list arrives as the same object the timeline holds (structured clone).
		const own = piece.segments === sent.timeline.segments;
		if (!own && !v.is(listSchema, piece.segments)) return 'a piece holds something not a segment';
		const list = own ? segments : piece.segments;
		if (piece.from >= piece.to || piece.to > list.length) return 'a piece is out of its list';
		if (!inOrder(list, piece.from, piece.to)) return 'a piece is out of order';
		slices.push({ segments: list, from: piece.from, to: piece.to });
	}
	const program = makeProgram(slices, sent.program.end);
	const sameJoins =
		program.totalMs === sent.program.totalMs &&
		program.pieces.every((piece, p) => piece.offsetMs === sent.program.pieces[p]?.offsetMs);
	return sameJoins ? program : 'the program does not add up';
}
