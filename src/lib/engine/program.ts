/**
 * A program is what a session will play from a moment on: a few pieces, each a slice of a
 * segment list (the compiled timeline, a flare's release and recover, a gentle retry). Controls
 * replace the program; time only ever locates a position in it, so nothing accumulates.
 */
import type { Segment } from '../routine/timeline';

/** What a session does once a flare's recover time is over. */
export type FlareDecision = 'skip' | 'stop' | 'retry';

/** A segment as the engine plays it: a flare's last segment knows what comes after it. */
export interface PlaySegment extends Segment {
	afterFlare?: FlareDecision;
	/** Where a phase a coach resized ends on the routine's timeline: the progress bar stops there. */
	timelineEndMs?: number;
}

/** A slice `[from, to)` of a segment list, starting `offsetMs` into the program. */
export interface Piece {
	segments: readonly PlaySegment[];
	from: number;
	to: number;
	offsetMs: number;
}

/** How a session ends when its program runs out. */
export type ProgramEnd = 'completed' | 'stopped-after-flare';

export interface Program {
	pieces: readonly Piece[];
	totalMs: number;
	end: ProgramEnd;
}

/** A segment found in a program, with where it starts in program time. */
export interface Located {
	piece: number;
	index: number;
	segment: PlaySegment;
	startMs: number;
}

/** A slice of segments to add to a program. */
export interface Slice {
	segments: readonly PlaySegment[];
	from?: number;
	to?: number;
}

/** Joins slices into a program; empty slices are dropped. */
export function makeProgram(slices: readonly Slice[], end: ProgramEnd = 'completed'): Program {
	const pieces: Piece[] = [];
	let offsetMs = 0;
	for (const slice of slices) {
		const from = slice.from ?? 0;
		const to = slice.to ?? slice.segments.length;
		if (to <= from) continue;
		pieces.push({ segments: slice.segments, from, to, offsetMs });
		offsetMs += sliceDurationMs(slice.segments, from, to);
	}
	return { pieces, totalMs: offsetMs, end };
}

function sliceDurationMs(segments: readonly PlaySegment[], from: number, to: number): number {
	const first = segments[from];
	const last = segments[to - 1];
	if (!first || !last) return 0;
	return last.startMs + last.durationMs - first.startMs;
}

function pieceStartMs(piece: Piece, index: number): number {
	const base = piece.segments[piece.from]?.startMs ?? 0;
	return piece.offsetMs + (piece.segments[index]?.startMs ?? base) - base;
}

/** The segment playing at `programMs`; undefined at or past the program's end. */
export function locate(program: Program, programMs: number): Located | undefined {
	if (programMs >= program.totalMs) return undefined;
	const at = Math.max(0, programMs);
	for (let p = program.pieces.length - 1; p >= 0; p--) {
		const piece = program.pieces[p];
		if (!piece || piece.offsetMs > at) continue;
		const base = piece.segments[piece.from]?.startMs ?? 0;
		const target = at - piece.offsetMs + base;
		let low = piece.from;
		let high = piece.to - 1;
		while (low < high) {
			const mid = (low + high + 1) >> 1;
			if ((piece.segments[mid]?.startMs ?? Infinity) <= target) low = mid;
			else high = mid - 1;
		}
		const segment = piece.segments[low];
		if (!segment) return undefined;
		return { piece: p, index: low, segment, startMs: pieceStartMs(piece, low) };
	}
	return undefined;
}

/** The segment after `located` in the program, if any. */
export function next(program: Program, located: Located): Located | undefined {
	const piece = program.pieces[located.piece];
	if (!piece) return undefined;
	if (located.index + 1 < piece.to) {
		const index = located.index + 1;
		const segment = piece.segments[index];
		return segment && { piece: located.piece, index, segment, startMs: pieceStartMs(piece, index) };
	}
	const following = program.pieces[located.piece + 1];
	const segment = following?.segments[following.from];
	if (!following || !segment) return undefined;
	return {
		piece: located.piece + 1,
		index: following.from,
		segment,
		startMs: following.offsetMs
	};
}

/** Every segment that starts in program time `(fromMs, toMs]`, in order. */
export function startsBetween(program: Program, fromMs: number, toMs: number): Located[] {
	const found: Located[] = [];
	if (toMs <= fromMs) return found;
	let current = locate(program, Math.max(0, fromMs));
	if (current && current.startMs > fromMs) found.push(current);
	while (current) {
		const following = next(program, current);
		if (!following || following.startMs > toMs) break;
		if (following.startMs > fromMs) found.push(following);
		current = following;
	}
	return found;
}
