/**
 * When the player must look at the engine again. Between these moments nothing a person sees
 * changes, so the page sleeps: no frame loop, no polling timer. CSS moves what moves.
 */
import type { SessionView } from '../../engine/view';

/** A wake set sooner than this fires this late: a timer that fired early is not a busy loop. */
export const MIN_WAKE_MS = 4;

/**
 * Milliseconds until the screen would show something else: the phase's seconds, the session's,
 * the flare's "in 0:20", or the next segment (a phase, a breath). Hidden, only the segment's end
 * matters (the engine's events: the checkpoint, the buzz). Undefined when nothing moves by
 * itself: before the start, paused, held, done.
 */
export function msUntilChange(view: SessionView, shown: boolean): number | undefined {
	if (view.mode !== 'running') return undefined;
	const toBoundary = Math.max(0, view.segmentDurationMs - view.segmentElapsedMs);
	if (!shown) return toBoundary;
	return Math.min(
		toBoundary,
		untilShownSecondChanges(view.phaseLeftMs),
		untilShownSecondChanges(view.sessionLeftMs),
		view.afterFlare ? untilShownSecondChanges(view.afterFlare.inMs) : Infinity
	);
}

/** A clock shows whole seconds rounded up (labels' formatClock): 4.2 s left shows 0:05 until 4 s. */
export function untilShownSecondChanges(leftMs: number): number {
	if (leftMs <= 0) return Infinity;
	const shownSec = Math.ceil(leftMs / 1000 - 1e-9);
	return leftMs - (shownSec - 1) * 1000;
}
