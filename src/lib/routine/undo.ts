/**
 * Undo and redo as a stack of immutable snapshots: every edit pushes what was, and a run of typing
 * in one field within a moment is one step back, as in any text editor.
 */

/** Where an editor stands: what is, what was before it, what an undo took away. */
export interface History<T> {
	readonly past: readonly T[];
	readonly present: T;
	readonly future: readonly T[];
	/** The field last typed in and when, so the next keystroke there joins the same step. */
	readonly typing?: { readonly field: string; readonly atMs: number };
}

/** Keystrokes in one field closer together than this are one undo step. */
export const COALESCE_MS = 1000;

/** How many steps back are kept: enough for a long session, bounded for memory. */
export const HISTORY_LIMIT = 200;

/** A history that starts at `present`, with nothing to undo. */
export function startHistory<T>(present: T): History<T> {
	return { past: [], present, future: [] };
}

/**
 * The history after an edit. With `typing`, an edit in the same field as the last one, soon after
 * it, replaces the present instead of adding a step.
 */
export function record<T>(
	history: History<T>,
	next: T,
	typing?: { field: string; atMs: number }
): History<T> {
	if (next === history.present) return history;
	const last = history.typing;
	const joins =
		typing !== undefined &&
		last !== undefined &&
		last.field === typing.field &&
		typing.atMs - last.atMs < COALESCE_MS &&
		history.future.length === 0;
	if (joins) return { ...history, present: next, typing };
	return {
		past: [...history.past, history.present].slice(-HISTORY_LIMIT),
		present: next,
		future: [],
		typing
	};
}

/** One step back; nothing to undo leaves it as it is. */
export function undo<T>(history: History<T>): History<T> {
	if (history.past.length === 0) return history;
	// The past is not empty, so its last entry is a snapshot (T itself may include undefined).
	const previous = history.past[history.past.length - 1] as T;
	return {
		past: history.past.slice(0, -1),
		present: previous,
		future: [history.present, ...history.future]
	};
}

/** One step forward again after an undo. */
export function redo<T>(history: History<T>): History<T> {
	if (history.future.length === 0) return history;
	const [next, ...future] = history.future;
	return { past: [...history.past, history.present], present: next as T, future };
}
